package io.steward.auth;

import static io.steward.auth.TestAccounts.assertUnauthorized;
import static io.steward.auth.TestAccounts.details;
import static io.steward.auth.TestAccounts.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /token}: rotation, single use with reuse detection, expiry. */
class RefreshTokenTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Http.Res refresh(String refreshToken) {
        return TestAccounts.refresh(server, refreshToken);
    }

    @Test
    void POST_token_gives_a_new_working_pair() {
        var account = TestAccounts.create(server);
        var first = tokens(server, account);

        var res = refresh(first.refresh());

        assertThat(res.json().properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("token", "refresh");
        var second = tokens(res);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(details(server, second.bearer()).json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void POST_token_accepts_a_form_body() {
        var first = tokens(server, TestAccounts.create(server));

        var res = server.http().post("/api/token", Auth.NONE, Body.form("refresh_token", first.refresh()));

        assertThat(details(server, tokens(res).bearer()).status()).isEqualTo(200);
    }

    @Test
    void rotation_can_continue_with_each_newest_refresh_token() {
        var current = tokens(server, TestAccounts.create(server));

        for (int i = 0; i < 3; i++) {
            current = tokens(refresh(current.refresh()));
        }

        assertThat(details(server, current.bearer()).status()).isEqualTo(200);
    }

    @Test
    void a_refresh_token_used_once_gives_401_invalid_refresh_token_the_second_time() {
        var first = tokens(server, TestAccounts.create(server));
        tokens(refresh(first.refresh()));

        assertUnauthorized(refresh(first.refresh()), "invalid_refresh_token");
    }

    @Test
    void reusing_an_old_refresh_token_revokes_the_session_so_the_newest_tokens_stop_working() {
        var first = tokens(server, TestAccounts.create(server));
        var second = tokens(refresh(first.refresh()));
        assertThat(details(server, second.bearer()).status()).isEqualTo(200);

        assertUnauthorized(refresh(first.refresh()), "invalid_refresh_token");

        assertUnauthorized(details(server, second.bearer()), "token_revoked");
        assertUnauthorized(details(server, first.bearer()), "token_revoked");
        assertUnauthorized(refresh(second.refresh()), "invalid_refresh_token");
    }

    @Test
    void reuse_detection_ends_only_the_session_the_token_belongs_to() {
        var account = TestAccounts.create(server);
        var stolen = tokens(server, account);
        var other = tokens(server, account);
        tokens(refresh(stolen.refresh()));

        assertUnauthorized(refresh(stolen.refresh()), "invalid_refresh_token");

        assertThat(details(server, other.bearer()).status()).isEqualTo(200);
        assertThat(tokens(refresh(other.refresh())).token()).isNotBlank();
    }

    @Test
    void reuse_is_recorded_in_the_activity_log() {
        var account = TestAccounts.create(server);
        var first = tokens(server, account);
        tokens(refresh(first.refresh()));
        assertThat(refresh(first.refresh()).status()).isEqualTo(401);

        var logs = server.http().get("/admin/api/clients/" + account.id() + "/logs", Auth.admin());

        assertThat(logs.status()).as(logs.toString()).isEqualTo(200);
        assertThat(logs.json().at("/logs/0/action").asText()).isEqualTo("token_reuse");
    }

    @Test
    void a_refresh_token_still_works_just_before_30_days() {
        var first = tokens(server, TestAccounts.create(server));

        server.clock.advance(Duration.ofDays(30).minusMinutes(1));

        assertThat(details(server, tokens(refresh(first.refresh())).bearer()).status()).isEqualTo(200);
    }

    @Test
    void a_refresh_token_older_than_30_days_gives_401_invalid_refresh_token() {
        var first = tokens(server, TestAccounts.create(server));

        server.clock.advance(Duration.ofDays(30).plusMinutes(1));

        assertUnauthorized(refresh(first.refresh()), "invalid_refresh_token");
    }

    @Test
    void POST_token_with_an_unknown_refresh_token_gives_401_invalid_refresh_token() {
        assertUnauthorized(refresh("definitely-not-issued"), "invalid_refresh_token");
    }

    @Test
    void POST_token_with_an_access_token_instead_of_a_refresh_token_gives_401_invalid_refresh_token() {
        var t = tokens(server, TestAccounts.create(server));

        assertUnauthorized(refresh(t.token()), "invalid_refresh_token");
    }

    @Test
    void POST_token_without_refresh_token_gives_400_naming_the_field() {
        var res = server.http().post("/api/token", Auth.NONE, Body.json(Map.of()));

        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.json().path("success").asBoolean(true)).isFalse();
        assertThat(res.json().at("/fields/refresh_token").isArray()).isTrue();
    }

    @Test
    void POST_token_for_a_closed_account_gives_401_invalid_refresh_token() {
        var account = TestAccounts.create(server);
        var t = tokens(server, account);

        TestAccounts.setStatus(server, account, "Closed");

        assertUnauthorized(refresh(t.refresh()), "invalid_refresh_token");
    }
}
