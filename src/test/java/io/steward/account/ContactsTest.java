package io.steward.account;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.AccountFixtures.NewContact;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating, listing, reading and editing contacts as the account holder. */
class ContactsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        // Many tests prove a credential does not work; each proof is a failed login from 127.0.0.1.
        server = TestServer.start(c -> c.with("auth.login.max-failures-per-address", "1000"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode contact(Auth owner, long id) {
        var res = server.http().get("/api/contact/" + id, owner);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("contact");
    }

    private static int loginStatus(String email, String password) {
        return server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", email, "password", password))).status();
    }

    @Test
    void POST_contact_answers_success_a_string_contact_id_and_profile_added() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().post("/api/contact", c.auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("c"))));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().get("contact_id").isTextual()).isTrue();
        assertThat(res.json().get("contact_id").asText()).matches("[1-9][0-9]*");
        assertThat(res.json().get("info").toString()).isEqualTo("[\"profile_added\"]");
    }

    @Test
    void POST_contact_with_a_password_gives_a_login_by_basic_and_by_token() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, true);
        var details = server.http().get("/api/details", k.auth());
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.json().at("/client/id").asText()).isEqualTo(Long.toString(c.id()));
        var login = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", k.email(), "password", k.password())));
        assertThat(login.status()).isEqualTo(200);
        var viaToken = server.http().get("/api/contact/privileges", Auth.bearer(login.json().get("token").asText()));
        assertThat(viaToken.status()).isEqualTo(200);
        assertThat(contact(c.auth(), k.id()).get("login").asText()).isEqualTo("1");
    }

    @Test
    void POST_contact_without_a_password_gives_no_login() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, false);
        assertThat(server.http().get("/api/details", Auth.basic(k.email(), AccountFixtures.PASSWORD)).status()).isEqualTo(401);
        assertThat(loginStatus(k.email(), AccountFixtures.PASSWORD)).isEqualTo(401);
        assertThat(contact(c.auth(), k.id()).get("login").asText()).isEqualTo("0");
    }

    @Test
    void POST_contact_with_the_email_of_an_existing_login_gives_409_and_creates_nothing() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().post("/api/contact", c.auth(), Body.json(Map.of("email", "demo@example.com", "password", "Another-pass-1")));
        assertThat(res.status()).as(res.toString()).isEqualTo(409);
        assertThat(res.json().get("success").asBoolean(true)).isFalse();
        assertThat(server.http().get("/api/contact", c.auth()).json().get("contacts").size()).isZero();
    }

    @Test
    void POST_contact_twice_with_the_same_login_email_gives_409() {
        NewClient c = AccountFixtures.client(server);
        String email = AccountFixtures.uniqueEmail("twice");
        var body = Map.of("email", email, "password", "Twice-pass-1");
        assertThat(server.http().post("/api/contact", c.auth(), Body.json(body)).status()).isEqualTo(200);
        assertThat(server.http().post("/api/contact", c.auth(), Body.json(body)).status()).isEqualTo(409);
        assertThat(server.http().get("/api/contact", c.auth()).json().get("contacts").size()).isEqualTo(1);
    }

    @Test
    void POST_contact_without_an_email_is_refused_naming_email() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().post("/api/contact", c.auth(), Body.json(Map.of("firstname", "NoMail")));
        assertThat(res.status()).isIn(400, 422);
        assertThat(res.json().at("/fields/email").isArray()).isTrue();
        assertThat(server.http().get("/api/contact", c.auth()).json().get("contacts").size()).isZero();
    }

    @Test
    void POST_contact_with_bad_profile_fields_gives_422_naming_each() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().post("/api/contact", c.auth(), Body.json(obj("email", "bad", "country", "XX", "type", "Business",
                "password", "short")));
        assertThat(res.status()).isEqualTo(422);
        for (String f : List.of("email", "country", "type", "password")) {
            assertThat(res.json().at("/fields/" + f).isArray()).as(f).isTrue();
        }
        assertThat(server.http().get("/api/contact", c.auth()).json().get("contacts").size()).isZero();
    }

    @Test
    void GET_contact_lists_contacts_with_the_reference_fields_and_types() {
        NewClient c = AccountFixtures.client(server);
        var priv = AccountFixtures.contact(server, c.auth(), null, false);
        var res = server.http().post("/api/contact", c.auth(), Body.json(obj("email", AccountFixtures.uniqueEmail("co"),
                "firstname", "Mary", "lastname", "Sue", "companyname", "Sue Ltd", "type", "Company")));
        long companyId = Long.parseLong(res.json().get("contact_id").asText());

        var list = server.http().get("/api/contact", c.auth());
        assertThat(list.status()).isEqualTo(200);
        JsonNode contacts = list.json().get("contacts");
        assertThat(contacts.size()).isEqualTo(2);
        for (JsonNode k : contacts) {
            for (String f : List.of("email", "id", "firstname", "lastname", "companyname", "company", "lastlogin")) {
                assertThat(k.get(f).isTextual()).as("%s in %s", f, k).isTrue();
            }
            assertThat(k.get("lastlogin").asText()).isEqualTo("0000-00-00 00:00:00");
        }
        assertThat(contacts.get(0).get("id").asText()).isEqualTo(Long.toString(priv.id()));
        assertThat(contacts.get(0).get("company").asText()).isEqualTo("0");
        assertThat(contacts.get(1).get("id").asText()).isEqualTo(Long.toString(companyId));
        assertThat(contacts.get(1).get("company").asText()).isEqualTo("1");
        assertThat(contacts.get(1).get("firstname").asText()).isEqualTo("Mary");
        assertThat(contacts.get(1).get("companyname").asText()).isEqualTo("Sue Ltd");
    }

    @Test
    void GET_contact_shows_lastlogin_once_the_contact_has_logged_in() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, true);
        assertThat(server.http().get("/api/details", k.auth()).status()).isEqualTo(200);
        JsonNode listed = server.http().get("/api/contact", c.auth()).json().get("contacts").get(0);
        assertThat(listed.get("lastlogin").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}").isNotEqualTo("0000-00-00 00:00:00");
        assertThat(contact(c.auth(), k.id()).get("lastlogin").asText()).isEqualTo(listed.get("lastlogin").asText());
    }

    @Test
    void GET_contact_id_answers_every_profile_field_privileges_login_and_authy() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().post("/api/contact", c.auth(), Body.json(obj("email", AccountFixtures.uniqueEmail("full"),
                "firstname", "Mary", "lastname", "Sue", "address1", "Pretty View Lane", "address2", "3194", "city", "Santa Rosa",
                "state", "California", "postcode", "95401", "country", "US", "phonenumber", "+1.24123123", "type", "Private",
                "mobilephone", "+15415550101", "ripetech", List.of("checked"), "ripeperson", "MS1-RIPE", "riperole", "SUE-ROLE",
                "privileges", Map.of("support", List.of("tickets", "newticket")))));
        long id = Long.parseLong(res.json().get("contact_id").asText());
        JsonNode k = contact(c.auth(), id);
        assertThat(k.get("id").asText()).isEqualTo(Long.toString(id));
        var expected = Map.of("firstname", "Mary", "lastname", "Sue", "address1", "Pretty View Lane", "address2", "3194",
                "city", "Santa Rosa", "state", "California", "postcode", "95401", "country", "US", "phonenumber", "+1.24123123",
                "type", "Private");
        expected.forEach((f, v) -> assertThat(k.get(f).asText()).as(f).isEqualTo(v));
        assertThat(k.get("companyname").asText()).isEmpty();
        assertThat(k.get("mobilephone").asText()).isEqualTo("+15415550101");
        assertThat(k.get("ripetech").toString()).isEqualTo("[\"checked\"]");
        assertThat(k.get("ripeadmin").toString()).isEqualTo("[]");
        assertThat(k.get("riperole").asText()).isEqualTo("SUE-ROLE");
        assertThat(AccountFixtures.texts(k.get("privileges").get("support"))).containsExactlyInAnyOrder("tickets", "newticket");
        assertThat(k.get("lastlogin").asText()).isEqualTo("0000-00-00 00:00:00");
        assertThat(k.get("login").asText()).isEqualTo("0");
        assertThat(k.get("authy").toString()).isEqualTo("[]");
    }

    @Test
    void GET_contact_id_of_another_clients_contact_gives_404() {
        NewClient other = AccountFixtures.client(server);
        NewContact theirs = AccountFixtures.contact(server, other.auth(), null, false);
        var res = server.http().get("/api/contact/" + theirs.id(), Auth.demo());
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.json().get("success").asBoolean(true)).isFalse();
        assertThat(res.text()).doesNotContain(theirs.email());
    }

    @Test
    void GET_contact_id_that_is_not_a_number_gives_404() {
        assertThat(server.http().get("/api/contact/abc", Auth.demo()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/contact/1e3", Auth.demo()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/contact/99999999999999999999999", Auth.demo()).status()).isEqualTo(404);
    }

    @Test
    void GET_contact_id_that_does_not_exist_gives_404() {
        assertThat(server.http().get("/api/contact/987654321", Auth.demo()).status()).isEqualTo(404);
    }

    @Test
    void PUT_contact_id_changes_fields_and_answers_profile_updated() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, false);
        var res = server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(obj("firstname", "Renamed", "city", "Lyon",
                "country", "FR", "type", "Company", "companyname", "Renamed SA")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().get("info").toString()).isEqualTo("[\"profile_updated\"]");
        JsonNode after = contact(c.auth(), k.id());
        assertThat(after.get("firstname").asText()).isEqualTo("Renamed");
        assertThat(after.get("city").asText()).isEqualTo("Lyon");
        assertThat(after.get("country").asText()).isEqualTo("FR");
        assertThat(after.get("type").asText()).isEqualTo("Company");
        assertThat(after.get("lastname").asText()).isEqualTo("Contact");
        assertThat(after.get("email").asText()).isEqualTo(k.email());
    }

    @Test
    void PUT_contact_id_with_privileges_replaces_them() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), false);
        var res = server.http().put("/api/contact/" + k.id(), c.auth(),
                Body.json(Map.of("privileges", Map.of("billing", List.of("payinvoice", "balance")))));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode p = contact(c.auth(), k.id()).get("privileges");
        assertThat(p.has("support")).isFalse();
        assertThat(p.get("billing").toString()).isEqualTo("[\"payinvoice\",\"balance\"]");
    }

    @Test
    void PUT_contact_id_without_privileges_keeps_them() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), false);
        assertThat(server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("lastname", "Kept"))).status()).isEqualTo(200);
        assertThat(contact(c.auth(), k.id()).get("privileges").get("support").toString()).isEqualTo("[\"tickets\"]");
    }

    @Test
    void PUT_contact_id_with_a_password_makes_the_new_one_work_and_the_old_one_fail() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, true);
        assertThat(server.http().get("/api/details", k.auth()).status()).isEqualTo(200);
        var res = server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("password", "Changed-pass-2")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(server.http().get("/api/details", k.auth()).status()).isEqualTo(401);
        assertThat(server.http().get("/api/details", Auth.basic(k.email(), "Changed-pass-2")).status()).isEqualTo(200);
        assertThat(loginStatus(k.email(), "Changed-pass-2")).isEqualTo(200);
    }

    @Test
    void PUT_contact_id_with_a_password_gives_a_contact_without_login_one() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, false);
        assertThat(server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("password", "Granted-pass-3"))).status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", Auth.basic(k.email(), "Granted-pass-3")).status()).isEqualTo(200);
        assertThat(contact(c.auth(), k.id()).get("login").asText()).isEqualTo("1");
    }

    @Test
    void PUT_contact_id_with_a_weak_password_gives_422_and_keeps_the_old_one() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, true);
        var res = server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("password", "alllettersonly")));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().at("/fields/password").isArray()).isTrue();
        assertThat(loginStatus(k.email(), k.password())).isEqualTo(200);
    }

    @Test
    void PUT_contact_id_with_a_new_email_moves_its_login_name() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, true);
        assertThat(server.http().get("/api/details", k.auth()).status()).isEqualTo(200);
        String fresh = AccountFixtures.uniqueEmail("moved");
        assertThat(server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("email", fresh))).status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", k.auth()).status()).isEqualTo(401);
        assertThat(server.http().get("/api/details", Auth.basic(fresh, k.password())).status()).isEqualTo(200);
    }

    @Test
    void PUT_contact_id_with_the_email_of_another_login_gives_409() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, true);
        var res = server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("email", "demo@example.com")));
        assertThat(res.status()).isEqualTo(409);
        assertThat(contact(c.auth(), k.id()).get("email").asText()).isEqualTo(k.email());
    }

    @Test
    void PUT_contact_id_with_bad_fields_gives_422_and_changes_nothing() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, false);
        JsonNode before = contact(c.auth(), k.id());
        var res = server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(obj("firstname", "Changed", "country", "USA")));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().at("/fields/country").isArray()).isTrue();
        assertThat(contact(c.auth(), k.id())).isEqualTo(before);
    }

    @Test
    void PUT_contact_id_of_another_clients_contact_gives_404_and_changes_nothing() {
        NewClient other = AccountFixtures.client(server);
        NewContact theirs = AccountFixtures.contact(server, other.auth(), null, true);
        var res = server.http().put("/api/contact/" + theirs.id(), Auth.demo(),
                Body.json(Map.of("firstname", "Hijacked", "password", "Hijack-pass-1")));
        assertThat(res.status()).isEqualTo(404);
        assertThat(contact(other.auth(), theirs.id()).get("firstname").asText()).isEqualTo("Fixture");
        assertThat(loginStatus(theirs.email(), "Hijack-pass-1")).isEqualTo(401);
        assertThat(loginStatus(theirs.email(), theirs.password())).isEqualTo(200);
    }

    @Test
    void PUT_contact_id_that_is_not_a_number_gives_404() {
        assertThat(server.http().put("/api/contact/abc", Auth.demo(), Body.json(Map.of("firstname", "X"))).status()).isEqualTo(404);
    }

    @Test
    void contact_changes_are_recorded_in_the_logs() {
        NewClient c = AccountFixtures.client(server);
        NewContact k = AccountFixtures.contact(server, c.auth(), null, false);
        server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("firstname", "Logged")));
        JsonNode logs = server.http().get("/api/logs", c.auth()).json().get("logs");
        assertThat(logs.get(0).get("action").asText()).isEqualTo("contact_updated");
        assertThat(logs.get(0).get("description").asText()).contains("#" + k.id()).contains("firstname");
        assertThat(logs.get(1).get("action").asText()).isEqualTo("contact_added");
    }
}
