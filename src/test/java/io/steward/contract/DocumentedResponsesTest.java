package io.steward.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.auth.Totp;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reaches every documented operation with the statuses it documents, so that each real response
 * shape passes through the contract check ({@link io.steward.support.Contract}) at least once.
 * Behaviour is tested elsewhere; these tests assert the status and what identifies the case, and
 * leave the shape to the document.
 */
class DocumentedResponsesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("auth.login.max-failures-per-account", "2")
                .with("auth.login.max-failures-per-address", "1000")
                .with("http.max-body-bytes", "4096"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static final String PASSWORD = "Fresh-pass-1";

    private record Fresh(long id, String email, Auth auth) {}

    /** A client of its own, so tests that change state or fail logins do not touch the demo client. */
    private static Fresh freshClient() {
        String email = "c-" + UUID.randomUUID() + "@example.com";
        Res res = server.http().post("/admin/api/clients", Auth.admin(), Body.json(Map.of("email", email, "password", PASSWORD,
                "firstname", "Fresh", "country", "DE", "notes", "contract test")));
        assertThat(res.status()).isEqualTo(201);
        return new Fresh(res.json().at("/client/id").asLong(), email, Auth.basic(email, PASSWORD));
    }

    private static JsonNode login(String email, String password) {
        Res res = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", email, "password", password)));
        assertThat(res.status()).isEqualTo(200);
        return res.json();
    }

    // Client API: authentication

    @Test
    void POST_login_answers_200_400_401_and_429() {
        var c = freshClient();
        assertThat(login(c.email(), PASSWORD).path("token").asText()).contains(".");
        assertThat(server.http().post("/api/login", Auth.NONE, Body.form("username", c.email())).status()).isEqualTo(400);
        for (int i = 0; i < 2; i++) {
            Res wrong = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", c.email(), "password", "Wrong-pass-9")));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().path("error").toString()).isEqualTo("[\"wronglogin\",\"unauthorized\"]");
        }
        Res locked = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", c.email(), "password", PASSWORD)));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(server.http().get("/api/details", c.auth()).status()).isEqualTo(429);
    }

    @Test
    void two_factor_setup_and_codes_answer_documented_shapes() {
        var c = freshClient();
        Res enabled = server.http().put("/api/details", c.auth(), Body.json(Map.of("authy", List.of("Yes"))));
        assertThat(enabled.status()).isEqualTo(200);
        String secret = enabled.json().at("/authy_setup/secret").asText();
        assertThat(enabled.json().at("/client/authy/0").asText()).isEqualTo("Yes");
        Res noCode = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", c.email(), "password", PASSWORD)));
        assertThat(noCode.json().at("/error/0").asText()).isEqualTo("two_factor_code_required");
        String code = Totp.code(secret, server.clock.instant());
        Res withCode = server.http().post("/api/login", Auth.NONE.withHeader("X-Auth-Code", code),
                Body.json(Map.of("username", c.email(), "password", PASSWORD)));
        assertThat(withCode.status()).isEqualTo(200);
        assertThat(server.http().get("/api/details?code=" + code, c.auth()).status()).isEqualTo(200);
        Res badCode = server.http().get("/api/details", c.auth().withHeader("X-Auth-Code", "000000".equals(code) ? "111111" : "000000"));
        assertThat(badCode.json().at("/error/0").asText()).isEqualTo("two_factor_code_invalid");
    }

    @Test
    void POST_token_answers_200_400_and_401() {
        var c = freshClient();
        String refresh = login(c.email(), PASSWORD).path("refresh").asText();
        Res pair = server.http().post("/api/token", Auth.NONE, Body.form("refresh_token", refresh));
        assertThat(pair.status()).isEqualTo(200);
        assertThat(pair.json().path("refresh").asText()).isNotEqualTo(refresh);
        assertThat(server.http().post("/api/token", Auth.NONE, Body.NONE).status()).isEqualTo(400);
        Res reused = server.http().post("/api/token", Auth.NONE, Body.json(Map.of("refresh_token", refresh)));
        assertThat(reused.json().at("/error/0").asText()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void POST_revoke_and_logout_answer_200_400_and_401() {
        var c = freshClient();
        String refresh = login(c.email(), PASSWORD).path("refresh").asText();
        assertThat(server.http().post("/api/revoke?refresh_token=" + refresh, Auth.NONE, Body.NONE).json().path("status").asBoolean()).isTrue();
        String token = login(c.email(), PASSWORD).path("token").asText();
        assertThat(server.http().post("/api/revoke", Auth.bearer(token), Body.NONE).status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", Auth.bearer(token)).json().at("/error/0").asText()).isEqualTo("token_revoked");
        assertThat(server.http().post("/api/revoke", Auth.NONE, Body.NONE).status()).isEqualTo(400);
        assertThat(server.http().post("/api/revoke", Auth.NONE, Body.json(Map.of("refresh_token", "nope"))).status()).isEqualTo(401);
        String other = login(c.email(), PASSWORD).path("token").asText();
        assertThat(server.http().post("/api/logout", Auth.bearer(other), Body.NONE).json().path("status").asBoolean()).isTrue();
        assertThat(server.http().post("/api/logout", Auth.NONE, Body.NONE).json().at("/error/0").asText()).isEqualTo("unauthorized");
    }

    @Test
    void bad_credentials_answer_401_with_their_error_keys() {
        assertThat(server.http().get("/api/details", Auth.bearer("a.b.c")).json().at("/error/0").asText()).isEqualTo("invalid_token");
        assertThat(server.http().get("/api/details", Auth.raw("Basic")).json().at("/error/0").asText()).isEqualTo("malformed_authorization_header");
        assertThat(server.http().get("/api/details", Auth.raw("Digest abc")).json().at("/error/0").asText()).isEqualTo("unsupported_authorization_scheme");
        assertThat(server.http().get("/api/details", Auth.basic("demo@example.com", "not-it-1")).status()).isEqualTo(401);
    }

    @Test
    void malformed_and_oversized_bodies_answer_400_and_413() {
        assertThat(server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "{nope")).status()).isEqualTo(400);
        assertThat(server.http().post("/api/login", Auth.NONE, Body.raw("application/xml", "<a/>")).status()).isEqualTo(400);
        assertThat(server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "{\"x\": \"" + "a".repeat(5000) + "\"}")).status())
                .isEqualTo(413);
        assertThat(server.http().post("/admin/api/clients", Auth.admin(), Body.raw("application/json", "[1]")).status()).isEqualTo(400);
    }

    // Client API: account

    @Test
    void GET_details_answers_the_client_for_holder_and_contact() {
        assertThat(server.http().get("/api/details", Auth.demo()).json().at("/client/status").asText()).isEqualTo("Active");
        assertThat(server.http().get("/api/details", Auth.demoContact()).json().at("/client/email").asText()).isEqualTo("demo@example.com");
    }

    @Test
    void PUT_details_answers_200_400_403_409_and_422() {
        var c = freshClient();
        Res ok = server.http().put("/api/details", c.auth(), Body.form("city", "Berlin", "ripetech[]", "checked", "type", "Company"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().at("/client/ripetech/0").asText()).isEqualTo("checked");
        assertThat(server.http().put("/api/details", c.auth(), Body.json(Map.of("city", Map.of("a", 1)))).status()).isEqualTo(400);
        assertThat(server.http().put("/api/details", Auth.demoContact(), Body.json(Map.of("city", "X"))).status()).isEqualTo(403);
        assertThat(server.http().put("/api/details", c.auth(), Body.json(Map.of("email", "contact@example.com"))).status()).isEqualTo(409);
        Res invalid = server.http().put("/api/details", c.auth(), Body.json(Map.of("country", "Nowhere")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().at("/fields/country")).isNotEmpty();
    }

    @Test
    void GET_logs_answers_200_400_and_403() {
        var c = freshClient();
        Res logs = server.http().get("/api/logs?perpage=2", c.auth());
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.json().path("perpage").asInt()).isEqualTo(2);
        assertThat(logs.json().path("total").asInt()).isPositive();
        assertThat(server.http().get("/api/logs?page=0", c.auth()).status()).isEqualTo(400);
        assertThat(server.http().get("/api/logs", Auth.demoContact()).status()).isEqualTo(403);
    }

    // Client API: contacts

    @Test
    void contacts_answer_their_documented_shapes_and_errors() {
        var c = freshClient();
        String email = "k-" + UUID.randomUUID() + "@example.com";
        Res added = server.http().post("/api/contact", c.auth(), Body.form("email", email, "password", "Contact-pass-2",
                "privileges[support][]", "tickets", "privileges[services][full]", "1", "authy[]", "Yes"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().at("/authy_setup/uri").asText()).startsWith("otpauth://");
        String id = added.json().path("contact_id").asText();

        assertThat(server.http().get("/api/contact", c.auth()).json().at("/contacts/0/id").asText()).isEqualTo(id);
        Res one = server.http().get("/api/contact/" + id, c.auth());
        assertThat(one.json().at("/contact/login").asText()).isEqualTo("1");
        assertThat(one.json().at("/contact/privileges/services/full").asInt()).isEqualTo(1);
        assertThat(server.http().put("/api/contact/" + id, c.auth(), Body.json(Map.of("lastname", "Changed", "authy", "")))
                .json().at("/info/0").asText()).isEqualTo("profile_updated");

        assertThat(server.http().post("/api/contact", c.auth(), Body.json(Map.of("email", email, "password", "Contact-pass-2"))).status())
                .isEqualTo(409);
        assertThat(server.http().post("/api/contact", c.auth(), Body.json(Map.of("firstname", "No email"))).status()).isEqualTo(422);
        assertThat(server.http().put("/api/contact/" + id, c.auth(), Body.json(Map.of("privileges", Map.of("nope", List.of("x")))))
                .status()).isEqualTo(422);
        assertThat(server.http().get("/api/contact/999999999", c.auth()).status()).isEqualTo(404);
        assertThat(server.http().put("/api/contact/abc", c.auth(), Body.json(Map.of("city", "X"))).status()).isEqualTo(404);
        assertThat(server.http().get("/api/contact", Auth.demoContact()).status()).isEqualTo(403);
        assertThat(server.http().post("/api/contact", Auth.demoContact(), Body.json(Map.of("email", "z@example.com"))).status()).isEqualTo(403);
        assertThat(server.http().get("/api/contact/" + id, Auth.demoContact()).status()).isEqualTo(403);
    }

    @Test
    void GET_contact_privileges_lists_the_catalog_for_any_caller() {
        assertThat(server.http().get("/api/contact/privileges", Auth.demo()).json().at("/privileges/services/full").asInt()).isEqualTo(1);
        assertThat(server.http().get("/api/contact/privileges", Auth.demoContact()).json().at("/privileges/misc/0").asText()).isEqualTo("editmain");
    }

    // Admin API

    @Test
    void admin_client_listing_answers_200_401_and_422() {
        var c = freshClient();
        Res found = server.http().get("/admin/api/clients?q=" + c.email() + "&status=Active", Auth.admin());
        assertThat(found.json().path("total").asInt()).isEqualTo(1);
        assertThat(server.http().get("/admin/api/clients?status=Bogus", Auth.admin()).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/clients", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/clients", Auth.bearer("wrong-key")).json().path("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void admin_client_changes_answer_their_documented_statuses() {
        var c = freshClient();
        String base = "/admin/api/clients/" + c.id();
        assertThat(server.http().get(base, Auth.admin()).json().at("/client/id").asLong()).isEqualTo(c.id());
        assertThat(server.http().put(base, Auth.admin(), Body.json(Map.of("ripetech", true, "notes", "n"))).json().at("/client/ripetech").asBoolean())
                .isTrue();
        assertThat(server.http().put(base, Auth.admin(), Body.json(Map.of("email", "demo@example.com"))).status()).isEqualTo(409);
        assertThat(server.http().put(base, Auth.admin(), Body.json(Map.of("type", "Neither"))).status()).isEqualTo(422);
        assertThat(server.http().post("/admin/api/clients", Auth.admin(), Body.json(Map.of("email", c.email(), "password", PASSWORD))).status())
                .isEqualTo(409);
        assertThat(server.http().post("/admin/api/clients", Auth.admin(), Body.json(Map.of("email", "x@example.com"))).status()).isEqualTo(422);

        assertThat(server.http().put(base + "/status", Auth.admin(), Body.json(Map.of("status", "Suspended"))).json().at("/client/status").asText())
                .isEqualTo("Suspended");
        assertThat(server.http().put(base + "/status", Auth.admin(), Body.json(Map.of("status", "Gone"))).status()).isEqualTo(422);
        assertThat(server.http().put(base + "/status", Auth.admin(), Body.NONE).status()).isEqualTo(400);

        assertThat(server.http().post(base + "/password", Auth.admin(), Body.NONE).json().path("password").asText()).isNotEmpty();
        assertThat(server.http().post(base + "/password", Auth.admin(), Body.json(Map.of("password", "Chosen-pass-2"))).json().has("password"))
                .isFalse();
        assertThat(server.http().post(base + "/password", Auth.admin(), Body.json(Map.of("password", "short"))).status()).isEqualTo(422);

        Res logs = server.http().get(base + "/logs", Auth.admin());
        assertThat(logs.json().path("total").asInt()).isPositive();
        assertThat(server.http().delete(base, Auth.admin()).json().path("deleted").asBoolean()).isTrue();
        for (Res gone : List.of(server.http().get(base, Auth.admin()), server.http().delete(base, Auth.admin()),
                server.http().put(base, Auth.admin(), Body.json(Map.of("city", "X"))),
                server.http().put(base + "/status", Auth.admin(), Body.json(Map.of("status", "Active"))),
                server.http().post(base + "/password", Auth.admin(), Body.NONE), server.http().get(base + "/logs", Auth.admin()))) {
            assertThat(gone.status()).isEqualTo(404);
        }
    }
}
