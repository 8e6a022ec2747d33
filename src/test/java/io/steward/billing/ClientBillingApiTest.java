package io.steward.billing;

import static io.steward.billing.BillingFixtures.addCredit;
import static io.steward.billing.BillingFixtures.issue;
import static io.steward.billing.BillingFixtures.item;
import static io.steward.billing.BillingFixtures.pay;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client API's billing endpoints: shapes as the references show them, ownership, privileges. */
class ClientBillingApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void GET_balance_answers_the_unpaid_total_and_the_credit_as_strings() {
        var c = AccountFixtures.client(server);
        var empty = server.http().get("/api/balance", c.auth());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("success").asBoolean()).isTrue();
        assertThat(empty.json().at("/details/acc_balance").asText()).isEqualTo("0.00");
        assertThat(empty.json().at("/details/currency").asText()).isEqualTo("USD");

        issue(server, c.id(), List.of(item("A", "10.00"), item("B", "2.505")));
        var second = issue(server, c.id(), List.of(item("C", "7.00")));
        pay(server, second.get("id").asLong(), "3.00");
        addCredit(server, c.id(), "4.50");
        var details = server.http().get("/api/balance", c.auth()).json().get("details");
        // 10.00 + 2.51 unpaid, plus 7.00 - 3.00 paid on the second
        assertThat(details.get("acc_balance").asText()).isEqualTo("16.51");
        assertThat(details.get("acc_credit").asText()).isEqualTo("4.50");
    }

    @Test
    void GET_invoice_lists_the_accounts_invoices_newest_first_in_the_references_shape() {
        var c = AccountFixtures.client(server);
        var first = issue(server, c.id(), List.of(item("First", "19.65")));
        var second = issue(server, obj("client_id", c.id(), "duedate", today().plusDays(30).toString(), "items", List.of(item("Second", "1"))));
        pay(server, first.get("id").asLong(), "19.65");
        JsonNode list = server.http().get("/api/invoice", c.auth()).json().get("invoices");
        assertThat(list).hasSize(2);
        JsonNode newest = list.get(0);
        assertThat(newest.get("id").asText()).isEqualTo(second.get("id").asText());
        assertThat(newest.get("duedate").asText()).isEqualTo(today().plusDays(30).toString());
        assertThat(newest.get("datepaid").asText()).isEqualTo("0000-00-00 00:00:00");
        assertThat(newest.get("status").asText()).isEqualTo("Unpaid");
        assertThat(newest.get("merge_id").isNull()).isTrue();
        JsonNode paid = list.get(1);
        assertThat(paid.get("total").asText()).isEqualTo("19.65");
        assertThat(paid.get("status").asText()).isEqualTo("Paid");
        assertThat(paid.get("datepaid").asText()).startsWith(today().toString());
        assertThat(paid.get("number").asText()).isEqualTo(first.get("number").asText());
        assertThat(paid.get("dateorig").asText()).isEqualTo(paid.get("date").asText());
    }

    @Test
    void GET_invoice_id_answers_numbers_for_totals_strings_for_lines_and_the_client_as_at_issue() {
        var c = AccountFixtures.client(server, Map.of("firstname", "Joe", "lastname", "Doe", "city", "Santa Rosa"));
        var inv = issue(server, obj("client_id", c.id(), "notes", "Thanks", "items",
                List.of(item("Example Service", "15.00"), obj("type", "Setup", "description", "Setup", "amount", "0.50",
                        "qty", "2", "taxed", false))));
        // The snapshot stays as it was when the invoice was issued.
        server.http().put("/api/details", c.auth(), Body.json(Map.of("city", "Elsewhere")));
        var res = server.http().get("/api/invoice/" + inv.get("id").asText(), c.auth());
        assertThat(res.status()).isEqualTo(200);
        JsonNode i = res.json().get("invoice");
        assertThat(i.get("id").isTextual()).isTrue();
        assertThat(i.get("subtotal").isNumber()).isTrue();
        assertThat(i.get("subtotal").decimalValue()).isEqualByComparingTo("16.00");
        assertThat(i.get("total").decimalValue()).isEqualByComparingTo("16.00");
        assertThat(i.get("credit").decimalValue()).isEqualByComparingTo("0");
        assertThat(i.get("taxexempt").asText()).isEqualTo("0");
        assertThat(i.get("notes").asText()).isEqualTo("Thanks");
        assertThat(i.get("number").asText()).matches("\\d{4}/\\d{2}/\\d+");
        JsonNode setup = i.get("items").get(1);
        assertThat(setup.get("type").asText()).isEqualTo("Setup");
        assertThat(setup.get("qty").asText()).isEqualTo("2.00");
        assertThat(setup.get("amount").asText()).isEqualTo("0.50");
        assertThat(setup.get("linetotal").asText()).isEqualTo("1.00");
        assertThat(setup.get("taxed").asText()).isEqualTo("0");
        assertThat(setup.get("item_id").asText()).isEqualTo("0");
        assertThat(setup.get("invoice_id").asText()).isEqualTo(i.get("id").asText());
        assertThat(i.at("/client/city").asText()).isEqualTo("Santa Rosa");
        assertThat(i.at("/client/firstname").asText()).isEqualTo("Joe");
        assertThat(i.at("/client/id").asText()).isEqualTo(Long.toString(c.id()));
    }

    @Test
    void another_accounts_invoice_and_a_non_numeric_id_are_not_found() {
        var owner = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        var inv = issue(server, owner.id(), List.of(item("Private", "5")));
        String id = inv.get("id").asText();
        addCredit(server, other.id(), "100");
        assertThat(server.http().get("/api/invoice/" + id, other.auth()).status()).isEqualTo(404);
        assertThat(server.http().post("/api/invoice/" + id + "/credit", other.auth(), Body.NONE).status()).isEqualTo(404);
        assertThat(server.http().get("/api/invoice/" + id + "/pdf", other.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/invoice/abc", owner.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/invoice/999999999", owner.auth()).status()).isEqualTo(404);
        assertThat(BillingFixtures.balanceCredit(server, other.id())).isEqualTo("100.00");
    }

    @Test
    void contacts_need_billing_privileges_for_invoices_credit_and_balance() {
        var owner = AccountFixtures.client(server);
        var inv = issue(server, owner.id(), List.of(item("Service", "5")));
        addCredit(server, owner.id(), "10");
        String id = inv.get("id").asText();
        var support = AccountFixtures.contact(server, owner.auth(), Map.of("support", List.of("tickets")), true);
        var payer = AccountFixtures.contact(server, owner.auth(), Map.of("billing", List.of("payinvoice")), true);
        var viewer = AccountFixtures.contact(server, owner.auth(), Map.of("billing", List.of("balance")), true);

        for (String path : List.of("/api/balance", "/api/invoice", "/api/invoice/" + id, "/api/invoice/" + id + "/pdf")) {
            assertThat(server.http().get(path, support.auth()).status()).as(path).isEqualTo(403);
        }
        assertThat(server.http().post("/api/invoice/" + id + "/credit", support.auth(), Body.NONE).status()).isEqualTo(403);
        assertThat(server.http().post("/api/invoice/" + id + "/credit", viewer.auth(), Body.NONE).status()).isEqualTo(403);
        assertThat(server.http().get("/api/invoice", viewer.auth()).status()).isEqualTo(403);
        assertThat(server.http().get("/api/balance", payer.auth()).status()).isEqualTo(403);

        assertThat(server.http().get("/api/balance", viewer.auth()).json().at("/details/acc_balance").asText()).isEqualTo("5.00");
        assertThat(server.http().get("/api/invoice", payer.auth()).json().get("invoices")).hasSize(1);
        var applied = server.http().post("/api/invoice/" + id + "/credit", payer.auth(), Body.NONE);
        assertThat(applied.json().get("invoice_status").asText()).isEqualTo("Paid");
        var ledger = server.http().get("/admin/api/clients/" + owner.id() + "/credit", Auth.admin()).json();
        assertThat(ledger.at("/entries/0/created_by").asText()).isEqualTo("contact:" + payer.id());
        // Payment methods are open to every contact, as orders need them.
        assertThat(server.http().get("/api/payment", support.auth()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/payment/fees", support.auth()).status()).isEqualTo(200);
    }

    @Test
    void GET_payment_maps_enabled_method_ids_to_names_and_fees_lists_them_with_their_fees() {
        JsonNode methods = server.http().get("/api/payment", Auth.demo()).json().get("payments");
        long bank = BillingFixtures.gatewayId(server, "banktransfer");
        long credit = BillingFixtures.gatewayId(server, "credit");
        assertThat(methods.get(Long.toString(bank)).asText()).isEqualTo("Bank Transfer");
        assertThat(methods.get(Long.toString(credit)).asText()).isEqualTo("Account Credit");
        JsonNode fees = server.http().get("/api/payment/fees", Auth.demo()).json().get("payments");
        assertThat(fees).hasSize(methods.size());
        JsonNode bankFees = null;
        for (JsonNode f : fees) if (f.get("id").asLong() == bank) bankFees = f;
        assertThat(bankFees).isNotNull();
        assertThat(bankFees.get("id").isNumber()).isTrue();
        assertThat(bankFees.get("fixed_fee").asText()).isEqualTo("0.0");
        assertThat(bankFees.get("percent_fee").asText()).isEqualTo("0.0");
        assertThat(server.http().get("/api/payment", Auth.NONE).status()).isEqualTo(401);
    }

    @Test
    void malformed_credit_amounts_answer_400() {
        var c = AccountFixtures.client(server);
        var inv = issue(server, c.id(), List.of(item("Service", "5")));
        var res = server.http().post("/api/invoice/" + inv.get("id").asText() + "/credit", c.auth(), Body.json(Map.of("amount", "lots")));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().at("/fields/amount")).isNotEmpty();
        assertThat(server.http().post("/api/invoice/" + inv.get("id").asText() + "/credit", c.auth(), Body.json(Map.of("amount", List.of(1))))
                .status()).isEqualTo(400);
    }
}
