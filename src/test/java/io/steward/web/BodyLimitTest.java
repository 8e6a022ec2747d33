package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.core.Json;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code http.max-body-bytes}: bodies over the limit answer 413, however they are framed. */
class BodyLimitTest {
    static final int LIMIT = 1024;
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(c -> c.with("http.max-body-bytes", Integer.toString(LIMIT))); }

    @AfterAll
    static void stop() { server.close(); }

    /** A login body of exactly {@code size} bytes (padding in an ignored parameter). */
    private static String loginBody(int size) {
        String base = Json.text(Map.of("username", "nobody@example.com", "password", "x", "pad", ""));
        String padded = base.replace("\"pad\":\"\"", "\"pad\":\"" + "p".repeat(size - base.length()) + "\"");
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return padded;
    }

    @Test
    void a_body_over_the_limit_with_content_length_gives_413() {
        var res = server.http().post("/api/login", Auth.NONE, Body.raw("application/json", loginBody(LIMIT + 1)));
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.json().get("success").asBoolean(true)).isFalse();
        assertThat(res.json().get("error").get(0).asText()).contains(Integer.toString(LIMIT));
    }

    @Test
    void a_body_of_exactly_the_limit_is_accepted() {
        var res = server.http().post("/api/login", Auth.NONE, Body.raw("application/json", loginBody(LIMIT)));
        assertThat(res.status()).as(res.toString()).isEqualTo(401);
        assertThat(res.json().get("error").toString()).contains("wronglogin");
    }

    @Test
    void a_form_body_over_the_limit_gives_413() {
        var res = server.http().put("/api/details", Auth.demo(), Body.form("firstname", "f".repeat(2 * LIMIT)));
        assertThat(res.status()).isEqualTo(413);
    }

    @Test
    void a_declared_content_length_over_the_limit_is_refused_without_waiting_for_the_body() {
        var res = RawHttp.exchange(server.port(), "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50000000\r\nConnection: close", new byte[0]);
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.body()).contains("\"success\":false");
    }

    @Test
    void a_chunked_body_over_the_limit_gives_413() {
        byte[] body = loginBody(4 * LIMIT).getBytes(StandardCharsets.UTF_8);
        var res = RawHttp.exchange(server.port(), "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close", RawHttp.chunked(body, 256));
        assertThat(res.status()).as(res.text()).isEqualTo(413);
        assertThat(res.body()).contains("\"success\":false");
    }

    @Test
    void a_chunked_body_within_the_limit_is_read() {
        byte[] body = loginBody(LIMIT - 10).getBytes(StandardCharsets.UTF_8);
        var res = RawHttp.exchange(server.port(), "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close", RawHttp.chunked(body, 100));
        assertThat(res.status()).as(res.text()).isEqualTo(401);
        assertThat(res.body()).contains("wronglogin");
    }

    @Test
    void the_admin_api_answers_413_in_its_own_envelope() {
        var res = server.http().post("/admin/api/clients", Auth.admin(), Body.raw("application/json", loginBody(2 * LIMIT)));
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.json().get("error").asText()).isEqualTo("payload_too_large");
        assertThat(res.json().get("messages").isArray()).isTrue();
    }

    @Test
    void the_server_still_answers_normally_after_refusing_large_bodies() {
        server.http().post("/api/login", Auth.NONE, Body.raw("application/json", loginBody(8 * LIMIT)));
        assertThat(server.http().get("/api/details", Auth.demo()).status()).isEqualTo(200);
    }
}
