package io.steward.account;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /details} and successful {@code PUT /details}. */
class AccountDetailsTest {
    static TestServer server;

    /** A value for every writable field of the reference, each different from the fixture's. */
    static final Map<String, Object> EVERY_FIELD = new LinkedHashMap<>();

    static {
        EVERY_FIELD.put("firstname", "Joe");
        EVERY_FIELD.put("lastname", "Doe");
        EVERY_FIELD.put("companyname", "Doe Hosting");
        EVERY_FIELD.put("address1", "Pretty View Lane");
        EVERY_FIELD.put("address2", "3194");
        EVERY_FIELD.put("city", "Santa Rosa");
        EVERY_FIELD.put("state", "California");
        EVERY_FIELD.put("postcode", "95401");
        EVERY_FIELD.put("country", "US");
        EVERY_FIELD.put("phonenumber", "+1.24123123");
        EVERY_FIELD.put("type", "Company");
        EVERY_FIELD.put("mobilephone", "+15415550101");
        EVERY_FIELD.put("ripeperson", "JD1-RIPE");
        EVERY_FIELD.put("riperole", "DOE-ROLE");
    }

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode details(Auth auth) {
        var res = server.http().get("/api/details", auth);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("client");
    }

    @Test
    void GET_details_answers_every_reference_field_with_the_reference_types() {
        JsonNode c = details(Auth.demo());
        for (String f : List.of("id", "email", "lastlogin", "ip", "host", "firstname", "lastname", "companyname", "address1",
                "address2", "city", "state", "postcode", "country", "phonenumber", "type", "mobilephone", "ripeperson", "riperole")) {
            assertThat(c.has(f)).as("field %s in %s", f, c).isTrue();
            assertThat(c.get(f).isTextual()).as("field %s is a string in %s", f, c).isTrue();
        }
        assertThat(c.get("id").asText()).matches("[1-9][0-9]*");
        assertThat(c.get("email").asText()).isEqualTo("demo@example.com");
        assertThat(c.get("lastlogin").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}").isNotEqualTo("0000-00-00 00:00:00");
        assertThat(c.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(c.get("country").asText()).isEqualTo("US");
        assertThat(c.get("type").asText()).isIn("Private", "Company");
        assertThat(c.get("ripetech").isArray()).isTrue();
        assertThat(c.get("ripeadmin").isArray()).isTrue();
        assertThat(c.get("authy").isArray()).isTrue();
    }

    @Test
    void GET_details_as_a_contact_answers_the_account_holders_details() {
        assertThat(details(Auth.demoContact()).get("email").asText()).isEqualTo("demo@example.com");
    }

    @Test
    void GET_details_without_credentials_gives_401() {
        var res = server.http().get("/api/details", Auth.NONE);
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.json().get("error").toString()).contains("unauthorized");
    }

    @Test
    void PUT_details_as_json_changes_every_field_and_reads_back() {
        NewClient c = AccountFixtures.client(server);
        var body = new LinkedHashMap<String, Object>(EVERY_FIELD);
        body.put("ripetech", List.of("checked"));
        body.put("ripeadmin", List.of("checked"));
        var res = server.http().put("/api/details", c.auth(), Body.json(body));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertEveryField(res.json().get("client"));
        JsonNode again = details(c.auth());
        assertEveryField(again);
        assertThat(again.get("ripetech").toString()).isEqualTo("[\"checked\"]");
        assertThat(again.get("ripeadmin").toString()).isEqualTo("[\"checked\"]");
    }

    @Test
    void PUT_details_as_a_form_changes_every_field_and_reads_back() {
        NewClient c = AccountFixtures.client(server);
        var kv = new ArrayList<String>();
        EVERY_FIELD.forEach((k, v) -> { kv.add(k); kv.add((String) v); });
        kv.addAll(List.of("ripetech[]", "checked", "ripeadmin[]", "checked"));
        var res = server.http().put("/api/details", c.auth(), Body.form(kv.toArray(String[]::new)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode again = details(c.auth());
        assertEveryField(again);
        assertThat(again.get("ripetech").toString()).isEqualTo("[\"checked\"]");
    }

    @Test
    void PUT_details_in_the_query_string_changes_every_field_and_reads_back() {
        NewClient c = AccountFixtures.client(server);
        var q = new StringBuilder();
        EVERY_FIELD.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode((String) v, StandardCharsets.UTF_8)));
        q.append("&ripeadmin=checked");
        var res = server.http().put("/api/details" + q, c.auth(), Body.NONE);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode again = details(c.auth());
        assertEveryField(again);
        assertThat(again.get("ripeadmin").toString()).isEqualTo("[\"checked\"]");
    }

