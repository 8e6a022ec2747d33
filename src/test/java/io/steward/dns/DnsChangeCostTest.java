package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.addRecord;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A record change does work in proportion to what it changed: the record quota reads the count
 * each change keeps on the zone (no count over the zone's records), and the answer served right
 * after the 2xx is the new one, also in a zone of ten thousand records.
 */
class DnsChangeCostTest {
    static TestServer server;
    static AccountFixtures.NewClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = AccountFixtures.client(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String records(long serviceId, long zoneId) {
        return "/api/service/" + serviceId + "/dns/" + zoneId + "/records";
    }

    private static int listed(long serviceId, long zoneId) {
        Res res = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, client.auth());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("records").size();
    }

    @Test
    void the_record_quota_follows_every_add_delete_and_import_without_counting_the_zone() {
        // How many records a new zone starts with (SOA, NS, staff templates), from a first zone.
        long probe = dnsService(server, client.id(), 1);
        int initial = listed(probe, zone(server, client.auth(), probe, "quota-probe.example"));
        long serviceId = dnsService(server, client.id(), Map.of("zones", 1, "records", initial + 2));
        long zoneId = zone(server, client.auth(), serviceId, "quota.example");

        added(server, client.auth(), serviceId, zoneId, obj("name", "one", "type", "A", "content", "192.0.2.1"));
        String second = added(server, client.auth(), serviceId, zoneId, obj("name", "two", "type", "A", "content", "192.0.2.2")).get("id").asText();
        Res full = addRecord(server, client.auth(), serviceId, zoneId, obj("name", "three", "type", "A", "content", "192.0.2.3"));
        assertThat(full.status()).as("%s", full).isEqualTo(422);
        assertThat(full.text()).contains("maximum of " + (initial + 2) + " records");

        Res edit = server.http().put(records(serviceId, zoneId) + "/" + second, client.auth(), Body.json(obj("content", "192.0.2.22")));
        assertThat(edit.status()).as("an edit does not add to the count: %s", edit).isEqualTo(200);
        assertThat(addRecord(server, client.auth(), serviceId, zoneId, obj("name", "three", "type", "A", "content", "192.0.2.3")).status())
                .isEqualTo(422);

        Res delete = server.http().delete(records(serviceId, zoneId) + "/" + second, client.auth());
        assertThat(delete.status()).as("%s", delete).isEqualTo(200);
        added(server, client.auth(), serviceId, zoneId, obj("name", "three", "type", "A", "content", "192.0.2.3"));
        assertThat(listed(serviceId, zoneId)).isEqualTo(initial + 2);

        // Staff import counts too: afterwards the client's zone is over its plan.
        Res listing = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, client.auth());
        String three = null;
        for (var r : listing.json().get("records")) if (r.get("name").asText().equals("three.quota.example")) three = r.get("id").asText();
        assertThat(server.http().delete(records(serviceId, zoneId) + "/" + three, client.auth()).status()).isEqualTo(200);
        Res imported = server.http().post("/admin/api/dns/zones/" + zoneId + "/import", Auth.admin(),
                Body.json(obj("records", java.util.List.of(obj("name", "imp1", "type", "A", "content", "192.0.2.10"),
                        obj("name", "imp2", "type", "A", "content", "192.0.2.11")))));
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        assertThat(addRecord(server, client.auth(), serviceId, zoneId, obj("name", "five", "type", "A", "content", "192.0.2.5")).status())
                .as("the imported records count against the plan").isEqualTo(422);
    }

    @Test
    void every_change_to_a_ten_thousand_record_zone_is_answered_by_the_next_query() {
        long serviceId = dnsService(server, client.id(), 1);
        String name = "big.example";
        long zoneId = zone(server, client.auth(), serviceId, name);
        var bulk = new ArrayList<Object>();
        for (int i = 0; i < 10_000; i++) bulk.add(obj("name", "h" + i, "type", "A", "content", "10.0." + (i / 250) + "." + (i % 250 + 1)));
        Res imported = server.http().post("/admin/api/dns/zones/" + zoneId + "/import", Auth.admin(), Body.json(obj("records", bulk)));
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);

        int stale = 0;
        for (int i = 0; i < 40; i++) {
            String ip = "192.0.2." + (i + 1);
            // Alternately a new name and a new address of an existing one.
            if (i % 2 == 0) {
                added(server, client.auth(), serviceId, zoneId, obj("name", "new" + i, "type", "A", "content", ip));
                if (!answer(query(server, "new" + i + "." + name, Type.A, false)).equals(ip)) stale++;
            } else {
                String id = added(server, client.auth(), serviceId, zoneId, obj("name", "moved" + i, "type", "A", "content", "198.51.100.1"))
                        .get("id").asText();
                Res put = server.http().put(records(serviceId, zoneId) + "/" + id, client.auth(), Body.json(obj("content", ip)));
                assertThat(put.status()).as("%s", put).isEqualTo(200);
                if (!answer(query(server, "moved" + i + "." + name, Type.A, false)).equals(ip)) stale++;
            }
        }
        assertThat(stale).as("answers that were not the change just made").isZero();
        assertThat(answer(query(server, "h9999." + name, Type.A, false))).isEqualTo("10.0.39.250");
        Res gone = server.http().delete(records(serviceId, zoneId) + "/"
                + added(server, client.auth(), serviceId, zoneId, obj("name", "gone", "type", "A", "content", "192.0.2.99")).get("id").asText(),
                client.auth());
        assertThat(gone.status()).isEqualTo(200);
        assertThat(query(server, "gone." + name, Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    private static String answer(Message m) {
        var answers = m.getSection(Section.ANSWER);
        return answers.isEmpty() ? "" : ((ARecord) answers.get(0)).getAddress().getHostAddress();
    }
}
