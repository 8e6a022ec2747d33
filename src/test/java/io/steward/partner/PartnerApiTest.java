package io.steward.partner;

import static io.steward.partner.PartnerFixtures.clientBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The partner API (reference 000): OAuth tokens, end clients, domains and their DNS, and partners kept apart. */
class PartnerApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("partner.oauth.access-ttl", "PT10M"));
    }

    @AfterAll
    static void stop() { server.close(); }

    // OAuth

    @Test
    void a_token_works_until_it_expires_and_a_refresh_rotates_the_pair() {
        var p = PartnerFixtures.partner(server);
        Res first = PartnerFixtures.token(server, p.clientId(), p.secret());
        assertThat(first.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(first.json().get("expires_in").asLong()).isEqualTo(600);
        assertThat(server.http().get("/partner/clients", p.auth()).status()).isEqualTo(200);

        Res refreshed = server.http().post("/partner/auth/token/refresh", Auth.NONE, Body.json(Map.of("refresh_token", p.refresh(),
                "client_id", p.clientId(), "client_secret", p.secret())));
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        String access = refreshed.json().get("access_token").asText();
        assertThat(access).isNotEqualTo(p.access());
        // The pair the refresh token came with ends with it.
        assertThat(server.http().get("/partner/clients", p.auth()).json().get("message").asText()).isEqualTo("token_revoked");
        assertThat(server.http().get("/partner/clients", Auth.bearer(access)).status()).isEqualTo(200);

        server.clock.advance(Duration.ofMinutes(11));
        Res expired = server.http().get("/partner/clients", Auth.bearer(access));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("message").asText()).isEqualTo("token_expired");
        assertThat(expired.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void a_used_refresh_token_presented_again_revokes_the_whole_grant() {
        var p = PartnerFixtures.partner(server);
        var body = Map.of("refresh_token", p.refresh(), "client_id", p.clientId(), "client_secret", p.secret());
        String next = server.http().post("/partner/auth/token/refresh", Auth.NONE, Body.json(body)).json().get("access_token").asText();
        Res replay = server.http().post("/partner/auth/token/refresh", Auth.NONE, Body.json(body));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(server.http().get("/partner/clients", Auth.bearer(next)).json().get("message").asText()).isEqualTo("token_revoked");
        // Another client's credentials cannot use the refresh token either.
        var other = PartnerFixtures.partner(server);
        assertThat(server.http().post("/partner/auth/token/refresh", Auth.NONE, Body.json(Map.of("refresh_token", other.refresh(),
                "client_id", p.clientId(), "client_secret", p.secret()))).status()).isEqualTo(401);
    }

    @Test
    void wrong_credentials_grant_types_and_missing_tokens_are_refused() {
        var p = PartnerFixtures.partner(server);
        assertThat(PartnerFixtures.token(server, p.clientId(), "wrong").status()).isEqualTo(401);
        assertThat(PartnerFixtures.token(server, "00000000-0000-0000-0000-000000000000", p.secret()).status()).isEqualTo(401);
        assertThat(server.http().post("/partner/auth/token", Auth.NONE, Body.json(Map.of("client_id", p.clientId(), "client_secret", p.secret(),
                "grant_type", "password"))).status()).isEqualTo(422);
        assertThat(server.http().post("/partner/auth/token", Auth.NONE, Body.json(Map.of("client_id", p.clientId()))).status()).isEqualTo(400);
        // Without grant_type, as the reference's example sends it.
        assertThat(server.http().post("/partner/auth/token", Auth.NONE, Body.json(Map.of("client_id", p.clientId(), "client_secret", p.secret())))
                .status()).isEqualTo(200);
        assertThat(server.http().get("/partner/clients", Auth.NONE).json().get("success").asBoolean()).isFalse();
        assertThat(server.http().get("/partner/clients", Auth.bearer("nope")).status()).isEqualTo(401);
        assertThat(server.http().get("/partner/no-such-thing", p.auth()).json().get("message").asText()).isEqualTo("Not found.");
    }

    @Test
    void staff_rotate_and_revoke_credentials_and_their_tokens_stop_at_once() {
        var p = PartnerFixtures.partner(server);
        String base = "/admin/api/partners/" + p.id() + "/credentials/" + p.clientId();
        Res rotated = server.http().post(base + "/rotate", Auth.admin(), Body.NONE);
        assertThat(rotated.status()).isEqualTo(200);
        String secret = rotated.json().at("/credential/client_secret").asText();
        assertThat(server.http().get("/partner/clients", p.auth()).status()).isEqualTo(401);
        assertThat(PartnerFixtures.token(server, p.clientId(), p.secret()).status()).isEqualTo(401);
        String access = PartnerFixtures.token(server, p.clientId(), secret).json().get("access_token").asText();
        assertThat(server.http().get("/admin/api/partners/" + p.id() + "/credentials", Auth.admin()).json().toString())
                .doesNotContain(secret);

        assertThat(server.http().delete(base, Auth.admin()).json().at("/credential/status").asText()).isEqualTo("revoked");
        assertThat(server.http().get("/partner/clients", Auth.bearer(access)).status()).isEqualTo(401);
        assertThat(PartnerFixtures.token(server, p.clientId(), secret).status()).isEqualTo(401);
        assertThat(server.http().post(base + "/rotate", Auth.admin(), Body.NONE).status()).isEqualTo(409);
        assertThat(server.http().post("/admin/api/partners/" + p.id() + "/credentials/" + PartnerFixtures.partner(server).clientId() + "/rotate",
                Auth.admin(), Body.NONE).status()).isEqualTo(404);
    }

    @Test
    void a_suspended_partner_and_one_over_its_rate_are_refused() {
        var p = PartnerFixtures.partner(server, Map.of("rate_per_minute", 3));
        // The token request was the first of this minute.
        assertThat(server.http().get("/partner/clients", p.auth()).status()).isEqualTo(200);
        assertThat(server.http().get("/partner/clients", p.auth()).status()).isEqualTo(200);
        Res limited = server.http().get("/partner/clients", p.auth());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(server.http().get("/partner/clients", p.auth()).status()).isEqualTo(200);

        var q = PartnerFixtures.partner(server);
        assertThat(server.http().put("/admin/api/partners/" + q.id(), Auth.admin(), Body.json(Map.of("status", "suspended"))).status()).isEqualTo(200);
        assertThat(server.http().get("/partner/clients", q.auth()).status()).isEqualTo(401);
        assertThat(PartnerFixtures.token(server, q.clientId(), q.secret()).status()).isEqualTo(401);
    }

    // Clients

    @Test
    void clients_are_added_listed_by_keyword_updated_and_deleted() {
        var p = PartnerFixtures.partner(server);
        var body = clientBody();
        body.put("firstname", "Keyworded");
        Res added = server.http().post("/partner/clients/add", p.auth(), Body.json(body));
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        JsonNode c = added.json().at("/data/0");
        assertThat(c.get("postcode").asText()).isEqualTo("1234");
        assertThat(c.get("client_type").asText()).isEqualTo("Managed Client");
        assertThat(c.get("vat_number").asText()).isEqualTo("123456789");
        long id = c.get("id").asLong();
        PartnerFixtures.client(server, p);

        JsonNode listed = server.http().get("/partner/clients?keyword=keyword", p.auth()).json();
        assertThat(listed.get("data")).hasSize(1);
        assertThat(listed.at("/data/0/id").asText()).isEqualTo(String.valueOf(id));
        assertThat(server.http().get("/partner/clients", p.auth()).json().get("data")).hasSize(2);

        // The end client is a real account: it logs in to the client area with the partner's password for it.
        assertThat(server.http().get("/api/details", Auth.basic((String) body.get("email"), "Pass!123")).status()).isEqualTo(200);

        var change = clientBody();
        change.remove("password");
        change.remove("client_type");
        change.put("city", "Gent");
        change.put("vat_number", "BE0123");
        Res updated = server.http().put("/partner/clients/" + id, p.auth(), Body.json(change));
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(updated.json().at("/data/0/city").asText()).isEqualTo("Gent");
        assertThat(updated.json().at("/data/0/vat_number").asText()).isEqualTo("BE0123");

        Res deleted = server.http().delete("/partner/clients/" + id, p.auth());
        assertThat(deleted.json().get("message").asText()).isEqualTo("Deleted Client");
        assertThat(server.http().delete("/partner/clients/" + id, p.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/partner/clients", p.auth()).json().get("data")).hasSize(1);
    }

    private static void refused(Map<String, Object> body, String field) {
        var p = PartnerFixtures.partner(server);
        Res res = server.http().post("/partner/clients/add", p.auth(), Body.json(body));
        assertThat(res.status()).as("%s for %s", res, field).isEqualTo(422);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().at("/errors/" + field)).as("%s", res).isNotEmpty();
    }

    private static Map<String, Object> with(String field, Object value) {
        var body = new LinkedHashMap<>(clientBody());
        if (value == null) body.remove(field);
        else body.put(field, value);
        return body;
    }

    @Test
    void each_client_rule_of_the_reference_is_enforced() {
        refused(with("firstname", null), "firstname");
        refused(with("firstname", "x".repeat(101)), "firstname");
        refused(with("lastname", ""), "lastname");
        refused(with("company", "x".repeat(101)), "company");
        refused(with("password", "Ab!1"), "password");
        refused(with("password", "password"), "password");
        refused(with("password", "Password"), "password");
        refused(with("postcode", "12-34"), "postcode");
        refused(with("address1", null), "address1");
        refused(with("city", "x".repeat(101)), "city");
        refused(with("country", "be"), "country");
        refused(with("country", "XX"), "country");
        refused(with("email", "a@b"), "email");
        refused(with("phone", "1234"), "phone");
        refused(with("client_type", "Reseller"), "client_type");
        refused(with("vat_number", "BE-123"), "vat_number");
        refused(with("vat_number", "12"), "vat_number");
        // Three of five categories: lower case, digits and a Unicode letter pass.
        var p = PartnerFixtures.partner(server);
        assertThat(server.http().post("/partner/clients/add", p.auth(), Body.json(with("password", "paßwort1"))).status()).isEqualTo(200);
        assertThat(server.http().post("/partner/clients/add", p.auth(), Body.json(with("client_type", "Self Servicing Client"))).status())
                .isEqualTo(200);
    }

    // Domains and DNS

    @Test
    void a_partner_registers_a_domain_for_its_client_is_invoiced_at_its_discount_and_manages_the_dns() {
        var p = PartnerFixtures.partner(server, Map.of("discount_percent", "10"));
        PartnerFixtures.credit(server, p, "100.00");
        long client = PartnerFixtures.client(server, p);
        String name = PartnerFixtures.uniqueDomain();

        Res check = server.http().post("/partner/domains/check-domain", p.auth(), Body.json(Map.of("name", name)));
        assertThat(check.json().get("available").asBoolean()).isTrue();
        assertThat(check.json().get("message").asText()).isEqualTo(name + " is available to register!");

        long domainId = PartnerFixtures.activeDomain(server, p, client, name);
        // The domain is the client's; the invoice (5.00 less 10%) the partner's, paid from its credit.
        JsonNode domain = server.http().get("/admin/api/domains/" + domainId, Auth.admin()).json().get("domain");
        assertThat(domain.get("client_id").asLong()).isEqualTo(client);
        JsonNode invoices = server.http().get("/api/invoice", Auth.basic(p.account().email(), p.account().password())).json().get("invoices");
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).get("total").asText()).isEqualTo("4.50");
        assertThat(invoices.get(0).get("status").asText()).isEqualTo("Paid");
        assertThat(server.http().post("/partner/domains/check-domain", p.auth(), Body.json(Map.of("name", name))).json().get("available").asBoolean())
                .isFalse();

        JsonNode listed = server.http().get("/partner/domains/list", p.auth()).json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("domain").asText()).isEqualTo(name);
        assertThat(listed.get(0).get("client_id").asText()).isEqualTo(String.valueOf(client));
        assertThat(listed.get(0).get("status").asText()).isEqualTo("Active");

        String base = "/partner/domains/" + name;
        Res added = server.http().post(base + "/record", p.auth(), Body.json(Map.of("record_type_name", "A", "record_name", "test." + name,
                "record_data", "192.0.2.10", "priority", 1)));
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        long recordId = added.json().at("/data/record_id").asLong();
        server.http().post(base + "/record", p.auth(), Body.json(Map.of("record_type_name", "MX", "record_name", "@",
                "record_data", "example.mail.protection.outlook.com", "priority", 10)));

        JsonNode zone = server.http().get(base + "/records", p.auth()).json();
        assertThat(zone.get("Success").asBoolean()).isTrue();
        JsonNode a = zone.at("/Result/Records/A/0");
        assertThat(a.get("Id").asLong()).isEqualTo(recordId);
        assertThat(a.get("RecordName").asText()).isEqualTo("test." + name);
        assertThat(a.get("RecordData").asText()).isEqualTo("192.0.2.10");
        assertThat(a.get("RecordType").asInt()).isEqualTo(1);
        assertThat(zone.at("/Result/Records/SOA")).hasSize(1);
        assertThat(zone.at("/Result/Zone/Name").asText()).isEqualTo(name);
        assertThat(zone.at("/Result/Office365HaveRecords/mx/mail").asBoolean()).isTrue();
        assertThat(zone.at("/Result/GoogleHaveRecords/mx/aspmx").asBoolean()).isFalse();

        Res updated = server.http().put(base + "/record", p.auth(), Body.json(Map.of("id", String.valueOf(recordId), "record_type_name", "A",
                "record_name", "test", "record_data", "192.0.2.11", "priority", 1)));
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(server.http().get(base + "/records", p.auth()).json().at("/Result/Records/A/0/RecordData").asText()).isEqualTo("192.0.2.11");
        // Served by Steward's DNS: the zone answers what the partner set.
        assertThat(server.steward().dns().zones().records(zone.at("/Result/Zone/Id").asLong()).stream()
                .anyMatch(r -> r.type().equals("A") && r.content().equals("192.0.2.11"))).isTrue();

        assertThat(server.http().delete(base + "/record/" + recordId, p.auth()).json().get("message").asText()).isEqualTo("The record has been deleted!");
        assertThat(server.http().get(base + "/records", p.auth()).json().at("/Result/Records/A")).isEmpty();

        Res ns = server.http().post(base + "/change-nameservers", p.auth(), Body.json(Map.of("ns1", "ns1.example.net", "ns2", "ns2.example.net")));
        assertThat(ns.status()).as("%s", ns).isEqualTo(201);
        assertThat(ns.json().get("ResultMessage").asText()).isEqualTo("Updated domain nameservers!");
        assertThat(server.http().get("/admin/api/domains/" + domainId, Auth.admin()).json().at("/domain/nameservers").toString())
                .contains("ns1.example.net");

        // A client with a domain is not deleted.
        assertThat(server.http().delete("/partner/clients/" + client, p.auth()).status()).isEqualTo(409);
    }

    @Test
    void record_and_register_rules_of_the_reference_are_enforced() {
        var p = PartnerFixtures.partner(server);
        String name = PartnerFixtures.uniqueDomain();
        for (var body : List.<Map<String, Object>>of(Map.of("period", 1, "action", "register"), Map.of("name", name, "period", 11, "action", "register"),
                Map.of("name", name, "period", 1, "action", "renew"), Map.of("name", name, "period", 1, "action", "transfer"),
                Map.of("name", name, "period", 1, "action", "register", "ns1", "ns"))) {
            Res res = server.http().post("/partner/domains/register", p.auth(), Body.json(body));
            assertThat(res.status()).as("%s for %s", res, body).isEqualTo(422);
            assertThat(res.json().get("errors")).isNotEmpty();
        }
        // Without credit the order waits unpaid in the partner's account; the domain stays Pending.
        Res pending = server.http().post("/partner/domains/register", p.auth(), Body.json(Map.of("name", name, "period", 1, "action", "register")));
        assertThat(pending.status()).isEqualTo(201);
        assertThat(server.http().get("/partner/domains/list", p.auth()).json().at("/data/0/status").asText()).isEqualTo("Pending");
        assertThat(server.http().get("/partner/domains/" + name + "/records", p.auth()).status()).isEqualTo(409);

        var funded = PartnerFixtures.partner(server);
        PartnerFixtures.credit(server, funded, "20.00");
        String other = PartnerFixtures.uniqueDomain();
        PartnerFixtures.activeDomain(server, funded, PartnerFixtures.client(server, funded), other);
        String base = "/partner/domains/" + other + "/record";
        for (var body : List.<Map<String, Object>>of(Map.of("record_type_name", "LUA", "record_name", "x", "record_data", "y", "priority", 1),
                Map.of("record_type_name", "BOGUS", "record_name", "x", "record_data", "y", "priority", 1),
                Map.of("record_type_name", "A", "record_name", "x", "record_data", "192.0.2.1", "priority", 0),
                Map.of("record_type_name", "A", "record_name", "x", "record_data", "192.0.2.1"),
                Map.of("record_type_name", "A", "record_name", "x", "record_data", "1".repeat(101), "priority", 1),
                Map.of("record_type_name", "A", "record_name", "x", "record_data", "192.0.2.1", "priority", 1, "fallback_ip", "nope"),
                Map.of("record_type_name", "A", "record_name", "x", "record_data", "not-an-address", "priority", 1))) {
            Res res = server.http().post(base, funded.auth(), Body.json(body));
            assertThat(res.status()).as("%s for %s", res, body).isEqualTo(422);
        }
        assertThat(server.http().post("/partner/domains/" + other + "/change-nameservers", funded.auth(), Body.json(Map.of("ns1", "ns1.example.net")))
                .status()).isEqualTo(422);
    }

    // Isolation

    @Test
    void two_partners_never_see_or_change_each_others_clients_or_objects() {
        var a = PartnerFixtures.partner(server);
        var b = PartnerFixtures.partner(server);
        PartnerFixtures.credit(server, a, "20.00");
        PartnerFixtures.credit(server, b, "20.00");
        long clientOfA = PartnerFixtures.client(server, a);
        String domainOfA = PartnerFixtures.uniqueDomain();
        PartnerFixtures.activeDomain(server, a, clientOfA, domainOfA);
        long recordOfA = server.http().post("/partner/domains/" + domainOfA + "/record", a.auth(), Body.json(Map.of("record_type_name", "TXT",
                "record_name", "@", "record_data", "mine", "priority", 1))).json().at("/data/record_id").asLong();

        var refused = new ArrayList<Res>();
        var change = clientBody();
        change.remove("password");
        refused.add(server.http().put("/partner/clients/" + clientOfA, b.auth(), Body.json(change)));
        refused.add(server.http().delete("/partner/clients/" + clientOfA, b.auth()));
        refused.add(server.http().delete("/partner/clients/" + a.account().id(), b.auth()));
        refused.add(server.http().post("/partner/domains/register", b.auth(), Body.json(Map.of("name", PartnerFixtures.uniqueDomain(), "period", 1,
                "action", "register", "client_id", clientOfA))));
        refused.add(server.http().post("/partner/domains/register", b.auth(), Body.json(Map.of("name", PartnerFixtures.uniqueDomain(), "period", 1,
                "action", "register", "client_id", a.account().id()))));
        refused.add(server.http().get("/partner/domains/" + domainOfA + "/records", b.auth()));
        refused.add(server.http().post("/partner/domains/" + domainOfA + "/record", b.auth(), Body.json(Map.of("record_type_name", "A",
                "record_name", "x", "record_data", "192.0.2.1", "priority", 1))));
        refused.add(server.http().put("/partner/domains/" + domainOfA + "/record", b.auth(), Body.json(Map.of("id", recordOfA, "record_type_name", "TXT",
                "record_name", "@", "record_data", "theirs", "priority", 1))));
        refused.add(server.http().delete("/partner/domains/" + domainOfA + "/record/" + recordOfA, b.auth()));
        refused.add(server.http().post("/partner/domains/" + domainOfA + "/change-nameservers", b.auth(), Body.json(Map.of("ns1", "ns1.evil.example",
                "ns2", "ns2.evil.example"))));
        for (Res r : refused) assertThat(r.status()).as("%s", r).isEqualTo(404);

        // B's own record ids do not reach into A's zone either.
        long clientOfB = PartnerFixtures.client(server, b);
        String domainOfB = PartnerFixtures.uniqueDomain();
        PartnerFixtures.activeDomain(server, b, clientOfB, domainOfB);
        assertThat(server.http().delete("/partner/domains/" + domainOfB + "/record/" + recordOfA, b.auth()).status()).isEqualTo(404);
        assertThat(server.http().put("/partner/domains/" + domainOfB + "/record", b.auth(), Body.json(Map.of("id", recordOfA, "record_type_name", "TXT",
                "record_name", "@", "record_data", "theirs", "priority", 1))).status()).isEqualTo(404);

        assertThat(server.http().get("/partner/clients", b.auth()).json().toString()).doesNotContain("\"" + clientOfA + "\"");
        assertThat(server.http().get("/partner/domains/list", b.auth()).json().toString()).doesNotContain(domainOfA);
        assertThat(server.http().get("/partner/domains/" + domainOfA + "/records", a.auth()).json().at("/Result/Records/TXT/0/RecordData").asText())
                .contains("mine");
        assertThat(server.http().get("/partner/clients", a.auth()).json().get("data")).hasSize(1);
    }
}
