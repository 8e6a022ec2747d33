package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Every record type created through the client API is answered by the DNS server over UDP and TCP. */
class DnsRecordTypesTest {
    static TestServer server;
    static Auth auth;
    static long serviceId;
    static long zoneId;
    static final String ZONE = "types-test.example";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
        zoneId = zone(server, auth, serviceId, ZONE);
    }

    @AfterAll
    static void stop() { server.close(); }

    private static void answeredOverUdpAndTcp(String name, int type, Consumer<org.xbill.DNS.Record> check) {
        for (boolean tcp : new boolean[] {false, true}) {
            Message m = query(server, name, type, tcp);
            assertThat(m.getRcode()).as("rcode over %s", tcp ? "tcp" : "udp").isEqualTo(Rcode.NOERROR);
            assertThat(m.getHeader().getFlag(Flags.AA)).as("authoritative").isTrue();
            List<org.xbill.DNS.Record> answers = m.getSection(Section.ANSWER);
            assertThat(answers).as("answer for %s %s over %s", name, Type.string(type), tcp ? "tcp" : "udp").hasSize(1);
            check.accept(answers.get(0));
        }
    }

    @Test
    void an_A_record_is_answered() {
        JsonNode r = added(server, auth, serviceId, zoneId, obj("name", "www", "type", "A", "ttl", 600, "content", "192.0.2.7"));
        assertThat(r.get("id").isTextual()).isTrue();
        assertThat(r.get("ttl").asText()).isEqualTo("600");
        assertThat(r.get("name").asText()).isEqualTo("www." + ZONE);
        answeredOverUdpAndTcp("www." + ZONE, Type.A, rec -> {
            assertThat(((ARecord) rec).getAddress().getHostAddress()).isEqualTo("192.0.2.7");
            assertThat(rec.getTTL()).isEqualTo(600);
        });
    }

    @Test
    void an_AAAA_record_is_answered() {
        added(server, auth, serviceId, zoneId, obj("name", "v6." + ZONE + ".", "type", "AAAA", "content", "2001:db8::42"));
        answeredOverUdpAndTcp("v6." + ZONE, Type.AAAA,
                rec -> assertThat(((AAAARecord) rec).getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:42"));
    }

    @Test
    void a_CNAME_record_is_answered() {
        added(server, auth, serviceId, zoneId, obj("name", "alias", "type", "CNAME", "content", "target.example.net"));
        answeredOverUdpAndTcp("alias." + ZONE, Type.CNAME,
                rec -> assertThat(((CNAMERecord) rec).getTarget().toString()).isEqualTo("target.example.net."));
    }

    @Test
    void an_MX_record_is_answered_with_its_priority() {
        added(server, auth, serviceId, zoneId, obj("name", "mx", "type", "MX", "priority", 15, "content", "mail.example.net"));
        answeredOverUdpAndTcp("mx." + ZONE, Type.MX, rec -> {
            assertThat(((MXRecord) rec).getPriority()).isEqualTo(15);
            assertThat(((MXRecord) rec).getTarget().toString()).isEqualTo("mail.example.net.");
        });
    }

    @Test
    void a_long_TXT_record_is_split_into_strings_of_255() {
        String value = "k=" + "x".repeat(400);
        added(server, auth, serviceId, zoneId, obj("name", "_long", "type", "TXT", "content", value));
        answeredOverUdpAndTcp("_long." + ZONE, Type.TXT, rec -> {
            List<String> strings = ((TXTRecord) rec).getStrings();
            assertThat(strings).hasSize(2);
            assertThat(strings.get(0)).hasSize(255);
            assertThat(String.join("", strings)).isEqualTo(value);
        });
    }

    @Test
    void an_acme_challenge_TXT_record_is_answered_and_listed() {
        JsonNode r = added(server, auth, serviceId, zoneId, obj("name", "_acme-challenge." + ZONE, "type", "TXT", "ttl", 120,
                "content", "gfj9Xq-Kp2kA9vQ7Lh_tr0oBL6K3lCcsaP1s8W5JYkE"));
        assertThat(r.get("content").asText()).isEqualTo("gfj9Xq-Kp2kA9vQ7Lh_tr0oBL6K3lCcsaP1s8W5JYkE");
        answeredOverUdpAndTcp("_acme-challenge." + ZONE, Type.TXT,
                rec -> assertThat(((TXTRecord) rec).getStrings()).containsExactly("gfj9Xq-Kp2kA9vQ7Lh_tr0oBL6K3lCcsaP1s8W5JYkE"));
    }

    @Test
    void an_SRV_record_takes_and_shows_the_content_array() {
        JsonNode r = added(server, auth, serviceId, zoneId, obj("name", "_sip._tcp", "type", "SRV", "ttl", 3600, "priority", 10,
                "content", List.of(20, 5060, "vc01.example.com")));
        assertThat(r.get("content").isArray()).isTrue();
        assertThat(r.get("content").get(0).asInt()).isEqualTo(20);
        assertThat(r.get("content").get(1).asInt()).isEqualTo(5060);
        assertThat(r.get("content").get(2).asText()).isEqualTo("vc01.example.com");
        assertThat(r.get("priority").asText()).isEqualTo("10");
        answeredOverUdpAndTcp("_sip._tcp." + ZONE, Type.SRV, rec -> {
            var srv = (SRVRecord) rec;
            assertThat(srv.getPriority()).isEqualTo(10);
            assertThat(srv.getWeight()).isEqualTo(20);
            assertThat(srv.getPort()).isEqualTo(5060);
            assertThat(srv.getTarget().toString()).isEqualTo("vc01.example.com.");
        });
    }

    @Test
    void a_CAA_record_is_answered() {
        added(server, auth, serviceId, zoneId, obj("name", "caa", "type", "CAA", "content", "0 issue \"letsencrypt.org\""));
        answeredOverUdpAndTcp("caa." + ZONE, Type.CAA, rec -> {
            assertThat(((CAARecord) rec).getTag()).isEqualTo("issue");
            assertThat(((CAARecord) rec).getValue()).isEqualTo("letsencrypt.org");
        });
    }

    @Test
    void an_NS_record_below_the_apex_is_a_delegation() {
        added(server, auth, serviceId, zoneId, obj("name", "sub", "type", "NS", "content", "ns1.elsewhere.example"));
        for (boolean tcp : new boolean[] {false, true}) {
            Message m = query(server, "host.sub." + ZONE, Type.A, tcp);
            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(m.getHeader().getFlag(Flags.AA)).as("a referral is not authoritative").isFalse();
            assertThat(m.getSection(Section.ANSWER)).isEmpty();
            assertThat(m.getSection(Section.AUTHORITY)).singleElement()
                    .satisfies(rec -> assertThat(((NSRecord) rec).getTarget().toString()).isEqualTo("ns1.elsewhere.example."));
        }
    }

    @Test
    void a_PTR_record_is_answered() {
        added(server, auth, serviceId, zoneId, obj("name", "ptr", "type", "PTR", "content", "host.example.org"));
        answeredOverUdpAndTcp("ptr." + ZONE, Type.PTR, rec -> assertThat(((PTRRecord) rec).getTarget().toString()).isEqualTo("host.example.org."));
    }

    @Test
    void the_apex_answers_the_configured_SOA_and_NS() {
        Message m = query(server, ZONE, Type.NS, false);
        assertThat(m.getSection(Section.ANSWER)).extracting(rec -> ((NSRecord) rec).getTarget().toString())
                .containsExactlyInAnyOrder("ns1.steward.test.", "ns2.steward.test.");
        Message soa = query(server, ZONE, Type.SOA, true);
        assertThat(soa.getSection(Section.ANSWER)).hasSize(1);
        JsonNode details = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, auth).json();
        JsonNode soaRow = null;
        assertThat(details.get("records").isObject()).as("records keyed by position").isTrue();
        for (JsonNode r : details.get("records")) if (r.get("type").asText().equals("SOA")) soaRow = r;
        assertThat(soaRow).isNotNull();
        assertThat(soaRow.get("content").isArray()).isTrue();
        assertThat(soaRow.get("content").get(0).asText()).isEqualTo("ns1.steward.test");
        // The SOA's fields as strings, as the real service lists them.
        assertThat(soaRow.get("content").get(2).isTextual()).isTrue();
        assertThat(soaRow.get("content").get(2).asText())
                .isEqualTo(Long.toString(((org.xbill.DNS.SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial()));
        assertThat(details.get("service_id").isNumber()).isTrue();
        assertThat(details.get("name").asText()).isEqualTo(ZONE);
    }

    @Test
    void names_outside_every_zone_are_refused() {
        Message m = query(server, "www.not-hosted.example", Type.A, false);
        assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    }

}
