package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo client's billing: 100.00 credit, one paid and one unpaid invoice (besides its orders' invoices), loaded once. */
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
        // Billing's own two, and the invoices of the demo's paid and pending orders.
        assertThat(list).hasSize(4);
        assertThat(list.findValuesAsText("status")).containsExactlyInAnyOrder("Paid", "Unpaid", "Paid", "Unpaid");
        BigDecimal unpaidTotal = BigDecimal.ZERO;
        JsonNode withFee = null;
        for (JsonNode i : list) {
            if (!i.get("status").asText().equals("Unpaid")) continue;
            unpaidTotal = unpaidTotal.add(new BigDecimal(i.get("total").asText()));
            JsonNode detail = server.http().get("/api/invoice/" + i.get("id").asText(), Auth.demo()).json().get("invoice");
            for (JsonNode item : detail.get("items")) if (item.get("item_id").asText().equals("-2")) withFee = detail;
        }
        assertThat(new BigDecimal(balance.get("acc_balance").asText())).isEqualByComparingTo(unpaidTotal);
        assertThat(withFee).as("the unpaid demo invoice carries the gateway's fee line").isNotNull();
        JsonNode fee = withFee.get("items").get(1);
        assertThat(fee.get("item_id").asText()).isEqualTo("-2");
        assertThat(fee.get("description").asText()).isEqualTo("PayPal (sandbox) Payment Fee");
        assertThat(new BigDecimal(fee.get("amount").asText())).isPositive();
        assertThat(withFee.at("/client/email").asText()).isEqualTo("demo@example.com");
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
