package io.steward.auth;

import static io.steward.auth.TestAccounts.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logins, failed logins and revocations show up in the holder's {@code GET /logs}. */
class LoginActivityTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static List<String> actions(JsonNode logs) {
        var out = new ArrayList<String>();
        logs.forEach(e -> out.add(e.path("action").asText()));
        return out;
    }

    @Test
    void GET_logs_lists_login_failed_login_and_logout_newest_first_with_date_and_ip() {
        var account = TestAccounts.create(server);
        var session = tokens(server, account);
        assertThat(TestAccounts.login(server, account.email(), "Wrong-pass-1").status()).isEqualTo(401);
        assertThat(server.http().post("/api/logout", session.bearer(), Body.NONE).status()).isEqualTo(200);
        // Reading with a second token adds one more login, which must come out first.
        var reader = tokens(server, account);

        var res = server.http().get("/api/logs", reader.bearer());

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode logs = res.json().path("logs");
        assertThat(actions(logs)).containsExactly("login", "token_revoked", "login_failed", "login", "account_created");
        long previousId = Long.MAX_VALUE;
        for (JsonNode e : logs) {
            assertThat(e.path("id").isTextual()).isTrue();
            long id = Long.parseLong(e.path("id").asText());
            assertThat(id).isLessThan(previousId);
            previousId = id;
            assertThat(e.path("date").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(e.path("contact_id").asText()).isEqualTo("0");
            assertThat(e.path("description").asText()).isNotBlank();
        }
        for (int i = 0; i < 4; i++) assertThat(logs.get(i).path("ip").asText()).as("entry %d", i).isEqualTo("127.0.0.1");
        assertThat(res.json().path("total").asInt()).isEqualTo(5);
    }

    @Test
    void failed_logins_of_other_accounts_do_not_appear() {
        var account = TestAccounts.create(server);
        var other = TestAccounts.create(server);
        assertThat(TestAccounts.login(server, other.email(), "Wrong-pass-1").status()).isEqualTo(401);

        var res = server.http().get("/api/logs", tokens(server, account).bearer());

        assertThat(actions(res.json().path("logs"))).containsExactly("login", "account_created");
    }

    @Test
    void basic_auth_logins_are_recorded_once_per_verification() {
        var account = TestAccounts.create(server);

        var first = server.http().get("/api/logs", account.basic());
        var second = server.http().get("/api/logs", account.basic());

        assertThat(actions(first.json().path("logs"))).containsExactly("login", "account_created");
        // The second request is served from the credential cache, so it logs nothing new.
        assertThat(actions(second.json().path("logs"))).containsExactly("login", "account_created");
        assertThat(first.json().at("/logs/0/description").asText()).containsIgnoringCase("basic");
    }

    @Test
    void revoking_by_refresh_token_is_recorded_as_token_revoked() {
        var account = TestAccounts.create(server);
        var t = tokens(server, account);
        assertThat(server.http().post("/api/revoke", Auth.NONE, Body.json(Map.of("refresh_token", t.refresh()))).status()).isEqualTo(200);

        var res = server.http().get("/admin/api/clients/" + account.id() + "/logs", Auth.admin());

        assertThat(actions(res.json().path("logs"))).startsWith("token_revoked", "login");
    }

    @Test
    void a_contacts_login_is_recorded_with_its_contact_id() {
        var holder = TestAccounts.create(server);
        String email = TestAccounts.uniqueEmail();
        String contactId = TestAccounts.createContact(server, holder, email, "Contact-pass-2", Map.of());

        assertThat(TestAccounts.login(server, email, "Contact-pass-2").status()).isEqualTo(200);

        var res = server.http().get("/api/logs", holder.basic());
        JsonNode contactLogin = null;
        for (JsonNode e : res.json().path("logs")) {
            if (e.path("action").asText().equals("login") && e.path("contact_id").asText().equals(contactId)) contactLogin = e;
        }
        assertThat(contactLogin).as(res.toString()).isNotNull();
    }

    @Test
    void GET_logs_is_refused_to_a_contact_without_editmain() {
        var res = server.http().get("/api/logs", Auth.demoContact());

        assertThat(res.status()).as(res.toString()).isEqualTo(403);
    }
}
