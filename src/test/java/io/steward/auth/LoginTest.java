package io.steward.auth;

import static io.steward.auth.TestAccounts.assertWrongLogin;
import static io.steward.auth.TestAccounts.claims;
import static io.steward.auth.TestAccounts.details;
import static io.steward.auth.TestAccounts.login;
import static io.steward.auth.TestAccounts.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /login} in all three parameter encodings, its failures, and contacts logging in. */
class LoginTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void POST_login_with_right_credentials_gives_exactly_token_and_refresh() throws Exception {
        var account = TestAccounts.create(server);
        var res = login(server, account.email(), account.password());

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("token", "refresh");
        var t = tokens(res);
        assertThat(t.refresh()).isNotEqualTo(t.token());

        var jwt = SignedJWT.parse(t.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(Long.toString(account.id()));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void access_token_from_login_works_as_bearer_on_GET_details() {
        var account = TestAccounts.create(server);
        var t = tokens(server, account);

        var res = details(server, t.bearer());

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/id").asText()).isEqualTo(Long.toString(account.id()));
        assertThat(res.json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void two_logins_give_different_token_pairs_that_both_work() {
        var account = TestAccounts.create(server);
        var first = tokens(server, account);
        var second = tokens(server, account);

        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(details(server, first.bearer()).status()).isEqualTo(200);
        assertThat(details(server, second.bearer()).status()).isEqualTo(200);
    }

    @Test
    void POST_login_with_wrong_password_gives_401_wronglogin() {
        var account = TestAccounts.create(server);

        assertWrongLogin(login(server, account.email(), "Wrong-pass-1"));
    }

    @Test
    void POST_login_with_unknown_email_gives_the_same_401_wronglogin_as_a_wrong_password() {
        var account = TestAccounts.create(server);
        var unknown = login(server, TestAccounts.uniqueEmail(), account.password());
        var wrong = login(server, account.email(), "Wrong-pass-1");

        assertWrongLogin(unknown);
        assertThat(unknown.json()).isEqualTo(wrong.json());
    }

    @Test
    void POST_login_ignores_the_case_of_the_email() {
        var account = TestAccounts.create(server);

        var t = tokens(login(server, account.email().toUpperCase(), account.password()));

        assertThat(details(server, t.bearer()).json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void POST_login_password_is_case_sensitive() {
        var account = TestAccounts.create(server);

        assertWrongLogin(login(server, account.email(), account.password().toUpperCase()));
    }

    @Test
    void POST_login_without_username_gives_400_naming_the_field() {
        var res = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("password", "Secret-pass-1")));

        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.json().path("success").asBoolean(true)).isFalse();
        assertThat(res.json().at("/fields/username").isArray()).isTrue();
    }

    @Test
    void POST_login_without_password_gives_400_naming_the_field() {
        var res = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", "demo@example.com")));

        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.json().at("/fields/password").isArray()).isTrue();
    }

    @Test
    void POST_login_with_blank_password_gives_400() {
        var res = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", "demo@example.com", "password", "  ")));

        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.json().at("/fields/password").isArray()).isTrue();
    }

    @Test
    void POST_login_with_no_parameters_at_all_gives_400() {
        var res = server.http().post("/api/login", Auth.NONE, Body.NONE);

        assertThat(res.status()).as(res.toString()).isEqualTo(400);
    }

    @Test
    void POST_login_with_malformed_JSON_gives_400() {
        var res = server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "{\"username\": "));

        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.json().path("success").asBoolean(true)).isFalse();
    }

    @Test
    void POST_login_with_a_form_body_gives_a_working_token() {
        var account = TestAccounts.create(server);

        var res = server.http().post("/api/login", Auth.NONE, Body.form("username", account.email(), "password", account.password()));

        assertThat(details(server, tokens(res).bearer()).json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void POST_login_with_the_query_string_gives_a_working_token() {
        var account = TestAccounts.create(server);
        String query = "?username=" + URLEncoder.encode(account.email(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(account.password(), StandardCharsets.UTF_8);

        var res = server.http().post("/api/login" + query, Auth.NONE, Body.NONE);

        assertThat(details(server, tokens(res).bearer()).json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void POST_login_with_a_JSON_body_gives_a_working_token() {
        var account = TestAccounts.create(server);

        var res = server.http().post("/api/login", Auth.NONE,
                Body.json(Map.of("username", account.email(), "password", account.password())));

        assertThat(details(server, tokens(res).bearer()).json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void a_contact_logs_in_with_its_own_identity() {
        var contact = tokens(login(server, "contact@example.com", "Contact-pass-1"));
        var holder = tokens(login(server, "demo@example.com", "Demo-pass-1"));

        var contacts = server.http().get("/api/contact", holder.bearer());
        assertThat(contacts.status()).as(contacts.toString()).isEqualTo(200);
        String contactId = null;
        for (var c : contacts.json().path("contacts")) {
            if (c.path("email").asText().equals("contact@example.com")) contactId = c.path("id").asText();
        }
        assertThat(contactId).isNotNull();

        assertThat(claims(contact.token()).getClaim("cid")).hasToString(contactId);
        assertThat(claims(holder.token()).getClaim("cid")).isNull();
        assertThat(claims(contact.token()).getSubject()).isEqualTo(claims(holder.token()).getSubject());
        // The contact acts inside the holder's account.
        assertThat(details(server, contact.bearer()).json().at("/client/email").asText()).isEqualTo("demo@example.com");
    }

    @Test
    void a_logged_in_contact_is_held_to_its_privileges() {
        var contact = tokens(login(server, "contact@example.com", "Contact-pass-1"));

        var denied = server.http().get("/api/contact", contact.bearer());
        var allowed = server.http().get("/api/contact", Auth.demo());

        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.json().path("success").asBoolean(true)).isFalse();
        assertThat(allowed.status()).isEqualTo(200);
    }
}
