package io.steward.auth;

import static io.steward.auth.TestAccounts.assertWrongLogin;
import static io.steward.auth.TestAccounts.details;
import static io.steward.auth.TestAccounts.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failed-login limits on a server with small ones. The server trusts X-Forwarded-For so that each
 * test sends from its own address: the per-address counter would otherwise be shared by every
 * test in the class.
 */
class RateLimitTest {
    static final int PER_ACCOUNT = 3;
    static final int PER_ADDRESS = 6;
    static final AtomicInteger ADDRESSES = new AtomicInteger();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c
                .with("auth.login.max-failures-per-account", Integer.toString(PER_ACCOUNT))
                .with("auth.login.max-failures-per-address", Integer.toString(PER_ADDRESS))
                .with("auth.login.lock", "60")
                .with("http.trust-forwarded", "true"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51.100." + n;
    }

    private static Auth from(Auth auth, String address) {
        return auth.withHeader("X-Forwarded-For", address);
    }

    private static Http.Res login(String address, String email, String password) {
        return server.http().post("/api/login", from(Auth.NONE, address), Body.json(Map.of("username", email, "password", password)));
    }

    private static void failLogins(String address, String email, int times) {
        for (int i = 0; i < times; i++) assertWrongLogin(login(address, email, "Wrong-pass-1"));
    }

    private static void assertLocked(Http.Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(429);
        assertThat(res.json().path("success").asBoolean(true)).isFalse();
        assertThat(res.json().path("error").get(0).asText()).startsWith("Too many failed login attempts");
        assertThat(res.header("Retry-After")).as(res.toString()).isNotNull();
    }

    @Test
    void a_locked_logins_429_says_in_Retry_After_how_many_seconds_the_lock_has_left() {
        var account = TestAccounts.create(server);
        String ip = newAddress();
        failLogins(ip, account.email(), PER_ACCOUNT);
        assertThat(login(ip, account.email(), account.password()).header("Retry-After")).isEqualTo("60");

        server.clock.advance(Duration.ofSeconds(21));
        var basic = details(server, from(account.basic(), ip));
        assertThat(basic.status()).isEqualTo(429);
        assertThat(basic.header("Retry-After")).isEqualTo("39");
        assertThat(basic.json().path("error").get(0).asText()).contains("39 seconds");
    }

    @Test
    void after_max_failed_logins_the_right_password_gives_429_on_POST_login() {
        var account = TestAccounts.create(server);
        String ip = newAddress();

        failLogins(ip, account.email(), PER_ACCOUNT);

        assertLocked(login(ip, account.email(), account.password()));
    }

    @Test
    void after_max_failed_logins_the_right_password_gives_429_with_basic_auth() {
        var account = TestAccounts.create(server);
        String ip = newAddress();

        failLogins(ip, account.email(), PER_ACCOUNT);

        assertLocked(details(server, from(account.basic(), ip)));
    }

    @Test
    void one_failure_fewer_than_the_limit_does_not_lock() {
        var account = TestAccounts.create(server);
        String ip = newAddress();

        failLogins(ip, account.email(), PER_ACCOUNT - 1);

        assertThat(login(ip, account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void an_account_lock_holds_from_every_address() {
        var account = TestAccounts.create(server);

        failLogins(newAddress(), account.email(), PER_ACCOUNT);

        assertLocked(login(newAddress(), account.email(), account.password()));
    }

    @Test
    void failed_basic_auth_counts_towards_the_same_lock() {
        var account = TestAccounts.create(server);
        String ip = newAddress();

        for (int i = 0; i < PER_ACCOUNT; i++) {
            assertWrongLogin(details(server, from(Auth.basic(account.email(), "Wrong-pass-1"), ip)));
        }

        assertLocked(login(ip, account.email(), account.password()));
    }

    @Test
    void the_lock_ends_after_its_duration() {
        var account = TestAccounts.create(server);
        String ip = newAddress();
        failLogins(ip, account.email(), PER_ACCOUNT);
        assertLocked(login(ip, account.email(), account.password()));

        server.clock.advance(Duration.ofSeconds(30));
        assertLocked(login(ip, account.email(), account.password()));

        server.clock.advance(Duration.ofSeconds(31));
        assertThat(details(server, tokens(login(ip, account.email(), account.password())).bearer()).status()).isEqualTo(200);
    }

    @Test
    void a_success_resets_the_account_counter() {
        var account = TestAccounts.create(server);
        String ip = newAddress();

        failLogins(ip, account.email(), PER_ACCOUNT - 1);
        assertThat(login(ip, account.email(), account.password()).status()).isEqualTo(200);
        failLogins(ip, account.email(), PER_ACCOUNT - 1);

        assertThat(login(ip, account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void failures_older_than_the_window_are_forgotten() {
        var account = TestAccounts.create(server);
        String ip = newAddress();

        failLogins(ip, account.email(), PER_ACCOUNT - 1);
        server.clock.advance(Duration.ofMinutes(16));
        failLogins(ip, account.email(), PER_ACCOUNT - 1);

        assertThat(login(ip, account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void failures_over_many_unknown_emails_lock_the_address_even_for_a_good_account() {
        var account = TestAccounts.create(server);
        String ip = newAddress();

        for (int i = 0; i < PER_ADDRESS; i++) assertWrongLogin(login(ip, TestAccounts.uniqueEmail(), "Wrong-pass-1"));

        assertLocked(login(ip, account.email(), account.password()));
        assertLocked(details(server, from(account.basic(), ip)));
        // The lock is on the address, not on the account.
        assertThat(login(newAddress(), account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void an_address_lock_also_ends_after_its_duration() {
        var account = TestAccounts.create(server);
        String ip = newAddress();
        for (int i = 0; i < PER_ADDRESS; i++) assertWrongLogin(login(ip, TestAccounts.uniqueEmail(), "Wrong-pass-1"));
        assertLocked(login(ip, account.email(), account.password()));

        server.clock.advance(Duration.ofSeconds(61));

        assertThat(login(ip, account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void wrong_two_factor_codes_count_as_failures() {
        var account = TestAccounts.create(server);
        String ip = newAddress();
        var enabled = server.http().put("/api/details", from(account.basic(), ip), Body.json(Map.of("authy", List.of("Yes"))));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        String secret = enabled.json().at("/authy_setup/secret").asText();
        String wrong = TestAccounts.wrongCode(secret, server.clock.instant());

        for (int i = 0; i < PER_ACCOUNT; i++) {
            var res = server.http().post("/api/login", from(Auth.NONE, ip),
                    Body.json(Map.of("username", account.email(), "password", account.password(), "code", wrong)));
            TestAccounts.assertUnauthorized(res, "two_factor_code_invalid");
        }

        assertLocked(server.http().post("/api/login", from(Auth.NONE, ip), Body.json(Map.of(
                "username", account.email(), "password", account.password(), "code", Totp.code(secret, server.clock.instant())))));
    }
}
