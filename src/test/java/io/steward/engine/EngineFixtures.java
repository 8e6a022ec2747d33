package io.steward.engine;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.billing.Invoice;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Services, clock moves and engine runs for the billing engine's tests. */
final class EngineFixtures {
    private EngineFixtures() {}

    /** A node with fees and thresholds the tests name, its scheduler off (jobs are run by hand). */
    static TestServer server() {
        return TestServer.start(c -> c.with("scheduler.enabled", "false").with("billing.renewal-lead-days", "14")
                .with("billing.engine.reminder-days", "3").with("billing.engine.overdue-notice-days", "1")
                .with("billing.engine.late-fee.type", "fixed").with("billing.engine.late-fee.amount", "5.00")
                .with("billing.engine.late-fee.days", "2").with("billing.engine.suspend-days", "5")
                .with("billing.engine.terminate-days", "30"));
    }

    static LocalDate today(TestServer server) {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    /** Moves the node's clock forward to {@code date} (never back). */
    static void moveTo(TestServer server, LocalDate date) {
        long days = ChronoUnit.DAYS.between(today(server), date);
        assertThat(days).as("tests only move time forward").isGreaterThanOrEqualTo(0);
        server.clock.advance(Duration.ofDays(days));
    }

    /** Moves the clock to {@code date} and runs the engine for it through the admin API. */
    static JsonNode runOn(TestServer server, LocalDate date) {
        moveTo(server, date);
        var res = server.http().post("/admin/api/billing/run", Auth.admin(), Body.json(Map.of("date", date.toString())));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("run");
    }

    /** An active monthly USD service of the client, first unpaid period starting {@code nextDue}. */
    static long activeService(TestServer server, long clientId, LocalDate nextDue, Map<String, Object> fields) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "10.00",
                "first_payment", "10.00", "name", "Starter Hosting", "category", "Hosting", "category_slug", "hosting",
                "domain", "engine-" + System.nanoTime() + ".example", "next_due", nextDue.toString(), "activate", true);
        body.putAll(fields);
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a service: %s", res).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        runJobs(server);
        assertThat(service(server, id).path("status").asText()).isEqualTo("Active");
        return id;
    }

    static int runJobs(TestServer server) {
        return server.steward().services().provisioning().runDueJobsNow();
    }

    static JsonNode service(TestServer server, long id) {
        var res = server.http().get("/admin/api/services/" + id, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("service");
    }

    /** The client's invoices, oldest first. */
    static List<Invoice> invoices(TestServer server, long clientId) {
        return server.steward().billing().invoices().list(clientId, null, 1, 100).invoices().stream()
                .sorted(java.util.Comparator.comparingLong(Invoice::id)).toList();
    }

    /** The kinds of the client's billing events, oldest first. */
    static List<String> events(TestServer server, long clientId) {
        return server.steward().engine().events().forClient(clientId).reversed().stream().map(BillingEvents.Event::kind).toList();
    }

    /** Asserts that a run did nothing at all (a rerun for the same date). */
    static void assertNothing(JsonNode run) {
        for (String k : List.of("invoices", "renewal_lines", "reminders", "overdue_notices", "late_fees", "suspended", "terminated", "cancellations")) {
            assertThat(run.get(k).asInt()).as("%s in %s", k, run).isZero();
        }
    }
}
