package io.steward.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Secrets;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import io.steward.v1.V1Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients' API keys: made, listed and revoked by the client (holder and contacts) and by staff,
 * hashed at rest, scoped, carrying a contact's privileges, stopped by revocation and by the
 * account's suspension or closure, and never reaching another client's services or invoices.
 */
class ApiKeysTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res create(Auth owner, String name, String scope) {
        return server.http().post("/api/apikeys", owner, Body.json(Map.of("name", name, "scope", scope)));
    }

    @Test
    void a_key_is_shown_once_listed_by_prefix_stored_as_a_hash_and_its_use_recorded() {
        var c = AccountFixtures.client(server);
        Res made = create(c.auth(), "monitoring", "read-only");
        assertThat(made.status()).isEqualTo(201);
        String key = made.json().at("/apikey/key").asText();
        String id = made.json().at("/apikey/id").asText();
        assertThat(key).startsWith("stk_").hasSizeGreaterThan(40);
        assertThat(made.json().at("/apikey/prefix").asText()).isEqualTo(key.substring(0, 12));

        JsonNode listed = server.http().get("/api/apikeys", c.auth()).json().path("apikeys");
        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain(key).contains(key.substring(0, 12));
        assertThat(listed.get(0).path("lastused").asText()).isEqualTo("0000-00-00 00:00:00");

        // Only the hash is kept: the key itself is in no column of the table.
        var rows = server.steward().db().dsl().fetch("select * from api_key where id = " + id);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).intoList().toString()).doesNotContain(key).contains(Secrets.sha256Hex(key));

        assertThat(server.http().get("/v1/version", Auth.bearer(key)).status()).isEqualTo(200);
        JsonNode used = server.http().get("/api/apikeys/" + id, c.auth()).json().path("apikey");
        assertThat(used.path("lastused").asText()).isNotEqualTo("0000-00-00 00:00:00");
        assertThat(used.path("lastused_ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void bad_names_and_scopes_are_refused_and_the_scope_defaults_to_read_only() {
        var c = AccountFixtures.client(server);
        Res noName = server.http().post("/api/apikeys", c.auth(), Body.json(Map.of("scope", "read-only")));
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.json().at("/fields/name")).isNotEmpty();
        Res badScope = create(c.auth(), "x", "admin");
        assertThat(badScope.status()).isEqualTo(422);
        assertThat(badScope.json().at("/fields/scope")).isNotEmpty();
        Res plain = server.http().post("/api/apikeys", c.auth(), Body.form("name", "default scope"));
        assertThat(plain.json().at("/apikey/scope").asText()).isEqualTo("read-only");
    }

    @Test
    void a_revoked_key_stops_working_at_once() {
        var c = AccountFixtures.client(server);
        Res made = create(c.auth(), "ci", "read-write");
        Auth key = Auth.bearer(made.json().at("/apikey/key").asText());
        assertThat(server.http().get("/v1/services", key).status()).isEqualTo(200);
        Res revoked = server.http().delete("/api/apikeys/" + made.json().at("/apikey/id").asText(), c.auth());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().at("/apikey/status").asText()).isEqualTo("Revoked");
        Res refused = server.http().get("/v1/services", key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("message").asText()).contains("revoked");
        // Revoking again answers the same revoked key.
        assertThat(server.http().delete("/api/apikeys/" + made.json().at("/apikey/id").asText(), c.auth()).status()).isEqualTo(200);
    }

    @Test
    void a_read_only_key_reads_but_may_not_purge_and_a_read_write_key_may() {
        var c = AccountFixtures.client(server);
        long service = V1Fixtures.activeService(server, c.id(), "CDN");
        String name = "ro-" + c.id() + ".keys-test.example";
        V1Fixtures.resource(server, c.id(), service, name, "http://127.0.0.1:9", null);
        Auth readOnly = V1Fixtures.key(server, c.auth(), "read-only");
        Auth readWrite = V1Fixtures.key(server, c.auth(), "read-write");
        assertThat(server.http().get("/v1/services/" + service, readOnly).status()).isEqualTo(200);
        Res denied = server.http().post("/v1/services/" + service + "/cdn/purge", readOnly, Body.json(Map.of("resource_name", name)));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().path("message").asText()).contains("read-only");
        assertThat(server.http().post("/v1/services/" + service + "/cdn/purge", readWrite, Body.json(Map.of("resource_name", name))).status())
                .isEqualTo(200);
    }

    @Test
    void a_contacts_key_carries_the_contacts_privileges_and_the_contact_manages_only_its_own_keys() {
        var c = AccountFixtures.client(server);
        long mine = V1Fixtures.activeService(server, c.id(), "Shared");
        long other = V1Fixtures.activeService(server, c.id(), "Hidden");
        var contact = AccountFixtures.contact(server, c.auth(), Map.of("services", Map.of(Long.toString(mine), List.of("basic"))), true);
        Auth holderKey = V1Fixtures.key(server, c.auth(), "read-only");
        Res made = create(contact.auth(), "contact tool", "read-only");
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().at("/apikey/contact_id").asText()).isEqualTo(Long.toString(contact.id()));
        Auth contactKey = Auth.bearer(made.json().at("/apikey/key").asText());

        JsonNode seen = server.http().get("/v1/services", contactKey).json();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).path("serviceId").asLong()).isEqualTo(mine);
        assertThat(server.http().get("/v1/services/" + other, contactKey).status()).isEqualTo(403);
        assertThat(server.http().get("/v1/billing/invoices", contactKey).status()).isEqualTo(403);
        assertThat(server.http().get("/v1/billing/balance", contactKey).status()).isEqualTo(403);
        assertThat(server.http().get("/v1/services", holderKey).json()).hasSize(2);

        // The contact sees its key only; the holder sees both and may revoke the contact's.
        assertThat(server.http().get("/api/apikeys", contact.auth()).json().path("apikeys")).hasSize(1);
        assertThat(server.http().get("/api/apikeys", c.auth()).json().path("apikeys")).hasSize(2);
        String holderKeyId = server.http().get("/api/apikeys", c.auth()).json().at("/apikeys/1/id").asText();
        assertThat(server.http().delete("/api/apikeys/" + holderKeyId, contact.auth()).status()).isEqualTo(404);
        assertThat(server.http().delete("/api/apikeys/" + made.json().at("/apikey/id").asText(), c.auth()).status()).isEqualTo(200);
        assertThat(server.http().get("/v1/services", contactKey).status()).isEqualTo(401);
    }

    @Test
    void a_suspended_or_closed_accounts_keys_stop_working() {
        var c = AccountFixtures.client(server);
        Auth key = V1Fixtures.key(server, c.auth(), "read-only");
        assertThat(server.http().get("/v1/version", key).status()).isEqualTo(200);
        assertThat(server.http().put("/admin/api/clients/" + c.id() + "/status", Auth.admin(), Body.json(Map.of("status", "Suspended")))
                .status()).isEqualTo(200);
        Res suspended = server.http().get("/v1/version", key);
        assertThat(suspended.status()).isEqualTo(401);
        assertThat(suspended.json().path("message").asText()).contains("Suspended");
        server.http().put("/admin/api/clients/" + c.id() + "/status", Auth.admin(), Body.json(Map.of("status", "Active")));
        assertThat(server.http().get("/v1/version", key).status()).isEqualTo(200);
        server.http().put("/admin/api/clients/" + c.id() + "/status", Auth.admin(), Body.json(Map.of("status", "Closed")));
        assertThat(server.http().get("/v1/version", key).status()).isEqualTo(401);
    }

    @Test
    void one_clients_key_never_sees_another_clients_services_or_invoices() {
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        long bService = V1Fixtures.activeService(server, b.id(), "CDN");
        String name = "b-" + b.id() + ".keys-test.example";
        V1Fixtures.resource(server, b.id(), bService, name, "http://127.0.0.1:9", null);
        Auth aKey = V1Fixtures.key(server, a.auth(), "read-write");
        Auth bKey = V1Fixtures.key(server, b.auth(), "read-only");
        server.http().post("/admin/api/invoices", Auth.admin(), Body.json(Map.of("client_id", b.id(),
                "items", List.of(Map.of("description", "Setup", "amount", "10.00")))));
        JsonNode bInvoices = server.http().get("/v1/billing/invoices", bKey).json();
        assertThat(bInvoices).hasSize(1);

        assertThat(server.http().get("/v1/services", aKey).json()).isEmpty();
        assertThat(server.http().get("/v1/services/" + bService, aKey).status()).isEqualTo(404);
        assertThat(server.http().post("/v1/services/" + bService + "/cdn/purge", aKey, Body.json(Map.of("resource_name", name))).status())
                .isEqualTo(404);
        assertThat(server.http().get("/v1/billing/invoices", aKey).json()).isEmpty();
        assertThat(server.http().get("/v1/billing/invoices?id=" + bInvoices.get(0).path("id").asLong(), aKey).json()).isEmpty();
        // Nor its keys.
        String bKeyId = server.http().get("/api/apikeys", b.auth()).json().at("/apikeys/0/id").asText();
        assertThat(server.http().get("/api/apikeys/" + bKeyId, a.auth()).status()).isEqualTo(404);
        assertThat(server.http().delete("/api/apikeys/" + bKeyId, a.auth()).status()).isEqualTo(404);
    }

    @Test
    void staff_list_create_for_a_contact_and_revoke_any_key() {
        var c = AccountFixtures.client(server);
        var contact = AccountFixtures.contact(server, c.auth(), Map.of("billing", List.of("balance")), false);
        Res made = server.http().post("/admin/api/clients/" + c.id() + "/api-keys", Auth.admin(),
                Body.json(Map.of("name", "from support", "scope", "read-only", "contact_id", contact.id())));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().at("/api_key/created_by").asText()).startsWith("staff:");
        Auth key = Auth.bearer(made.json().at("/api_key/key").asText());
        assertThat(server.http().get("/v1/billing/balance", key).status()).isEqualTo(200);
        assertThat(server.http().get("/v1/billing/invoices", key).status()).isEqualTo(403);

        JsonNode listed = server.http().get("/admin/api/clients/" + c.id() + "/api-keys", Auth.admin()).json().path("api_keys");
        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain(made.json().at("/api_key/key").asText());
        long id = made.json().at("/api_key/id").asLong();
        assertThat(server.http().get("/admin/api/api-keys/" + id, Auth.admin()).json().at("/api_key/last_used_at").isTextual()).isTrue();
        assertThat(server.http().delete("/admin/api/api-keys/" + id, Auth.admin()).json().at("/api_key/revoked_at").isTextual()).isTrue();
        assertThat(server.http().get("/v1/billing/balance", key).status()).isEqualTo(401);

        var other = AccountFixtures.client(server);
        Res foreignContact = server.http().post("/admin/api/clients/" + other.id() + "/api-keys", Auth.admin(),
                Body.json(Map.of("name", "x", "contact_id", contact.id())));
        assertThat(foreignContact.status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/clients/999999/api-keys", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().delete("/admin/api/api-keys/999999", Auth.admin()).status()).isEqualTo(404);
    }
}
