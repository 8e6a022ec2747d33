package io.steward.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invoices are taxed by the tax feature's rules, through billing's tax seam, in the client's currency. */
class BillingTaxWiringTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void an_invoice_for_a_dutch_client_carries_the_demo_21_percent_vat() {
        var c = AccountFixtures.client(server, Map.of("country", "NL", "state", ""));
        var res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(Map.of("client_id", c.id(),
                "items", List.of(Map.of("type", "Other", "description", "Consulting", "amount", "100.00")))));
        assertThat(res.status()).as(res.toString()).isBetween(200, 201);
        long id = res.json().at("/invoice/id").asLong();

        var invoice = server.http().get("/api/invoice/" + id, c.auth()).json().get("invoice");

        assertThat(invoice.get("taxrate").decimalValue()).isEqualByComparingTo("21");
        assertThat(invoice.get("tax").decimalValue()).isEqualByComparingTo("21.00");
        assertThat(invoice.get("total").decimalValue()).isEqualByComparingTo("121.00");
        assertThat(invoice.get("taxexempt").asText()).isEqualTo("0");
    }

    @Test
    void a_german_business_with_a_vat_number_is_reverse_charged_by_the_dutch_seller() {
        var c = AccountFixtures.client(server, Map.of("country", "DE", "state", "", "vat_number", "DE123456789"));
        var res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(Map.of("client_id", c.id(),
                "items", List.of(Map.of("type", "Other", "description", "Consulting", "amount", "100.00")))));
        assertThat(res.status()).as(res.toString()).isBetween(200, 201);
        long id = res.json().at("/invoice/id").asLong();

        var invoice = server.http().get("/api/invoice/" + id, c.auth()).json().get("invoice");

        assertThat(invoice.get("tax").decimalValue()).isEqualByComparingTo("0");
        assertThat(invoice.get("total").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(invoice.get("taxexempt").asText()).isEqualTo("1");
        assertThat(invoice.at("/client/country").asText()).isEqualTo("DE");
    }

    @Test
    void a_client_billed_in_euro_gets_euro_invoices() {
        var c = AccountFixtures.client(server, Map.of("currency", "EUR"));
        var res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(Map.of("client_id", c.id(),
                "items", List.of(Map.of("type", "Other", "description", "Consulting", "amount", "10.00")))));
        assertThat(res.status()).as(res.toString()).isBetween(200, 201);
        long id = res.json().at("/invoice/id").asLong();

        assertThat(server.http().get("/api/invoice/" + id, c.auth()).json().at("/invoice/currency").asText()).isEqualTo("EUR");
        assertThat(server.http().get("/api/balance", c.auth()).json().at("/details/currency").asText()).isEqualTo("EUR");
    }
}
