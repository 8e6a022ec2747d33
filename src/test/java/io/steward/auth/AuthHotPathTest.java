package io.steward.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the per-request authentication shortcuts must not change: a Bearer token whose signature
 * check is remembered still dies with its session and at its expiry, and parallel Basic requests
 * share one password verification without hiding failed attempts.
 */
class AuthHotPathTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void a_bearer_token_used_before_logout_answers_401_token_revoked_after_it() {
        String email = newClient();
        String token = login(email);
        assertThat(server.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(200);

        assertThat(server.http().post("/api/logout", Auth.bearer(token), Body.NONE).status()).isEqualTo(200);

        var res = server.http().get("/api/details", Auth.bearer(token));
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.json().path("error").get(0).asText()).isEqualTo("token_revoked");
    }

    @Test
    void a_bearer_token_used_before_its_expiry_answers_401_token_expired_after_it() {
        String token = login(newClient());
        assertThat(server.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(200);

        server.clock.advance(Duration.ofMinutes(16));
        try {
            var res = server.http().get("/api/details", Auth.bearer(token));
            assertThat(res.status()).isEqualTo(401);
            assertThat(res.json().path("error").get(0).asText()).isEqualTo("token_expired");
        } finally {
            server.clock.advance(Duration.ofMinutes(-16));
        }
    }

    @Test
    void a_tampered_copy_of_a_used_bearer_token_answers_401_invalid_token() {
        String token = login(newClient());
        assertThat(server.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(200);

        // A signature character well inside the signature: all six of its bits are signature bits.
        int at = token.lastIndexOf('.') + 10;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertThat(tampered).isNotEqualTo(token).hasSameSizeAs(token);

        var res = server.http().get("/api/details", Auth.bearer(tampered));
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.json().path("error").get(0).asText()).isEqualTo("invalid_token");
    }

    @Test
    void parallel_basic_requests_with_new_credentials_verify_the_password_once() throws Exception {
        String email = newClient();
        List<Http.Res> results = parallel(8, () -> server.http().get("/api/details", Auth.basic(email, PASSWORD)));

        assertThat(results).allMatch(r -> r.status() == 200, "all 200");
        assertThat(logs(email, "login")).hasSize(1);
    }

    @Test
    void parallel_basic_requests_with_a_wrong_password_each_count_as_a_failed_login() throws Exception {
        String email = newClient();
        List<Http.Res> results = parallel(3, () -> server.http().get("/api/details", Auth.basic(email, "Wrong-pass-9")));

        assertThat(results).allMatch(r -> r.status() == 401, "all 401");
        assertThat(logs(email, "login_failed")).hasSize(3);
        assertThat(logs(email, "login")).isEmpty();
    }

    @Test
    void parallel_basic_requests_with_different_wrong_passwords_each_answer_401_and_count() throws Exception {
        String email = newClient();
        var n = new AtomicInteger();
        List<Http.Res> results = parallel(3, () -> server.http().get("/api/details", Auth.basic(email, "Wrong-pass-" + n.incrementAndGet())));

        assertThat(results).allMatch(r -> r.status() == 401, "all 401");
        assertThat(logs(email, "login_failed")).hasSize(3);
    }

    private static final String PASSWORD = "Hot-path-pass-1";

    /** A client of its own, so these tests change nothing others rely on. */
    private static String newClient() {
        String email = "hotpath-" + UUID.randomUUID() + "@example.com";
        var res = server.http().post("/admin/api/clients", Auth.admin(), Body.json(Map.of(
                "email", email, "firstname", "Hot", "lastname", "Path", "address1", "1 Test Road", "city", "Testville",
                "state", "Test", "postcode", "12345", "country", "US", "phonenumber", "+1.5555550100",
                "password", PASSWORD)));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return email;
    }

    private static String login(String email) {
        var res = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", email, "password", PASSWORD)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().path("token").asText();
    }

    private static List<JsonNode> logs(String email, String action) {
        var found = server.http().get("/admin/api/clients?q=" + email, Auth.admin());
        assertThat(found.status()).isEqualTo(200);
        long id = found.json().path("clients").get(0).path("id").asLong();
        var res = server.http().get("/admin/api/clients/" + id + "/logs?perpage=500", Auth.admin());
        assertThat(res.status()).isEqualTo(200);
        var out = new ArrayList<JsonNode>();
        res.json().path("logs").forEach(e -> {
            if (e.path("action").asText().equals(action)) out.add(e);
        });
        return out;
    }

    /** Runs {@code n} calls released at the same moment, so they overlap on the server. */
    private static <T> List<T> parallel(int n, Callable<T> call) throws Exception {
        var go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(n)) {
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            var out = new ArrayList<T>();
            for (var f : futures) out.add(f.get());
            return out;
        }
    }
}
