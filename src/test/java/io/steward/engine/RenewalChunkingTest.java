package io.steward.engine;

import static io.steward.engine.EngineFixtures.activeService;
import static io.steward.engine.EngineFixtures.invoices;
import static io.steward.engine.EngineFixtures.runOn;
import static io.steward.engine.EngineFixtures.today;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.billing.Invoice;
import io.steward.support.AccountFixtures;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client's renewals meet in one invoice however the run's chunks fall. */
class RenewalChunkingTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        // Chunks of two services, so three services of one client cannot fit one chunk.
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("billing.renewal-lead-days", "14")
                .with("billing.engine.chunk-size", "2"));
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void services_of_one_client_spread_over_several_chunks_are_renewed_on_one_invoice() {
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        LocalDate due = today(server).plusDays(20);
        // Interleaved ids: a, b, a, b, a. Paged by id in chunks of two, a's would land in three chunks.
        long a1 = activeService(server, a.id(), due, Map.of());
        long b1 = activeService(server, b.id(), due, Map.of());
        long a2 = activeService(server, a.id(), due, Map.of());
        long b2 = activeService(server, b.id(), due, Map.of());
        long a3 = activeService(server, a.id(), due, Map.of());

        var run = runOn(server, due.minusDays(14));

        assertThat(run.get("renewal_lines").asInt()).isGreaterThanOrEqualTo(5);
        List<Invoice> ofA = invoices(server, a.id()).stream().filter(i -> i.status().equals(Invoice.UNPAID)).toList();
        List<Invoice> ofB = invoices(server, b.id()).stream().filter(i -> i.status().equals(Invoice.UNPAID)).toList();
        assertThat(ofA).as("one renewal invoice for a's three services").hasSize(1);
        assertThat(ofB).as("one renewal invoice for b's two services").hasSize(1);
        assertThat(ofA.get(0).total()).isEqualByComparingTo("30.00");
        assertThat(ofB.get(0).total()).isEqualByComparingTo("20.00");
        var lines = server.steward().billing().invoices().invoice(ofA.get(0).id()).orElseThrow().lines();
        assertThat(lines).extracting(l -> l.serviceId()).containsExactlyInAnyOrder(a1, a2, a3);
        assertThat(server.steward().billing().invoices().invoice(ofB.get(0).id()).orElseThrow().lines())
                .extracting(l -> l.serviceId()).containsExactlyInAnyOrder(b1, b2);
        EngineFixtures.assertNothing(runOn(server, due.minusDays(14)));
    }
}
