package io.steward.ipam;

import static io.steward.core.Json.obj;
import static io.steward.ipam.IpamFixtures.activeService;
import static io.steward.ipam.IpamFixtures.moduleCalls;
import static io.steward.ipam.IpamFixtures.pool;
import static io.steward.ipam.IpamFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dns.DnsFixtures;
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
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@code GET|POST /service/@id/rdns}: PTRs set by the client are answered over UDP by Steward's
 * DNS server (IPv4, IPv6, RFC 2317 classless zones); only the service's own addresses, valid host
 * names, contact privileges; the module keeping reverse DNS is told; staff set any pool address's PTR.
 */
class ReverseDnsTest {
    static TestServer server;
    static AccountFixtures.NewClient client;
    static long service;
    static long v4Pool;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false"));
        client = AccountFixtures.client(server);
        v4Pool = pool(server, Map.of("cidr", "198.51.100.0/24", "gateway", "198.51.100.1")).get("id").asLong();
        long v6 = pool(server, Map.of("cidr", "2001:db8:300::/64", "gateway", "2001:db8:300::1")).get("id").asLong();
        service = activeService(server, client.id(), product(server, 1, 1, List.of(v4Pool, v6)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Asks the DNS server once it has read the change log (changes made in a caller's transaction reach it through the log). */
    private static Message ptrQuery(String ip) {
        server.steward().dns().pollChanges();
        try {
            return DnsFixtures.query(server, ReverseMap.fromAddress(ip).toString(), Type.PTR, false);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ptrAnswer(String ip) {
        var answer = ptrQuery(ip).getSection(Section.ANSWER);
        return answer.stream().filter(r -> r instanceof PTRRecord).map(r -> ((PTRRecord) r).getTarget().toString()).findFirst().orElse(null);
    }

    private static Res post(Auth auth, long serviceId, Body body) {
        return server.http().post("/api/service/" + serviceId + "/rdns", auth, body);
    }

    private static JsonNode rdns(Auth auth, long serviceId) {
        Res res = server.http().get("/api/service/" + serviceId + "/rdns", auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("rdns");
    }

    @Test
    void a_ptr_set_by_form_body_is_answered_over_udp_and_an_empty_hostname_removes_it() {
        Res res = post(client.auth(), service, Body.form("ipaddress[198.51.100.2]", "Mail.Example.com."));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("info").get(0).asText()).isEqualTo("rdns_updated");
        assertThat(ptrAnswer("198.51.100.2")).isEqualTo("mail.example.com.");
        assertThat(rdns(client.auth(), service).get(0).get("hostname").asText()).isEqualTo("mail.example.com");

        assertThat(post(client.auth(), service, Body.form("ipaddress[198.51.100.2]", "")).status()).isEqualTo(200);
        assertThat(ptrAnswer("198.51.100.2")).isNull();
        assertThat(ptrQuery("198.51.100.2").getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(rdns(client.auth(), service).get(0).get("hostname").asText()).isEmpty();
    }

    @Test
    void ipv6_ptrs_are_set_by_json_body_and_answered_in_ip6_arpa() {
        Res res = post(client.auth(), service, Body.json(obj("ipaddress", Map.of("2001:DB8:300:0::2", "v6.example.net"))));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(ptrAnswer("2001:db8:300::2")).isEqualTo("v6.example.net.");
        assertThat(rdns(client.auth(), service).get(1).get("ip").asText()).isEqualTo("2001:db8:300::2");
        assertThat(rdns(client.auth(), service).get(1).get("hostname").asText()).isEqualTo("v6.example.net");
    }

    @Test
    void the_query_string_works_too_and_the_module_keeping_reverse_dns_is_told() {
        Res res = server.http().post("/api/service/" + service + "/rdns?ipaddress%5B198.51.100.2%5D=query.example.org", client.auth(), Body.NONE);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(ptrAnswer("198.51.100.2")).isEqualTo("query.example.org.");
        assertThat(moduleCalls(server, service)).contains("ptr 198.51.100.2=query.example.org");

        // A platform's refusal changes nothing.
        Res refused = post(client.auth(), service, Body.form("ipaddress[198.51.100.2]", "refused.example.org"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(ptrAnswer("198.51.100.2")).isEqualTo("query.example.org.");
    }

    @Test
    void bad_hostnames_are_refused_naming_the_address() {
        for (String bad : List.of("localhost", "under_score.example.com", "-lead.example.com", "a..example.com", "host.123",
                "x".repeat(64) + ".example.com", ("a".repeat(60) + ".").repeat(5) + "com", "spa ce.example.com")) {
            Res res = post(client.auth(), service, Body.json(obj("ipaddress", Map.of("198.51.100.2", bad))));
            assertThat(res.status()).as("%s -> %s", bad, res).isEqualTo(422);
            assertThat(res.json().get("fields").has("ipaddress[198.51.100.2]")).as("%s", res).isTrue();
        }
        assertThat(post(client.auth(), service, Body.json(obj("ipaddress", "198.51.100.2"))).status()).isEqualTo(400);
        assertThat(post(client.auth(), service, Body.json(obj())).status()).isEqualTo(400);
    }

    @Test
    void only_the_services_own_addresses_can_be_set_and_others_services_are_not_found() {
        // A free address of the same pool, an address outside every pool, nonsense: all "not found".
        for (String ip : List.of("198.51.100.77", "192.0.2.99", "not-an-ip")) {
            Res res = post(client.auth(), service, Body.form("ipaddress[" + ip + "]", "x.example.com"));
            assertThat(res.status()).as("%s -> %s", ip, res).isEqualTo(404);
        }
        var other = AccountFixtures.client(server);
        long othersService = activeService(server, other.id(), product(server, 1, 0, List.of(v4Pool)));
        String othersIp = IpamFixtures.ips(server, other.auth(), othersService).get(0);
        assertThat(post(client.auth(), service, Body.form("ipaddress[" + othersIp + "]", "steal.example.com")).status()).isEqualTo(404);
        assertThat(post(client.auth(), othersService, Body.form("ipaddress[" + othersIp + "]", "steal.example.com")).status()).isEqualTo(404);
        assertThat(server.http().get("/api/service/" + othersService + "/rdns", client.auth()).status()).isEqualTo(404);
        assertThat(ptrAnswer(othersIp)).isNull();
    }

    @Test
    void a_contact_needs_the_services_basic_privilege() {
        var without = AccountFixtures.contact(server, client.auth(), Map.of("support", List.of("tickets")), true);
        assertThat(post(without.auth(), service, Body.form("ipaddress[198.51.100.2]", "c.example.com")).status()).isEqualTo(403);
        assertThat(server.http().get("/api/service/" + service + "/rdns", without.auth()).status()).isEqualTo(403);
        var with = AccountFixtures.contact(server, client.auth(), Map.of("services", Map.of(Long.toString(service), List.of("basic"))), true);
        assertThat(post(with.auth(), service, Body.form("ipaddress[198.51.100.2]", "contact.example.com")).status()).isEqualTo(200);
        assertThat(ptrAnswer("198.51.100.2")).isEqualTo("contact.example.com.");
    }

    @Test
    void a_classless_pool_answers_its_ptrs_from_its_rfc_2317_zone_through_cnames_in_the_24() {
        JsonNode pool = pool(server, Map.of("cidr", "203.0.113.0/25", "gateway", "203.0.113.1", "rdns_classless", true));
        assertThat(pool.get("rdns_zones").toString()).contains("113.0.203.in-addr.arpa", "0-25.113.0.203.in-addr.arpa");
        long classless = activeService(server, client.id(), product(server, 1, 0, List.of(pool.get("id").asLong())));
        assertThat(IpamFixtures.ips(server, client.auth(), classless)).containsExactly("203.0.113.2");
        assertThat(post(client.auth(), classless, Body.form("ipaddress[203.0.113.2]", "classless.example.com")).status()).isEqualTo(200);

        Message viaParent = ptrQuery("203.0.113.2");
        var cname = viaParent.getSection(Section.ANSWER).stream().filter(r -> r instanceof CNAMERecord).findFirst().orElseThrow();
        assertThat(((CNAMERecord) cname).getTarget().toString()).isEqualTo("2.0-25.113.0.203.in-addr.arpa.");
        server.steward().dns().pollChanges();
        Message child = DnsFixtures.query(server, "2.0-25.113.0.203.in-addr.arpa.", Type.PTR, false);
        assertThat(child.getSection(Section.ANSWER).stream().filter(r -> r instanceof PTRRecord)
                .map(r -> ((PTRRecord) r).getTarget().toString())).containsExactly("classless.example.com.");
    }

    @Test
    void staff_set_and_read_the_ptr_of_any_pool_address_held_or_not() {
        Res set = server.http().put("/admin/api/rdns", Auth.admin(), Body.json(obj("ip", "198.51.100.200", "hostname", "spare.example.com")));
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(set.json().get("service_id").isNull()).isTrue();
        assertThat(ptrAnswer("198.51.100.200")).isEqualTo("spare.example.com.");
        Res got = server.http().get("/admin/api/rdns?ip=198.51.100.200", Auth.admin());
        assertThat(got.json().get("hostname").asText()).isEqualTo("spare.example.com");
        assertThat(server.http().get("/admin/api/rdns?ip=10.1.2.3", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().put("/admin/api/rdns", Auth.admin(), Body.json(obj("ip", "198.51.100.200", "hostname", "bad_name"))).status())
                .isEqualTo(422);
    }

    @Test
    void the_demo_hosting_service_holds_an_ipv4_and_an_ipv6_address_and_its_ptr_is_answered() {
        long demo = 0;
        for (JsonNode s : server.http().get("/api/service", Auth.demo()).json().get("services")) {
            if (s.get("domain").asText().equals("demo-hosting.example.com")) demo = s.get("id").asLong();
        }
        assertThat(IpamFixtures.ips(server, Auth.demo(), demo)).containsExactly("192.0.2.10", "2001:db8:100::2");
        assertThat(rdns(Auth.demo(), demo).get(0).get("hostname").asText()).isEqualTo("demo-hosting.example.com");
        assertThat(ptrAnswer("192.0.2.10")).isEqualTo("demo-hosting.example.com.");
    }

    @Test
    void clients_cannot_make_reverse_zones_through_dns_hosting() {
        long dnsService = DnsFixtures.dnsService(server, client.id(), 5);
        for (String name : List.of("100.51.198.in-addr.arpa", "5.100.51.198.in-addr.arpa", "8.b.d.0.1.0.0.2.ip6.arpa")) {
            Res res = server.http().post("/api/service/" + dnsService + "/dns", client.auth(), Body.json(obj("name", name)));
            assertThat(res.status()).as("%s -> %s", name, res).isEqualTo(422);
        }
        // Nor do they see the provider's reverse zones among theirs.
        assertThat(server.http().get("/api/dns", client.auth()).text()).doesNotContain("in-addr.arpa");
    }
}
