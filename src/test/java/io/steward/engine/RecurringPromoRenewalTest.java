package io.steward.engine;

import static io.steward.core.Json.obj;
import static io.steward.engine.EngineFixtures.invoices;
import static io.steward.engine.EngineFixtures.runJobs;
import static io.steward.engine.EngineFixtures.runOn;
import static io.steward.engine.EngineFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.billing.Invoice;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A quote's {@code recurring} summary is what the renewals of the order then charge, promo codes included. */
class RecurringPromoRenewalTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = EngineFixtures.server(); }

    @AfterAll
    static void stop() { server.close(); }

    /** A product at 5.00 monthly + 1.00 setup, in USD. */
    private static long product() {
        var category = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", "Cat " + UUID.randomUUID())));
        assertThat(category.status()).as("%s", category).isEqualTo(201);
        var res = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("category_id", category.json().at("/category/id").asLong(),
                "name", "Promo hosting " + UUID.randomUUID(), "type", "hosting",
                "prices", Map.of("USD", Map.of("m", Map.of("price", "5.00", "setup", "1.00"))))));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().at("/product/id").asLong();
    }

    private static String promo(boolean recurring) {
        String code = ("R" + UUID.randomUUID()).replace("-", "").substring(0, 12);
        var res = server.http().post("/admin/api/promo-codes", Auth.admin(),
                Body.json(obj("code", code, "type", "percent", "value", "20", "recurring", recurring)));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return code;
    }

    private static BigDecimal monthly(JsonNode quote) {
        for (JsonNode r : quote.at("/summary/recurring")) if (r.get("value").asText().equals("m")) return r.get("price").decimalValue();
        throw new AssertionError("no monthly recurring price in " + quote);
    }

    /** Quotes, orders and pays with credit; answers the quote and the active service. */
    private static JsonNode[] orderAndPay(AccountFixtures.NewClient c, long product, String code) {
        var params = obj("items", List.of(obj("type", "product", "product_id", product, "cycle", "m")), "promocode", code);
        var quote = server.http().post("/api/quote", c.auth(), Body.json(params));
        assertThat(quote.status()).as("%s", quote).isEqualTo(200);
        var placed = server.http().post("/api/order", c.auth(), Body.json(params));
        assertThat(placed.status()).as("%s", placed).isEqualTo(200);
        var paid = server.http().post("/api/invoice/" + placed.json().get("invoice_id").asText() + "/credit", c.auth(), Body.NONE);
        assertThat(paid.json().get("invoice_status").asText()).as("%s", paid).isEqualTo("Paid");
        runJobs(server);
        var orders = server.http().get("/admin/api/orders?client_id=" + c.id(), Auth.admin()).json().get("orders");
        long serviceId = orders.get(0).at("/items/0/service_id").asLong();
        return new JsonNode[] {quote.json(), service(server, serviceId)};
    }

    @Test
    void a_recurring_code_discounts_the_quoted_recurring_price_and_every_renewal_by_the_same_amount() {
        long product = product();
        var recurringClient = AccountFixtures.client(server);
        var onceClient = AccountFixtures.client(server);
        for (var c : List.of(recurringClient, onceClient)) {
            var credit = server.http().post("/admin/api/clients/" + c.id() + "/credit", Auth.admin(), Body.json(Map.of("amount", "50.00", "reason", "Prepaid")));
            assertThat(credit.status()).isBetween(200, 201);
        }

        var withRecurring = orderAndPay(recurringClient, product, promo(true));
        var withOnce = orderAndPay(onceClient, product, promo(false));

        assertThat(withRecurring[0].at("/summary/discount").decimalValue()).isEqualByComparingTo("1.20"); // 20 % of 5.00 + 1.00
        assertThat(monthly(withRecurring[0])).as("renewals keep the recurring code's 20 %").isEqualByComparingTo("4.00");
        assertThat(withRecurring[0].at("/items/0/product/recurring").decimalValue()).isEqualByComparingTo("4.00");
        assertThat(monthly(withOnce[0])).as("a one-time code discounts the first invoice only").isEqualByComparingTo("5.00");
        assertThat(new BigDecimal(withRecurring[1].get("recurring_amount").asText())).isEqualByComparingTo("4.00");
        assertThat(new BigDecimal(withOnce[1].get("recurring_amount").asText())).isEqualByComparingTo("5.00");

        // The renewals the engine issues charge exactly what the quotes said.
        LocalDate due = LocalDate.parse(withRecurring[1].get("next_due").asText());
        runOn(server, due.minusDays(14));
        assertThat(renewalTotal(recurringClient.id())).isEqualByComparingTo(monthly(withRecurring[0]));
        assertThat(renewalTotal(onceClient.id())).isEqualByComparingTo(monthly(withOnce[0]));
    }

    private static BigDecimal renewalTotal(long clientId) {
        List<Invoice> renewals = invoices(server, clientId).stream().filter(i -> i.status().equals(Invoice.UNPAID)).toList();
        assertThat(renewals).hasSize(1);
        return renewals.get(0).total();
    }
}
