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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * How the DNS server answers: edits and deletions served on the next query, NXDOMAIN and NODATA
 * with the SOA, wildcards, in-zone CNAME chasing, EDNS0 truncation with TCP fallback, AXFR to the
 * configured secondary (here: this test, which also receives the NOTIFY), the serial moving.
 */
class DnsResolutionTest {
    static TestServer server;
    static DatagramSocket secondary;
    static Auth auth;
    static long serviceId;
    static long zoneId;
    static final String ZONE = "resolve-test.example";

    @BeforeAll
    static void start() throws Exception {
        secondary = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        secondary.setSoTimeout(3000);
        server = TestServer.start(c -> c.with("dns.secondaries", "127.0.0.1:" + secondary.getLocalPort()));
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
        zoneId = zone(server, auth, serviceId, ZONE);
    }

    @AfterAll
    static void stop() {
        server.close();
        secondary.close();
    }

    private static String path() {
        return "/api/service/" + serviceId + "/dns/" + zoneId + "/records";
    }

    private static String ipOf(Message m) {
        return ((ARecord) m.getSection(Section.ANSWER).get(m.getSection(Section.ANSWER).size() - 1)).getAddress().getHostAddress();
    }

    @Test
    void an_edit_is_answered_on_the_next_query_and_a_deletion_makes_the_name_vanish() {
        String id = added(server, auth, serviceId, zoneId, obj("name", "edit", "type", "A", "content", "192.0.2.1")).get("id").asText();
        assertThat(ipOf(query(server, "edit." + ZONE, Type.A, false))).isEqualTo("192.0.2.1");
        long serialBefore = serial();

        var put = server.http().put(path() + "/" + id, auth, Body.json(obj("name", "edit", "type", "A", "ttl", 300, "content", "192.0.2.2")));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.text()).contains("\"success\":true");
        assertThat(put.json().at("/record/id").asText()).isEqualTo(id);
        assertThat(put.json().at("/record/priority").isNumber()).isTrue();
        Message m = query(server, "edit." + ZONE, Type.A, false);
        assertThat(ipOf(m)).isEqualTo("192.0.2.2");
        assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
        assertThat(serial()).as("the serial moves on every change").isGreaterThan(serialBefore);

