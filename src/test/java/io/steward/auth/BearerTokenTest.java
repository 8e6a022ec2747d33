package io.steward.auth;

import static io.steward.auth.TestAccounts.assertUnauthorized;
import static io.steward.auth.TestAccounts.claims;
import static io.steward.auth.TestAccounts.details;
import static io.steward.auth.TestAccounts.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.steward.core.Json;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bearer access tokens: forged, tampered, expired and revoked ones are refused. */
class BearerTokenTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** A token with the claims and key id of a real one, signed by a key the server never saw. */
    private static String signedByAnotherKey(String realToken, String kid) throws Exception {
        var key = new RSAKeyGenerator(2048).generate();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                claims(realToken));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void a_valid_token_is_accepted() {
        var account = TestAccounts.create(server);

        var res = details(server, tokens(server, account).bearer());

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void a_garbage_token_gives_401_invalid_token() {
        assertUnauthorized(details(server, Auth.bearer("not-a-jwt")), "invalid_token");
        assertUnauthorized(details(server, Auth.bearer("a.b.c")), "invalid_token");
    }

    @Test
    void a_token_signed_by_another_key_under_the_servers_key_id_gives_401_invalid_token() throws Exception {
        var real = tokens(server, TestAccounts.create(server));

        String forged = signedByAnotherKey(real.token(), kid(real.token()));

        assertUnauthorized(details(server, Auth.bearer(forged)), "invalid_token");
    }

    @Test
    void a_token_signed_by_another_key_under_an_unknown_key_id_gives_401_invalid_token() throws Exception {
        var real = tokens(server, TestAccounts.create(server));

        String forged = signedByAnotherKey(real.token(), UUID.randomUUID().toString());

        assertUnauthorized(details(server, Auth.bearer(forged)), "invalid_token");
    }

    @Test
    void a_token_with_a_tampered_payload_gives_401_invalid_token() throws Exception {
        var victim = TestAccounts.create(server);
        var attacker = tokens(server, TestAccounts.create(server));
        String[] parts = attacker.token().split("\\.");
        var payload = (ObjectNode) Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.put("sub", Long.toString(victim.id()));
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(payload)) + "." + parts[2];

        assertThat(tampered).isNotEqualTo(attacker.token());
        assertUnauthorized(details(server, Auth.bearer(tampered)), "invalid_token");
    }

    @Test
    void a_token_with_a_tampered_signature_gives_401_invalid_token() {
        var real = tokens(server, TestAccounts.create(server));
        String[] parts = real.token().split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[0] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);

        assertUnauthorized(details(server, Auth.bearer(tampered)), "invalid_token");
    }

    @Test
    void an_unsigned_alg_none_token_gives_401_invalid_token() {
        var real = tokens(server, TestAccounts.create(server));

        String unsigned = new PlainJWT(claims(real.token())).serialize();

        assertUnauthorized(details(server, Auth.bearer(unsigned)), "invalid_token");
    }

    @Test
    void a_token_signed_with_HS256_gives_401_invalid_token() throws Exception {
        var real = tokens(server, TestAccounts.create(server));
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid(real.token())).build(), claims(real.token()));
        jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));

        assertUnauthorized(details(server, Auth.bearer(jwt.serialize())), "invalid_token");
    }

    @Test
    void a_token_works_until_its_15_minutes_are_up_then_gives_401_token_expired() {
        var t = tokens(server, TestAccounts.create(server));

        server.clock.advance(Duration.ofMinutes(14));
        assertThat(details(server, t.bearer()).status()).isEqualTo(200);

        server.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertUnauthorized(details(server, t.bearer()), "token_expired");
    }

    @Test
    void tokens_signed_before_a_key_rotation_keep_working_and_new_ones_use_the_new_key() throws Exception {
        var account = TestAccounts.create(server);
        var before = tokens(server, account);

        String newKid = server.steward().rotateSigningKey();
        var after = tokens(server, account);

        assertThat(kid(after.token())).isEqualTo(newKid).isNotEqualTo(kid(before.token()));
        assertThat(details(server, before.bearer()).status()).isEqualTo(200);
        assertThat(details(server, after.bearer()).status()).isEqualTo(200);
    }

    @Test
    void after_logout_the_token_gives_401_token_revoked() {
        var t = tokens(server, TestAccounts.create(server));

        var out = server.http().post("/api/logout", t.bearer(), Body.NONE);

        assertThat(out.status()).as(out.toString()).isEqualTo(200);
        assertThat(out.json().path("status").asBoolean()).isTrue();
        assertUnauthorized(details(server, t.bearer()), "token_revoked");
    }

    @Test
    void logout_ends_only_its_own_session() {
        var account = TestAccounts.create(server);
        var first = tokens(server, account);
        var second = tokens(server, account);

        assertThat(server.http().post("/api/logout", first.bearer(), Body.NONE).status()).isEqualTo(200);

        assertUnauthorized(details(server, first.bearer()), "token_revoked");
        assertThat(details(server, second.bearer()).status()).isEqualTo(200);
    }

    @Test
    void POST_logout_without_credentials_gives_401_unauthorized() {
        assertUnauthorized(server.http().post("/api/logout", Auth.NONE, Body.NONE), "unauthorized");
    }

    @Test
    void POST_revoke_with_the_refresh_token_revokes_the_access_token_too() {
        var t = tokens(server, TestAccounts.create(server));

        var res = server.http().post("/api/revoke", Auth.NONE, Body.json(Map.of("refresh_token", t.refresh())));

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().path("status").asBoolean()).isTrue();
        assertUnauthorized(details(server, t.bearer()), "token_revoked");
        assertUnauthorized(TestAccounts.refresh(server, t.refresh()), "invalid_refresh_token");
    }

    @Test
    void POST_revoke_with_the_access_token_itself_revokes_it_and_its_refresh_token() {
        var t = tokens(server, TestAccounts.create(server));

        var res = server.http().post("/api/revoke", t.bearer(), Body.NONE);

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().path("status").asBoolean()).isTrue();
        assertUnauthorized(details(server, t.bearer()), "token_revoked");
        assertUnauthorized(TestAccounts.refresh(server, t.refresh()), "invalid_refresh_token");
    }

    @Test
    void POST_revoke_with_an_unknown_refresh_token_gives_401_invalid_refresh_token() {
        assertUnauthorized(server.http().post("/api/revoke", Auth.NONE, Body.json(Map.of("refresh_token", "no-such-token"))),
                "invalid_refresh_token");
    }

    @Test
    void POST_revoke_with_neither_refresh_token_nor_credentials_gives_400() {
        var res = server.http().post("/api/revoke", Auth.NONE, Body.NONE);

        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.json().path("success").asBoolean(true)).isFalse();
    }

    @Test
    void POST_revoke_with_a_revoked_access_token_gives_401_token_revoked() {
        var t = tokens(server, TestAccounts.create(server));
        assertThat(server.http().post("/api/logout", t.bearer(), Body.NONE).status()).isEqualTo(200);

        assertUnauthorized(server.http().post("/api/revoke", t.bearer(), Body.NONE), "token_revoked");
    }
}
