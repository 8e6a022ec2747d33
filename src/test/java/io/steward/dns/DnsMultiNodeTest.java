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
import io.steward.support.TestDatabase;
import io.steward.support.TestServer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Two nodes on one database, each with its own DNS server: a change made through either node's
 * API is answered by the other's. On PostgreSQL the change arrives by LISTEN/NOTIFY: the safety
 * poll of the change log is set to ten minutes here, so an answer within seconds can only have come
 * through a notice; the listener reconnects when its connection is cut and catches up on what it
 * missed meanwhile. On H2 (one file, both nodes in this JVM) the change log poll carries it.
 */
class DnsMultiNodeTest {
    static final String ZONE = "nodes-test.example";
    /** Far below the ten-minute safety poll, far above a notice's milliseconds on a busy machine. */
    static final long DEADLINE_MS = 10_000;
    static TestServer a;
    static TestServer b;
    static Auth auth;
    static long serviceId;
    static long zoneId;

    @BeforeAll
    static void start() {
        a = TestServer.start(c -> c.with("dns.safety-poll-ms", "600000"));
        b = a.join(c -> c.with("dns.safety-poll-ms", "600000"));
        var client = AccountFixtures.client(a);
        auth = client.auth();
        serviceId = dnsService(a, client.id(), 5);
        zoneId = zone(a, auth, serviceId, ZONE);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    /** Asks {@code node} until the answer satisfies {@code ok}; answers the milliseconds it took. */
    private static long until(TestServer node, String name, Predicate<Message> ok) throws InterruptedException {
        long t0 = System.nanoTime();
        while (true) {
            Message m = query(node, name, Type.A, false);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ok.test(m)) return ms;
            assertThat(ms).as("%s not answered as expected by the other node within %d ms; last answer:%n%s", name, DEADLINE_MS, m)
                    .isLessThan(DEADLINE_MS);
            Thread.sleep(5);
        }
    }

    private static Predicate<Message> address(String ip) {
        return m -> m.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof ARecord ar && ar.getAddress().getHostAddress().equals(ip));
    }

    private static void listening() {
        if (TestDatabase.isPostgres()) {
            assertThat(a.steward().dns().listenerBackendPid()).as("node A listens").isPositive();
            assertThat(b.steward().dns().listenerBackendPid()).as("node B listens").isPositive();
        }
    }

    @Test
    void a_zone_and_a_record_made_through_one_node_are_answered_by_the_other() throws Exception {
        listening();
        until(b, ZONE, m -> m.getRcode() == Rcode.NOERROR);
        added(a, auth, serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.10"));
        long ms = until(b, "www." + ZONE, address("192.0.2.10"));
        assertThat(ms).as("through node B after the 2xx of node A").isLessThan(DEADLINE_MS);
    }

    @Test
    void an_edit_and_a_deletion_through_the_second_node_are_answered_by_the_first() throws Exception {
        listening();
        until(b, ZONE, m -> m.getRcode() == Rcode.NOERROR);
        String path = "/api/service/" + serviceId + "/dns/" + zoneId + "/records";
        String id = added(b, auth, serviceId, zoneId, obj("name", "edit", "type", "A", "content", "192.0.2.20")).get("id").asText();
        until(a, "edit." + ZONE, address("192.0.2.20"));
        assertThat(b.http().put(path + "/" + id, auth, Body.json(obj("content", "192.0.2.21"))).status()).isEqualTo(200);
        until(a, "edit." + ZONE, address("192.0.2.21"));
        assertThat(b.http().delete(path + "/" + id, auth).status()).isEqualTo(200);
        until(a, "edit." + ZONE, m -> m.getRcode() == Rcode.NXDOMAIN);
    }

    @Test
    void a_change_made_inside_another_features_transaction_is_answered_by_both_nodes() throws Exception {
        listening();
        until(b, ZONE, m -> m.getRcode() == Rcode.NOERROR);
        // The committing path cannot apply it after the caller's commit: the notice (or on H2 the poll) does, on both nodes.
        a.steward().db().txRun(() -> a.steward().dns().zones().addRecord(zoneId,
                new RecordInput("in-tx", "A", null, null, "192.0.2.40", null)));
        until(a, "in-tx." + ZONE, address("192.0.2.40"));
        until(b, "in-tx." + ZONE, address("192.0.2.40"));
    }

    @Test
    void the_listener_reconnects_after_its_connection_is_cut_and_catches_up_on_what_it_missed() throws Exception {
        Assumptions.assumeTrue(TestDatabase.isPostgres(), "LISTEN/NOTIFY is PostgreSQL's; H2 runs one node and polls");
        until(b, ZONE, m -> m.getRcode() == Rcode.NOERROR);
        int before = b.steward().dns().listenerBackendPid();
        assertThat(before).isPositive();
        a.steward().db().dsl().execute("select pg_terminate_backend(?)", before);
        // Made while node B's listener is down or coming back: the catch-up from the change log brings it.
        added(a, auth, serviceId, zoneId, obj("name", "while-cut", "type", "A", "content", "192.0.2.30"));
        until(b, "while-cut." + ZONE, address("192.0.2.30"));
        long t0 = System.nanoTime();
        while (b.steward().dns().listenerBackendPid() <= 0 || b.steward().dns().listenerBackendPid() == before) {
            assertThat((System.nanoTime() - t0) / 1_000_000).as("node B's listener reconnects").isLessThan(DEADLINE_MS);
            Thread.sleep(20);
        }
        added(a, auth, serviceId, zoneId, obj("name", "after-cut", "type", "A", "content", "192.0.2.31"));
        until(b, "after-cut." + ZONE, address("192.0.2.31"));
    }
}
