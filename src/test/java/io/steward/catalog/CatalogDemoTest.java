package io.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo catalog: what README promises is there, and loading the demo data again changes nothing. */
class CatalogDemoTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode admin(String path) {
        var res = server.http().get("/admin/api" + path, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json();
    }

    @Test
    void loading_the_demo_data_again_changes_nothing_in_the_catalog() {
        JsonNode categories = admin("/categories");
        JsonNode products = admin("/products");
        JsonNode addons = admin("/addons");
        server.steward().loadDemo();
        server.steward().loadDemo();
        assertThat(admin("/categories")).isEqualTo(categories);
        assertThat(admin("/products")).isEqualTo(products);
        assertThat(admin("/addons")).isEqualTo(addons);
    }

    @Test
    void the_seven_demo_categories_hold_one_to_three_products_priced_in_USD_and_EUR() {
        Map<Long, String> slugs = new HashMap<>();
        admin("/categories").get("categories").forEach(c -> slugs.put(c.get("id").asLong(), c.get("slug").asText()));
        assertThat(slugs.values()).containsExactlyInAnyOrder("hosting", "vps", "dedicated", "dns", "ssl", "licences", "cdn");
        Map<String, List<JsonNode>> byCategory = new HashMap<>();
        admin("/products").get("products").forEach(p -> byCategory.computeIfAbsent(slugs.get(p.get("category_id").asLong()), k -> new ArrayList<>()).add(p));
        assertThat(byCategory.keySet()).containsExactlyInAnyOrderElementsOf(slugs.values());
        byCategory.forEach((slug, list) -> assertThat(list).as(slug).hasSizeBetween(1, 3));
        for (List<JsonNode> list : byCategory.values()) {
            for (JsonNode p : list) {
                if (p.get("paytype").asText().equals("Free")) continue;
                assertThat(p.get("prices").has("USD") && p.get("prices").has("EUR")).as(p.get("name").asText()).isTrue();
            }
        }
        assertThat(byCategory.get("dns")).allMatch(p -> p.get("type").asText().equals("dns"));
        assertThat(byCategory.get("cdn")).allMatch(p -> p.get("type").asText().equals("cdn"));
        assertThat(byCategory.get("dedicated")).anyMatch(p -> p.at("/prices/USD/m/setup").asText().equals("99.00"));
    }

    @Test
    void the_demo_vps_has_options_of_each_kind_addons_a_subproduct_and_upgrade_paths() {
        JsonNode vps = null;
        for (JsonNode p : admin("/products").get("products")) if (p.get("name").asText().equals("Cloud VPS S")) vps = p;
        assertThat(vps).isNotNull();
        var types = new ArrayList<String>();
        vps.get("forms").forEach(f -> types.add(f.get("type").asText()));
        assertThat(types).contains("select", "slider", "quantity", "checkbox", "input");
        assertThat(vps.get("addons").size()).isEqualTo(2);
        assertThat(vps.get("subproducts").size()).isEqualTo(1);
        assertThat(vps.get("upgrades").size()).isEqualTo(1);
        var addonNames = new ArrayList<String>();
        admin("/addons").get("addons").forEach(a -> addonNames.add(a.get("name").asText()));
        assertThat(addonNames).contains("Daily backups", "cPanel licence");
        JsonNode starter = CatalogFixtures.demoProduct(server, "hosting", "Starter Hosting");
        assertThat(admin("/products/" + starter.get("id").asText()).at("/product/upgrades").size()).isEqualTo(2);
    }
}
