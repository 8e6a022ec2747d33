package io.steward.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dns.DnsFixtures;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DomainDnsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Message query(String name, int type) {
        return DnsFixtures.query(server, name, type, false);
    }

    @Test
    void domain_records_are_kept_by_the_dns_feature_and_answered_by_stewards_dns_server() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("zone") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        String base = "/api/domain/" + id + "/dns";
        // Delegated to Steward's nameservers, the domain got its zone when it was registered: only its NS records so far.
        assertThat(server.http().get(base, c.auth()).json().get("records")).extracting(r -> r.get("type").asText()).containsOnly("NS");
        assertThat(server.http().get(base + "/types", c.auth()).json().get("types")).extracting(JsonNode::asText).contains("A", "CNAME", "MX", "TXT", "URL", "FRAME");

        var add = server.http().post(base, c.auth(), Body.json(Map.of("name", "www", "type", "A", "content", "192.0.2.80")));
        assertThat(add.status()).as("%s", add).isEqualTo(200);
        assertThat(add.text()).contains("\"success\":true");
        long recordId = add.json().at("/record/id").asLong();
        var mx = server.http().post(base, c.auth(), Body.json(Map.of("name", "@", "type", "MX", "priority", "10", "content", "mail." + name)));
        assertThat(mx.status()).as("%s", mx).isEqualTo(200);
        // SRV content as the DNS zone endpoints take it: [weight, port, target], the priority apart.
        var srv = server.http().post(base, c.auth(), Body.json(Map.of("name", "_sip._tcp", "type", "SRV", "priority", "10",
                "content", java.util.List.of("5", "5060", "sip." + name))));
        assertThat(srv.status()).as("%s", srv).isEqualTo(200);
        assertThat(server.http().get(base, c.auth()).json().get("records")).extracting(r -> r.get("name").asText()).contains("www", "@");

        server.steward().dns().pollChanges();
        Message answer = query("www." + name, Type.A);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER)).hasSize(1);
        assertThat(((ARecord) answer.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.80");
        var sip = (org.xbill.DNS.SRVRecord) query("_sip._tcp." + name, Type.SRV).getSection(Section.ANSWER).get(0);
        assertThat(sip.getPriority()).isEqualTo(10);
        assertThat(sip.getWeight()).isEqualTo(5);
        assertThat(sip.getPort()).isEqualTo(5060);

        var put = server.http().put(base + "/" + recordId, c.auth(), Body.json(Map.of("content", "192.0.2.81")));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        server.steward().dns().pollChanges();
        assertThat(((ARecord) query("www." + name, Type.A).getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.81");

        assertThat(server.http().delete(base + "/" + recordId, c.auth()).status()).isEqualTo(200);
        server.steward().dns().pollChanges();
        assertThat(query("www." + name, Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);

        var bad = server.http().post(base, c.auth(), Body.json(Map.of("name", "x", "type", "A", "content", "not-an-ip")));
        assertThat(bad.status()).isEqualTo(422);
        var stranger = AccountFixtures.client(server);
        assertThat(server.http().get(base, stranger.auth()).status()).isEqualTo(404);
    }

    @Test
    void url_forwarding_goes_through_the_dns_features_forwarding_record() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("fwd") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        var put = server.http().put("/api/domain/" + id + "/forwarding", c.auth(), Body.json(Map.of("url", "https://example.org/landing")));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().at("/forwarding/type").asText()).isEqualTo("URL");
        var records = server.http().get("/api/domain/" + id + "/dns", c.auth()).json().get("records");
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("type").asText()).isEqualTo("URL");
            assertThat(r.get("content").asText()).contains("example.org");
        });
        var off = server.http().put("/api/domain/" + id + "/forwarding", c.auth(), Body.json(Map.of("url", "")));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("forwarding").isNull()).isTrue();
        assertThat(server.http().put("/api/domain/" + id + "/forwarding", c.auth(), Body.json(Map.of("url", "https://x.example", "type", "POPUP"))).status())
                .isEqualTo(422);
        var contact = AccountFixtures.contact(server, c.auth(), Map.of("domains", Map.of(String.valueOf(id), List.of("basic"))), true);
        assertThat(server.http().put("/api/domain/" + id + "/forwarding", Auth.basic(contact.email(), contact.password()),
                Body.json(Map.of("url", "https://x.example"))).status()).isEqualTo(403);
    }
}
