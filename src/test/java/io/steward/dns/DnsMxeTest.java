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
import io.steward.support.TestServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * MXE ("MX with an IP address") through the service DNS API: answered as an MX to {@code mx.NAME}
 * with that name's A synthesized from the record, over UDP and in AXFR; edits move both; the
 * mail exchanger's name is the record's own.
 */
class DnsMxeTest {
    static TestServer server;
    static DatagramSocket secondary;
    static Auth auth;
    static long serviceId;
    static long zoneId;
    static final String ZONE = "mxe-test.example";

    @BeforeAll
    static void start() throws Exception {
        secondary = new DatagramSocket(0, InetAddress.getLoopbackAddress());
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

    private static List<org.xbill.DNS.Record> answers(String name, int type) {
        Message m = query(server, name, type, false);
        assertThat(m.getRcode()).as("%s", m).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(org.xbill.DNS.Flags.AA)).isTrue();
        return m.getSection(Section.ANSWER);
    }

    @Test
    void an_mxe_record_is_answered_as_mx_to_a_synthesized_host_with_its_address() throws Exception {
        var rec = added(server, auth, serviceId, zoneId, obj("name", "shop", "type", "MXE", "priority", 5, "content", "192.0.2.25"));
        assertThat(rec.get("type").asText()).isEqualTo("MXE");
        assertThat(rec.get("content").asText()).isEqualTo("192.0.2.25");

        List<org.xbill.DNS.Record> mx = answers("shop." + ZONE, Type.MX);
        assertThat(mx).hasSize(1);
        assertThat(((MXRecord) mx.get(0)).getPriority()).isEqualTo(5);
        assertThat(((MXRecord) mx.get(0)).getTarget().toString()).isEqualTo("mx.shop." + ZONE + ".");
        List<org.xbill.DNS.Record> a = answers("mx.shop." + ZONE, Type.A);
        assertThat(a).hasSize(1);
        assertThat(((ARecord) a.get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.25");
        // The owner itself has no address: NODATA, not the exchanger's A.
        Message noA = query(server, "shop." + ZONE, Type.A, false);
        assertThat(noA.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(noA.getSection(Section.ANSWER)).isEmpty();

        // The zone transfer holds what is answered: the MX and the synthesized A.
        var xfr = ZoneTransferIn.newAXFR(Name.fromString(ZONE + "."), "127.0.0.1", server.steward().dns().dnsPort(), null);
        xfr.setTimeout(java.time.Duration.ofSeconds(5));
        xfr.run();
        assertThat(xfr.getAXFR()).anySatisfy(r -> {
            assertThat(r).isInstanceOf(MXRecord.class);
            assertThat(((MXRecord) r).getTarget().toString()).isEqualTo("mx.shop." + ZONE + ".");
        });
        assertThat(xfr.getAXFR()).anySatisfy(r -> {
            assertThat(r).isInstanceOf(ARecord.class);
            assertThat(r.getName().toString()).isEqualTo("mx.shop." + ZONE + ".");
            assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.25");
        });

        // An edit moves the synthesized address; a rename moves both names; a deletion removes both.
        String id = rec.get("id").asText();
        var put = server.http().put(path() + "/" + id, auth, Body.json(obj("content", "192.0.2.26")));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(((ARecord) answers("mx.shop." + ZONE, Type.A).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.26");
        var rename = server.http().put(path() + "/" + id, auth, Body.json(obj("name", "store")));
        assertThat(rename.status()).as("%s", rename).isEqualTo(200);
        assertThat(query(server, "mx.shop." + ZONE, Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(query(server, "shop." + ZONE, Type.MX, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(((ARecord) answers("mx.store." + ZONE, Type.A).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.26");
        assertThat(server.http().delete(path() + "/" + id, auth).status()).isEqualTo(200);
        assertThat(query(server, "mx.store." + ZONE, Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(query(server, "store." + ZONE, Type.MX, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void mxe_content_must_be_an_ipv4_address() {
        for (String bad : List.of("mail.example.com", "2001:db8::1", "192.0.2", "")) {
            var res = addRecord(server, auth, serviceId, zoneId, obj("name", "bad", "type", "MXE", "content", bad));
            assertThat(res.status()).as("%s: %s", bad, res).isEqualTo(422);
            assertThat(res.text()).contains("IPv4");
        }
        var wildcard = addRecord(server, auth, serviceId, zoneId, obj("name", "*", "type", "MXE", "content", "192.0.2.1"));
        assertThat(wildcard.status()).as("%s", wildcard).isEqualTo(422);
    }

    @Test
    void the_mail_exchanger_name_belongs_to_the_mxe_record() {
        added(server, auth, serviceId, zoneId, obj("name", "owned", "type", "MXE", "priority", 10, "content", "192.0.2.30"));
        var second = addRecord(server, auth, serviceId, zoneId, obj("name", "owned", "type", "MXE", "content", "192.0.2.31"));
        assertThat(second.status()).as("%s", second).isEqualTo(409);
        var atHost = addRecord(server, auth, serviceId, zoneId, obj("name", "mx.owned", "type", "A", "content", "192.0.2.32"));
        assertThat(atHost.status()).as("%s", atHost).isEqualTo(409);
        assertThat(atHost.text()).contains("mail exchanger");
        var cname = addRecord(server, auth, serviceId, zoneId, obj("name", "owned", "type", "CNAME", "content", "elsewhere.example"));
        assertThat(cname.status()).as("%s", cname).isEqualTo(422);
        // An MX beside the MXE is fine: both are answered.
        added(server, auth, serviceId, zoneId, obj("name", "owned", "type", "MX", "priority", 20, "content", "backup.example.net"));
        assertThat(answers("owned." + ZONE, Type.MX)).extracting(r -> ((MXRecord) r).getTarget().toString())
                .containsExactlyInAnyOrder("mx.owned." + ZONE + ".", "backup.example.net.");

        added(server, auth, serviceId, zoneId, obj("name", "mx.taken", "type", "A", "content", "192.0.2.40"));
        var over = addRecord(server, auth, serviceId, zoneId, obj("name", "taken", "type", "MXE", "content", "192.0.2.41"));
        assertThat(over.status()).as("%s", over).isEqualTo(409);
        assertThat(((ARecord) answers("mx.taken." + ZONE, Type.A).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.40");
    }
}
