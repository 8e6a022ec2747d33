package io.steward.catalog;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.Map;
import java.util.UUID;

/** Catalog objects of a test's own, created through the admin API, so tests never depend on each other's changes. */
final class CatalogFixtures {
    private CatalogFixtures() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long category(TestServer server, Map<String, Object> fields) {
        var body = obj("name", unique("Category"), "sort_order", 100);
        body.putAll(fields);
        var res = server.http().post("/admin/api/categories", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a fixture category: %s", res).isEqualTo(201);
        return res.json().at("/category/id").asLong();
    }

    /** A product in {@code categoryId}: a hosting product priced monthly and annually in USD unless {@code fields} say otherwise. */
    static JsonNode product(TestServer server, long categoryId, Map<String, Object> fields) {
        var body = obj("category_id", categoryId, "name", unique("Product"), "type", "hosting",
                "prices", Map.of("USD", Map.of("m", Map.of("price", "5.00", "setup", "1.00"), "a", "50")));
        body.putAll(fields);
        var res = server.http().post("/admin/api/products", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a fixture product: %s", res).isEqualTo(201);
        return res.json().get("product");
    }

    static long addon(TestServer server, Map<String, Object> fields) {
        var body = obj("name", unique("Addon"), "prices", Map.of("USD", Map.of("m", "2.00", "a", "20.00")));
        body.putAll(fields);
        var res = server.http().post("/admin/api/addons", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a fixture addon: %s", res).isEqualTo(201);
        return res.json().at("/addon/id").asLong();
    }

    /** The client-API id of a demo category, found by its slug. */
    static String demoCategory(TestServer server, String slug) {
        var res = server.http().get("/api/category", Auth.demo());
        assertThat(res.status()).isEqualTo(200);
        for (JsonNode c : res.json().get("categories")) if (c.get("slug").asText().equals(slug)) return c.get("id").asText();
        throw new AssertionError("no demo category " + slug);
    }

    /** A demo product's client-API entry, found by name in its category. */
    static JsonNode demoProduct(TestServer server, String slug, String name) {
        var res = server.http().get("/api/category/" + demoCategory(server, slug) + "/product", Auth.demo());
        assertThat(res.status()).isEqualTo(200);
        for (JsonNode p : res.json().get("products")) if (p.get("name").asText().equals(name)) return p;
        throw new AssertionError("no demo product " + name + " in " + slug);
    }
}