        var del = server.http().delete(path() + "/" + id, auth);
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json()).isEqualTo(io.steward.core.Json.tree(obj("success", true)));
        assertThat(query(server, "edit." + ZONE, Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    private static long serial() {
        return ((SOARecord) query(server, ZONE, Type.SOA, false).getSection(Section.ANSWER).get(0)).getSerial();
    }

    @Test
    void the_serial_is_date_based() {
        String today = java.time.LocalDate.now(server.clock).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(Long.toString(serial())).startsWith(today.substring(0, 6));
    }

    @Test
    void a_missing_name_is_NXDOMAIN_and_a_missing_type_NODATA_both_with_the_SOA() {
        added(server, auth, serviceId, zoneId, obj("name", "onlya", "type", "A", "content", "192.0.2.3"));
        Message nx = query(server, "missing." + ZONE, Type.A, false);
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(nx.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        Message nodata = query(server, "onlya." + ZONE, Type.MX, false);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        // SOA TTL in a negative answer is the lesser of its TTL and its minimum (RFC 2308 §3).
        assertThat(nodata.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(300);
    }

    @Test
    void an_empty_non_terminal_is_NODATA_not_NXDOMAIN() {
        added(server, auth, serviceId, zoneId, obj("name", "deep.ent", "type", "A", "content", "192.0.2.4"));
        Message m = query(server, "ent." + ZONE, Type.A, false);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void a_wildcard_answers_names_that_do_not_exist_under_it_with_the_query_name() {
        added(server, auth, serviceId, zoneId, obj("name", "*.wild", "type", "A", "content", "192.0.2.5"));
        added(server, auth, serviceId, zoneId, obj("name", "exact.wild", "type", "TXT", "content", "exact"));
        Message m = query(server, "anything.wild." + ZONE, Type.A, false);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getName().toString()).isEqualTo("anything.wild." + ZONE + ".");
            assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.5");
        });
        // A name that exists is not covered by the wildcard (RFC 4592): NODATA for A.
        Message exact = query(server, "exact.wild." + ZONE, Type.A, false);
        assertThat(exact.getSection(Section.ANSWER)).isEmpty();
        assertThat(exact.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void a_CNAME_inside_the_zone_is_chased_to_the_address() {
        added(server, auth, serviceId, zoneId, obj("name", "real", "type", "A", "content", "192.0.2.6"));
        added(server, auth, serviceId, zoneId, obj("name", "hop2", "type", "CNAME", "content", "real." + ZONE));
        added(server, auth, serviceId, zoneId, obj("name", "hop1", "type", "CNAME", "content", "hop2." + ZONE));
        Message m = query(server, "hop1." + ZONE, Type.A, false);
        List<org.xbill.DNS.Record> answer = m.getSection(Section.ANSWER);
        assertThat(answer).hasSize(3);
        assertThat(answer.get(0)).isInstanceOf(CNAMERecord.class);
        assertThat(answer.get(1)).isInstanceOf(CNAMERecord.class);
        assertThat(ipOf(m)).isEqualTo("192.0.2.6");
        // A CNAME leaving the zone is answered as it is.
        added(server, auth, serviceId, zoneId, obj("name", "out", "type", "CNAME", "content", "www.example.org"));
        assertThat(query(server, "out." + ZONE, Type.A, false).getSection(Section.ANSWER)).singleElement().isInstanceOf(CNAMERecord.class);
    }

    @Test
    void a_large_answer_is_truncated_over_udp_and_complete_over_tcp() throws Exception {
        for (int i = 0; i < 40; i++) {
            added(server, auth, serviceId, zoneId, obj("name", "big", "type", "TXT", "content", "v" + i + "-" + "y".repeat(200)));
        }
        var q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("big." + ZONE + "."), Type.TXT, DClass.IN));
        var udp = DnsFixtures.resolver(server, false);
        udp.setIgnoreTruncation(true);
        udp.setEDNS(0, 1232, 0, List.of());
        Message truncated = udp.send(q);
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getOPT()).as("EDNS0 answered with an OPT record").isNotNull();
        // The resolver retries over TCP on TC, as real resolvers do.
        var fallback = DnsFixtures.resolver(server, false);
        Message full = fallback.send(q);
        assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(full.getSection(Section.ANSWER)).hasSize(40);
        // Without EDNS0 the limit is 512 bytes.
        var plain = DnsFixtures.resolver(server, false);
        plain.setIgnoreTruncation(true);
        plain.setEDNS(-1);
        Message small = plain.send(q);
        assertThat(small.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(small.toWire().length).isLessThanOrEqualTo(512);
        assertThat(small.getOPT()).isNull();
    }

    @Test
    void the_secondary_transfers_the_zone_by_AXFR_and_is_notified_of_changes() throws Exception {
        added(server, auth, serviceId, zoneId, obj("name", "axfr", "type", "TXT", "content", "in the transfer"));
        var xfr = ZoneTransferIn.newAXFR(Name.fromString(ZONE + "."), "127.0.0.1", server.steward().dns().dnsPort(), null);
        xfr.setTimeout(java.time.Duration.ofSeconds(5));
        xfr.run();
        List<org.xbill.DNS.Record> records = xfr.getAXFR();
        assertThat(records.get(0)).isInstanceOf(SOARecord.class);
        assertThat(records.get(records.size() - 1)).isInstanceOf(SOARecord.class);
        assertThat(records).anySatisfy(r -> {
            assertThat(r).isInstanceOf(TXTRecord.class);
            assertThat(((TXTRecord) r).getStrings()).containsExactly("in the transfer");
        });

        // Drain earlier NOTIFYs, then change the zone and wait for the one it causes.
        secondary.setSoTimeout(200);
        try {
            while (true) secondary.receive(new DatagramPacket(new byte[4096], 4096));
        } catch (java.net.SocketTimeoutException drained) {
            // nothing more queued
        }
        secondary.setSoTimeout(3000);
        added(server, auth, serviceId, zoneId, obj("name", "notify", "type", "A", "content", "192.0.2.9"));
        var packet = new DatagramPacket(new byte[4096], 4096);
        secondary.receive(packet);
        Message notify = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        assertThat(notify.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
        assertThat(notify.getQuestion().getName().toString()).isEqualTo(ZONE + ".");
        assertThat(notify.getQuestion().getType()).isEqualTo(Type.SOA);
    }

    @Test
    void AXFR_over_udp_or_from_an_unlisted_address_is_refused() throws Exception {
        byte[] q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(ZONE + "."), Type.AXFR, DClass.IN)).toWire();
        int port = server.steward().dns().dnsPort();
        try (var udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(3000);
            udp.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), port));
            var in = new DatagramPacket(new byte[4096], 4096);
            udp.receive(in);
            assertThat(new Message(java.util.Arrays.copyOf(in.getData(), in.getLength())).getRcode()).isEqualTo(Rcode.REFUSED);
        }
        // 127.0.0.2 is loopback too, but not the configured secondary.
        try (var tcp = new java.net.Socket()) {
            tcp.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
            tcp.connect(new java.net.InetSocketAddress("127.0.0.1", port), 3000);
            tcp.setSoTimeout(3000);
            var out = new java.io.DataOutputStream(tcp.getOutputStream());
            out.writeShort(q.length);
            out.write(q);
            out.flush();
            var in = new java.io.DataInputStream(tcp.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            Message m = new Message(answer);
            assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(m.getSection(Section.ANSWER)).isEmpty();
        }
    }

    @Test
    void queries_are_answered_case_insensitively_with_the_question_as_asked() {
        added(server, auth, serviceId, zoneId, obj("name", "MiXeD", "type", "A", "content", "192.0.2.8"));
        Message m = query(server, "mixed.RESOLVE-test.example", Type.A, false);
        assertThat(ipOf(m)).isEqualTo("192.0.2.8");
        assertThat(m.getQuestion().getName().toString()).isEqualTo("mixed.RESOLVE-test.example.");
    }

    @Test
    void a_change_made_through_another_node_arrives_through_the_change_log() {
        // Another node sharing the database: simulated by writing the change and its log row in a
        // transaction of the caller's own (DnsZones joins it, so only the change log can carry it).
        var zones = server.steward().dns().zones();
        server.steward().db().txRun(() -> zones.addRecord(zoneId, new RecordInput("remote", "A", 300, null, "192.0.2.77", null)));
        long deadline = System.currentTimeMillis() + 2000;
        Message m;
        do {
            m = query(server, "remote." + ZONE, Type.A, false);
        } while (m.getRcode() != Rcode.NOERROR && System.currentTimeMillis() < deadline);
        assertThat(ipOf(m)).as("picked up within a second by the change-log poll").isEqualTo("192.0.2.77");
    }

    @Test
    void a_query_with_an_OPT_record_gets_one_back() throws Exception {
        var q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(ZONE + "."), Type.SOA, DClass.IN));
        q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        var r = DnsFixtures.resolver(server, false);
        r.setEDNS(0, 4096, 0, List.of());
        Message m = r.send(q);
        assertThat(m.getOPT()).isNotNull();
        assertThat(m.getOPT().getPayloadSize()).isEqualTo(1232);
    }
}
