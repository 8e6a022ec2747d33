package io.steward.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin API authentication and {@code GET /admin/api/clients}. */
class AdminClientSearchTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode list(String query) {
        Res res = server.http().get("/admin/api/clients" + query, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json();
    }

    private static List<Long> ids(JsonNode page) {
        var out = new ArrayList<Long>();
        page.get("clients").forEach(c -> out.add(c.get("id").asLong()));
        return out;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertUnauthorized(Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(401);
        assertThat(res.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(res.json().get("messages").isArray()).isTrue();
        assertThat(res.json().get("messages").get(0).asText()).isNotBlank();
        assertThat(res.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(res.json().has("success")).isFalse();
    }

    @Test
    void admin_call_without_a_key_gives_401_in_the_admin_envelope() {
        assertUnauthorized(server.http().get("/admin/api/clients", Auth.NONE));
    }

    @Test
    void admin_call_with_an_unknown_key_gives_401() {
        assertUnauthorized(server.http().get("/admin/api/clients", Auth.bearer("not-a-key")));
    }

    @Test
    void admin_call_with_basic_credentials_gives_401() {
        assertUnauthorized(server.http().get("/admin/api/clients", Auth.demo()));
    }

    @Test
    void admin_call_with_an_empty_bearer_gives_401() {
        assertUnauthorized(server.http().get("/admin/api/clients", Auth.raw("Bearer ")));
    }

    @Test
    void a_client_api_token_is_not_an_admin_key() {
        var login = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", "demo@example.com", "password", "Demo-pass-1")));
        assertUnauthorized(server.http().get("/admin/api/clients", Auth.bearer(login.json().get("token").asText())));
    }

    @Test
    void unauthorised_admin_writes_change_nothing() {
        NewClient c = AccountFixtures.client(server);
        assertUnauthorized(server.http().put("/admin/api/clients/" + c.id() + "/status", Auth.bearer("nope"), Body.json(Map.of("status", "Closed"))));
        assertUnauthorized(server.http().delete("/admin/api/clients/" + c.id(), Auth.NONE));
        assertThat(server.http().get("/admin/api/clients/" + c.id(), Auth.admin()).json().at("/client/status").asText()).isEqualTo("Active");
    }

    @Test
    void the_admin_openapi_document_is_public() {
        var res = server.http().get("/admin/api/openapi.json", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("openapi").asText()).startsWith("3.");
    }

    @Test
    void GET_clients_answers_clients_with_numeric_ids_and_paging_fields() {
        JsonNode body = list("");
        assertThat(body.get("total").isInt()).isTrue();
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("perpage").asInt()).isEqualTo(50);
        assertThat(body.get("clients").size()).isPositive();
        JsonNode first = body.get("clients").get(0);
        assertThat(first.get("id").isNumber()).isTrue();
        for (String f : List.of("email", "firstname", "lastname", "companyname", "country", "status", "notes", "created_at")) {
            assertThat(first.has(f)).as(f).isTrue();
        }
        assertThat(first.get("ripetech").isBoolean()).isTrue();
        assertThat(first.get("totp_enabled").isBoolean()).isTrue();
    }

    @Test
    void GET_clients_with_q_finds_by_email_case_insensitively() {
        NewClient c = AccountFixtures.client(server);
        JsonNode body = list("?q=" + q(c.email().toUpperCase()));
        assertThat(ids(body)).containsExactly(c.id());
        assertThat(body.get("total").asInt()).isEqualTo(1);
    }

    @Test
    void GET_clients_with_q_finds_by_first_name_last_name_and_company() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        NewClient byFirst = AccountFixtures.client(server, Map.of("firstname", "First" + tag));
        NewClient byLast = AccountFixtures.client(server, Map.of("lastname", "Last" + tag));
        NewClient byCompany = AccountFixtures.client(server, Map.of("companyname", "Company " + tag + " Ltd"));
        assertThat(ids(list("?q=first" + tag))).containsExactly(byFirst.id());
        assertThat(ids(list("?q=LAST" + tag))).containsExactly(byLast.id());
        assertThat(ids(list("?q=" + q("company " + tag)))).containsExactly(byCompany.id());
        assertThat(ids(list("?q=" + tag))).containsExactlyInAnyOrder(byFirst.id(), byLast.id(), byCompany.id());
    }

    @Test
    void GET_clients_with_q_treats_like_wildcards_literally() {
        AccountFixtures.client(server);
        assertThat(list("?q=%25").get("total").asInt()).isZero();
        assertThat(list("?q=_").get("total").asInt()).isZero();
    }

    @Test
    void GET_clients_with_q_matching_nothing_answers_an_empty_list() {
        JsonNode body = list("?q=nobody-" + UUID.randomUUID());
        assertThat(body.get("clients").size()).isZero();
        assertThat(body.get("total").asInt()).isZero();
    }

    @Test
    void GET_clients_with_a_status_filter_answers_only_that_status() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        NewClient active = AccountFixtures.client(server, Map.of("lastname", "Status" + tag));
        NewClient suspended = AccountFixtures.client(server, Map.of("lastname", "Status" + tag, "status", "Suspended"));
        NewClient closed = AccountFixtures.client(server, Map.of("lastname", "Status" + tag));
        server.http().put("/admin/api/clients/" + closed.id() + "/status", Auth.admin(), Body.json(Map.of("status", "Closed")));
        assertThat(ids(list("?q=status" + tag + "&status=Active"))).containsExactly(active.id());
        assertThat(ids(list("?q=status" + tag + "&status=Suspended"))).containsExactly(suspended.id());
        assertThat(ids(list("?q=status" + tag + "&status=Closed"))).containsExactly(closed.id());
        assertThat(ids(list("?q=status" + tag))).hasSize(3);
        list("?status=Suspended").get("clients").forEach(c -> assertThat(c.get("status").asText()).isEqualTo("Suspended"));
    }

