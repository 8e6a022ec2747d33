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
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** MXE records of a domain, answered by Steward's DNS server; two orders of one name at once. */
class DomainMxeAndConcurrencyTest {
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
    void an_mxe_record_of_a_domain_is_answered_as_mx_with_the_exchangers_address() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("mxe") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        String base = "/api/domain/" + id + "/dns";
        assertThat(server.http().get(base + "/types", c.auth()).json().get("types")).extracting(JsonNode::asText)
                .startsWith("A", "CNAME", "URL", "FRAME", "MX", "MXE", "TXT");

        var add = server.http().post(base, c.auth(), Body.json(Map.of("name", "@", "type", "MXE", "priority", "10", "content", "192.0.2.70")));
        assertThat(add.status()).as("%s", add).isEqualTo(200);
        assertThat(server.http().get(base, c.auth()).json().get("records")).anySatisfy(r -> {
            assertThat(r.get("type").asText()).isEqualTo("MXE");
            assertThat(r.get("name").asText()).isEqualTo("@");
            assertThat(r.get("content").asText()).isEqualTo("192.0.2.70");
            assertThat(r.get("priority").asInt()).isEqualTo(10);
        });

        Message mx = query(name, Type.MX);
        assertThat(mx.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(mx.getSection(Section.ANSWER)).hasSize(1);
        var exchanger = (MXRecord) mx.getSection(Section.ANSWER).get(0);
        assertThat(exchanger.getPriority()).isEqualTo(10);
        assertThat(exchanger.getTarget().toString()).isEqualTo("mx." + name + ".");
        Message a = query("mx." + name, Type.A);
        assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(((ARecord) a.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.70");

        var bad = server.http().post(base, c.auth(), Body.json(Map.of("name", "@", "type", "MXE", "content", "mail." + name)));
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(bad.text()).contains("IPv4");
    }

    @Test
    void of_simultaneous_orders_of_one_name_exactly_one_is_accepted() throws Exception {
        // Several rounds, each racing fresh clients for a fresh name, so the orders overlap inside
        // the order transaction in at least some rounds even on a busy machine.
        var pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 4; round++) race(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final int THREADS = 3;

    private static void race(java.util.concurrent.ExecutorService pool) throws Exception {
        var clients = new ArrayList<AccountFixtures.NewClient>();
        for (int i = 0; i < THREADS; i++) clients.add(AccountFixtures.client(server));
        String name = DomainFixtures.unique("race") + ".com";
        var barrier = new CyclicBarrier(THREADS);
        var futures = new ArrayList<Future<Res>>();
        for (var c : clients) {
            Auth auth = c.auth();
            futures.add(pool.submit(() -> {
                barrier.await();
                return DomainFixtures.order(server, auth, obj("name", name, "years", "1"));
            }));
        }
        var results = new ArrayList<Res>();
        for (var f : futures) results.add(f.get());
        assertThat(results).as("%s", results).filteredOn(r -> r.status() == 200).hasSize(1);
        for (Res refused : results.stream().filter(r -> r.status() != 200).toList()) {
            assertThat(refused.status()).as("%s", refused).isIn(409, 422);
            assertThat(refused.text()).contains(name).contains("already registered with us");
            assertThat(refused.json().has("error")).as("the client API's error envelope: %s", refused).isTrue();
        }
        // One domain of that name exists, in whichever account won.
        int found = 0;
        for (var c : clients) found += server.http().get("/api/domain/name/" + name, c.auth()).json().path("details").size();
        assertThat(found).isEqualTo(1);
    }
}
