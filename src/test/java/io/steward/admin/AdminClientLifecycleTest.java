package io.steward.admin;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating, reading, updating, suspending, closing, resetting and deleting clients as staff. */
class AdminClientLifecycleTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        // Many tests prove a credential stopped working; each proof is a failed login from 127.0.0.1.
        server = TestServer.start(c -> c.with("auth.login.max-failures-per-address", "1000"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static Res create(Map<String, Object> body) {
        return server.http().post("/admin/api/clients", Auth.admin(), Body.json(body));
    }

    private static JsonNode get(long id) {
        var res = server.http().get("/admin/api/clients/" + id, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("client");
    }

    private static Res setStatus(long id, String status) {
        return server.http().put("/admin/api/clients/" + id + "/status", Auth.admin(), Body.json(Map.of("status", status)));
    }

    private static int basic(String email, String password) {
        return server.http().get("/api/details", Auth.basic(email, password)).status();
    }

    private static Res login(String email, String password) {
        return server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", email, "password", password)));
    }

    private static void assertInvalid(Res res, String field) {
        assertThat(res.status()).as(res.toString()).isEqualTo(422);
        assertThat(res.json().get("error").asText()).isEqualTo("unprocessable");
        assertThat(res.json().at("/fields/" + field).isArray()).as(res.toString()).isTrue();
    }

    @Test
    void POST_clients_creates_a_client_that_can_log_in_and_answers_201() {
        String email = AccountFixtures.uniqueEmail("new");
        var res = create(obj("email", email, "password", "Created-pass-1", "firstname", "Ada", "lastname", "Lovelace",
                "companyname", "Engines Ltd", "country", "GB", "type", "Company", "notes", "Met at a conference"));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        JsonNode c = res.json().get("client");
        assertThat(c.get("id").isNumber()).isTrue();
        assertThat(c.get("email").asText()).isEqualTo(email);
        assertThat(c.get("status").asText()).isEqualTo("Active");
        assertThat(c.get("notes").asText()).isEqualTo("Met at a conference");
        assertThat(c.get("type").asText()).isEqualTo("Company");
        assertThat(c.get("totp_enabled").asBoolean(true)).isFalse();
        assertThat(c.get("lastlogin_at").isNull()).isTrue();
        assertThat(c.has("password")).isFalse();
        assertThat(res.text()).doesNotContain("Created-pass-1");
        var details = server.http().get("/api/details", Auth.basic(email, "Created-pass-1"));
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().at("/client/id").asText()).isEqualTo(c.get("id").asText());
        assertThat(details.json().at("/client/companyname").asText()).isEqualTo("Engines Ltd");
    }

    @Test
    void POST_clients_without_an_email_gives_422_naming_email() {
        assertInvalid(create(Map.of("password", "Created-pass-1")), "email");
    }

    @Test
    void POST_clients_without_a_password_gives_422_naming_password() {
        assertInvalid(create(Map.of("email", AccountFixtures.uniqueEmail("nopw"))), "password");
    }

    @Test
    void POST_clients_with_a_weak_password_gives_422() {
        assertInvalid(create(Map.of("email", AccountFixtures.uniqueEmail("weak"), "password", "short1")), "password");
        assertInvalid(create(Map.of("email", AccountFixtures.uniqueEmail("weak"), "password", "onlyletters")), "password");
        assertInvalid(create(Map.of("email", AccountFixtures.uniqueEmail("weak"), "password", "1234567890")), "password");
    }

    @Test
    void POST_clients_with_bad_profile_fields_reports_each_and_creates_nothing() {
        String email = AccountFixtures.uniqueEmail("bad");
        var res = create(obj("email", email, "password", "Created-pass-1", "country", "XX", "type", "Business", "status", "Deleted"));
        assertInvalid(res, "country");
        assertThat(res.json().at("/fields/type").isArray()).isTrue();
        assertThat(res.json().at("/fields/status").isArray()).isTrue();
        assertThat(server.http().get("/admin/api/clients?q=" + email, Auth.admin()).json().get("total").asInt()).isZero();
    }

    @Test
    void POST_clients_with_an_email_already_used_gives_409() {
        var res = create(Map.of("email", "Demo@Example.com", "password", "Created-pass-1"));
        assertThat(res.status()).as(res.toString()).isEqualTo(409);
        assertThat(res.json().get("error").asText()).isEqualTo("conflict");
        assertThat(server.http().get("/admin/api/clients?q=demo@example.com", Auth.admin()).json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void GET_client_answers_it_and_an_unknown_id_gives_404() {
        NewClient c = AccountFixtures.client(server);
        assertThat(get(c.id()).get("email").asText()).isEqualTo(c.email());
        var missing = server.http().get("/admin/api/clients/987654321", Auth.admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
        assertThat(server.http().get("/admin/api/clients/abc", Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void PUT_client_changes_profile_fields_and_notes() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/admin/api/clients/" + c.id(), Auth.admin(),
                Body.json(obj("firstname", "Grace", "city", "Arlington", "country", "US", "ripeadmin", true, "notes", "Prefers phone")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode after = get(c.id());
        assertThat(after.get("firstname").asText()).isEqualTo("Grace");
        assertThat(after.get("city").asText()).isEqualTo("Arlington");
        assertThat(after.get("country").asText()).isEqualTo("US");
        assertThat(after.get("ripeadmin").asBoolean()).isTrue();
        assertThat(after.get("notes").asText()).isEqualTo("Prefers phone");
        assertThat(after.get("lastname").asText()).isEqualTo("Client");
        var viaClientApi = server.http().get("/api/details", c.auth()).json().get("client");
        assertThat(viaClientApi.get("firstname").asText()).isEqualTo("Grace");
        assertThat(viaClientApi.get("ripeadmin").toString()).isEqualTo("[\"checked\"]");
        assertThat(viaClientApi.has("notes")).as("staff notes stay internal").isFalse();
    }

    @Test
    void PUT_client_with_only_notes_leaves_the_profile() {
        NewClient c = AccountFixtures.client(server);
        JsonNode before = get(c.id());
        server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(Map.of("notes", "Just a note")));
        JsonNode after = get(c.id());
        assertThat(after.get("notes").asText()).isEqualTo("Just a note");
        for (String f : List.of("email", "firstname", "lastname", "country", "status")) assertThat(after.get(f)).isEqualTo(before.get(f));
    }

    @Test
    void PUT_client_with_bad_fields_gives_422_and_changes_nothing() {
        NewClient c = AccountFixtures.client(server);
        JsonNode before = get(c.id());
        assertInvalid(server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(obj("firstname", "X", "email", "bad"))), "email");
        assertThat(get(c.id())).isEqualTo(before);
    }

    @Test
    void PUT_client_with_a_used_email_gives_409() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(Map.of("email", "contact@example.com")));
        assertThat(res.status()).isEqualTo(409);
        assertThat(get(c.id()).get("email").asText()).isEqualTo(c.email());
    }

    @Test
    void PUT_client_with_a_new_email_moves_the_login_name() {
        NewClient c = AccountFixtures.client(server);
        assertThat(basic(c.email(), c.password())).isEqualTo(200);
        String fresh = AccountFixtures.uniqueEmail("staffmoved");
        assertThat(server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(Map.of("email", fresh))).status()).isEqualTo(200);
        assertThat(basic(c.email(), c.password())).isEqualTo(401);
        assertThat(basic(fresh, c.password())).isEqualTo(200);
    }

    @Test
    void PUT_unknown_client_gives_404() {
        assertThat(server.http().put("/admin/api/clients/987654321", Auth.admin(), Body.json(Map.of("notes", "x"))).status()).isEqualTo(404);
    }

    @Test
    void PUT_status_moves_between_Active_Suspended_and_Closed() {
        NewClient c = AccountFixtures.client(server);
        for (String s : List.of("Suspended", "Closed", "Active")) {
            var res = setStatus(c.id(), s);
            assertThat(res.status()).as(res.toString()).isEqualTo(200);
            assertThat(res.json().at("/client/status").asText()).isEqualTo(s);
            assertThat(get(c.id()).get("status").asText()).isEqualTo(s);
        }
        assertThat(basic(c.email(), c.password())).isEqualTo(200);
    }

    @Test
    void PUT_status_with_an_unknown_status_gives_422_and_keeps_the_old_one() {
        NewClient c = AccountFixtures.client(server);
        assertInvalid(setStatus(c.id(), "Banned"), "status");
        assertInvalid(setStatus(c.id(), "active"), "status");
        assertThat(get(c.id()).get("status").asText()).isEqualTo("Active");
    }

    @Test
    void PUT_status_without_a_status_gives_400() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/admin/api/clients/" + c.id() + "/status", Auth.admin(), Body.json(Map.of()));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().at("/fields/status").isArray()).isTrue();
    }

    @Test
    void PUT_status_of_an_unknown_client_gives_404() {
        assertThat(setStatus(987654321L, "Closed").status()).isEqualTo(404);
    }

    @Test
    void a_suspended_client_can_still_log_in() {
        NewClient c = AccountFixtures.client(server);
        assertThat(setStatus(c.id(), "Suspended").status()).isEqualTo(200);
        assertThat(basic(c.email(), c.password())).isEqualTo(200);
        assertThat(login(c.email(), c.password()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", c.auth()).json().at("/client/status").asText()).isEqualTo("Suspended");
    }

    @Test
    void a_closed_client_cannot_log_in_and_its_tokens_and_contacts_stop_working() {
        NewClient c = AccountFixtures.client(server);
        var contact = AccountFixtures.contact(server, c.auth(), null, true);
        String token = login(c.email(), c.password()).json().get("token").asText();
        assertThat(basic(contact.email(), contact.password())).isEqualTo(200);

        assertThat(setStatus(c.id(), "Closed").status()).isEqualTo(200);
        assertThat(basic(c.email(), c.password())).isEqualTo(401);
        var refused = login(c.email(), c.password());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").toString()).contains("wronglogin");
        assertThat(server.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(401);
        assertThat(basic(contact.email(), contact.password())).isEqualTo(401);

        assertThat(setStatus(c.id(), "Active").status()).isEqualTo(200);
        assertThat(basic(c.email(), c.password())).isEqualTo(200);
    }

    @Test
    void POST_password_with_a_given_password_replaces_it_and_ends_sessions() {
        NewClient c = AccountFixtures.client(server);
        String token = login(c.email(), c.password()).json().get("token").asText();
        var res = server.http().post("/admin/api/clients/" + c.id() + "/password", Auth.admin(), Body.json(Map.of("password", "Reset-pass-9")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().get("sessions_revoked").asBoolean()).isTrue();
        assertThat(res.json().has("password")).as("a chosen password is not echoed").isFalse();
        assertThat(basic(c.email(), c.password())).isEqualTo(401);
        assertThat(basic(c.email(), "Reset-pass-9")).isEqualTo(200);
        assertThat(server.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(401);
    }

    @Test
    void POST_password_without_a_password_generates_one_that_works_for_basic_login() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().post("/admin/api/clients/" + c.id() + "/password", Auth.admin(), Body.json(Map.of()));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        String generated = res.json().get("password").asText();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(12);
        assertThat(res.json().get("sessions_revoked").asBoolean()).isTrue();
        assertThat(basic(c.email(), generated)).isEqualTo(200);
        assertThat(basic(c.email(), c.password())).isEqualTo(401);
        var again = server.http().post("/admin/api/clients/" + c.id() + "/password", Auth.admin(), Body.NONE);
        assertThat(again.json().get("password").asText()).isNotEqualTo(generated);
    }

    @Test
    void POST_password_with_a_weak_password_gives_422_and_keeps_the_old_one() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().post("/admin/api/clients/" + c.id() + "/password", Auth.admin(), Body.json(Map.of("password", "weak")));
        assertInvalid(res, "password");
        assertThat(basic(c.email(), c.password())).isEqualTo(200);
    }

    @Test
    void POST_password_for_an_unknown_client_gives_404() {
        var res = server.http().post("/admin/api/clients/987654321/password", Auth.admin(), Body.json(Map.of("password", "Reset-pass-9")));
        assertThat(res.status()).isEqualTo(404);
    }

    @Test
    void DELETE_client_removes_it_and_its_logins() {
        NewClient c = AccountFixtures.client(server);
        var contact = AccountFixtures.contact(server, c.auth(), null, true);
        String token = login(c.email(), c.password()).json().get("token").asText();
        assertThat(basic(contact.email(), contact.password())).isEqualTo(200);

        var res = server.http().delete("/admin/api/clients/" + c.id(), Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().get("deleted").asBoolean()).isTrue();
        assertThat(server.http().get("/admin/api/clients/" + c.id(), Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/clients/" + c.id() + "/logs", Auth.admin()).status()).isEqualTo(404);
        assertThat(basic(c.email(), c.password())).isEqualTo(401);
        assertThat(login(c.email(), c.password()).status()).isEqualTo(401);
        assertThat(server.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(401);
        assertThat(basic(contact.email(), contact.password())).isEqualTo(401);
        assertThat(server.http().delete("/admin/api/clients/" + c.id(), Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void a_deleted_clients_email_can_be_used_again() {
        NewClient c = AccountFixtures.client(server);
        server.http().delete("/admin/api/clients/" + c.id(), Auth.admin());
        var res = create(Map.of("email", c.email(), "password", "Second-life-1"));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        assertThat(res.json().at("/client/id").asLong()).isNotEqualTo(c.id());
    }

    @Test
    void GET_client_logs_lists_the_clients_history_newest_first() {
        NewClient c = AccountFixtures.client(server);
        server.http().get("/api/details", c.auth());
        setStatus(c.id(), "Suspended");
        var res = server.http().get("/admin/api/clients/" + c.id() + "/logs", Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode body = res.json();
        var actions = new ArrayList<String>();
        body.get("logs").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("status_changed", "login", "account_created");
        assertThat(body.get("total").asInt()).isEqualTo(3);
        JsonNode newest = body.get("logs").get(0);
        assertThat(newest.get("id").isNumber()).isTrue();
        assertThat(newest.get("description").asText()).contains("Active").contains("Suspended");
        assertThat(newest.get("date").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(body.get("logs").get(1).get("ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void GET_client_logs_pages() {
        NewClient c = AccountFixtures.client(server);
        setStatus(c.id(), "Suspended");
        setStatus(c.id(), "Active");
        var res = server.http().get("/admin/api/clients/" + c.id() + "/logs?perpage=1&page=2", Auth.admin());
        assertThat(res.json().get("logs").size()).isEqualTo(1);
        assertThat(res.json().get("total").asInt()).isEqualTo(3);
        assertThat(res.json().at("/logs/0/description").asText()).contains("from Active to Suspended");
    }
}
