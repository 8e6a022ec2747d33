package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing, parsing and error mapping as every dialect gets them from {@link HttpApp}. */
class HttpLayerTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** Nothing about the implementation may leak into a response. */
    private static void assertNoLeak(Res res) {
        assertThat(res.text()).doesNotContain("Exception").doesNotContain("at io.steward").doesNotContain("io.steward.")
                .doesNotContain("com.fasterxml").doesNotContain("java.").doesNotContain("org.jooq").doesNotContain("helidon");
    }

    private static void assertInvalidMethod(Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(404);
        assertThat(res.text()).isEqualTo("{\"error\":[\"invalid method\"]}");
        assertThat(res.header("Content-Type")).startsWith("application/json");
    }

    private static void assertBadRequest(Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(400);
        assertThat(res.json().get("success").isBoolean()).isTrue();
        assertThat(res.json().get("success").asBoolean(true)).isFalse();
        assertThat(res.json().get("error").isArray()).isTrue();
        assertThat(res.json().get("error").get(0).asText()).isNotBlank();
        assertNoLeak(res);
    }

    @Test
    void an_unknown_route_gives_404_invalid_method() {
        assertInvalidMethod(server.http().get("/api/no-such-thing", Auth.NONE));
        assertInvalidMethod(server.http().get("/api/details/extra/segments", Auth.demo()));
        assertInvalidMethod(server.http().get("/api", Auth.demo()));
    }

    @Test
    void an_unknown_route_gives_404_even_with_bad_credentials() {
        assertInvalidMethod(server.http().get("/api/no-such-thing", Auth.basic("nobody@example.com", "wrong")));
    }

    @Test
    void a_wrong_method_on_a_known_path_gives_404_invalid_method() {
        assertInvalidMethod(server.http().delete("/api/details", Auth.demo()));
        assertInvalidMethod(server.http().post("/api/details", Auth.demo(), Body.json(Map.of("firstname", "X"))));
        assertInvalidMethod(server.http().get("/api/login", Auth.NONE));
        assertInvalidMethod(server.http().delete("/api/contact/1", Auth.demo()));
        assertInvalidMethod(server.http().send("PATCH", "/api/details", Auth.demo(), Body.json(Map.of())));
    }

    @Test
    void a_wrong_method_changes_nothing() {
        String before = server.http().get("/api/details", Auth.demo()).json().at("/client/firstname").asText();
        server.http().post("/api/details", Auth.demo(), Body.json(Map.of("firstname", "ViaPost")));
        assertThat(server.http().get("/api/details", Auth.demo()).json().at("/client/firstname").asText()).isEqualTo(before);
    }

    @Test
    void a_trailing_slash_still_matches_the_route() {
        var res = server.http().get("/api/details/", Auth.demo());
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().at("/client/email").asText()).isEqualTo("demo@example.com");
        assertThat(server.http().get("/api/contact/privileges/", Auth.demo()).json().has("privileges")).isTrue();
        assertThat(server.http().get("/admin/api/clients/", Auth.admin()).status()).isEqualTo(200);
    }

    @Test
    void malformed_json_gives_400_without_implementation_details() {
        for (String bad : List.of("{", "{\"username\": }", "{'username': 'a'}", "{\"a\":1}}", "nope", "{\"a\":\"\\x\"}")) {
            var res = server.http().post("/api/login", Auth.NONE, Body.raw("application/json", bad));
            assertBadRequest(res);
            assertThat(res.json().size()).isEqualTo(2);
        }
    }

    @Test
    void malformed_json_on_an_authenticated_route_gives_400_and_changes_nothing() {
        String before = server.http().get("/api/details", Auth.demo()).json().at("/client/city").asText();
        assertBadRequest(server.http().put("/api/details", Auth.demo(), Body.raw("application/json", "{\"city\": \"Oslo\"")));
        assertBadRequest(server.http().put("/api/details", Auth.demo(), Body.raw("application/json", "{\"city\": \"Oslo\"}}")));
        assertBadRequest(server.http().put("/api/details", Auth.demo(), Body.raw("application/json", "{\"city\": \"Oslo\"} {\"city\": \"Rome\"}")));
        assertThat(server.http().get("/api/details", Auth.demo()).json().at("/client/city").asText()).isEqualTo(before);
    }

    @Test
    void a_json_array_body_gives_400() {
        assertBadRequest(server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "[{\"username\":\"a\"}]")));
    }

    @Test
    void a_json_scalar_body_gives_400() {
        assertBadRequest(server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "\"demo@example.com\"")));
        assertBadRequest(server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "42")));
    }

    @Test
    void an_unsupported_content_type_gives_400() {
        assertBadRequest(server.http().post("/api/login", Auth.NONE, Body.raw("application/xml", "<login/>")));
        assertBadRequest(server.http().put("/api/details", Auth.demo(), Body.raw("application/octet-stream", "x")));
        // multipart/form-data is understood (ticket attachments), but not without its boundary
        assertBadRequest(server.http().put("/api/details", Auth.demo(), Body.raw("multipart/form-data", "--x--")));
    }

    @Test
    void json_with_a_charset_and_text_plain_json_are_accepted() {
        var login = "{\"username\":\"demo@example.com\",\"password\":\"Demo-pass-1\"}";
        assertThat(server.http().post("/api/login", Auth.NONE, Body.raw("application/json; charset=utf-8", login)).status()).isEqualTo(200);
        assertThat(server.http().post("/api/login", Auth.NONE, Body.raw("text/plain", login)).status()).isEqualTo(200);
    }

    @Test
    void a_form_body_and_a_query_string_both_carry_parameters() {
        assertThat(server.http().post("/api/login", Auth.NONE, Body.form("username", "demo@example.com", "password", "Demo-pass-1")).status())
                .isEqualTo(200);
        assertThat(server.http().post("/api/login?username=demo%40example.com&password=Demo-pass-1", Auth.NONE, Body.NONE).status())
                .isEqualTo(200);
    }

    @Test
    void a_missing_parameter_gives_400_naming_it() {
        var res = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", "demo@example.com")));
        assertBadRequest(res);
        assertThat(res.json().at("/fields/password").isArray()).isTrue();
    }

    @Test
    void a_parameter_of_the_wrong_shape_gives_400_naming_it() {
        var res = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", List.of("a", "b"), "password", "x")));
        assertBadRequest(res);
        assertThat(res.json().at("/fields/username").isArray()).isTrue();
    }

    @Test
    void malformed_percent_encoding_gives_400() {
        var raw = RawHttp.exchange(server.port(), "GET /api/contact/privileges?x=%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: " + Auth.demo().header(), new byte[0]);
        // Helidon refuses a malformed request target itself, before routing, so there is no envelope.
        assertThat(raw.status()).as(raw.text()).isEqualTo(400);
        assertThat(raw.text()).doesNotContain("Exception").doesNotContain("at io.");
        assertBadRequest(server.http().post("/api/login", Auth.NONE, Body.raw("application/x-www-form-urlencoded", "username=%E0%A4%A&password=x")));
    }

    @Test
    void malformed_json_to_the_admin_api_gives_400_in_the_admin_envelope() {
        var res = server.http().post("/admin/api/clients", Auth.admin(), Body.raw("application/json", "{oops"));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(res.json().get("messages").isArray()).isTrue();
        assertNoLeak(res);
    }

    @Test
    void a_401_carries_www_authenticate() {
        var res = server.http().get("/api/details", Auth.NONE);
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).contains("Basic").contains("Bearer");
    }

    @Test
    void no_response_to_odd_input_contains_a_stack_trace_or_a_500() {
        var odd = List.of(
                server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "{\"username\":null,\"password\":null}")),
                server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "{\"username\":{\"$ne\":1},\"password\":[]}")),
                server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "[".repeat(5000) + "]".repeat(5000))),
                server.http().post("/api/login", Auth.NONE, Body.raw("application/json", "null")),
                server.http().post("/api/login", Auth.NONE, new Body("application/json", new byte[] {(byte) 0xC3, (byte) 0x28})),
                server.http().put("/api/details", Auth.demo(), Body.json(Map.of("ripetech", Map.of("a", Map.of("b", "c"))))),
                server.http().put("/api/details", Auth.demo(), Body.form("firstname[x][y][]", "1")),
                server.http().put("/api/details", Auth.demo(), Body.form("[]", "1", "a[", "2", "]]", "3")),
                server.http().get("/api/contact/-1", Auth.demo()),
                server.http().get("/api/contact/99999999999999999999999999", Auth.demo()),
                server.http().get("/api/contact/%00", Auth.demo()),
                server.http().get("/api/logs?page=99999999999999999999", Auth.demo()),
                server.http().get("/api/logs?perpage[]=1", Auth.demo()),
                server.http().get("/api/details", Auth.raw("Basic !!!not-base64!!!")),
                server.http().get("/api/details", Auth.raw("Basic " + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)))),
                server.http().get("/api/details", Auth.raw("Bearer a.b.c")),
                server.http().get("/api/details", Auth.raw("Digest abc")),
                server.http().get("/admin/api/clients?q=%27%3B%20DROP%20TABLE%20client%3B--", Auth.admin()),
                server.http().get("/admin/api/clients/abc/logs", Auth.admin()),
                server.http().put("/admin/api/clients/1/status", Auth.admin(), Body.json(Map.of("status", List.of("Closed")))));
        for (Res res : odd) {
            assertThat(res.status()).as(res.toString()).isBetween(200, 499);
            assertNoLeak(res);
        }
        assertThat(server.http().get("/admin/api/clients?q=demo@example.com", Auth.admin()).json().get("total").asInt()).isEqualTo(1);
    }
}
