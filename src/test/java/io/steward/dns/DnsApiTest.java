package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.addRecord;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The client API's DNS routes: shapes, ownership, validation, quotas; the demo zone; ordering DNS hosting. */
class DnsApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode demoZone() {
        JsonNode list = server.http().get("/api/dns", Auth.demo()).json();
        for (JsonNode z : list.get("zones")) if (z.get("name").asText().equals("demo-zone.test")) return z;
        throw new AssertionError("no demo zone in " + list);
    }

    @Test
    void the_demo_client_lists_its_DNS_service_and_zone_with_string_ids() {
        Res res = server.http().get("/api/dns", Auth.demo());
        assertThat(res.status()).isEqualTo(200);
        JsonNode z = demoZone();
        assertThat(z.get("domain_id").isTextual()).isTrue();
        assertThat(z.get("service_id").isTextual()).isTrue();
        assertThat(res.json().get("service_ids")).anySatisfy(id -> assertThat(id.asText()).isEqualTo(z.get("service_id").asText()));
    }

    @Test
    void the_demo_zone_holds_A_AAAA_MX_TXT_and_CNAME_records_that_the_server_answers() {
        JsonNode z = demoZone();
        JsonNode details = server.http().get("/api/service/" + z.get("service_id").asText() + "/dns/" + z.get("domain_id").asText(),
                Auth.demo()).json();
        var types = new java.util.HashSet<String>();
        assertThat(details.get("records").isObject()).as("records keyed by position").isTrue();
        for (JsonNode r : details.get("records")) {
            types.add(r.get("type").asText());
            assertThat(r.get("id").isTextual()).isTrue();
            assertThat(r.get("ttl").isTextual()).isTrue();
            assertThat(r.get("name").asText()).endsWith("demo-zone.test");
        }
        assertThat(types).contains("SOA", "NS", "A", "AAAA", "MX", "TXT", "CNAME");
        var m = query(server, "www.demo-zone.test", Type.A, false);
        assertThat(((ARecord) m.getSection(Section.ANSWER).get(1)).getAddress().getHostAddress()).isEqualTo("192.0.2.10");
    }

    @Test
    void a_record_added_to_the_demo_zone_with_form_parameters_is_served() {
        JsonNode z = demoZone();
        Res res = server.http().post("/api/service/" + z.get("service_id").asText() + "/dns/" + z.get("domain_id").asText() + "/records",
                Auth.demo(), Body.form("name", "shop", "type", "A", "ttl", "300", "content", "192.0.2.44"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("info").get(0).asText()).isEqualTo("dnsnewrecordadded");
        assertThat(res.json().get("info").get(1).asText()).isEqualTo("A");
        var m = query(server, "shop.demo-zone.test", Type.A, true);
        assertThat(((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.44");
    }

    @Test
    void another_clients_service_zone_and_record_are_not_found() {
        var owner = AccountFixtures.client(server);
        long serviceId = dnsService(server, owner.id(), 3);
        long zoneId = zone(server, owner.auth(), serviceId, "owned-" + System.nanoTime() + ".example");
        String recordId = added(server, owner.auth(), serviceId, zoneId, obj("name", "a", "type", "A", "content", "192.0.2.1")).get("id").asText();
        var other = AccountFixtures.client(server).auth();
        String base = "/api/service/" + serviceId + "/dns";
        assertThat(server.http().get(base, other).status()).isEqualTo(404);
        assertThat(server.http().get(base + "/" + zoneId, other).status()).isEqualTo(404);
        assertThat(server.http().delete(base + "/" + zoneId, other).status()).isEqualTo(404);
        assertThat(server.http().post(base + "/" + zoneId + "/records", other, Body.json(obj("name", "x", "type", "A", "content", "192.0.2.2"))).status())
                .isEqualTo(404);
        assertThat(server.http().put(base + "/" + zoneId + "/records/" + recordId, other, Body.json(obj("content", "192.0.2.3"))).status())
                .isEqualTo(404);
        assertThat(server.http().delete(base + "/" + zoneId + "/records/" + recordId, other).status()).isEqualTo(404);
        // Nor through the demo client's own service: a zone belongs to one service.
        long demoService = demoZone().get("service_id").asLong();
        assertThat(server.http().get("/api/service/" + demoService + "/dns/" + zoneId, Auth.demo()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/dns", other).json().get("zones")).isEmpty();
    }

    @Test
    void invalid_records_are_refused_with_the_field_named() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 3);
        String zoneName = "valid-" + System.nanoTime() + ".example";
        long zoneId = zone(server, c.auth(), serviceId, zoneName);
        record Case(Map<String, Object> body, String field) {}
        for (Case k : List.of(
                new Case(obj("name", "a", "type", "A", "content", "300.1.1.1"), "content"),
                new Case(obj("name", "a", "type", "A", "content", "example.com"), "content"),
                new Case(obj("name", "a", "type", "AAAA", "content", "192.0.2.1"), "content"),
                new Case(obj("name", "a", "type", "CNAME", "content", "not a host"), "content"),
                new Case(obj("name", "@", "type", "CNAME", "content", "example.org"), "name"),
                new Case(obj("name", "a", "type", "MX", "priority", 70000, "content", "mail.example.org"), "priority"),
                new Case(obj("name", "a", "type", "A", "ttl", 0, "content", "192.0.2.1"), "ttl"),
                new Case(obj("name", "a", "type", "A", "ttl", "-10", "content", "192.0.2.1"), "ttl"),
                new Case(obj("name", "a", "type", "A", "ttl", 99999999, "content", "192.0.2.1"), "ttl"),
                new Case(obj("name", "a", "type", "A", "ttl", "soon", "content", "192.0.2.1"), "ttl"),
                new Case(obj("name", "a", "type", "BOGUS", "content", "x"), "type"),
                new Case(obj("name", "a", "type", "SOA", "content", "x"), "type"),
                new Case(obj("name", "www.other-zone.example.", "type", "A", "content", "192.0.2.1"), "name"),
                new Case(obj("name", "bad_label!", "type", "A", "content", "192.0.2.1"), "name"),
                new Case(obj("name", "_sip._tcp", "type", "SRV", "content", List.of(1, 99999, "sip.example.org")), "content"),
                new Case(obj("name", "a", "type", "CAA", "content", "issue letsencrypt.org"), "content"),
                new Case(obj("name", "a", "type", "URL", "content", "ftp://example.org"), "content"),
                new Case(obj("name", "a", "type", "TXT", "content", ""), "content"))) {
            Res res = addRecord(server, c.auth(), serviceId, zoneId, k.body());
            assertThat(res.status()).as("%s -> %s", k.body(), res).isEqualTo(422);
            assertThat(res.json().get("success").asBoolean()).isFalse();
            assertThat(res.json().path("fields").has(k.field())).as("%s names %s: %s", k.body(), k.field(), res).isTrue();
        }
    }

    @Test
    void a_CNAME_stands_alone_the_SOA_is_managed_and_the_apex_keeps_an_NS() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 3);
        String zoneName = "rules-" + System.nanoTime() + ".example";
        long zoneId = zone(server, c.auth(), serviceId, zoneName);
        added(server, c.auth(), serviceId, zoneId, obj("name", "host", "type", "A", "content", "192.0.2.1"));
        assertThat(addRecord(server, c.auth(), serviceId, zoneId, obj("name", "host", "type", "CNAME", "content", "x.example.org")).status())
                .isEqualTo(422);
        added(server, c.auth(), serviceId, zoneId, obj("name", "alias", "type", "CNAME", "content", "x.example.org"));
        assertThat(addRecord(server, c.auth(), serviceId, zoneId, obj("name", "alias", "type", "TXT", "content", "no")).status()).isEqualTo(422);
        assertThat(addRecord(server, c.auth(), serviceId, zoneId, obj("name", "host", "type", "A", "content", "192.0.2.1")).status())
                .as("the same record twice").isEqualTo(409);

        JsonNode records = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, c.auth()).json().get("records");
        String soaId = null;
        var nsIds = new java.util.ArrayList<String>();
        for (JsonNode r : records) {
            if (r.get("type").asText().equals("SOA")) soaId = r.get("id").asText();
            if (r.get("type").asText().equals("NS")) nsIds.add(r.get("id").asText());
        }
        String base = "/api/service/" + serviceId + "/dns/" + zoneId + "/records/";
        assertThat(server.http().delete(base + soaId, c.auth()).status()).isEqualTo(422);
        assertThat(server.http().put(base + soaId, c.auth(), Body.json(obj("ttl", 60))).status()).isEqualTo(422);
        assertThat(nsIds).hasSize(2);
        assertThat(server.http().delete(base + nsIds.get(0), c.auth()).status()).isEqualTo(200);
        Res last = server.http().delete(base + nsIds.get(1), c.auth());
        assertThat(last.status()).isEqualTo(422);
        assertThat(server.http().delete(base + "999999999", c.auth()).status()).isEqualTo(404);
    }

    @Test
    void zones_are_limited_by_the_product_validated_and_unique() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 2);
        String stamp = Long.toString(System.nanoTime());
        zone(server, c.auth(), serviceId, "one-" + stamp + ".example");
        Res bad = server.http().post("/api/service/" + serviceId + "/dns", c.auth(), Body.json(obj("name", "not a zone")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("fields").has("name")).isTrue();
        Res taken = server.http().post("/api/service/" + serviceId + "/dns", c.auth(), Body.json(obj("name", "demo-zone.test")));
        assertThat(taken.status()).isEqualTo(409);
        Res inside = server.http().post("/api/service/" + serviceId + "/dns", c.auth(), Body.json(obj("name", "sub.demo-zone.test")));
        assertThat(inside.status()).as("a zone inside another client's zone").isEqualTo(409);
        zone(server, c.auth(), serviceId, "two-" + stamp + ".example");
        Res over = server.http().post("/api/service/" + serviceId + "/dns", c.auth(), Body.json(obj("name", "three-" + stamp + ".example")));
        assertThat(over.status()).as("%s", over).isEqualTo(422);
        assertThat(server.http().get("/api/service/" + serviceId + "/dns", c.auth()).json().get("zones")).hasSize(2);
    }

    @Test
    void deleting_a_zone_stops_the_server_answering_for_it() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 2);
        String name = "gone-" + System.nanoTime() + ".example";
        long zoneId = zone(server, c.auth(), serviceId, name);
        assertThat(query(server, name, Type.SOA, false).getRcode()).isEqualTo(Rcode.NOERROR);
        Res del = server.http().delete("/api/service/" + serviceId + "/dns/" + zoneId, c.auth());
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json().get("info").get(0).asText()).isEqualTo("Domain zone " + name + " was deleted successfully.");
        assertThat(query(server, name, Type.SOA, false).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void a_service_that_is_not_DNS_hosting_has_no_zones() {
        Res services = server.http().get("/api/service", Auth.demo());
        String hosting = null;
        for (JsonNode s : services.json().get("services")) if (s.get("name").asText().equals("Starter Hosting")) hosting = s.get("id").asText();
        assertThat(server.http().get("/api/service/" + hosting + "/dns", Auth.demo()).status()).isEqualTo(404);
    }

    @Test
    void a_contact_without_the_services_basic_privilege_may_not_touch_zones() {
        JsonNode z = demoZone();
        Res res = server.http().get("/api/service/" + z.get("service_id").asText() + "/dns/" + z.get("domain_id").asText(), Auth.demoContact());
        assertThat(res.status()).isEqualTo(403);
        assertThat(server.http().get("/api/dns", Auth.demoContact()).json().get("zones")).isEmpty();
    }

    @Test
    void suspending_the_service_stops_serving_its_zones_and_unsuspending_serves_them_again() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 2);
        String name = "susp-" + System.nanoTime() + ".example";
        zone(server, c.auth(), serviceId, name);
        assertThat(server.http().post("/admin/api/services/" + serviceId + "/suspend", Auth.admin(), Body.json(obj("reason", "test"))).status())
                .isBetween(200, 202);
        server.steward().services().provisioning().runDueJobsNow();
        server.steward().dns().pollChanges();
        assertThat(query(server, name, Type.SOA, false).getRcode()).isEqualTo(Rcode.REFUSED);
        Res blocked = server.http().post("/api/service/" + serviceId + "/dns", c.auth(), Body.json(obj("name", "x-" + name)));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(server.http().post("/admin/api/services/" + serviceId + "/unsuspend", Auth.admin(), Body.NONE).status()).isBetween(200, 202);
        server.steward().services().provisioning().runDueJobsNow();
        server.steward().dns().pollChanges();
        assertThat(query(server, name, Type.SOA, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void ordering_free_DNS_through_the_cart_creates_an_active_DNS_service_for_one_zone() {
        var c = AccountFixtures.client(server);
        long productId = -1;
        for (JsonNode p : server.http().get("/admin/api/products", Auth.admin()).json().get("products")) {
            if (p.get("name").asText().equals("Free DNS")) productId = p.get("id").asLong();
        }
        Res order = server.http().post("/api/order/" + productId, c.auth(), Body.json(obj("cycle", "Free", "domain", "free.example")));
        assertThat(order.status()).as("%s", order).isEqualTo(200);
        long serviceId = order.json().at("/items/id").asLong();
        server.steward().services().provisioning().runDueJobsNow();
        Res dns = server.http().get("/api/dns", c.auth());
        assertThat(dns.json().get("service_ids")).singleElement().satisfies(id -> assertThat(id.asLong()).isEqualTo(serviceId));
        String stamp = Long.toString(System.nanoTime());
        zone(server, c.auth(), serviceId, "free-" + stamp + ".example");
        Res second = server.http().post("/api/service/" + serviceId + "/dns", c.auth(), Body.json(obj("name", "free2-" + stamp + ".example")));
        assertThat(second.status()).as("the product allows one zone").isEqualTo(422);
    }
}
