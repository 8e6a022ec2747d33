package io.steward.domain;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dns.DnsFixtures;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Domains registered through Steward are their owners' names: the DNS takeover reproductions. */
class DomainClaimsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Res createZone(AccountFixtures.NewClient c, long serviceId, String name) {
        return server.http().post("/api/service/" + serviceId + "/dns", c.auth(), Body.json(obj("name", name)));
    }

    private static String error(Res res) {
        return String.join(" ", AccountFixtures.texts(res.json().get("error")));
    }

    @Test
    void a_freshly_registered_domain_has_its_owners_zone_at_once_and_another_client_cannot_take_it() {
        var owner = AccountFixtures.client(server);
        String name = DomainFixtures.unique("fresh") + ".com";
        long id = DomainFixtures.registered(server, owner, name);
        server.steward().dns().pollChanges();
        assertThat(DnsFixtures.query(server, name, Type.SOA, false).getRcode()).as("Steward's server answers from the owner's zone").isEqualTo(Rcode.NOERROR);
        assertThat(server.http().get("/api/domain/" + id + "/dns", owner.auth()).json().get("records")).isNotEmpty();

        var squatter = AccountFixtures.client(server);
        long serviceId = DnsFixtures.dnsService(server, squatter.id(), 5);
        assertThat(createZone(squatter, serviceId, name).status()).isEqualTo(409);
        assertThat(createZone(squatter, serviceId, "www." + name).status()).isEqualTo(409);
        Res challenge = server.http().post("/api/dns/claims", squatter.auth(), Body.json(obj("name", name)));
        assertThat(challenge.status()).isEqualTo(409);
        assertThat(server.http().get("/api/service/" + serviceId + "/dns", squatter.auth()).json().get("zones")).isEmpty();
        assertThat(server.http().get("/admin/api/names/claims?q=" + name, Auth.admin()).json().get("claims")).singleElement().satisfies(c -> {
            assertThat(c.get("client_id").asLong()).isEqualTo(owner.id());
            assertThat(c.get("method").asText()).isEqualTo("registration");
        });
    }

    @Test
    void the_owner_adds_its_registered_domains_zone_to_its_dns_hosting_service_instead_of_a_second_zone() {
        var owner = AccountFixtures.client(server);
        String name = DomainFixtures.unique("joined") + ".com";
        DomainFixtures.registered(server, owner, name);
        long serviceId = DnsFixtures.dnsService(server, owner.id(), 1);
        long registered = server.http().get("/admin/api/dns/zones?q=" + name, Auth.admin()).json().get("zones").get(0).get("id").asLong();

        Res added = createZone(owner, serviceId, name.toUpperCase(java.util.Locale.ROOT) + ".");
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        JsonNode zones = server.http().get("/api/service/" + serviceId + "/dns", owner.auth()).json().get("zones");
        assertThat(zones).singleElement().satisfies(z -> assertThat(z.get("domain_id").asLong()).isEqualTo(registered));
        // It now counts against the plan: a one-zone plan is full.
        Res another = createZone(owner, serviceId, DomainFixtures.unique("second") + ".example");
        assertThat(another.status()).isEqualTo(422);
    }

    @Test
    void a_domain_registered_with_other_nameservers_is_its_owners_name_without_a_zone() {
        var owner = AccountFixtures.client(server);
        String name = DomainFixtures.unique("elsewhere") + ".com";
        var res = DomainFixtures.order(server, owner.auth(), obj("name", name, "years", "1", "nameservers", List.of("ns1.other-dns.net", "ns2.other-dns.net")));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        DomainFixtures.pay(server, owner, res.json().get("invoice_id").asText());
        long id = res.json().at("/items/id").asLong();
        assertThat(DomainFixtures.settle(server, id, "Pending Registration").get("status").asText()).isEqualTo("Active");
        server.steward().dns().pollChanges();
        assertThat(DnsFixtures.query(server, name, Type.SOA, false).getRcode()).as("not delegated to Steward: no zone").isEqualTo(Rcode.REFUSED);

        var squatter = AccountFixtures.client(server);
        long squatterService = DnsFixtures.dnsService(server, squatter.id(), 5);
        for (String n : List.of(name, "shop." + name)) {
            Res refused = createZone(squatter, squatterService, n);
            assertThat(refused.status()).as(n).isEqualTo(403);
            assertThat(error(refused)).contains("registered with us by another account");
        }
        long ownerService = DnsFixtures.dnsService(server, owner.id(), 5);
        assertThat(createZone(owner, ownerService, "shop." + name).status()).as("no proof needed for the owner").isEqualTo(200);
    }

    @Test
    void a_name_registered_after_a_squat_goes_to_the_registrant_and_the_squatters_zone_stops_answering() {
        String name = DomainFixtures.unique("squatted") + ".com";
        var squatter = AccountFixtures.client(server);
        long serviceId = DnsFixtures.dnsService(server, squatter.id(), 5);
        long zoneId = DnsFixtures.zone(server, squatter.auth(), serviceId, name);
        DnsFixtures.added(server, squatter.auth(), serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.66"));
        var before = DnsFixtures.query(server, "www." + name, Type.A, false).getSection(Section.ANSWER);
        assertThat(((ARecord) before.get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.66");

        var registrant = AccountFixtures.client(server);
        long id = DomainFixtures.registered(server, registrant, name);
        server.steward().dns().pollChanges();
        assertThat(DnsFixtures.query(server, "www." + name, Type.A, false).getRcode()).as("the squatter's record is gone").isEqualTo(Rcode.NXDOMAIN);
        assertThat(DnsFixtures.query(server, name, Type.SOA, false).getRcode()).as("the registrant's zone answers").isEqualTo(Rcode.NOERROR);
        assertThat(server.http().get("/api/service/" + serviceId + "/dns", squatter.auth()).json().get("zones")).isEmpty();
        assertThat(createZone(squatter, serviceId, "mail." + name).status()).isEqualTo(409);

        var add = server.http().post("/api/domain/" + id + "/dns", registrant.auth(), Body.json(obj("name", "www", "type", "A", "content", "192.0.2.99")));
        assertThat(add.status()).as("%s", add).isEqualTo(200);
        server.steward().dns().pollChanges();
        var after = DnsFixtures.query(server, "www." + name, Type.A, false).getSection(Section.ANSWER);
        assertThat(((ARecord) after.get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.99");
    }

    @Test
    void a_transfer_in_makes_the_name_its_owners_when_it_completes_and_releases_another_accounts_zone() {
        String name = DomainFixtures.unique("moving") + ".org";
        server.http().post("/admin/api/registry", Auth.admin(), Body.json(obj("name", name, "kind", "taken", "epp", "Move-code-1",
                "expires", java.time.LocalDate.now(server.clock).plusMonths(3).toString())));
        var squatter = AccountFixtures.client(server);
        long serviceId = DnsFixtures.dnsService(server, squatter.id(), 5);
        DnsFixtures.zone(server, squatter.auth(), serviceId, name);
        assertThat(DnsFixtures.query(server, name, Type.SOA, false).getRcode()).isEqualTo(Rcode.NOERROR);

        var owner = AccountFixtures.client(server);
        var res = DomainFixtures.order(server, owner.auth(), obj("name", name, "action", "transfer", "epp", "Move-code-1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        long id = res.json().at("/items/id").asLong();
        DomainFixtures.pay(server, owner, res.json().get("invoice_id").asText());
        DomainFixtures.settle(server, id, "Pending");
        for (int i = 0; i < 50 && !DomainFixtures.admin(server, id).get("status").asText().equals("Pending Transfer"); i++) {
            server.steward().domains().runDueJobsNow();
        }
        assertThat(server.http().post("/admin/api/registry/" + name + "/approve-transfer", Auth.admin(), Body.json(obj())).status()).isEqualTo(200);
        assertThat(server.http().get("/api/domain/" + id + "/sync", owner.auth()).json().at("/details/status").asText()).isEqualTo("Active");

        server.steward().dns().pollChanges();
        assertThat(DnsFixtures.query(server, name, Type.SOA, false).getRcode()).as("the squatter's zone no longer answers").isEqualTo(Rcode.REFUSED);
        assertThat(server.http().get("/api/service/" + serviceId + "/dns", squatter.auth()).json().get("zones")).isEmpty();
        assertThat(createZone(squatter, serviceId, name).status()).isEqualTo(403);
        long ownerService = DnsFixtures.dnsService(server, owner.id(), 5);
        assertThat(createZone(owner, ownerService, name).status()).isEqualTo(200);
    }

    @Test
    void an_expired_domain_still_belongs_to_its_owner() {
        String name = "expired-demo.test";
        assertThat(server.http().get("/admin/api/domains?q=" + name, Auth.admin()).json().at("/domains/0/status").asText()).isEqualTo("Expired");
        var squatter = AccountFixtures.client(server);
        long serviceId = DnsFixtures.dnsService(server, squatter.id(), 5);
        for (String n : List.of(name, "www." + name)) {
            Res refused = createZone(squatter, serviceId, n);
            assertThat(refused.status()).as(n).isEqualTo(403);
            assertThat(refused.json().get("success").asBoolean()).isFalse();
        }
        JsonNode demoDns = server.http().get("/api/dns", Auth.demo()).json();
        long demoService = demoDns.get("service_ids").get(0).asLong();
        Res own = server.http().post("/api/service/" + demoService + "/dns", Auth.demo(), Body.json(obj("name", name)));
        assertThat(own.status()).as("the owner still may: %s", own).isEqualTo(200);
    }
}