    @Test
    void PUT_details_changes_each_field_on_its_own() {
        NewClient c = AccountFixtures.client(server);
        for (var e : EVERY_FIELD.entrySet()) {
            var res = server.http().put("/api/details", c.auth(), Body.json(Map.of(e.getKey(), e.getValue())));
            assertThat(res.status()).as("%s: %s", e.getKey(), res).isEqualTo(200);
            assertThat(details(c.auth()).get(e.getKey()).asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void PUT_details_with_an_empty_list_clears_a_ripe_flag() {
        NewClient c = AccountFixtures.client(server, Map.of("ripetech", true));
        assertThat(details(c.auth()).get("ripetech").toString()).isEqualTo("[\"checked\"]");
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("ripetech", List.of())));
        assertThat(res.status()).isEqualTo(200);
        assertThat(details(c.auth()).get("ripetech").toString()).isEqualTo("[]");
    }

    @Test
    void PUT_details_with_some_fields_leaves_the_others_as_they_were() {
        NewClient c = AccountFixtures.client(server, Map.of("city", "Bonn", "companyname", "Acme GmbH", "postcode", "53111"));
        JsonNode before = details(c.auth());
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("city", "Köln")));
        assertThat(res.status()).isEqualTo(200);
        JsonNode after = details(c.auth());
        assertThat(after.get("city").asText()).isEqualTo("Köln");
        for (String f : List.of("email", "firstname", "lastname", "companyname", "postcode", "country", "type", "phonenumber")) {
            assertThat(after.get(f)).as(f).isEqualTo(before.get(f));
        }
    }

    @Test
    void PUT_details_answers_success_the_client_and_client_info_updated() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("lastname", "Renamed")));
        assertThat(res.status()).isEqualTo(200);
        JsonNode body = res.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("success").isBoolean()).isTrue();
        assertThat(body.get("info").toString()).isEqualTo("[\"client_info_updated\"]");
        assertThat(body.get("client").get("id").asText()).isEqualTo(Long.toString(c.id()));
        assertThat(body.get("client").get("lastname").asText()).isEqualTo("Renamed");
        assertThat(body.has("authy_setup")).isFalse();
    }

    @Test
    void PUT_details_records_profile_updated_in_the_logs() {
        NewClient c = AccountFixtures.client(server);
        server.http().put("/api/details", c.auth(), Body.json(Map.of("city", "Hamburg", "state", "HH")));
        var logs = server.http().get("/api/logs", c.auth());
        assertThat(logs.status()).isEqualTo(200);
        JsonNode newest = logs.json().get("logs").get(0);
        assertThat(newest.get("action").asText()).isEqualTo("profile_updated");
        assertThat(newest.get("description").asText()).contains("city").contains("state");
        assertThat(newest.get("contact_id").asText()).isEqualTo("0");
    }

    @Test
    void PUT_details_by_a_contact_with_editmain_is_logged_with_the_contacts_id() {
        NewClient c = AccountFixtures.client(server);
        var editor = AccountFixtures.contact(server, c.auth(), Map.of("misc", List.of("editmain")), true);
        var res = server.http().put("/api/details", editor.auth(), Body.json(Map.of("firstname", "ByContact")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(details(c.auth()).get("firstname").asText()).isEqualTo("ByContact");
        JsonNode newest = server.http().get("/api/logs", c.auth()).json().get("logs").get(0);
        assertThat(newest.get("action").asText()).isEqualTo("profile_updated");
        assertThat(newest.get("contact_id").asText()).isEqualTo(Long.toString(editor.id()));
    }

    @Test
    void PUT_details_that_changes_nothing_adds_no_log_entry() {
        NewClient c = AccountFixtures.client(server);
        int before = server.http().get("/api/logs", c.auth()).json().get("total").asInt();
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("firstname", "Fixture")));
        assertThat(res.status()).isEqualTo(200);
        assertThat(server.http().get("/api/logs", c.auth()).json().get("total").asInt()).isEqualTo(before);
    }

    @Test
    void PUT_details_lowercase_type_and_country_are_normalised() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/api/details", c.auth(), Body.json(obj("type", "company", "country", "fr")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode d = details(c.auth());
        assertThat(d.get("type").asText()).isEqualTo("Company");
        assertThat(d.get("country").asText()).isEqualTo("FR");
    }

    private static void assertEveryField(JsonNode client) {
        EVERY_FIELD.forEach((k, v) -> assertThat(client.get(k).asText()).as("%s in %s", k, client).isEqualTo(v));
    }
}
