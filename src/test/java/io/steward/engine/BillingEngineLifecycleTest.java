package io.steward.engine;

import static io.steward.engine.EngineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.billing.Invoice;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The life of a service under the billing engine, moving the node's clock day by day. */
class BillingEngineLifecycleTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = EngineFixtures.server();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_service_is_invoiced_reminded_fined_suspended_paid_renewed_unsuspended_and_cancelled_at_the_end_of_its_period() {
        var client = AccountFixtures.client(server);
        LocalDate due = today(server).plusDays(20);
        long id = activeService(server, client.id(), due, Map.of());

        // Not yet: the renewal goes out 14 days before the period starts.
        runOn(server, due.minusDays(15));
        assertThat(invoices(server, client.id())).isEmpty();

        var run = runOn(server, due.minusDays(14));
        assertThat(run.get("invoices").asInt()).isGreaterThanOrEqualTo(1);
        List<Invoice> issued = invoices(server, client.id());
        assertThat(issued).hasSize(1);
        Invoice invoice = issued.get(0);
        assertThat(invoice.dueDate()).isEqualTo(due);
        assertThat(invoice.total()).isEqualByComparingTo("10.00");
        var lines = server.steward().billing().invoices().invoice(invoice.id()).orElseThrow().lines();
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo("Hosting");
            assertThat(l.serviceId()).isEqualTo(id);
            assertThat(l.periodStart()).isEqualTo(due);
        });
        assertNothing(runOn(server, due.minusDays(14)));
        assertThat(invoices(server, client.id())).hasSize(1);

        runOn(server, due.minusDays(3));
        assertThat(events(server, client.id())).containsExactly("reminder");
        runOn(server, due.plusDays(1));
        assertThat(events(server, client.id())).containsExactly("reminder", "overdue");

        run = runOn(server, due.plusDays(2));
        assertThat(run.get("late_fees").asInt()).isGreaterThanOrEqualTo(1);
        Invoice fined = server.steward().billing().invoices().invoice(invoice.id()).orElseThrow().invoice();
        assertThat(fined.total()).isEqualByComparingTo("15.00");
        assertNothing(runOn(server, due.plusDays(2)));
        assertThat(server.steward().billing().invoices().invoice(invoice.id()).orElseThrow().invoice().total()).isEqualByComparingTo("15.00");

        runOn(server, due.plusDays(4));
        assertThat(service(server, id).path("status").asText()).isEqualTo("Active");
        run = runOn(server, due.plusDays(5));
        assertThat(run.get("suspended").asInt()).isGreaterThanOrEqualTo(1);
        runJobs(server);
        var suspended = service(server, id);
        assertThat(suspended.path("status").asText()).isEqualTo("Suspended");
        assertThat(suspended.path("suspend_reason").asText()).isEqualTo("Overdue on invoice " + fined.number());
        assertNothing(runOn(server, due.plusDays(5)));

        // The client pays with account credit: the period renews and the suspension lifts.
        var credit = server.http().post("/admin/api/clients/" + client.id() + "/credit", Auth.admin(),
                Body.json(Map.of("amount", "15.00", "reason", "test credit")));
        assertThat(credit.status()).as(credit.toString()).isEqualTo(201);
        var paid = server.http().post("/api/invoice/" + invoice.id() + "/credit", client.auth(), Body.NONE);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().get("invoice_status").asText()).isEqualTo("Paid");
        LocalDate nextPeriod = due.plusMonths(1).withDayOfMonth(Math.min(due.getDayOfMonth(), due.plusMonths(1).lengthOfMonth()));
        assertThat(service(server, id).path("next_due").asText()).isEqualTo(nextPeriod.toString());
        runJobs(server);
        assertThat(service(server, id).path("status").asText()).isEqualTo("Active");
        assertThat(moduleCalls(id)).contains("suspend", "renew", "unsuspend");

        // Cancelled at the end of the period: no renewal for the next one, terminated when it starts.
        var cancel = server.http().post("/api/service/" + id + "/cancel", client.auth(), Body.json(Map.of("immediate", false, "reason", "moving on")));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        runOn(server, nextPeriod.minusDays(14));
        assertThat(invoices(server, client.id())).hasSize(1);
        runOn(server, nextPeriod.minusDays(1));
        assertThat(service(server, id).path("status").asText()).isEqualTo("Active");
        run = runOn(server, nextPeriod);
        assertThat(run.get("cancellations").asInt()).isGreaterThanOrEqualTo(1);
        runJobs(server);
        assertThat(service(server, id).path("status").asText()).isEqualTo("Cancelled");
        assertThat(moduleCalls(id)).endsWith("terminate");
        assertNothing(runOn(server, nextPeriod));
    }

    @Test
    void a_service_left_unpaid_is_terminated_after_the_termination_days_and_its_invoice_goes_to_collections() {
        var client = AccountFixtures.client(server);
        LocalDate due = today(server).plusDays(14);
        long id = activeService(server, client.id(), due, Map.of());
        runOn(server, due.minusDays(14));
        runOn(server, due.plusDays(5));
        runJobs(server);
        assertThat(service(server, id).path("status").asText()).isEqualTo("Suspended");
        runOn(server, due.plusDays(29));
        assertThat(service(server, id).path("status").asText()).isEqualTo("Suspended");
        var run = runOn(server, due.plusDays(30));
        assertThat(run.get("terminated").asInt()).isGreaterThanOrEqualTo(1);
        runJobs(server);
        assertThat(service(server, id).path("status").asText()).isEqualTo("Terminated");
        // A suspended service keeps being invoiced (the next period's renewal went out meanwhile); all of it goes to collections.
        assertThat(invoices(server, client.id())).hasSize(2).allSatisfy(i -> assertThat(i.status()).isEqualTo("Collections"));
        assertThat(events(server, client.id())).contains("suspension", "termination");
        assertNothing(runOn(server, due.plusDays(30)));
    }

    @Test
    void a_product_can_renew_earlier_than_the_global_lead_days() {
        var client = AccountFixtures.client(server);
        var category = server.http().post("/admin/api/categories", Auth.admin(),
                Body.json(Map.of("name", "Engine " + System.nanoTime(), "sort_order", 100)));
        assertThat(category.status()).as(category.toString()).isEqualTo(201);
        var product = server.http().post("/admin/api/products", Auth.admin(), Body.json(Map.of(
                "category_id", category.json().at("/category/id").asLong(), "name", "Early renewal " + System.nanoTime(), "type", "hosting",
                "renewal_lead_days", 30, "prices", Map.of("USD", Map.of("m", "10.00")))));
        assertThat(product.status()).as(product.toString()).isEqualTo(201);
        long productId = product.json().at("/product/id").asLong();
        LocalDate due = today(server).plusDays(40);
        activeService(server, client.id(), due, Map.of("product_id", productId));
        var plain = AccountFixtures.client(server);
        activeService(server, plain.id(), due, Map.of());

        runOn(server, due.minusDays(31));
        assertThat(invoices(server, client.id())).isEmpty();
        runOn(server, due.minusDays(30));
        assertThat(invoices(server, client.id())).hasSize(1);
        assertThat(invoices(server, plain.id())).as("the global 14 days still apply to others").isEmpty();
        runOn(server, due.minusDays(14));
        assertThat(invoices(server, plain.id())).hasSize(1);
        assertThat(invoices(server, client.id())).hasSize(1);
    }

    @Test
    void the_run_endpoint_needs_an_admin_key_and_a_valid_date() {
        assertThat(server.http().post("/admin/api/billing/run", Auth.NONE, Body.json(Map.of())).status()).isEqualTo(401);
        var bad = server.http().post("/admin/api/billing/run", Auth.admin(), Body.json(Map.of("date", "2026-13-01")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/fields/date").isArray()).isTrue();
    }

    private static List<String> moduleCalls(long id) {
        var out = new java.util.ArrayList<String>();
        server.http().get("/admin/api/services/" + id + "/module-calls", Auth.admin()).json().get("calls")
                .forEach(c -> out.add(c.get("action").asText()));
        return out;
    }
}
