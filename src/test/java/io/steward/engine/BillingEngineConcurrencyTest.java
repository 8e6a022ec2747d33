package io.steward.engine;

import static io.steward.engine.EngineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two billing runs for one date at once (two nodes, or the daily task and staff) create everything once. */
class BillingEngineConcurrencyTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        // Small chunks, so the two runs interleave over many transactions.
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("billing.engine.chunk-size", "3"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void two_concurrent_runs_for_one_date_issue_each_renewal_once_and_a_third_issues_nothing() throws Exception {
        LocalDate due = today(server).plusDays(14);
        var clients = new ArrayList<Long>();
        var serviceIds = new ArrayList<Long>();
        for (int i = 0; i < 12; i++) {
            long c = AccountFixtures.client(server).id();
            clients.add(c);
            serviceIds.add(activeService(server, c, due, Map.of()));
            if (i % 3 == 0) serviceIds.add(activeService(server, c, due, Map.of("recurring_amount", "3.50")));
        }
        moveTo(server, due.minusDays(14));
        var engine = server.steward().engine();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var go = new CountDownLatch(1);
            List<Future<BillingEngine.Report>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return engine.run(due.minusDays(14));
                }));
            }
            go.countDown();
            int invoices = 0, lines = 0;
            for (var f : runs) {
                var r = f.get();
                invoices += r.invoices();
                lines += r.renewalLines();
            }
            assertThat(lines).as("periods invoiced by both runs together").isGreaterThanOrEqualTo(serviceIds.size());
            assertThat(invoices).isGreaterThanOrEqualTo(clients.size());
        } finally {
            pool.shutdownNow();
        }
        var billing = server.steward().billing().invoices();
        for (int i = 0; i < clients.size(); i++) {
            long c = clients.get(i);
            // Drafts group a client's services per chunk of services, so a client may get one invoice per chunk; never more money.
            var total = invoices(server, c).stream().map(io.steward.billing.Invoice::total).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            assertThat(total).as("billed to client %d", c).isEqualByComparingTo(i % 3 == 0 ? "13.50" : "10.00");
        }
        for (long s : serviceIds) {
            assertThat(billing.openForService(s)).as("invoices billing service %d", s).hasSize(1);
            assertThat(service(server, s).path("next_invoice").asText()).isNotEqualTo(due.toString());
        }
        var rerun = engine.run(due.minusDays(14));
        assertThat(rerun.invoices()).isZero();
        assertThat(rerun.renewalLines()).isZero();
    }
}