    @Test
    void GET_clients_with_an_unknown_status_gives_422_naming_status() {
        var res = server.http().get("/admin/api/clients?status=Deleted", Auth.admin());
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().get("error").asText()).isEqualTo("unprocessable");
        assertThat(res.json().at("/fields/status").isArray()).isTrue();
    }

    @Test
    void GET_clients_pages_without_overlap() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) AccountFixtures.client(server, Map.of("companyname", "Paged " + tag));
        JsonNode p1 = list("?q=" + tag + "&perpage=2&page=1");
        JsonNode p2 = list("?q=" + tag + "&perpage=2&page=2");
        JsonNode p3 = list("?q=" + tag + "&perpage=2&page=3");
        assertThat(p1.get("total").asInt()).isEqualTo(5);
        assertThat(p1.get("perpage").asInt()).isEqualTo(2);
        assertThat(p2.get("page").asInt()).isEqualTo(2);
        var all = new ArrayList<Long>();
        all.addAll(ids(p1));
        all.addAll(ids(p2));
        all.addAll(ids(p3));
        assertThat(ids(p1)).hasSize(2);
        assertThat(ids(p3)).hasSize(1);
        assertThat(all).doesNotHaveDuplicates().hasSize(5).isSorted();
    }

    @Test
    void GET_clients_with_a_bad_perpage_gives_400() {
        var res = server.http().get("/admin/api/clients?perpage=0", Auth.admin());
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(server.http().get("/admin/api/clients?page=x", Auth.admin()).status()).isEqualTo(400);
    }

    @Test
    void an_unknown_admin_endpoint_gives_404_no_such_endpoint() {
        var res = server.http().get("/admin/api/nothing-here", Auth.admin());
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.json().get("error").asText()).isEqualTo("not_found");
        assertThat(res.json().get("messages").get(0).asText()).isEqualTo("No such endpoint");
    }

    @Test
    void a_wrong_method_on_an_admin_path_gives_404() {
        assertThat(server.http().send("PATCH", "/admin/api/clients", Auth.admin(), Body.json(Map.of())).status()).isEqualTo(404);
    }
}
