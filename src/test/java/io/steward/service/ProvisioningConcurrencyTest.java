package io.steward.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.Steward;
import io.steward.config.Config;
import io.steward.core.BillingCycle;
import io.steward.demo.DemoData;
import io.steward.service.ServiceOperations.NewService;
import io.steward.support.MutableClock;
import io.steward.support.TestDatabase;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A job runs once however many runners compete for it: threads of one node, and two nodes on one
 * database with their schedulers running.
 */
class ProvisioningConcurrencyTest {
    static {
        // As TestServer does: Helidon logs through java.util.logging (these nodes are built here).
        java.util.logging.LogManager.getLogManager().reset();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
    }

    private static NewService service(long clientId, int n) {
        return new NewService(clientId, null, null, "Starter Hosting", "Hosting", "hosting", BillingCycle.MONTHLY, "USD",
                new BigDecimal("9.99"), new BigDecimal("9.99"), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), null,
                "race-" + n + ".example.com", null, null, null, false, null);
    }

    private static long demoClient(Steward node) {
        return ((Number) node.db().dsl().fetchValue("SELECT id FROM client WHERE email = '" + DemoData.CLIENT_EMAIL + "'")).longValue();
    }

    /** Creates and activates {@code count} services; answers their ids. */
    private static List<Long> queued(Steward node, int count) {
        ServiceOperations ops = node.services().services();
        long client = demoClient(node);
        var ids = new ArrayList<Long>();
        for (int i = 0; i < count; i++) {
            long id = ops.createPending(service(client, i));
            ops.activate(id);
            ids.add(id);
        }
        return ids;
    }

    private static void runConcurrently(List<Runnable> runners) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runners.size());
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<?>>();
            for (Runnable r : runners) {
                futures.add(pool.submit(() -> {
                    start.await();
                    r.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eight_runners_on_one_node_run_each_of_forty_jobs_exactly_once() throws Exception {
        try (TestServer server = ServiceFixtures.manualServer()) {
            Steward node = server.steward();
            List<Long> ids = queued(node, 40);
            var runners = new ArrayList<Runnable>();
            for (int i = 0; i < 8; i++) runners.add(() -> node.services().provisioning().runDueJobsNow());
            runConcurrently(runners);

            assertEachRanOnce(node, ids);
        }
    }

    @Test
    void two_nodes_on_one_database_with_their_schedulers_running_never_run_a_job_twice() throws Exception {
        TestDatabase database = TestDatabase.create();
        Path dir = Files.createTempDirectory("steward-two-nodes");
        var clock = new MutableClock(java.time.Instant.now());
        Config config = database.configure(Config.empty()
                .with("auth.argon2.memory-kib", "4096").with("auth.argon2.iterations", "1")
                .with("scheduler.poll-interval", "PT0.05S").with("jobs.poll-interval", "PT0.05S")
                .with("dns.port", "0").with("dns.forwarding.port", "0"), dir);
        Steward a = Steward.create(config.with("scheduler.node-name", "node-a"), dir, clock).loadDemo();
        Steward b = Steward.create(config.with("scheduler.node-name", "node-b"), dir, clock);
        try {
            List<Long> ids = queued(a, 60);
            a.listen("127.0.0.1", 0, Duration.ofSeconds(1));
            b.listen("127.0.0.1", 0, Duration.ofSeconds(1));
            assertThat(a.scheduler().running() && b.scheduler().running()).isTrue();
            // Besides both schedulers, three eager runners per node.
            var runners = new ArrayList<Runnable>();
            for (Steward node : List.of(a, b)) {
                for (int i = 0; i < 3; i++) {
                    runners.add(() -> {
                        for (int round = 0; round < 20; round++) node.services().provisioning().runDueJobsNow();
                    });
                }
            }
            runConcurrently(runners);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (pendingJobs(a) > 0 && System.nanoTime() < deadline) Thread.sleep(50);

            assertEachRanOnce(a, ids);
            var claimers = a.db().dsl().fetch("SELECT DISTINCT claimed_by FROM job WHERE kind = 'provisioning'").getValues(0, String.class);
            assertThat(claimers).allMatch(c -> c.startsWith("node-a/") || c.startsWith("node-b/"));
        } finally {
            b.close();
            a.close();
            database.drop();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int pendingJobs(Steward node) {
        return node.db().dsl().fetchCount(org.jooq.impl.DSL.table("job"),
                org.jooq.impl.DSL.field("kind").eq("provisioning").and(org.jooq.impl.DSL.field("status").in("queued", "running", "failed")));
    }

    private static void assertEachRanOnce(Steward node, List<Long> ids) {
        var calls = node.db().dsl().fetch("SELECT service_id, COUNT(*) AS n FROM module_call GROUP BY service_id");
        var perService = new java.util.HashMap<Long, Integer>();
        calls.forEach(r -> perService.put(((Number) r.get(0)).longValue(), ((Number) r.get(1)).intValue()));
        for (long id : ids) assertThat(perService.get(id)).as("module calls for service %d", id).isEqualTo(1);
        var jobs = node.db().dsl().fetch("SELECT status, attempts FROM job WHERE kind = 'provisioning'");
        assertThat(jobs).hasSizeGreaterThanOrEqualTo(ids.size());
        jobs.forEach(r -> {
            assertThat(r.get(0, String.class)).isEqualTo("done");
            assertThat(r.get(1, Integer.class)).isEqualTo(1);
        });
        ServiceOperations ops = node.services().services();
        assertThat(ids).allMatch(id -> ops.find(id).orElseThrow().status().equals(Service.ACTIVE));
    }
}
