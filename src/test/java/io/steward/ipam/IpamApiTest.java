package io.steward.ipam;

import static io.steward.core.Json.obj;
import static io.steward.ipam.IpamFixtures.activeService;
import static io.steward.ipam.IpamFixtures.ips;
import static io.steward.ipam.IpamFixtures.moduleCalls;
import static io.steward.ipam.IpamFixtures.pool;
import static io.steward.ipam.IpamFixtures.product;
import static io.steward.ipam.IpamFixtures.queuedService;
import static io.steward.ipam.IpamFixtures.runJobs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pools, products' policies, assignment by the provisioning job, release into the cool-down at
 * termination and the client API's {@code /service/@id/ip}.
 */
class IpamApiTest {
    static TestServer server;
    static AccountFixtures.NewClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false"));
        client = AccountFixtures.client(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode get(String path) {
        Res res = server.http().get(path, Auth.admin());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json();
    }

    @Test
    void a_pool_counts_its_usable_addresses_without_network_broadcast_gateway_and_reserved_ones() {
        JsonNode p = pool(server, Map.of("cidr", "198.51.100.0/28", "gateway", "198.51.100.1", "reserved", List.of("198.51.100.2", "198.51.100.2")));
        assertThat(p.get("family").asInt()).isEqualTo(4);
        assertThat(p.get("netmask").asText()).isEqualTo("255.255.255.240");
        assertThat(p.get("reserved")).hasSize(1);
        assertThat(p.at("/utilisation/usable").asText()).as("16 - network - broadcast - gateway - one reserved").isEqualTo("12");
        assertThat(p.at("/utilisation/free").asText()).isEqualTo("12");
        assertThat(p.get("rdns_zones").get(0).asText()).isEqualTo("100.51.198.in-addr.arpa");

        JsonNode v6 = pool(server, Map.of("cidr", "2001:DB8:200:0::/64", "gateway", "2001:db8:200::1"));
        assertThat(v6.get("cidr").asText()).isEqualTo("2001:db8:200::/64");
        assertThat(v6.get("netmask").isNull()).isTrue();
        assertThat(v6.at("/utilisation/usable").asText()).as("2^64 minus the anycast address and the gateway").isEqualTo("18446744073709551614");
        assertThat(v6.get("rdns_zones").get(0).asText()).isEqualTo("0.0.0.0.0.0.2.0.8.b.d.0.1.0.0.2.ip6.arpa");
        assertThat(get("/admin/api/ip-pools").get("pools").findValuesAsText("cidr")).contains("198.51.100.0/28", "2001:db8:200::/64");
    }

    private static List<String> reverseZones(String q) {
        return get("/admin/api/dns/zones?q=" + q).get("zones").findValuesAsText("name");
    }

    @Test
    void a_deleted_pool_takes_its_reverse_zones_along_unless_another_pool_needs_them() {
        long a = pool(server, Map.of("cidr", "203.0.113.0/26")).get("id").asLong();
        long b = pool(server, Map.of("cidr", "203.0.113.64/26")).get("id").asLong();
        long c = pool(server, Map.of("cidr", "2001:db8:2ff::/48")).get("id").asLong();
        assertThat(reverseZones("113.0.203.in-addr.arpa")).containsExactly("113.0.203.in-addr.arpa");
        JsonNode zone = get("/admin/api/dns/zones?q=113.0.203.in-addr.arpa").get("zones").get(0);
        assertThat(zone.get("client_id").isNull()).as("the provider's zone").isTrue();

        assertThat(server.http().delete("/admin/api/ip-pools/" + a, Auth.admin()).status()).isEqualTo(200);
        assertThat(reverseZones("113.0.203.in-addr.arpa")).as("the /24 still serves the other pool").hasSize(1);
        assertThat(server.http().delete("/admin/api/ip-pools/" + b, Auth.admin()).status()).isEqualTo(200);
        assertThat(reverseZones("113.0.203.in-addr.arpa")).isEmpty();
        assertThat(reverseZones("f.f.2.0.8.b.d.0.1.0.0.2.ip6.arpa")).hasSize(1);
        assertThat(server.http().delete("/admin/api/ip-pools/" + c, Auth.admin()).status()).isEqualTo(200);
        assertThat(reverseZones("f.f.2.0.8.b.d.0.1.0.0.2.ip6.arpa")).isEmpty();
        assertThat(server.http().get("/admin/api/ip-pools/" + c, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void pools_never_overlap_and_bad_subnets_gateways_and_prefixes_are_refused() {
        pool(server, Map.of("cidr", "198.51.100.64/27"));
        Res overlap = server.http().post("/admin/api/ip-pools", Auth.admin(), Body.json(obj("name", "x", "cidr", "198.51.100.64/26")));
        assertThat(overlap.status()).as("%s", overlap).isEqualTo(409);
        for (var bad : List.of(Map.<String, Object>of("name", "x", "cidr", "198.51.100.5/24"), Map.<String, Object>of("name", "x", "cidr", "nonsense"),
                Map.<String, Object>of("name", "x", "cidr", "10.0.0.0/4"), Map.<String, Object>of("name", "x", "cidr", "10.9.0.0/24", "gateway", "10.8.0.1"),
                Map.<String, Object>of("name", "x", "cidr", "10.9.0.0/24", "gateway", "10.9.0.255"),
                Map.<String, Object>of("name", "x", "cidr", "10.9.0.0/24", "rdns_classless", true),
                Map.<String, Object>of("cidr", "10.9.0.0/24"))) {
            Res res = server.http().post("/admin/api/ip-pools", Auth.admin(), Body.json(bad));
            assertThat(res.status()).as("%s -> %s", bad, res).isEqualTo(422);
        }
    }

    @Test
    void the_provisioning_job_hands_out_the_products_addresses_before_create_and_the_client_lists_them() {
        long v4 = pool(server, Map.of("cidr", "198.51.100.128/29", "gateway", "198.51.100.129")).get("id").asLong();
        long v6 = pool(server, Map.of("cidr", "2001:db8:201::/64", "gateway", "2001:db8:201::1")).get("id").asLong();
        long product = product(server, 1, 2, List.of(v4, v6));
        long service = activeService(server, client.id(), product);

        assertThat(ips(server, client.auth(), service)).containsExactly("198.51.100.130", "2001:db8:201::2", "2001:db8:201::3");
        assertThat(moduleCalls(server, service).get(0)).startsWith("create ")
                .contains("\"addresses\":[\"198.51.100.130\",\"2001:db8:201::2\",\"2001:db8:201::3\"]");
        JsonNode first = server.http().get("/api/service/" + service + "/ip", client.auth()).json().get("ips").get(0);
        assertThat(first.get("type").asText()).isEqualTo("ipv4");
        assertThat(first.get("gateway").asText()).isEqualTo("198.51.100.129");
        assertThat(first.get("netmask").asText()).isEqualTo("255.255.255.248");
        assertThat(first.get("prefix").asText()).isEqualTo("29");
        assertThat(first.get("main").asBoolean()).isTrue();

        // A repeated create attempt is answered the same addresses; none more are taken.
        var s = server.steward().services().services().find(service).orElseThrow();
        assertThat(server.steward().ipam().beforeCreate(s)).isEqualTo(Map.of("addresses",
                List.of("198.51.100.130", "2001:db8:201::2", "2001:db8:201::3")));
        JsonNode listed = get("/admin/api/ip-pools/" + v4 + "/addresses").get("addresses");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("service_id").asLong()).isEqualTo(service);
        assertThat(listed.get(0).get("client_id").asLong()).isEqualTo(client.id());
        assertThat(get("/admin/api/ip-pools/" + v4).at("/pool/utilisation/assigned").asText()).isEqualTo("1");
    }

    @Test
    void a_terminated_services_addresses_cool_down_before_anyone_gets_them_again() {
        long v4 = pool(server, Map.of("cidr", "198.51.100.136/30")).get("id").asLong();
        long product = product(server, 1, 0, List.of(v4));
        long first = activeService(server, client.id(), product);
        assertThat(ips(server, client.auth(), first)).containsExactly("198.51.100.137");
        long second = activeService(server, client.id(), product);
        assertThat(ips(server, client.auth(), second)).containsExactly("198.51.100.138");

        assertThat(server.http().post("/admin/api/services/" + first + "/terminate", Auth.admin(), Body.json(obj())).status()).isEqualTo(202);
        runJobs(server);
        assertThat(IpamFixtures.status(server, first)).isEqualTo("Terminated");
        JsonNode cooling = get("/admin/api/ip-pools/" + v4 + "/addresses").get("addresses").get(0);
        assertThat(cooling.get("status").asText()).isEqualTo("cooling");
        assertThat(cooling.get("last_service_id").asLong()).isEqualTo(first);
        assertThat(get("/admin/api/ip-pools/" + v4).at("/pool/utilisation/cooling").asText()).isEqualTo("1");

        // The /30 has two usable addresses: one held, one cooling, so a third service waits (its job fails, retried).
        long third = queuedService(server, client.id(), product, IpTestModuleFactory.ID);
        runJobs(server);
        assertThat(IpamFixtures.status(server, third)).isEqualTo("Pending");
        JsonNode job = get("/admin/api/provisioning-jobs?service_id=" + third).get("jobs").get(0);
        assertThat(job.get("last_error").asText()).contains("No free IPv4 address");

        server.clock.advance(Duration.ofDays(8));
        runJobs(server);
        assertThat(IpamFixtures.status(server, third)).isEqualTo("Active");
        assertThat(ips(server, client.auth(), third)).containsExactly("198.51.100.137");
    }

    @Test
    void staff_hand_out_and_release_addresses_and_a_wanted_address_must_be_free() {
        long v4 = pool(server, Map.of("cidr", "198.51.100.160/29", "gateway", "198.51.100.161")).get("id").asLong();
        long service = activeService(server, client.id(), product(server, 0, 0, List.of()));
        Res given = server.http().post("/admin/api/ip-pools/" + v4 + "/addresses", Auth.admin(),
                Body.json(obj("service_id", service, "ip", "198.51.100.165")));
        assertThat(given.status()).as("%s", given).isEqualTo(201);
        assertThat(given.json().get("module_error").isNull()).isTrue();
        assertThat(moduleCalls(server, service)).as("the module taking addresses is told").contains("addresses 198.51.100.165");
        for (String taken : List.of("198.51.100.165", "198.51.100.161")) {
            Res again = server.http().post("/admin/api/ip-pools/" + v4 + "/addresses", Auth.admin(), Body.json(obj("service_id", service, "ip", taken)));
            assertThat(again.status()).as("%s", again).isEqualTo(409);
        }
        Res outside = server.http().post("/admin/api/ip-pools/" + v4 + "/addresses", Auth.admin(), Body.json(obj("service_id", service, "ip", "10.0.0.1")));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(ips(server, client.auth(), service)).containsExactly("198.51.100.165");

        Res deleteHeld = server.http().delete("/admin/api/ip-pools/" + v4, Auth.admin());
        assertThat(deleteHeld.status()).isEqualTo(409);
        Res released = server.http().delete("/admin/api/ip-pools/" + v4 + "/addresses/198.51.100.165", Auth.admin());
        assertThat(released.status()).as("%s", released).isEqualTo(200);
        assertThat(released.json().at("/address/status").asText()).isEqualTo("cooling");
        assertThat(moduleCalls(server, service)).last().isEqualTo("addresses ");
        assertThat(server.http().delete("/admin/api/ip-pools/" + v4 + "/addresses/198.51.100.165", Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void a_pending_service_ended_without_a_job_releases_what_staff_gave_it() {
        long v4 = pool(server, Map.of("cidr", "198.51.100.144/30")).get("id").asLong();
        Res created = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", client.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "5.00", "name", "VPS", "domain", "pending.example.com", "module", IpTestModuleFactory.ID)));
        long pending = created.json().at("/service/id").asLong();
        assertThat(server.http().post("/admin/api/ip-pools/" + v4 + "/addresses", Auth.admin(), Body.json(obj("service_id", pending))).status())
                .isEqualTo(201);
        Res ended = server.http().post("/admin/api/services/" + pending + "/terminate", Auth.admin(), Body.json(obj()));
        assertThat(ended.status()).as("%s", ended).isIn(200, 202);
        assertThat(IpamFixtures.status(server, pending)).isEqualTo("Terminated");
        JsonNode cooling = get("/admin/api/ip-pools/" + v4 + "/addresses").get("addresses").get(0);
        assertThat(cooling.get("status").asText()).isEqualTo("cooling");
        assertThat(cooling.get("last_service_id").asLong()).isEqualTo(pending);
    }

    @Test
    void a_service_whose_module_takes_no_addresses_and_holds_none_answers_422() {
        long recording = IpamFixtures.queuedService(server, client.id(), null, "recording");
        runJobs(server);
        for (String path : List.of("/ip", "/rdns")) {
            Res res = server.http().get("/api/service/" + recording + path, client.auth());
            assertThat(res.status()).as("%s", res).isEqualTo(422);
            assertThat(res.json().get("error").get(0).asText()).isEqualTo("This service has no IP addresses");
        }
        // Once staff give it an address, it is listed whatever the module.
        long v4 = pool(server, Map.of("cidr", "198.51.100.176/29")).get("id").asLong();
        server.http().post("/admin/api/ip-pools/" + v4 + "/addresses", Auth.admin(), Body.json(obj("service_id", recording)));
        assertThat(ips(server, client.auth(), recording)).containsExactly("198.51.100.177");
    }

    @Test
    void another_clients_service_is_not_found_and_a_contact_needs_the_services_basic_privilege() {
        long v4 = pool(server, Map.of("cidr", "198.51.100.192/29")).get("id").asLong();
        long service = activeService(server, client.id(), product(server, 1, 0, List.of(v4)));
        var other = AccountFixtures.client(server);
        assertThat(server.http().get("/api/service/" + service + "/ip", other.auth()).status()).isEqualTo(404);

        var without = AccountFixtures.contact(server, client.auth(), Map.of("support", List.of("tickets")), true);
        assertThat(server.http().get("/api/service/" + service + "/ip", without.auth()).status()).isEqualTo(403);
        var with = AccountFixtures.contact(server, client.auth(), Map.of("services", Map.of(Long.toString(service), List.of("basic"))), true);
        assertThat(ips(server, with.auth(), service)).containsExactly("198.51.100.193");
    }

    @Test
    void the_first_of_a_products_pools_with_room_gives_the_address() {
        long single = pool(server, Map.of("cidr", "198.51.100.250/32")).get("id").asLong();
        long next = pool(server, Map.of("cidr", "198.51.100.240/29")).get("id").asLong();
        long product = product(server, 1, 0, List.of(single, next));
        assertThat(ips(server, client.auth(), activeService(server, client.id(), product))).containsExactly("198.51.100.250");
        assertThat(ips(server, client.auth(), activeService(server, client.id(), product))).containsExactly("198.51.100.241");
    }

    @Test
    void a_products_policy_names_existing_pools_of_the_right_family() {
        long v6 = pool(server, Map.of("cidr", "2001:db8:202::/64")).get("id").asLong();
        long product = product(server, 0, 1, List.of(v6));
        JsonNode policy = get("/admin/api/products/" + product + "/ip-policy").get("policy");
        assertThat(policy.get("ipv6_count").asInt()).isEqualTo(1);
        assertThat(policy.get("pool_ids").get(0).asLong()).isEqualTo(v6);
        Res wrongFamily = server.http().put("/admin/api/products/" + product + "/ip-policy", Auth.admin(),
                Body.json(obj("ipv4_count", 1, "pool_ids", List.of(v6))));
        assertThat(wrongFamily.status()).isEqualTo(422);
        Res noPool = server.http().put("/admin/api/products/" + product + "/ip-policy", Auth.admin(),
                Body.json(obj("ipv6_count", 1, "pool_ids", List.of(999999))));
        assertThat(noPool.status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/products/999999/ip-policy", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().delete("/admin/api/products/" + product + "/ip-policy", Auth.admin()).status()).isEqualTo(200);
        assertThat(get("/admin/api/products/" + product + "/ip-policy").at("/policy/ipv6_count").asInt()).isZero();
    }
}
