package io.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database, each keeping the catalog in memory (CatalogCache): a change staff
 * make through node A is what the very next request to node B prices and lists, with no wait, on
 * H2 (one file) and on PostgreSQL (one schema).
 */
class CatalogCacheNodesTest {
    static TestServer a;
    static TestServer b;
    static Auth client;

    @BeforeAll
    static void start() {
        a = TestServer.start();
        b = a.join(c -> c);
        client = AccountFixtures.client(a).auth();
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    private static long product(String name, String monthly, String category) {
        var res = a.http().post("/admin/api/products", Auth.admin(), Body.json(Map.of("category_id", category, "name", name,
                "type", "hosting", "prices", Map.of("USD", Map.of("m", monthly)))));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().at("/product/id").asLong();
    }

    private static JsonNode quote(TestServer node, long productId) {
        var res = node.http().post("/api/quote", client, Body.json(Map.of("items",
                List.of(Map.of("type", "product", "product_id", productId, "cycle", "m")))));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json();
    }

    private static void setPrice(long productId, String monthly) {
        var res = a.http().put("/admin/api/products/" + productId, Auth.admin(), Body.json(Map.of("prices", Map.of("USD", Map.of("m", monthly)))));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }

    private static String category() {
        var res = a.http().post("/admin/api/categories", Auth.admin(), Body.json(Map.of("name", "Cache test " + System.nanoTime())));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().at("/category/id").asText();
    }

    @Test
    void a_price_change_on_one_node_is_quoted_by_the_other_at_once() {
        long p = product("Cached Plan", "10.00", category());
        // Both nodes have quoted (and so keep) the old price before the change.
        assertThat(quote(a, p).at("/summary/total").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(quote(b, p).at("/summary/total").decimalValue()).isEqualByComparingTo("10.00");
        for (String price : List.of("12.34", "7.01", "99.99")) {
            setPrice(p, price);
            assertThat(quote(b, p).at("/summary/total").decimalValue()).as("node B after a change on A").isEqualByComparingTo(price);
            assertThat(quote(a, p).at("/summary/total").decimalValue()).as("node A after its own change").isEqualByComparingTo(price);
        }
    }

    @Test
    void a_new_and_a_hidden_product_show_in_the_other_nodes_listing_at_once() {
        String cat = category();
        long first = product("Listed One", "5.00", cat);
        var listed = b.http().get("/api/category/" + cat + "/product", client);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().at("/products").size()).isEqualTo(1);

        long second = product("Listed Two", "6.00", cat);
        assertThat(b.http().get("/api/category/" + cat + "/product", client).json().at("/products").findValuesAsText("id"))
                .containsExactlyInAnyOrder(String.valueOf(first), String.valueOf(second));

        var hide = a.http().put("/admin/api/products/" + first, Auth.admin(), Body.json(Map.of("visible", false)));
        assertThat(hide.status()).as(hide.toString()).isEqualTo(200);
        assertThat(b.http().get("/api/category/" + cat + "/product", client).json().at("/products").findValuesAsText("id"))
                .containsExactly(String.valueOf(second));
        var gone = b.http().post("/api/quote", client, Body.json(Map.of("items", List.of(Map.of("type", "product", "product_id", first, "cycle", "m")))));
        assertThat(gone.json().at("/items/0/valid").asBoolean()).as(gone.toString()).isFalse();
    }
}
