package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * IXFR (RFC 1995) on the wire, with dnsjava's client as the secondary: after a few changes, a
 * secondary at a journalled serial gets each step's removed and added records; one up to date
 * gets the SOA alone; one at a serial the journal does not hold (older, or from before a whole-zone
 * import) gets the full zone. A NOTIFY goes out for every serial change.
 */
class DnsIxfrTest {
    static TestServer server;
    static DatagramSocket secondary;
    static Auth auth;
    static long serviceId;

    @BeforeAll
    static void start() throws Exception {
        secondary = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        secondary.setSoTimeout(3000);
        server = TestServer.start(c -> c.with("dns.secondaries", "127.0.0.1:" + secondary.getLocalPort()));
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
    }

    @AfterAll
    static void stop() {
        server.close();
        secondary.close();
    }

    private static long serial(String zone) {
        return ((SOARecord) query(server, zone, Type.SOA, false).getSection(Section.ANSWER).get(0)).getSerial();
    }

    private static ZoneTransferIn ixfr(String zone, long serial) throws Exception {
        var xfr = ZoneTransferIn.newIXFR(Name.fromString(zone + "."), serial, false,
                new InetSocketAddress("127.0.0.1", server.steward().dns().dnsPort()), null);
        xfr.setTimeout(java.time.Duration.ofSeconds(10));
        xfr.run();
        return xfr;
    }

    private static List<String> addresses(List<Record> records) {
        return records.stream().filter(r -> r instanceof ARecord).map(r -> r.getName() + " " + ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    /** The serials of the NOTIFY messages the secondary received until now. */
    private static List<Long> notified() throws Exception {
        var serials = new java.util.ArrayList<Long>();
        byte[] buf = new byte[4096];
        secondary.setSoTimeout(500);
        try {
            while (true) {
                var p = new DatagramPacket(buf, buf.length);
                secondary.receive(p);
                var m = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                if (m.getHeader().getOpcode() == Opcode.NOTIFY) serials.add(((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial());
            }
        } catch (java.net.SocketTimeoutException e) {
            return serials;
        }
    }

    @Test
    void a_secondary_at_a_journalled_serial_gets_the_changes_since_and_each_serial_change_is_notified() throws Exception {
        String zone = "ixfr-test.example";
        long zoneId = zone(server, auth, serviceId, zone);
        String path = "/api/service/" + serviceId + "/dns/" + zoneId + "/records";
        notified();
        long start = serial(zone);

        added(server, auth, serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.1"));
        String mail = added(server, auth, serviceId, zoneId, obj("name", "mail", "type", "A", "content", "192.0.2.2")).get("id").asText();
        assertThat(server.http().put(path + "/" + mail, auth, Body.json(obj("content", "192.0.2.3"))).status()).isEqualTo(200);
        assertThat(server.http().delete(path + "/" + mail, auth).status()).isEqualTo(200);
        long now = serial(zone);

        var xfr = ixfr(zone, start);
        assertThat(xfr.isIXFR()).as("an incremental answer").isTrue();
        List<ZoneTransferIn.Delta> deltas = xfr.getIXFR();
        assertThat(deltas).hasSize(4);
        assertThat(deltas.get(0).start).isEqualTo(start);
        assertThat(deltas.get(3).end).isEqualTo(now);
        for (int i = 1; i < deltas.size(); i++) assertThat(deltas.get(i).start).isEqualTo(deltas.get(i - 1).end);
        assertThat(addresses(deltas.get(0).adds)).containsExactly("www." + zone + ". 192.0.2.1");
        assertThat(addresses(deltas.get(0).deletes)).isEmpty();
        assertThat(addresses(deltas.get(1).adds)).containsExactly("mail." + zone + ". 192.0.2.2");
        assertThat(addresses(deltas.get(2).deletes)).containsExactly("mail." + zone + ". 192.0.2.2");
        assertThat(addresses(deltas.get(2).adds)).containsExactly("mail." + zone + ". 192.0.2.3");
        assertThat(addresses(deltas.get(3).deletes)).containsExactly("mail." + zone + ". 192.0.2.3");
        assertThat(addresses(deltas.get(3).adds)).isEmpty();

        var midway = ixfr(zone, deltas.get(1).end);
        assertThat(midway.isIXFR()).isTrue();
        assertThat(midway.getIXFR()).hasSize(2);

        assertThat(ixfr(zone, now).isCurrent()).as("a secondary up to date gets the SOA alone").isTrue();
        assertThat(notified()).as("a NOTIFY for each change, with its serial").contains(deltas.get(0).end, deltas.get(1).end,
                deltas.get(2).end, now);
    }

    @Test
    void a_secondary_at_a_serial_the_journal_does_not_hold_gets_the_full_zone() throws Exception {
        String zone = "ixfr-full.example";
        long zoneId = zone(server, auth, serviceId, zone);
        added(server, auth, serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.1"));

        var old = ixfr(zone, serial(zone) - 1000);
        assertThat(old.isAXFR()).as("a serial never journalled").isTrue();
        assertThat(addresses(old.getAXFR())).contains("www." + zone + ". 192.0.2.1");

        long beforeImport = serial(zone);
        var imported = server.http().post("/admin/api/dns/zones/" + zoneId + "/import", Auth.admin(),
                Body.json(obj("records", List.of(obj("name", "bulk", "type", "A", "content", "192.0.2.50")))));
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        added(server, auth, serviceId, zoneId, obj("name", "later", "type", "A", "content", "192.0.2.51"));
        var afterImport = ixfr(zone, beforeImport);
        assertThat(afterImport.isAXFR()).as("the import changed the whole zone: no steps across it").isTrue();
        assertThat(addresses(afterImport.getAXFR())).contains("bulk." + zone + ". 192.0.2.50", "later." + zone + ". 192.0.2.51",
                "www." + zone + ". 192.0.2.1");
    }
}
