package io.steward.order;

import static io.steward.core.Json.obj;
import static io.steward.order.OrderFixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrdersApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Res order(Auth auth, long productId, Map<String, Object> body) {
        return server.http().post("/api/order/" + productId, auth, Body.json(body));
    }

    @Test
    void an_order_paid_with_credit_activates_its_service_through_the_provisioning_job() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var res = order(c.auth(), product, obj("cycle", "m", "domain", "example.com"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        JsonNode body = res.json();
        assertThat(body.get("order_num").asLong()).isBetween(100_000_000L, 999_999_999L);
        assertThat(body.get("total").asText()).isEqualTo("6.00");
        assertThat(body.at("/items/name").asText()).isEqualTo("example.com");
        assertThat(body.at("/items/product_id").asText()).isEqualTo(String.valueOf(product));
        String serviceId = body.at("/items/id").asText();
        String invoiceId = body.get("invoice_id").asText();

        JsonNode inv = OrderFixtures.invoice(server, c.auth(), invoiceId);
        assertThat(dec(inv.get("total"))).isEqualByComparingTo("6.00");
        JsonNode orderRow = OrderFixtures.orderByNum(server, c.id(), body.get("order_num").asLong());
        assertThat(orderRow.get("status").asText()).isEqualTo("Pending");
        assertThat(server.http().get("/api/service/" + serviceId, c.auth()).json().at("/service/status").asText()).isEqualTo("Pending");

        OrderFixtures.addCredit(server, c.id(), "10.00");
        var pay = server.http().post("/api/invoice/" + invoiceId + "/credit", c.auth(), Body.json(Map.of()));
        assertThat(pay.status()).as("%s", pay).isEqualTo(200);
        assertThat(OrderFixtures.order(server, orderRow.get("id").asLong()).get("status").asText()).isEqualTo("Active");

        server.steward().services().provisioning().runDueJobsNow();
        assertThat(server.http().get("/api/service/" + serviceId, c.auth()).json().at("/service/status").asText()).isEqualTo("Active");
    }

    @Test
    void a_quote_equals_the_invoice_the_order_then_issues_with_addon_promo_fee_and_tax() {
        var c = AccountFixtures.client(server, Map.of("country", "NL", "state", ""));
        long addon = OrderFixtures.addon(server);
        long product = OrderFixtures.product(server, Map.of("addons", List.of(addon),
                "prices", Map.of("USD", Map.of("m", Map.of("price", "7.33", "setup", "2.10"), "a", "70"))));
        String code = OrderFixtures.promo(server, Map.of("type", "percent", "value", "12.5"));
        var item = obj("type", "product", "product_id", product, "cycle", "m", "addon", Map.of(String.valueOf(addon), 1));
        var params = obj("items", List.of(item, obj("type", "product", "product_id", product, "cycle", "a")), "promocode", code);

        var quote = server.http().post("/api/quote", c.auth(), Body.json(params));
        assertThat(quote.status()).as("%s", quote).isEqualTo(200);
        JsonNode s = quote.json().get("summary");
        assertThat(dec(s.get("discount"))).isPositive();
        assertThat(s.get("tax")).isNotEmpty();

        var placed = server.http().post("/api/order", c.auth(), Body.json(params));
        assertThat(placed.status()).as("%s", placed).isEqualTo(200);
        assertThat(placed.json().get("items")).hasSize(2);
        JsonNode inv = OrderFixtures.invoice(server, c.auth(), placed.json().get("invoice_id").asText());
        assertThat(dec(s.get("total"))).isEqualByComparingTo(dec(inv.get("total")));
        assertThat(dec(s.get("cost"))).isEqualByComparingTo(dec(inv.get("subtotal")));
        assertThat(dec(s.at("/tax/0/tax"))).isEqualByComparingTo(dec(inv.get("tax")));
        assertThat(dec(placed.json().get("total"))).isEqualByComparingTo(dec(s.get("total")));
        var recurring = new ArrayList<String>();
        s.get("recurring").forEach(r -> recurring.add(r.get("value").asText()));
        assertThat(recurring).containsExactlyInAnyOrder("m", "a");
    }

    @Test
    void a_repeated_idempotency_key_returns_the_first_result_and_creates_nothing() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var auth = c.auth().withHeader("Idempotency-Key", "k-" + OrderFixtures.unique("x"));
        var first = order(auth, product, obj("cycle", "m"));
        var second = order(auth, product, obj("cycle", "m"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(server.http().get("/admin/api/orders?client_id=" + c.id(), Auth.admin()).json().get("total").asInt()).isEqualTo(1);

        var different = order(auth, product, obj("cycle", "a"));
        assertThat(different.status()).isEqualTo(422);
    }

    @Test
    void concurrent_requests_with_one_idempotency_key_create_one_order() throws Exception {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var auth = c.auth().withHeader("Idempotency-Key", OrderFixtures.unique("concurrent"));
        var pool = Executors.newFixedThreadPool(6);
        try {
            var futures = new ArrayList<Future<Res>>();
            for (int i = 0; i < 6; i++) futures.add(pool.submit((Callable<Res>) () -> order(auth, product, obj("cycle", "m"))));
            var orderNums = new java.util.HashSet<String>();
            for (var f : futures) {
                Res r = f.get();
                assertThat(r.status()).as("%s", r).isEqualTo(200);
                orderNums.add(r.json().get("order_num").asText());
            }
            assertThat(orderNums).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.http().get("/admin/api/orders?client_id=" + c.id(), Auth.admin()).json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void invalid_orders_answer_422_or_404_and_create_nothing() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        assertThat(order(c.auth(), product, obj("cycle", "x")).status()).isEqualTo(422);
        assertThat(order(c.auth(), 999_999_999L, obj("cycle", "m")).status()).isEqualTo(404);
        long soldOut = OrderFixtures.product(server, Map.of("stock", 0));
        var out = order(c.auth(), soldOut, obj("cycle", "m"));
        assertThat(out.status()).isEqualTo(422);
        assertThat(out.text()).contains("out of stock");
        var domain = server.http().post("/api/order", c.auth(), Body.json(obj("items", List.of(obj("type", "domain", "name", "-x-.com")))));
        assertThat(domain.status()).isEqualTo(422);
        assertThat(domain.text()).contains("Not a valid domain name");
        assertThat(server.http().get("/admin/api/orders?client_id=" + c.id(), Auth.admin()).json().get("total").asInt()).isZero();
    }

    @Test
    void with_ignore_errors_the_valid_items_go_through() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var res = server.http().post("/api/order", c.auth(), Body.json(obj("ignore_errors", "No error", "items",
                List.of(obj("type", "certificate", "product_id", 1), obj("type", "product", "product_id", product, "cycle", "m")))));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("items")).hasSize(1);
        assertThat(res.json().at("/rejected/0/index").asInt()).isZero();
        assertThat(res.json().at("/rejected/0/error/0").asText()).contains("Certificate product not found");
    }

    @Test
    void stock_is_taken_by_an_order_and_returned_when_staff_cancel_it() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of("stock", 1));
        var first = order(c.auth(), product, obj("cycle", "m"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(order(c.auth(), product, obj("cycle", "m")).status()).isEqualTo(422);
        long orderId = OrderFixtures.orderByNum(server, c.id(), first.json().get("order_num").asLong()).get("id").asLong();
        var cancel = server.http().put("/admin/api/orders/" + orderId + "/status", Auth.admin(), Body.json(Map.of("status", "Fraud")));
        assertThat(cancel.status()).as("%s", cancel).isEqualTo(200);
        assertThat(cancel.json().at("/order/status").asText()).isEqualTo("Fraud");
        assertThat(OrderFixtures.invoice(server, c.auth(), first.json().get("invoice_id").asText()).get("status").asText()).isEqualTo("Cancelled");
        assertThat(server.http().put("/admin/api/orders/" + orderId + "/status", Auth.admin(), Body.json(Map.of("status", "Cancelled"))).status())
                .isEqualTo(409);
        assertThat(order(c.auth(), product, obj("cycle", "m")).status()).isEqualTo(200);
    }

    @Test
    void a_contact_needs_billing_orders_to_order_or_quote() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var without = AccountFixtures.contact(server, c.auth(), obj("support", List.of("tickets")), true);
        var with = AccountFixtures.contact(server, c.auth(), obj("billing", List.of("orders")), true);
        assertThat(order(without.auth(), product, obj("cycle", "m")).status()).isEqualTo(403);
        assertThat(server.http().post("/api/quote", without.auth(), Body.json(obj("items", List.of(obj("type", "product", "product_id", product)))))
                .status()).isEqualTo(403);
        assertThat(order(with.auth(), product, obj("cycle", "m")).status()).isEqualTo(200);
    }

    @Test
    void another_clients_order_invoice_is_not_found() {
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var res = order(a.auth(), product, obj("cycle", "m"));
        assertThat(res.status()).isEqualTo(200);
        assertThat(server.http().get("/api/invoice/" + res.json().get("invoice_id").asText(), b.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/orders/999999999", Auth.admin()).status()).isEqualTo(404);
    }
}
