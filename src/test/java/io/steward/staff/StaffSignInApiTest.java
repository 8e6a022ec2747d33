package io.steward.staff;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.auth.Totp;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff sign-in with password and TOTP, sign-out, token revocation, disabled accounts, throttling. */
class StaffSignInApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        // Failures from 127.0.0.1 add up across tests; the per-account limit stays at its default of 5.
        server = TestServer.start(c -> c.with("auth.login.max-failures-per-address", "1000"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static int status(Auth auth) {
        return server.http().get("/admin/api/me", auth).status();
    }

    @Test
    void the_demo_staff_sign_in_with_their_printed_passwords() {
        Res admin = StaffFixtures.login(server, StaffDemo.ADMIN_USERNAME, StaffDemo.ADMIN_PASSWORD, null);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
        assertThat(admin.json().get("token").asText()).startsWith("sts_");
        assertThat(admin.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(admin.json().at("/staff/role").asText()).isEqualTo("administrator");
        Res support = StaffFixtures.login(server, StaffDemo.SUPPORT_USERNAME, StaffDemo.SUPPORT_PASSWORD, null);
        assertThat(support.json().at("/staff/role").asText()).isEqualTo("support");
        assertThat(support.json().at("/staff/last_login_at").asText()).isNotBlank();
    }

    @Test
    void wrong_passwords_and_unknown_names_get_the_same_401_and_no_token() {
        String username = StaffFixtures.uniqueUsername("pw");
        StaffFixtures.create(server, username, "support", false);
        Res wrong = StaffFixtures.login(server, username, "Wrong-pass-1", null);
        Res unknown = StaffFixtures.login(server, username + "x", StaffFixtures.PASSWORD, null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("messages")).isEqualTo(unknown.json().get("messages"));
        assertThat(wrong.json().has("token")).isFalse();
        assertThat(server.http().post("/admin/api/login", Auth.NONE, Body.json(obj("username", username))).status()).isEqualTo(400);
        assertThat(status(Auth.bearer("sts_not-a-token"))).isEqualTo(401);
    }

    @Test
    void an_account_with_a_second_factor_needs_a_fresh_code_each_sign_in() {
        String username = StaffFixtures.uniqueUsername("totp");
        var created = StaffFixtures.create(server, username, "technical", true);
        String seed = created.get("totp_secret").asText();
        assertThat(created.get("totp_uri").asText()).startsWith("otpauth://totp/").contains(seed);
        assertThat(created.at("/staff/totp_enabled").asBoolean()).isTrue();
        assertThat(server.http().get("/admin/api/staff/" + created.at("/staff/id").asLong(), Auth.admin()).text()).doesNotContain(seed);

        assertThat(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).status()).isEqualTo(401);
        assertThat(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, "000000").status()).isIn(401);
        String code = Totp.code(seed, server.clock.instant());
        Res ok = StaffFixtures.login(server, username, StaffFixtures.PASSWORD, code);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        Res replay = StaffFixtures.login(server, username, StaffFixtures.PASSWORD, code);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("messages").get(0).asText()).contains("used");
        server.clock.advance(Duration.ofSeconds(60));
        assertThat(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, Totp.code(seed, server.clock.instant())).status()).isEqualTo(200);
    }

    @Test
    void sign_out_ends_the_token_at_once_and_revoke_tokens_ends_every_one() {
        String username = StaffFixtures.uniqueUsername("out");
        long id = StaffFixtures.create(server, username, "support", false).at("/staff/id").asLong();
        Auth first = Auth.bearer(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).json().get("token").asText());
        Auth second = Auth.bearer(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).json().get("token").asText());
        Res out = server.http().post("/admin/api/logout", first, Body.NONE);
        assertThat(out.status()).as(out.toString()).isEqualTo(200);
        assertThat(status(first)).isEqualTo(401);
        assertThat(status(second)).isEqualTo(200);
        Res revoked = server.http().post("/admin/api/staff/" + id + "/revoke-tokens", Auth.admin(), Body.NONE);
        assertThat(revoked.json().get("revoked").asInt()).isEqualTo(1);
        assertThat(status(second)).isEqualTo(401);
        assertThat(server.http().post("/admin/api/logout", Auth.admin(), Body.NONE).status()).isEqualTo(400);
    }

    @Test
    void a_disabled_account_loses_its_tokens_at_once_and_cannot_sign_in_until_enabled() {
        String username = StaffFixtures.uniqueUsername("off");
        long id = StaffFixtures.create(server, username, "billing", false).at("/staff/id").asLong();
        Auth token = Auth.bearer(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).json().get("token").asText());
        assertThat(status(token)).isEqualTo(200);
        Res off = server.http().put("/admin/api/staff/" + id, Auth.admin(), Body.json(obj("enabled", false)));
        assertThat(off.json().at("/staff/enabled").asBoolean()).isFalse();
        assertThat(status(token)).isEqualTo(401);
        assertThat(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).status()).isEqualTo(401);
        server.http().put("/admin/api/staff/" + id, Auth.admin(), Body.json(obj("enabled", true)));
        assertThat(status(token)).as("re-enabling does not bring old tokens back").isEqualTo(401);
        assertThat(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).status()).isEqualTo(200);
    }

    @Test
    void a_new_password_ends_the_accounts_tokens_and_the_old_password_stops_working() {
        String username = StaffFixtures.uniqueUsername("pwchange");
        long id = StaffFixtures.create(server, username, "support", false).at("/staff/id").asLong();
        Auth token = Auth.bearer(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).json().get("token").asText());
        assertThat(server.http().put("/admin/api/staff/" + id, Auth.admin(), Body.json(obj("password", "Other-pass-2"))).status()).isEqualTo(200);
        assertThat(status(token)).isEqualTo(401);
        assertThat(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).status()).isEqualTo(401);
        assertThat(StaffFixtures.login(server, username, "Other-pass-2", null).status()).isEqualTo(200);
    }

    @Test
    void repeated_failures_lock_the_username_with_429_and_retry_after_even_for_the_right_password() {
        String username = StaffFixtures.uniqueUsername("locked");
        StaffFixtures.create(server, username, "support", false);
        for (int i = 0; i < 5; i++) assertThat(StaffFixtures.login(server, username, "Wrong-pass-" + i, null).status()).isEqualTo(401);
        Res locked = StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null);
        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotBlank();
        var failures = server.http().get("/admin/api/audit?action=login_failed&actor=" + username, Auth.admin()).json().get("audit");
        assertThat(failures).hasSize(5);
        assertThat(failures.get(0).get("detail").asText()).contains("wrong password");
    }
}
