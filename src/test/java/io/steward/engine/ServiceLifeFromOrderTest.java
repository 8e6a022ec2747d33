package io.steward.engine;

import static io.steward.engine.EngineFixtures.assertNothing;
import static io.steward.engine.EngineFixtures.runJobs;
import static io.steward.engine.EngineFixtures.runOn;
import static io.steward.engine.EngineFixtures.service;
import static io.steward.engine.EngineFixtures.today;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole life of a service, driven as customers and staff drive it: order through the client
 * API, pay with credit, provisioned, renewal invoice, overdue, suspended, paid, unsuspended,
 * cancelled at the end of the period, and over — with the billing run moved through the dates.
 */
class ServiceLifeFromOrderTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = EngineFixtures.server(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void order_pay_provision_renew_overdue_suspend_pay_unsuspend_cancel_at_end_of_period() {
        var client = AccountFixtures.client(server);
        var credit = server.http().post("/admin/api/clients/" + client.id() + "/credit", Auth.admin(),
                Body.json(Map.of("amount", "100.00", "reason", "Prepaid")));
        assertThat(credit.status()).as(credit.toString()).isBetween(200, 201);

        // Order the demo "Starter Hosting" (product 1, 9.99 monthly) and pay its invoice with credit.
        var order = server.http().post("/api/order/1", client.auth(), Body.form("cycle", "m", "domain", "life.example"));
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        long invoiceId = order.json().get("invoice_id").asLong();
        long serviceId = order.json().at("/items/id").asLong();
        var paid = server.http().post("/api/invoice/" + invoiceId + "/credit", client.auth(), Body.NONE);
        assertThat(paid.json().get("invoice_status").asText()).isEqualTo("Paid");
        runJobs(server);
        var active = service(server, serviceId);
        assertThat(active.get("status").asText()).isEqualTo("Active");
        LocalDate due = LocalDate.parse(active.get("next_due").asText());
        assertThat(due).isAfter(today(server));

        // 14 days ahead of the due date the run issues the renewal invoice, once. (The counts
        // include the demo client's service, so this client's invoices are what is checked.)
        runOn(server, due.minusDays(14));
        assertNothing(runOn(server, due.minusDays(14)));
        var invoices = server.http().get("/api/invoice", client.auth()).json().get("invoices");
        var open = java.util.stream.StreamSupport.stream(invoices.spliterator(), false)
                .filter(i -> i.get("status").asText().equals("Unpaid")).toList();
        assertThat(invoices).hasSize(2);
        assertThat(open).hasSize(1);
        long renewalId = open.get(0).get("id").asLong();

        // Unpaid five days after the due date: a late fee, then suspension.
        runOn(server, due.plusDays(5));
        runJobs(server);
        assertThat(service(server, serviceId).get("status").asText()).isEqualTo("Suspended");
        var renewal = server.http().get("/api/invoice/" + renewalId, client.auth()).json().get("invoice");
        assertThat(renewal.get("total").decimalValue()).isEqualByComparingTo("14.99"); // 9.99 + the 5.00 late fee

        // Staff see what the run recorded for this client (the mailer's queue, for the support issue).
        var events = server.http().get("/admin/api/billing/events?client_id=" + client.id(), Auth.admin());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        var kinds = java.util.stream.StreamSupport.stream(events.json().get("events").spliterator(), false)
                .map(e -> e.get("kind").asText()).toList();
        assertThat(kinds).contains("suspension");
        assertThat(server.http().get("/admin/api/billing/events", Auth.admin()).status()).isEqualTo(422);

        // Paying renews the period and lifts the suspension.
        var payRenewal = server.http().post("/api/invoice/" + renewalId + "/credit", client.auth(), Body.NONE);
        assertThat(payRenewal.json().get("invoice_status").asText()).isEqualTo("Paid");
        runJobs(server);
        var renewed = service(server, serviceId);
        assertThat(renewed.get("status").asText()).isEqualTo("Active");
        LocalDate nextDue = LocalDate.parse(renewed.get("next_due").asText());
        assertThat(nextDue).isAfter(due);
        var balance = server.http().get("/api/balance", client.auth()).json().get("details");
        assertThat(balance.get("acc_credit").asText()).isEqualTo("75.02"); // 100 - 9.99 - 14.99

        // Cancelled at the end of the period: it stays Active until then, and is over after it.
        var cancel = server.http().post("/api/service/" + serviceId + "/cancel", client.auth(),
                Body.form("immediate", "false", "reason", "Moving elsewhere"));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        runOn(server, nextDue.minusDays(1));
        runJobs(server);
        assertThat(service(server, serviceId).get("status").asText()).isEqualTo("Active");
        var endRun = runOn(server, nextDue);
        assertThat(endRun.get("cancellations").asInt()).isGreaterThanOrEqualTo(1);
        runJobs(server);
        assertThat(service(server, serviceId).get("status").asText()).isIn("Cancelled", "Terminated");
        assertNothing(runOn(server, nextDue));
        // No invoice is left open for a period the client will not have.
        var stillUnpaid = server.http().get("/api/balance", client.auth()).json().at("/details/acc_balance").asText();
        assertThat(stillUnpaid).isEqualTo("0.00");
    }
}
