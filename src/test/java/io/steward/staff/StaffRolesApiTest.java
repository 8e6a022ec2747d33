package io.steward.staff;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Roles enforced in the admin API, custom roles, and the audit log of staff actions. */
class StaffRolesApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static void assertForbidden(Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(res.json().get("messages").get(0).asText()).contains("permission");
    }

    private static List<JsonNode> audit(String query) {
        Res res = server.http().get("/admin/api/audit" + query, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return StreamSupport.stream(res.json().get("audit").spliterator(), false).toList();
    }

    private static long anyClientId() {
        return server.http().get("/admin/api/clients", Auth.admin()).json().get("clients").get(0).get("id").asLong();
    }

    @Test
    void a_support_role_account_is_denied_billing_endpoints_with_403_in_the_admin_envelope() {
        Auth support = StaffFixtures.signedIn(server, "support");
        assertForbidden(server.http().get("/admin/api/invoices", support));
        assertForbidden(server.http().post("/admin/api/invoices/1/payments", support, Body.json(obj("amount", "1.00"))));
        assertForbidden(server.http().post("/admin/api/tax-rules", support, Body.json(obj("name", "VAT", "rate", "21"))));
        assertForbidden(server.http().get("/admin/api/staff", support));
        // What the role grants: the ticket desk, and reading (not changing) clients.
        assertThat(server.http().get("/admin/api/tickets", support).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/clients", support).status()).isEqualTo(200);
        assertForbidden(server.http().put("/admin/api/clients/" + anyClientId(), support, Body.json(obj("notes", "changed"))));
    }

    @Test
    void a_billing_role_account_reaches_invoices_but_not_the_ticket_desk() {
        Auth billing = StaffFixtures.signedIn(server, "billing");
        assertThat(server.http().get("/admin/api/invoices", billing).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/tax-rules", billing).status()).isEqualTo(200);
        assertForbidden(server.http().get("/admin/api/tickets", billing));
        assertForbidden(server.http().post("/admin/api/products", billing, Body.json(obj("name", "x"))));
    }

    @Test
    void an_admin_api_key_and_an_administrator_may_call_everything_and_me_says_who_they_are() {
        Auth admin = StaffFixtures.signedIn(server, "administrator");
        assertThat(server.http().get("/admin/api/invoices", admin).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/staff", admin).status()).isEqualTo(200);
        var me = server.http().get("/admin/api/me", admin).json().get("me");
        assertThat(me.get("kind").asText()).isEqualTo("staff");
        assertThat(me.get("permissions").get(0).asText()).isEqualTo("*");
        assertThat(me.at("/staff/role").asText()).isEqualTo("administrator");
        var key = server.http().get("/admin/api/me", Auth.admin()).json().get("me");
        assertThat(key.get("kind").asText()).isEqualTo("key");
        assertThat(key.get("name").asText()).isEqualTo("demo");
    }

    @Test
    void a_custom_role_with_a_read_grant_may_read_but_not_change_and_a_role_change_applies_at_once() {
        String roleName = "auditor-" + ProcessHandle.current().pid();
        Res created = server.http().post("/admin/api/staff-roles", Auth.admin(),
                Body.json(obj("name", roleName, "description", "Reads invoices", "permissions", List.of("billing:read"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/role/permissions/0").asText()).isEqualTo("billing:read");
        assertThat(created.json().at("/role/builtin").asBoolean()).isFalse();
        String username = StaffFixtures.uniqueUsername("auditor");
        long staffId = StaffFixtures.create(server, username, roleName, false).at("/staff/id").asLong();
        Auth auditor = Auth.bearer(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).json().get("token").asText());
        assertThat(server.http().get("/admin/api/invoices", auditor).status()).isEqualTo(200);
        assertForbidden(server.http().post("/admin/api/invoices/1/cancel", auditor, Body.NONE));

        // Moving the account to the support role takes billing away on its very next request.
        var moved = server.http().put("/admin/api/staff/" + staffId, Auth.admin(), Body.json(obj("role", "support")));
        assertThat(moved.json().at("/staff/role").asText()).isEqualTo("support");
        assertForbidden(server.http().get("/admin/api/invoices", auditor));

        // The custom role, now unused, can be deleted; a built-in role cannot be changed.
        long roleId = created.json().at("/role/id").asLong();
        assertThat(server.http().delete("/admin/api/staff-roles/" + roleId, Auth.admin()).status()).isEqualTo(200);
        long supportRole = server.http().get("/admin/api/staff-roles", Auth.admin()).json().get("roles").findValuesAsText("name")
                .indexOf("support");
        long supportId = server.http().get("/admin/api/staff-roles", Auth.admin()).json().get("roles").get((int) supportRole).get("id").asLong();
        assertThat(server.http().put("/admin/api/staff-roles/" + supportId, Auth.admin(),
                Body.json(obj("permissions", List.of("*")))).status()).isEqualTo(409);
    }

    @Test
    void bad_roles_and_accounts_are_refused_with_the_field_named() {
        Res unknownPermission = server.http().post("/admin/api/staff-roles", Auth.admin(),
                Body.json(obj("name", "odd", "permissions", List.of("billing", "everything"))));
        assertThat(unknownPermission.status()).isEqualTo(422);
        assertThat(unknownPermission.json().at("/fields/permissions/0").asText()).contains("everything");
        Res badName = server.http().post("/admin/api/staff", Auth.admin(),
                Body.json(obj("username", "Bad Name", "password", "short")));
        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.json().get("fields").has("username")).isTrue();
        assertThat(badName.json().get("fields").has("password")).isTrue();
        Res noRole = server.http().post("/admin/api/staff", Auth.admin(),
                Body.json(obj("username", StaffFixtures.uniqueUsername("x"), "password", StaffFixtures.PASSWORD, "role", "nobody")));
        assertThat(noRole.status()).isEqualTo(422);
        assertThat(noRole.json().get("fields").has("role")).isTrue();
        String taken = StaffFixtures.uniqueUsername("taken");
        StaffFixtures.create(server, taken, "support", false);
        Res twice = server.http().post("/admin/api/staff", Auth.admin(), Body.json(obj("username", taken, "password", StaffFixtures.PASSWORD)));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(server.http().get("/admin/api/staff/999999", Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void every_change_is_audited_with_who_what_which_object_and_where_and_reads_are_not() {
        String username = StaffFixtures.uniqueUsername("audited");
        long staffId = StaffFixtures.create(server, username, "support", false).at("/staff/id").asLong();
        // The key's create: object is the created account's id.
        var created = audit("?object_type=staff&object_id=" + staffId + "&action=POST%20/staff");
        assertThat(created).hasSize(1);
        assertThat(created.get(0).get("actor_kind").asText()).isEqualTo("key");
        assertThat(created.get(0).get("actor").asText()).isEqualTo("demo");
        assertThat(created.get(0).get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(created.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(created.get(0).get("path").asText()).isEqualTo("/staff");

        Auth support = Auth.bearer(StaffFixtures.login(server, username, StaffFixtures.PASSWORD, null).json().get("token").asText());
        var logins = audit("?actor_kind=staff&actor_id=" + staffId + "&action=login");
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0).get("actor").asText()).isEqualTo(username);

        // A refused change is logged with its status; a read is not logged at all.
        server.http().get("/admin/api/tickets", support);
        server.http().post("/admin/api/invoices/7/refund", support, Body.json(obj("amount", "1.00")));
        var mine = audit("?actor_kind=staff&actor_id=" + staffId);
        assertThat(mine).extracting(e -> e.get("action").asText()).containsExactly("POST /invoices/@id/refund", "login");
        assertThat(mine.get(0).get("status").asInt()).isEqualTo(403);
        assertThat(mine.get(0).get("object_type").asText()).isEqualTo("invoices");
        assertThat(mine.get(0).get("object_id").asText()).isEqualTo("7");
        assertThat(mine.get(0).get("detail").asText()).contains("permission");

        // A change that goes through, by the key, with the object from the path.
        long clientId = anyClientId();
        assertThat(server.http().put("/admin/api/clients/" + clientId, Auth.admin(), Body.json(obj("notes", "audited"))).status()).isEqualTo(200);
        var change = audit("?object_type=clients&object_id=" + clientId + "&limit=1");
        assertThat(change.get(0).get("action").asText()).isEqualTo("PUT /clients/@id");
        assertThat(change.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(audit("?action=GET%20/tickets")).isEmpty();
        // Paging: before gives the older entries only.
        long newest = change.get(0).get("id").asLong();
        assertThat(audit("?before=" + newest)).allSatisfy(e -> assertThat(e.get("id").asLong()).isLessThan(newest));
        assertThat(server.http().get("/admin/api/audit?actor_kind=robot", Auth.admin()).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/audit?from=yesterday", Auth.admin()).status()).isEqualTo(400);
    }
}
