package io.steward.order;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** Catalog objects, promo codes and credit of a test's own, created through the admin API. */
final class OrderFixtures {
    private OrderFixtures() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long category(TestServer server) {
        var res = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", unique("Category"), "sort_order", 100)));
        assertThat(res.status()).as("creating a category: %s", res).isEqualTo(201);
        return res.json().at("/category/id").asLong();
    }

    /** A hosting product: 5.00 monthly + 1.00 setup, 50 annually, in USD, unless {@code fields} say otherwise. */
    static long product(TestServer server, Map<String, Object> fields) {
        var body = obj("category_id", category(server), "name", unique("Product"), "type", "hosting",
                "prices", Map.of("USD", Map.of("m", Map.of("price", "5.00", "setup", "1.00"), "a", "50")));
        body.putAll(fields);
        var res = server.http().post("/admin/api/products", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a product: %s", res).isEqualTo(201);
        return res.json().at("/product/id").asLong();
    }

    static long addon(TestServer server) {
        var res = server.http().post("/admin/api/addons", Auth.admin(),
                Body.json(obj("name", unique("Addon"), "prices", Map.of("USD", Map.of("m", "2.35", "a", "20.00")))));
        assertThat(res.status()).as("creating an addon: %s", res).isEqualTo(201);
        return res.json().at("/addon/id").asLong();
    }

    static String promo(TestServer server, Map<String, Object> fields) {
        String code = unique("P").replace("-", "");
        var body = obj("code", code, "type", "percent", "value", "10");
        body.putAll(fields);
        var res = server.http().post("/admin/api/promo-codes", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a promo code: %s", res).isEqualTo(201);
        return code;
    }

    static void addCredit(TestServer server, long clientId, String amount) {
        var res = server.http().post("/admin/api/clients/" + clientId + "/credit", Auth.admin(),
                Body.json(Map.of("amount", amount, "reason", "test credit")));
        assertThat(res.status()).as("adding credit: %s", res).isEqualTo(201);
    }

    static JsonNode invoice(TestServer server, Auth auth, String invoiceId) {
        var res = server.http().get("/api/invoice/" + invoiceId, auth);
        assertThat(res.status()).as("reading invoice: %s", res).isEqualTo(200);
        return res.json().get("invoice");
    }

    static JsonNode order(TestServer server, long orderId) {
        var res = server.http().get("/admin/api/orders/" + orderId, Auth.admin());
        assertThat(res.status()).isEqualTo(200);
        return res.json().get("order");
    }

    /** The admin view of the order with this order number. */
    static JsonNode orderByNum(TestServer server, long clientId, long orderNum) {
        var res = server.http().get("/admin/api/orders?client_id=" + clientId, Auth.admin());
        assertThat(res.status()).isEqualTo(200);
        for (JsonNode o : res.json().get("orders")) if (o.get("order_num").asLong() == orderNum) return o;
        throw new AssertionError("no order " + orderNum);
    }

    static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }
}
