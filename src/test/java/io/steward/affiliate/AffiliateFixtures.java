package io.steward.affiliate;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.Map;
import java.util.UUID;

/** Products, plans, affiliates and paid orders of a test's own, made through the HTTP APIs. */
final class AffiliateFixtures {
    private AffiliateFixtures() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A hosting product: 5.00 monthly + 1.00 setup in USD. */
    static long product(TestServer server) {
        var cat = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", unique("Category"), "sort_order", 100)));
        assertThat(cat.status()).as("%s", cat).isEqualTo(201);
        var res = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("category_id", cat.json().at("/category/id").asLong(),
                "name", unique("Product"), "type", "hosting", "prices", Map.of("USD", Map.of("m", Map.of("price", "5.00", "setup", "1.00"))))));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().at("/product/id").asLong();
    }

    static long plan(TestServer server, Map<String, Object> fields) {
        var body = obj("name", unique("Plan"), "type", "percent", "value", "10", "recurring", true, "hold_days", 30);
        body.putAll(fields);
        var res = server.http().post("/admin/api/affiliate-plans", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a plan: %s", res).isEqualTo(201);
        return res.json().at("/plan/id").asLong();
    }

    /** A fresh client made an affiliate on {@code planId} by staff; answers the client and its affiliate id. */
    record NewAffiliate(AccountFixtures.NewClient client, long id) {}

    static NewAffiliate affiliate(TestServer server, long planId) {
        var c = AccountFixtures.client(server);
        var res = server.http().post("/admin/api/affiliates", Auth.admin(), Body.json(obj("client_id", c.id(), "plan_id", planId)));
        assertThat(res.status()).as("making an affiliate: %s", res).isEqualTo(201);
        return new NewAffiliate(c, res.json().at("/affiliate/id").asLong());
    }

    /** Orders the product monthly with the given extra parameters; answers the order response. */
    static JsonNode order(TestServer server, AccountFixtures.NewClient c, long product, Map<String, Object> extra) {
        var body = obj("cycle", "m");
        body.putAll(extra);
        Res res = server.http().post("/api/order/" + product, c.auth(), Body.json(body));
        assertThat(res.status()).as("ordering: %s", res).isEqualTo(200);
        return res.json();
    }

    /** Staff record a payment of the whole invoice. */
    static void pay(TestServer server, String invoiceId, String amount) {
        var res = server.http().post("/admin/api/invoices/" + invoiceId + "/payments", Auth.admin(),
                Body.json(Map.of("amount", amount, "transaction_id", unique("TX"))));
        assertThat(res.status()).as("paying: %s", res).isEqualTo(201);
    }

    static JsonNode summary(TestServer server, Auth auth) {
        var res = server.http().get("/api/affiliates/summary", auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("affiliate");
    }

    static JsonNode commissions(TestServer server, Auth auth) {
        var res = server.http().get("/api/affiliates/commissions", auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("commissions");
    }
}
