package io.steward.billing;

import static io.steward.billing.BillingFixtures.addCredit;
import static io.steward.billing.BillingFixtures.balanceCredit;
import static io.steward.billing.BillingFixtures.issue;
import static io.steward.billing.BillingFixtures.item;
import static io.steward.billing.BillingFixtures.pay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Credit notes, the credit ledger as staff see and change it, and add-funds invoices. */
class RefundAndCreditTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res refund(long invoiceId, Map<String, Object> body) {
        return server.http().post("/admin/api/invoices/" + invoiceId + "/refund", Auth.admin(), Body.json(body));
    }

    @Test
    void a_partial_refund_to_credit_issues_a_numbered_credit_note_and_a_full_one_marks_the_invoice_refunded() {
        var c = AccountFixtures.client(server);
        long id = issue(server, c.id(), List.of(item("Service", "30.00"))).get("id").asLong();
        pay(server, id, "30.00");
        Res part = refund(id, Map.of("amount", "10", "reason", "Goodwill"));
        assertThat(part.status()).isEqualTo(201);
        JsonNode note = part.json().get("credit_note");
        int year = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC).getYear();
        assertThat(note.get("number").asText()).matches("CN-" + year + "-\\d+");
        assertThat(note.get("series").asText()).isEqualTo("creditnote");
        assertThat(note.get("amount").asText()).isEqualTo("10.00");
        assertThat(note.get("method").asText()).isEqualTo("credit");
        assertThat(part.json().at("/invoice/status").asText()).isEqualTo("Paid");
        assertThat(balanceCredit(server, c.id())).isEqualTo("10.00");

        Res rest = refund(id, Map.of("reason", "Cancelled order"));
        JsonNode second = rest.json().get("credit_note");
        assertThat(second.get("amount").asText()).isEqualTo("20.00");
        long n1 = Long.parseLong(note.get("number").asText().replaceAll(".*-", ""));
        assertThat(Long.parseLong(second.get("number").asText().replaceAll(".*-", ""))).isEqualTo(n1 + 1);
        assertThat(rest.json().at("/invoice/status").asText()).isEqualTo("Refunded");
        assertThat(rest.json().at("/invoice/credit_notes")).hasSize(2);
        assertThat(balanceCredit(server, c.id())).isEqualTo("30.00");
        assertThat(refund(id, Map.of("reason", "again")).status()).isEqualTo(422);
    }

    @Test
    void an_external_refund_returns_at_most_what_gateways_paid_and_marks_the_payments() {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "5.00");
        long id = issue(server, c.id(), List.of(item("Service", "20.00"))).get("id").asLong();
        server.http().post("/api/invoice/" + id + "/credit", c.auth(), Body.NONE);
        pay(server, id, "15.00");
        Res tooMuch = refund(id, Map.of("amount", "16", "method", "external", "reason", "Bank refund"));
        assertThat(tooMuch.status()).isEqualTo(422);
        Res ok = refund(id, Map.of("amount", "15", "method", "external", "reason", "Bank refund"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().at("/invoice/payments/0/refunded").asText()).isEqualTo("15.00");
        assertThat(ok.json().at("/invoice/status").asText()).isEqualTo("Paid");
        assertThat(balanceCredit(server, c.id())).isEqualTo("0.00");
        Res rest = refund(id, Map.of("method", "credit", "reason", "The credit part"));
        assertThat(rest.json().at("/credit_note/amount").asText()).isEqualTo("5.00");
        assertThat(rest.json().at("/invoice/status").asText()).isEqualTo("Refunded");
        assertThat(balanceCredit(server, c.id())).isEqualTo("5.00");
    }

    @Test
    void refunds_need_a_paid_invoice_a_reason_and_a_known_method() {
        var c = AccountFixtures.client(server);
        long unpaid = issue(server, c.id(), List.of(item("Service", "5"))).get("id").asLong();
        assertThat(refund(unpaid, Map.of("reason", "x")).status()).isEqualTo(422);
        long paid = issue(server, c.id(), List.of(item("Service", "5"))).get("id").asLong();
        pay(server, paid, "5");
        Res bad = refund(paid, Map.of("method", "cheque", "amount", "-1"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").fieldNames()).toIterable().contains("method", "reason", "amount");
        assertThat(refund(paid, Map.of("amount", "5.01", "reason", "x")).status()).isEqualTo(422);
        assertThat(refund(999999999, Map.of("reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void staff_add_and_remove_credit_with_a_reason_and_never_below_zero() {
        var c = AccountFixtures.client(server);
        String path = "/admin/api/clients/" + c.id() + "/credit";
        Res add = server.http().post(path, Auth.admin(), Body.json(Map.of("amount", "25.005", "reason", "Compensation")));
        assertThat(add.status()).isEqualTo(201);
        assertThat(add.json().at("/entry/amount").asText()).isEqualTo("25.01");
        assertThat(add.json().at("/entry/created_by").asText()).isEqualTo("staff:demo");
        assertThat(add.json().get("balance").asText()).isEqualTo("25.01");
        Res remove = server.http().post(path, Auth.admin(), Body.form("amount", "-5.01", "reason", "Correction"));
        assertThat(remove.json().get("balance").asText()).isEqualTo("20.00");
        Res overdraw = server.http().post(path, Auth.admin(), Body.json(Map.of("amount", "-20.01", "reason", "Too much")));
        assertThat(overdraw.status()).isEqualTo(422);
        assertThat(server.http().post(path, Auth.admin(), Body.json(Map.of("amount", "5"))).status()).isEqualTo(422);
        assertThat(server.http().post(path, Auth.admin(), Body.json(Map.of("amount", "0", "reason", "x"))).status()).isEqualTo(422);
        assertThat(server.http().post(path, Auth.admin(), Body.json(Map.of("reason", "x"))).status()).isEqualTo(400);
        JsonNode ledger = server.http().get(path, Auth.admin()).json();
        assertThat(ledger.get("balance").asText()).isEqualTo("20.00");
        assertThat(ledger.get("total").asInt()).isEqualTo(2);
        assertThat(ledger.at("/entries/0/reason").asText()).isEqualTo("Correction");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode e : ledger.get("entries")) sum = sum.add(new BigDecimal(e.get("amount").asText()));
        assertThat(sum).isEqualByComparingTo(ledger.get("balance").asText());
        assertThat(server.http().get("/admin/api/clients/999999999/credit", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().post("/admin/api/clients/999999999/credit", Auth.admin(), Body.json(Map.of("amount", "1", "reason", "x")))
                .status()).isEqualTo(404);
    }

    @Test
    void paying_an_add_funds_invoice_adds_its_amount_to_the_credit() {
        var c = AccountFixtures.client(server);
        Res res = server.http().post("/admin/api/clients/" + c.id() + "/addfunds", Auth.admin(), Body.json(Map.of("amount", "40")));
        assertThat(res.status()).isEqualTo(201);
        JsonNode inv = res.json().get("invoice");
        assertThat(inv.at("/items/0/type").asText()).isEqualTo("Credit");
        assertThat(inv.at("/items/0/taxed").asBoolean()).isFalse();
        assertThat(inv.get("total").asText()).isEqualTo("40.00");
        assertThat(balanceCredit(server, c.id())).isEqualTo("0.00");
        pay(server, inv.get("id").asLong(), "40");
        assertThat(balanceCredit(server, c.id())).isEqualTo("40.00");
        JsonNode ledger = server.http().get("/admin/api/clients/" + c.id() + "/credit", Auth.admin()).json();
        assertThat(ledger.at("/entries/0/invoice_id").asLong()).isEqualTo(inv.get("id").asLong());
        assertThat(server.http().post("/admin/api/clients/" + c.id() + "/addfunds", Auth.admin(), Body.json(Map.of("amount", "-1"))).status())
                .isEqualTo(422);
        assertThat(server.http().post("/admin/api/clients/999999999/addfunds", Auth.admin(), Body.json(Map.of("amount", "1"))).status())
                .isEqualTo(404);
    }
}
