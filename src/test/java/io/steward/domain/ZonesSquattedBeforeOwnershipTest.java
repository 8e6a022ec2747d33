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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Zones one client made on another's names before ownership of names was checked stop answering
 * at the first start of the version that checks it. The old version's data is made through staff's
 * API and then stripped of what that version did not write (claims, the reconciliation's row);
 * the node is restarted on the same database.
 */
class ZonesSquattedBeforeOwnershipTest {
    static TestServer server;
    static AccountFixtures.NewClient registrant;
    static AccountFixtures.NewClient squatter;
    static String registered;
    static String proven;
    static String nested;
    static String staffed;
    static long squatterService;
    static JsonNode reconciliation;

    @BeforeAll
    static void an_old_versions_data_then_the_upgrade() {
        server = TestServer.start();
        registrant = AccountFixtures.client(server);
        squatter = AccountFixtures.client(server);
        squatterService = DnsFixtures.dnsService(server, squatter.id(), 10);

        // A domain registered through Steward whose zone another client made before its owner did.
        registered = DomainFixtures.unique("squatted") + ".com";
        DomainFixtures.registered(server, registrant, registered);
        deleteZone(registered);
        long squat = staffZone(squatter.id(), registered);
        addRecord(squat, "www", "192.0.2.66");
        // The demo client's Expired domain, squatted too.
        staffZone(squatter.id(), "www.expired-demo.test");
        // A name the registrant proved through DNS, a zone below it made by the squatter.
        proven = DomainFixtures.unique("proven") + ".org";
        staffZone(squatter.id(), "www." + proven);
        // A name whose more specific part is the squatter's own: not a squat.
        nested = DomainFixtures.unique("nested") + ".org";
        staffZone(squatter.id(), "sub." + nested);
        // Staff gave a name under a registered domain to another client after the rule existed: staff's word stands.
        staffed = DomainFixtures.unique("staffed") + ".com";
        DomainFixtures.registered(server, registrant, staffed);
        deleteZone(staffed);
        staffZone(squatter.id(), "shop." + staffed);

        server.steward().dns().pollChanges();
        var before = DnsFixtures.query(server, "www." + registered, Type.A, false).getSection(Section.ANSWER);
        assertThat(((ARecord) before.get(0)).getAddress().getHostAddress()).as("the squat answers before the upgrade").isEqualTo("192.0.2.66");

        // What the old version did not write: no claims (but the staff one given since), no reconciliation.
        sql("DELETE FROM name_claim WHERE NOT (client_id = " + squatter.id() + " AND name = 'shop." + staffed + "')");
        sql("INSERT INTO name_claim (client_id, name, method, created_at) VALUES (" + registrant.id() + ", '" + proven + "', 'txt', CURRENT_TIMESTAMP)");
        sql("INSERT INTO name_claim (client_id, name, method, created_at) VALUES (" + registrant.id() + ", '" + nested + "', 'txt', CURRENT_TIMESTAMP)");
        sql("INSERT INTO name_claim (client_id, name, method, created_at) VALUES (" + squatter.id() + ", 'sub." + nested + "', 'txt', CURRENT_TIMESTAMP)");
        sql("DELETE FROM name_reconciliation");

        server.restart();
        server.steward().dns().pollChanges();
        reconciliation = server.http().get("/admin/api/names/claims?client_id=" + registrant.id(), Auth.admin()).json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void sql(String statement) {
        server.steward().db().dsl().execute(statement);
    }

    private static void deleteZone(String name) {
        long id = zonesNamed(name).get(0).get("id").asLong();
        assertThat(server.http().delete("/admin/api/dns/zones/" + id, Auth.admin()).status()).isEqualTo(200);
    }

    private static long staffZone(long clientId, String name) {
        Res res = server.http().post("/admin/api/dns/zones", Auth.admin(), Body.json(obj("client_id", clientId, "service_id", squatterService, "name", name)));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().at("/zone/id").asLong();
    }

    private static void addRecord(long zoneId, String name, String address) {
        Res res = server.http().post("/admin/api/dns/zones/" + zoneId + "/records", Auth.admin(), Body.json(obj("name", name, "type", "A", "content", address)));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
    }

    private static List<JsonNode> zonesNamed(String name) {
        var out = new ArrayList<JsonNode>();
        server.http().get("/admin/api/dns/zones?q=" + name, Auth.admin()).json().get("zones").forEach(z -> {
            if (z.get("name").asText().equals(name)) out.add(z);
        });
        return out;
    }

    private static List<String> claimsOf(long clientId) {
        var out = new ArrayList<String>();
        server.http().get("/admin/api/names/claims?client_id=" + clientId, Auth.admin()).json().get("claims")
                .forEach(c -> out.add(c.get("name").asText() + " " + c.get("method").asText()));
        return out;
    }

    @Test
    void a_zone_squatted_on_a_registered_domain_is_gone_and_the_server_no_longer_answers_its_records() {
        assertThat(zonesNamed(registered)).isEmpty();
        assertThat(DnsFixtures.query(server, "www." + registered, Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(DnsFixtures.query(server, registered, Type.SOA, true).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(server.http().get("/api/service/" + squatterService + "/dns", squatter.auth()).json().get("zones").toString())
                .doesNotContain(registered);
    }

    @Test
    void the_registrant_holds_its_domains_and_can_make_the_zone_now() {
        assertThat(claimsOf(registrant.id())).contains(registered + " registration", staffed + " registration", proven + " txt");
        long service = DnsFixtures.dnsService(server, registrant.id(), 5);
        Res own = server.http().post("/api/service/" + service + "/dns", registrant.auth(), Body.json(obj("name", registered)));
        assertThat(own.status()).as("%s", own).isEqualTo(200);
    }

    @Test
    void a_squat_on_an_expired_domain_is_released_too() {
        assertThat(zonesNamed("www.expired-demo.test")).isEmpty();
        long demoClient = server.http().get("/admin/api/domains?q=expired-demo.test", Auth.admin()).json().at("/domains/0/client_id").asLong();
        assertThat(claimsOf(demoClient)).contains("expired-demo.test registration");
    }

    @Test
    void a_zone_under_a_name_another_client_proved_is_released() {
        assertThat(zonesNamed("www." + proven)).isEmpty();
        assertThat(DnsFixtures.query(server, "www." + proven, Type.SOA, false).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void a_zone_under_the_clients_own_more_specific_claim_stays() {
        assertThat(zonesNamed("sub." + nested)).singleElement().satisfies(z -> assertThat(z.get("client_id").asLong()).isEqualTo(squatter.id()));
        assertThat(DnsFixtures.query(server, "sub." + nested, Type.SOA, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void a_zone_staff_gave_under_a_registered_domain_stays() {
        assertThat(zonesNamed("shop." + staffed)).singleElement().satisfies(z -> assertThat(z.get("client_id").asLong()).isEqualTo(squatter.id()));
        assertThat(DnsFixtures.query(server, "shop." + staffed, Type.SOA, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void the_reconciliation_ran_once_and_does_not_run_again() {
        assertThat(((Number) server.steward().db().dsl().fetchValue("SELECT released FROM name_reconciliation WHERE task = 'zones-under-held-names'")).intValue())
                .isEqualTo(3);
        assertThat(server.steward().names().reconcile()).isEqualTo(-1);
    }
}
