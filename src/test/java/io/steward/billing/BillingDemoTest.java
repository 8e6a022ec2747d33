package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo client's billing: 100.00 credit, one paid and one unpaid invoice, loaded once. */
class BillingDemoTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode invoices() {
        return server.http().get("/api/invoice", Auth.demo()).json().get("invoices");
    }

    @Test
    void the_demo_client_has_credit_a_paid_and_an_unpaid_invoice_with_a_fee_line() {
        JsonNode balance = server.http().get("/api/balance", Auth.demo()).json().get("details");
        assertThat(balance.get("acc_credit").asText()).isEqualTo("100.00");
        JsonNode list = invoices();
        assertThat(list).hasSize(2);
        assertThat(list.findValuesAsText("status")).containsExactlyInAnyOrder("Paid", "Unpaid");
        JsonNode unpaid = list.get(0).get("status").asText().equals("Unpaid") ? list.get(0) : list.get(1);
        assertThat(balance.get("acc_balance").asText()).isEqualTo(unpaid.get("total").asText());
        JsonNode detail = server.http().get("/api/invoice/" + unpaid.get("id").asText(), Auth.demo()).json().get("invoice");
        JsonNode fee = detail.get("items").get(1);
        assertThat(fee.get("item_id").asText()).isEqualTo("-2");
        assertThat(fee.get("description").asText()).isEqualTo("PayPal (sandbox) Payment Fee");
        assertThat(new BigDecimal(fee.get("amount").asText())).isPositive();
        assertThat(detail.at("/client/email").asText()).isEqualTo("demo@example.com");
    }

    @Test
    void loading_the_demo_again_adds_no_credit_and_no_invoices() {
        JsonNode before = invoices();
        String credit = server.http().get("/api/balance", Auth.demo()).json().at("/details/acc_credit").asText();
        server.steward().loadDemo();
        server.steward().loadDemo();
        assertThat(invoices()).isEqualTo(before);
        assertThat(server.http().get("/api/balance", Auth.demo()).json().at("/details/acc_credit").asText()).isEqualTo(credit);
    }
}
