package io.steward.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.admin.AdminApi;
import io.steward.api.Access;
import io.steward.support.Contract;
import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import io.steward.support.contract.OpenApiContract;
import io.steward.web.Dialect;
import io.steward.web.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI documents and the route tables describe the same API, the served documents are the
 * resources, and the contract check itself rejects what it should (so it is known not to pass
 * everything).
 */
class RouteDocumentationTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Dialect<?> dialect(String name) {
        return server.steward().http().dialects().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no dialect " + name));
    }

    private static Set<String> routed(Dialect<?> d) {
        var out = new TreeSet<String>();
        for (Route<?> r : d.router().routes()) out.add(r.method() + " " + r.openApiPath());
        return out;
    }

    private static Set<String> documented(OpenApiContract doc) {
        var out = new TreeSet<String>();
        doc.operations().forEach(op -> out.add(op.toString()));
        return out;
    }

    private static OpenApiContract.Operation operation(OpenApiContract doc, Route<?> r) {
        return doc.operations().stream().filter(op -> op.method().equals(r.method()) && op.path().equals(r.openApiPath()))
                .findFirst().orElseThrow(() -> new AssertionError("undocumented: " + r.method() + " " + r.openApiPath()));
    }

    @Test
    void every_client_route_is_documented_and_every_documented_client_operation_is_routed() {
        Dialect<?> d = dialect("client");
        assertThat(Contract.client().server()).isEqualTo(d.prefix());
        assertThat(documented(Contract.client())).isEqualTo(routed(d));
    }

    @Test
    void every_admin_route_is_documented_and_every_documented_admin_operation_is_routed() {
        Dialect<?> d = dialect("admin");
        assertThat(Contract.admin().server()).isEqualTo(d.prefix());
        assertThat(documented(Contract.admin())).isEqualTo(routed(d));
    }

    @Test
    void every_services_route_is_documented_and_every_documented_services_operation_is_routed() {
        Dialect<?> d = dialect("services");
        assertThat(Contract.services().server()).isEqualTo(d.prefix());
        assertThat(documented(Contract.services())).isEqualTo(routed(d));
        for (Route<?> r : d.router().routes()) {
            var op = operation(Contract.services(), r);
            var access = (io.steward.v1.V1Access) r.access();
            var responses = op.node().path("responses");
            assertThat(op.node().path("description").asText()).as(op + " description").isNotBlank();
            assertThat(responses.has("400") && responses.has("413") && responses.has("5XX")).as(op + " 400/413/5XX").isTrue();
            boolean open = op.node().path("security").isArray() && op.node().path("security").isEmpty();
            assertThat(open).as(op + " has security: []").isEqualTo(access.isPublic());
            assertThat(responses.has("401")).as(op + " documents 401").isEqualTo(!access.isPublic());
            assertThat(responses.has("403")).as(op + " documents 403").isEqualTo(access.group() != null || access.write());
        }
    }

    @Test
    void every_partner_route_is_documented_and_every_documented_partner_operation_is_routed() {
        Dialect<?> d = dialect("partner");
        assertThat(Contract.partner().server()).isEqualTo(d.prefix());
        assertThat(documented(Contract.partner())).isEqualTo(routed(d));
        for (Route<?> r : d.router().routes()) {
            var op = operation(Contract.partner(), r);
            var responses = op.node().path("responses");
            boolean open = op.node().path("security").isArray() && op.node().path("security").isEmpty();
            assertThat(open).as(op + " has security: []").isEqualTo(r.access() == io.steward.partner.api.PartnerApi.Access.PUBLIC);
            assertThat(responses.has("400") && responses.has("413") && responses.has("5XX")).as(op + " 400/413/5XX").isTrue();
            if (r.access() != io.steward.partner.api.PartnerApi.Access.PUBLIC) {
                assertThat(responses.has("401") && responses.has("429")).as(op + " documents 401 and 429").isTrue();
            }
        }
    }

    @Test
    void GET_v1_openapi_json_serves_the_services_document_as_JSON() {
        var res = server.http().get("/v1/openapi.json", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json()).isEqualTo(Contract.services().document());
        assertThat(server.http().get("/v1/nothing", Auth.demoApiKey()).json().path("message").asText()).isEqualTo("No such endpoint");
    }

    @Test
    void GET_partner_openapi_json_serves_the_partner_document_as_JSON() {
        var res = server.http().get("/partner/openapi.json", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json()).isEqualTo(Contract.partner().document());
        assertThat(server.http().get("/partner/nothing", Auth.NONE).json().path("message").asText()).isEqualTo("Not found.");
    }

    @Test
    void documented_security_and_statuses_follow_each_routes_access() {
        for (Route<?> r : dialect("client").router().routes()) {
            var op = operation(Contract.client(), r);
            Access access = (Access) r.access();
            var responses = op.node().path("responses");
            assertThat(op.node().path("summary").asText()).as(op + " summary").isNotBlank();
            assertThat(op.node().path("description").asText()).as(op + " description").isNotBlank();
            assertThat(responses.has("400") && responses.has("413") && responses.has("5XX")).as(op + " 400/413/5XX").isTrue();
            boolean open = op.node().path("security").isArray() && op.node().path("security").isEmpty();
            assertThat(open).as(op + " has security: []").isEqualTo(access.level() == Access.Level.PUBLIC);
            assertThat(responses.has("403")).as(op + " documents 403").isEqualTo(access.group() != null);
            if (access.level() != Access.Level.PUBLIC) {
                assertThat(responses.has("401") && responses.has("429")).as(op + " documents 401 and 429").isTrue();
            }
        }
        for (Route<?> r : dialect("admin").router().routes()) {
            var op = operation(Contract.admin(), r);
            boolean open = op.node().path("security").isArray() && op.node().path("security").isEmpty();
            var access = (AdminApi.Access) r.access();
            assertThat(open).as(op + " has security: []").isEqualTo(access.open());
            // Sign-in is open and still answers 401 to wrong credentials.
            assertThat(op.node().path("responses").has("401")).as(op + " documents 401")
                    .isEqualTo(!access.open() || r.template().equals("/login"));
            // A staff token whose role lacks the route's area is refused with 403.
            assertThat(op.node().path("responses").has("403")).as(op + " documents 403")
                    .isEqualTo(!access.open() && !access.anyStaff());
        }
    }

    @Test
    void GET_swagger_json_serves_the_client_document_as_JSON() {
        var res = server.http().get("/api/swagger.json", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Type")).startsWith("application/json");
        assertThat(res.json()).isEqualTo(Contract.client().document());
    }

    @Test
    void GET_admin_openapi_json_serves_the_admin_document_as_JSON() {
        var res = server.http().get("/admin/api/openapi.json", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Type")).startsWith("application/json");
        assertThat(res.json()).isEqualTo(Contract.admin().document());
    }

    @Test
    void unknown_routes_answer_each_dialects_documented_404() {
        assertThat(server.http().get("/api/no-such-thing", Auth.demo()).json().at("/error/0").asText()).isEqualTo("invalid method");
        assertThat(server.http().send("DELETE", "/api/details", Auth.demo(), Http.Body.NONE).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/nothing", Auth.admin()).json().at("/messages/0").asText()).isEqualTo("No such endpoint");
    }

    // The check itself, on fabricated responses.

    private static Http.Res res(int status, String body, String... headers) {
        var map = new java.util.LinkedHashMap<String, List<String>>();
        map.put("Content-Type", List.of("application/json"));
        for (int i = 0; i < headers.length; i += 2) map.put(headers[i], List.of(headers[i + 1]));
        return new Http.Res(status, Map.copyOf(map), body);
    }

    private static final String CONTACTS = """
            {"contacts": [{"email": "a@example.com", "id": "7", "firstname": "A", "lastname": "B", "companyname": "",
              "company": "0", "lastlogin": "0000-00-00 00:00:00"}]}""";

    @Test
    void contract_check_accepts_a_response_that_matches_the_document() {
        assertThatCode(() -> Contract.check("GET", "/api/contact?x=1", res(200, CONTACTS))).doesNotThrowAnyException();
    }

    @Test
    void contract_check_rejects_a_numeric_id_where_the_document_says_string() {
        assertThatThrownBy(() -> Contract.check("GET", "/api/contact", res(200, CONTACTS.replace("\"7\"", "7"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/contact -> 200")
                .hasMessageContaining("/contacts/0/id")
                .hasMessageContaining("\"id\": 7");
    }

    @Test
    void contract_check_rejects_a_missing_required_field_an_undeclared_field_and_a_value_outside_an_enum() {
        assertThatThrownBy(() -> Contract.check("GET", "/api/contact", res(200, CONTACTS.replace("\"company\": \"0\",", ""))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("company");
        assertThatThrownBy(() -> Contract.check("GET", "/api/contact", res(200, CONTACTS.replace("\"A\"", "\"A\", \"extra\": 1"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> Contract.check("GET", "/api/contact", res(200, CONTACTS.replace("\"company\": \"0\"", "\"company\": \"2\""))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("company");
    }

    @Test
    void contract_check_rejects_an_undocumented_status() {
        assertThatThrownBy(() -> Contract.check("GET", "/api/contact/privileges", res(403, "{\"success\": false, \"error\": [\"x\"]}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/contact/privileges -> 403")
                .hasMessageContaining("not documented");
    }

    @Test
    void contract_check_rejects_a_non_JSON_content_type_and_a_missing_required_header() {
        var html = new Http.Res(200, Map.of("Content-Type", List.of("text/html")), CONTACTS);
        assertThatThrownBy(() -> Contract.check("GET", "/api/contact", html))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type");
        String unauthorized = "{\"success\": false, \"error\": [\"unauthorized\"]}";
        assertThatThrownBy(() -> Contract.check("GET", "/api/details", res(401, unauthorized)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("WWW-Authenticate");
        assertThatCode(() -> Contract.check("GET", "/api/details", res(401, unauthorized, "WWW-Authenticate", "Basic")))
                .doesNotThrowAnyException();
    }

    @Test
    void contract_check_holds_unknown_routes_to_the_dialects_404_body() {
        assertThatCode(() -> Contract.check("PATCH", "/api/details", res(404, "{\"error\": [\"invalid method\"]}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Contract.check("GET", "/api/nothing", res(200, "{\"error\": [\"invalid method\"]}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("404");
        assertThatThrownBy(() -> Contract.check("GET", "/admin/api/nothing", res(404, "{\"error\": [\"invalid method\"]}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no such operation");
    }

    @Test
    void contract_check_prefers_literal_segments_like_the_router_and_skips_undocumented_prefixes() {
        // /contact/privileges is its own operation for GET; for PUT only /contact/{id} exists.
        assertThat(Contract.client().find("GET", "/contact/privileges").orElseThrow().path()).isEqualTo("/contact/privileges");
        assertThat(Contract.client().find("PUT", "/contact/privileges").orElseThrow().path()).isEqualTo("/contact/{id}");
        assertThat(Contract.client().find("GET", "/contact/12/").orElseThrow().path()).isEqualTo("/contact/{id}");
        assertThat(Contract.dialectOf("/admin/api/clients")).containsSame(Contract.admin());
        assertThat(Contract.dialectOf("/apis")).isEmpty();
        assertThatCode(() -> Contract.check("GET", "/metrics", res(200, "not json"))).doesNotThrowAnyException();
    }
}
