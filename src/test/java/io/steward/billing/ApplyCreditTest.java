package io.steward.billing;

import static io.steward.billing.BillingFixtures.addCredit;
import static io.steward.billing.BillingFixtures.issue;
import static io.steward.billing.BillingFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /invoice/@id/credit: full and partial application, and every refusal. */
class ApplyCreditTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res apply(AccountFixtures.NewClient c, JsonNode invoice, Body body) {
        return server.http().post("/api/invoice/" + invoice.get("id").asText() + "/credit", c.auth(), body);
    }

    private static JsonNode balance(AccountFixtures.NewClient c) {
        return server.http().get("/api/balance", c.auth()).json().get("details");
    }

    private static JsonNode adminInvoice(JsonNode invoice) {
        return server.http().get("/admin/api/invoices/" + invoice.get("id").asText(), Auth.admin()).json().get("invoice");
    }

    @Test
    void POST_credit_without_amount_pays_the_invoice_in_full_and_marks_it_paid() {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "50.00");
        var inv = issue(server, c.id(), List.of(item("Hosting", "19.65")));
        Res res = apply(c, inv, Body.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().get("invoice_status").asText()).isEqualTo("Paid");
        assertThat(res.json().get("applied").decimalValue()).isEqualByComparingTo("19.65");
        assertThat(balance(c).get("acc_credit").asText()).isEqualTo("30.35");
        assertThat(balance(c).get("acc_balance").asText()).isEqualTo("0.00");
        JsonNode detail = server.http().get("/api/invoice/" + inv.get("id").asText(), c.auth()).json().get("invoice");
        assertThat(detail.get("credit").decimalValue()).isEqualByComparingTo("19.65");
        assertThat(detail.get("datepaid").asText()).isNotEqualTo("0000-00-00 00:00:00");
        JsonNode ledger = server.http().get("/admin/api/clients/" + c.id() + "/credit", Auth.admin()).json();
        assertThat(ledger.at("/entries/0/amount").asText()).isEqualTo("-19.65");
        assertThat(ledger.at("/entries/0/invoice_id").asLong()).isEqualTo(inv.get("id").asLong());
        assertThat(ledger.at("/entries/0/created_by").asText()).isEqualTo("client");
        assertThat(ledger.at("/entries/0/balance_after").asText()).isEqualTo("30.35");
    }

    @Test
    void credit_short_of_the_total_is_applied_in_part_and_an_amount_applies_just_that() {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "3.00");
        var inv = issue(server, c.id(), List.of(item("Hosting", "10.00")));
        Res first = apply(c, inv, Body.NONE);
        assertThat(first.json().get("applied").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(first.json().get("invoice_status").asText()).isEqualTo("Unpaid");
        assertThat(balance(c).get("acc_balance").asText()).isEqualTo("7.00");
        assertThat(balance(c).get("acc_credit").asText()).isEqualTo("0.00");

        addCredit(server, c.id(), "10.00");
        Res part = apply(c, inv, Body.form("amount", "2.5"));
        assertThat(part.json().get("applied").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(adminInvoice(inv).get("balance_due").asText()).isEqualTo("4.50");
        Res rest = server.http().post("/api/invoice/" + inv.get("id").asText() + "/credit?amount=4.50", c.auth(), Body.NONE);
        assertThat(rest.json().get("invoice_status").asText()).isEqualTo("Paid");
        assertThat(balance(c).get("acc_credit").asText()).isEqualTo("3.00");
        assertThat(adminInvoice(inv).get("credit").asText()).isEqualTo("10.00");
    }

    @Test
    void amounts_beyond_what_is_due_or_beyond_the_credit_are_refused_with_422() {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "5.00");
        var inv = issue(server, c.id(), List.of(item("Hosting", "8.00")));
        Res tooMuch = apply(c, inv, Body.json(Map.of("amount", 8.01)));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().at("/fields/amount")).isNotEmpty();
        Res overCredit = apply(c, inv, Body.json(Map.of("amount", "6")));
        assertThat(overCredit.status()).isEqualTo(422);
        assertThat(overCredit.json().at("/error/0").asText()).isEqualTo("Insufficient account credit");
        assertThat(apply(c, inv, Body.json(Map.of("amount", "0"))).status()).isEqualTo(422);
        assertThat(apply(c, inv, Body.json(Map.of("amount", "-1"))).status()).isEqualTo(422);
        assertThat(balance(c).get("acc_credit").asText()).isEqualTo("5.00");
        assertThat(adminInvoice(inv).get("credit").asText()).isEqualTo("0.00");
    }

    @Test
    void without_credit_or_on_a_closed_invoice_nothing_is_applied() {
        var c = AccountFixtures.client(server);
        var inv = issue(server, c.id(), List.of(item("Hosting", "8.00")));
        Res none = apply(c, inv, Body.NONE);
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().at("/error/0").asText()).isEqualTo("There is no account credit to apply");

        addCredit(server, c.id(), "20.00");
        assertThat(apply(c, inv, Body.NONE).status()).isEqualTo(200);
        Res again = apply(c, inv, Body.NONE);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().at("/error/0").asText()).contains("Paid");

        var cancelled = issue(server, c.id(), List.of(item("Other", "1.00")));
        server.http().post("/admin/api/invoices/" + cancelled.get("id").asText() + "/cancel", Auth.admin(), Body.NONE);
        assertThat(apply(c, cancelled, Body.NONE).status()).isEqualTo(422);
        assertThat(balance(c).get("acc_credit").asText()).isEqualTo("12.00");
    }

    @Test
    void account_credit_cannot_pay_an_add_funds_invoice() {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "20.00");
        var res = server.http().post("/admin/api/clients/" + c.id() + "/addfunds", Auth.admin(), Body.json(Map.of("amount", "10")));
        assertThat(res.status()).isEqualTo(201);
        Res refused = apply(c, res.json().get("invoice"), Body.NONE);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/error/0").asText()).contains("add-funds");
    }
}
