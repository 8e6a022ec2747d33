package io.steward.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh client accounts for tests that change state (passwords, locks, TOTP, status), created
 * through the admin API so no test depends on what another did to the demo client; and the login
 * calls and 401 checks the auth tests share.
 *
 * <p>Every request to a default test server comes from 127.0.0.1, so the failed logins of one test
 * class share a per-address counter (20 per 15 minutes); {@link RateLimitTest} gives each test its
 * own forwarded address instead.
 */
final class TestAccounts {
    static final String PASSWORD = "Secret-pass-1";

    private TestAccounts() {}

    /** A client account with its login. */
    record Account(long id, String email, String password) {
        Auth basic() {
            return Auth.basic(email, password);
        }
    }

    /** What {@code POST /login} and {@code POST /token} hand out. */
    record Tokens(String token, String refresh) {
        Auth bearer() {
            return Auth.bearer(token);
        }
    }

    static String uniqueEmail() {
        return "auth-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    }

    static Account create(TestServer server) {
        return create(server, uniqueEmail(), PASSWORD);
    }

    static Account create(TestServer server, String email, String password) {
        var res = server.http().post("/admin/api/clients", Auth.admin(),
                Body.json(Map.of("email", email, "firstname", "Test", "lastname", "Client", "password", password)));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return new Account(res.json().at("/client/id").asLong(), email, password);
    }

    static void setStatus(TestServer server, Account account, String status) {
        var res = server.http().put("/admin/api/clients/" + account.id() + "/status", Auth.admin(), Body.json(Map.of("status", status)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/status").asText()).isEqualTo(status);
    }

    static Http.Res login(TestServer server, String email, String password) {
        return server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", email, "password", password)));
    }

    /** Logs in and insists it worked. */
    static Tokens tokens(TestServer server, Account account) {
        return tokens(login(server, account.email(), account.password()));
    }

    static Tokens tokens(Http.Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode body = res.json();
        assertThat(body.path("token").asText()).isNotBlank();
        assertThat(body.path("refresh").asText()).isNotBlank();
        return new Tokens(body.get("token").asText(), body.get("refresh").asText());
    }

    static Http.Res refresh(TestServer server, String refreshToken) {
        return server.http().post("/api/token", Auth.NONE, Body.json(Map.of("refresh_token", refreshToken)));
    }

    /** Adds a contact with a login to the holder's account; answers the contact id. */
    static String createContact(TestServer server, Account holder, String email, String password, Map<String, Object> privileges) {
        var res = server.http().post("/api/contact", holder.basic(), Body.json(Map.of(
                "email", email, "firstname", "Some", "lastname", "Contact", "password", password, "privileges", privileges)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().path("contact_id").asText();
    }

    static Http.Res details(TestServer server, Auth auth) {
        return server.http().get("/api/details", auth);
    }

    /** A client-API 401: the error keys, the failure envelope, and the challenge header. */
    static void assertUnauthorized(Http.Res res, String... errors) {
        assertThat(res.status()).as(res.toString()).isEqualTo(401);
        assertThat(res.json().path("success").asBoolean(true)).isFalse();
        assertThat(errorKeys(res)).containsExactly(errors);
        assertThat(res.header("WWW-Authenticate")).isNotBlank();
    }

    static void assertWrongLogin(Http.Res res) {
        assertUnauthorized(res, "wronglogin", "unauthorized");
    }

    static List<String> errorKeys(Http.Res res) {
        var out = new ArrayList<String>();
        res.json().path("error").forEach(e -> out.add(e.asText()));
        return out;
    }

    static JWTClaimsSet claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    /** A six-digit code that matches none of the steps {@link Totp#verify} accepts at {@code at}. */
    static String wrongCode(String secret, Instant at) {
        var accepted = List.of(Totp.code(secret, at.minusSeconds(30)), Totp.code(secret, at), Totp.code(secret, at.plusSeconds(30)));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!accepted.contains(candidate)) return candidate;
        }
    }
}
