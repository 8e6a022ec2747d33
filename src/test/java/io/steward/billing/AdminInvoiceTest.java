package io.steward.billing;

import static io.steward.billing.BillingFixtures.addCredit;
import static io.steward.billing.BillingFixtures.balanceCredit;
import static io.steward.billing.BillingFixtures.issue;
import static io.steward.billing.BillingFixtures.item;
import static io.steward.billing.BillingFixtures.pay;
import static io.steward.billing.BillingFixtures.serviceItem;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff invoices: issuing, numbering, the exactly-once service period, payments, cancellation, listing. */
class AdminInvoiceTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res post(String path, Object body) {
        return server.http().post(path, Auth.admin(), Body.json(body));
    }

    private static JsonNode get(long invoiceId) {
        return server.http().get("/admin/api/invoices/" + invoiceId, Auth.admin()).json().get("invoice");
    }

    @Test
    void an_issued_invoice_is_numbered_in_the_default_format_and_snapshots_the_client() {
        var c = AccountFixtures.client(server, Map.of("companyname", "Acme"));
        JsonNode inv = issue(server, c.id(), List.of(item("Thing", "10")));
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
        assertThat(inv.get("number").asText()).matches(String.format("%d/%02d/\\d+", today.getYear(), today.getMonthValue()));
        assertThat(inv.get("series").asText()).isEqualTo("invoice");
        assertThat(inv.get("date").asText()).isEqualTo(today.toString());
        assertThat(inv.get("duedate").asText()).isEqualTo(today.plusDays(7).toString());
        assertThat(inv.get("status").asText()).isEqualTo("Unpaid");
        assertThat(inv.at("/client/companyname").asText()).isEqualTo("Acme");
        assertThat(inv.at("/client/id").asLong()).isEqualTo(c.id());
        assertThat(inv.get("balance_due").asText()).isEqualTo("10.00");
        JsonNode next = issue(server, c.id(), List.of(item("Thing", "10")));
        long n1 = Long.parseLong(inv.get("number").asText().replaceAll(".*/", ""));
        long n2 = Long.parseLong(next.get("number").asText().replaceAll(".*/", ""));
        assertThat(n2).isEqualTo(n1 + 1);
    }

    @Test
    void a_service_period_is_invoiced_once_and_a_repeat_skips_it() {
        var c = AccountFixtures.client(server);
        long service = 7_000_000 + (long) (Math.random() * 1_000_000);
        JsonNode first = issue(server, c.id(), List.of(serviceItem("Hosting", service, "2030-01-01", "9.99"),
                serviceItem("Setup", service, "2030-01-01", "5.00")));
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.at("/items/0/service_id").asLong()).isEqualTo(service);
        assertThat(first.at("/items/0/item_id").asLong()).isEqualTo(service);

        Res again = post("/admin/api/invoices", obj("client_id", c.id(), "items", List.of(serviceItem("Hosting", service, "2030-01-01", "9.99"))));
        assertThat(again.status()).isEqualTo(409);
        Res mixed = post("/admin/api/invoices", obj("client_id", c.id(), "items", List.of(
                serviceItem("Hosting", service, "2030-01-01", "9.99"), serviceItem("Hosting", service, "2030-02-01", "9.99"),
                item("Late fee", "2.00"))));
        assertThat(mixed.status()).isEqualTo(201);
        assertThat(mixed.json().get("skipped").toString()).isEqualTo("[0]");
        assertThat(mixed.json().at("/invoice/items")).hasSize(2);
        assertThat(mixed.json().at("/invoice/total").asText()).isEqualTo("11.99");
        // Two lines with the same key in one draft: the second is the duplicate.
        Res twice = post("/admin/api/invoices", obj("client_id", c.id(), "items", List.of(
                serviceItem("Hosting", service, "2030-03-01", "1"), serviceItem("Hosting", service, "2030-03-01", "1"))));
        assertThat(twice.json().get("skipped").toString()).isEqualTo("[1]");
    }

    @Test
    void invalid_drafts_are_refused_naming_each_problem_and_consume_no_number() {
        var c = AccountFixtures.client(server);
        String series = "V" + System.nanoTime();
        server.http().put("/admin/api/invoice-series/" + series, Auth.admin(), Body.json(Map.of("format", "V{n}")));
        Res bad = post("/admin/api/invoices", obj("client_id", c.id(), "series", series, "duedate", "2000-01-01", "currency", "EUR", "items", List.of(
                obj("type", "no spaces", "description", "", "amount", "1", "qty", "0"),
                obj("description", "x", "amount", "1", "period_start", "2030-01-01"),
                obj("description", "x", "amount", "1", "item_id", -2))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").fieldNames()).toIterable().contains("currency", "duedate", "items[0]", "items[1]", "items[2]");
        assertThat(post("/admin/api/invoices", obj("client_id", c.id(), "items", List.of())).status()).isEqualTo(422);
        assertThat(post("/admin/api/invoices", obj("client_id", c.id(), "items", List.of(item("Discount", "-5")))).status()).isEqualTo(422);
        Res unclearTax = post("/admin/api/invoices", obj("client_id", c.id(), "items",
                List.of(obj("description", "x", "amount", "1", "taxed", "perhaps"))));
        assertThat(unclearTax.status()).as("taxed must be a yes or no").isEqualTo(400);
        assertThat(unclearTax.json().at("/fields/items[0].taxed").isMissingNode()).isFalse();
        assertThat(post("/admin/api/invoices", obj("client_id", c.id(), "gateway_id", 999999, "items", List.of(item("x", "1")))).status())
                .isEqualTo(422);
        assertThat(post("/admin/api/invoices", obj("client_id", c.id(), "series", "nope", "items", List.of(item("x", "1")))).status())
                .isEqualTo(422);
        assertThat(post("/admin/api/invoices", obj("client_id", 999999999, "items", List.of(item("x", "1")))).status()).isEqualTo(404);
        assertThat(post("/admin/api/invoices", obj("items", List.of(item("x", "1")))).status()).isEqualTo(400);
        assertThat(post("/admin/api/invoices", obj("client_id", c.id(), "items", List.of(obj("description", "x")))).status()).isEqualTo(400);
        assertThat(post("/admin/api/invoices", obj("client_id", c.id(), "items", List.of(obj("description", "x", "amount", "ten")))).status())
                .isEqualTo(400);
        JsonNode ok = issue(server, obj("client_id", c.id(), "series", series, "items", List.of(item("x", "1"))));
        assertThat(ok.get("number").asText()).isEqualTo("V1");
    }

    @Test
    void lines_arrive_as_bracket_notation_form_fields_too() {
        var c = AccountFixtures.client(server);
        Res res = server.http().post("/admin/api/invoices", Auth.admin(), Body.form("client_id", Long.toString(c.id()),
                "items[0][description]", "Form line", "items[0][amount]", "3.10", "items[0][qty]", "2",
                "items[1][description]", "Untaxed", "items[1][amount]", "1", "items[1][taxed]", "0"));
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.json().at("/invoice/total").asText()).isEqualTo("7.20");
        assertThat(res.json().at("/invoice/items/1/taxed").asBoolean()).isFalse();
    }

    @Test
    void a_zero_total_invoice_is_paid_at_issue() {
        var c = AccountFixtures.client(server);
        JsonNode free = issue(server, c.id(), List.of(item("Free plan", "5.00"), obj("type", "Promo", "description", "Promo", "amount", "-5.00")));
        assertThat(free.get("status").asText()).isEqualTo("Paid");
        assertThat(free.get("datepaid").isNull()).isFalse();
        assertThat(free.get("total").asText()).isEqualTo("0.00");
    }

    @Test
    void recorded_payments_pay_in_part_then_in_full_and_an_overpayment_becomes_credit() {
        var c = AccountFixtures.client(server);
        JsonNode inv = issue(server, c.id(), List.of(item("Service", "50.00")));
        long id = inv.get("id").asLong();
        JsonNode part = pay(server, id, "20");
        assertThat(part.get("status").asText()).isEqualTo("Unpaid");
        assertThat(part.get("amount_paid").asText()).isEqualTo("20.00");
        assertThat(part.get("balance_due").asText()).isEqualTo("30.00");
        Res rest = post("/admin/api/invoices/" + id + "/payments", Map.of("amount", "35.00", "transaction_id", "BANK-1", "fee", "0.10",
                "date", "2030-05-06 07:08:09"));
        assertThat(rest.status()).isEqualTo(201);
        JsonNode paid = rest.json().get("invoice");
        assertThat(paid.get("status").asText()).isEqualTo("Paid");
        assertThat(paid.get("payments")).hasSize(2);
        assertThat(paid.at("/payments/1/transaction_id").asText()).isEqualTo("BANK-1");
        assertThat(paid.at("/payments/1/date").asText()).isEqualTo("2030-05-06 07:08:09");
        assertThat(paid.at("/payments/1/fee").asText()).isEqualTo("0.10");
        assertThat(paid.at("/payments/1/recorded_by").asText()).isEqualTo("staff:demo");
        assertThat(paid.get("refunded").asText()).isEqualTo("5.00");
        assertThat(balanceCredit(server, c.id())).isEqualTo("5.00");
        assertThat(post("/admin/api/invoices/" + id + "/payments", Map.of("amount", "1")).status()).isEqualTo(422);
    }

    @Test
    void a_gateway_transaction_id_is_recorded_once() {
        var c = AccountFixtures.client(server);
        long a = issue(server, c.id(), List.of(item("A", "10"))).get("id").asLong();
        long b = issue(server, c.id(), List.of(item("B", "10"))).get("id").asLong();
        assertThat(post("/admin/api/invoices/" + a + "/payments", Map.of("amount", "5", "transaction_id", "TX-9")).status()).isEqualTo(201);
        Res dup = post("/admin/api/invoices/" + b + "/payments", Map.of("amount", "5", "transaction_id", "TX-9"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("error").asText()).isEqualTo("conflict");
        long credit = BillingFixtures.gatewayId(server, "credit");
        assertThat(post("/admin/api/invoices/" + b + "/payments", Map.of("amount", "5", "gateway_id", credit)).status()).isEqualTo(422);
        assertThat(post("/admin/api/invoices/" + b + "/payments", Map.of("amount", "0")).status()).isEqualTo(422);
        assertThat(post("/admin/api/invoices/" + b + "/payments", Map.of()).status()).isEqualTo(400);
        assertThat(post("/admin/api/invoices/999999999/payments", Map.of("amount", "5")).status()).isEqualTo(404);
    }

    @Test
    void cancelling_an_unpaid_invoice_returns_what_was_applied_to_the_credit() {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "4.00");
        JsonNode inv = issue(server, c.id(), List.of(item("Service", "10.00")));
        long id = inv.get("id").asLong();
        server.http().post("/api/invoice/" + id + "/credit", c.auth(), Body.NONE);
        pay(server, id, "1.50");
        assertThat(balanceCredit(server, c.id())).isEqualTo("0.00");
        Res cancelled = server.http().post("/admin/api/invoices/" + id + "/cancel", Auth.admin(), Body.NONE);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().at("/invoice/status").asText()).isEqualTo("Cancelled");
        assertThat(cancelled.json().at("/invoice/balance_due").asText()).isEqualTo("0.00");
        assertThat(balanceCredit(server, c.id())).isEqualTo("5.50");
        assertThat(server.http().post("/admin/api/invoices/" + id + "/cancel", Auth.admin(), Body.NONE).status()).isEqualTo(422);
        JsonNode paid = issue(server, c.id(), List.of(item("Paid", "1.00")));
        pay(server, paid.get("id").asLong(), "1.00");
        assertThat(server.http().post("/admin/api/invoices/" + paid.get("id").asText() + "/cancel", Auth.admin(), Body.NONE).status())
                .isEqualTo(422);
    }

    @Test
    void invoices_are_listed_newest_first_by_client_and_status() {
        var c = AccountFixtures.client(server);
        long a = issue(server, c.id(), List.of(item("A", "1"))).get("id").asLong();
        long b = issue(server, c.id(), List.of(item("B", "2"))).get("id").asLong();
        pay(server, a, "1");
        JsonNode all = server.http().get("/admin/api/invoices?client_id=" + c.id(), Auth.admin()).json();
        assertThat(all.get("total").asInt()).isEqualTo(2);
        assertThat(all.at("/invoices/0/id").asLong()).isEqualTo(b);
        JsonNode paid = server.http().get("/admin/api/invoices?client_id=" + c.id() + "&status=Paid", Auth.admin()).json();
        assertThat(paid.get("total").asInt()).isEqualTo(1);
        assertThat(paid.at("/invoices/0/id").asLong()).isEqualTo(a);
        assertThat(server.http().get("/admin/api/invoices?status=Owed", Auth.admin()).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/invoices?perpage=1", Auth.admin()).json().get("invoices")).hasSize(1);
        assertThat(server.http().get("/admin/api/invoices", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/invoices/999999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(get(b).get("items")).hasSize(1);
    }

    @Test
    void a_client_with_invoices_cannot_be_deleted() {
        var c = AccountFixtures.client(server);
        issue(server, c.id(), List.of(item("A", "1")));
        Res res = server.http().delete("/admin/api/clients/" + c.id(), Auth.admin());
        assertThat(res.status()).isEqualTo(409);
        assertThat(res.json().at("/messages/0").asText()).contains("invoices");
        var credited = AccountFixtures.client(server);
        addCredit(server, credited.id(), "1");
        assertThat(server.http().delete("/admin/api/clients/" + credited.id(), Auth.admin()).status()).isEqualTo(409);
        var plain = AccountFixtures.client(server);
        assertThat(server.http().delete("/admin/api/clients/" + plain.id(), Auth.admin()).status()).isEqualTo(200);
    }
}
