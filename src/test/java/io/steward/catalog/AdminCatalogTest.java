package io.steward.catalog;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff CRUD on categories, products and addons: round trips, partial updates, validation, refusals. */
class AdminCatalogTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res post(String path, Object body) {
        return server.http().post("/admin/api" + path, Auth.admin(), Body.json(body));
    }

    private static Res put(String path, Object body) {
        return server.http().put("/admin/api" + path, Auth.admin(), Body.json(body));
    }

    private static Res get(String path) {
        return server.http().get("/admin/api" + path, Auth.admin());
    }

    private static Res delete(String path) {
        return server.http().delete("/admin/api" + path, Auth.admin());
    }

    private static List<Long> ids(JsonNode array) {
        var out = new ArrayList<Long>();
        array.forEach(n -> out.add(n.isObject() ? n.get("id").asLong() : n.asLong()));
        return out;
    }

    private static JsonNode fields(Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(422);
        assertThat(res.json().get("error").asText()).isEqualTo("unprocessable");
        return res.json().get("fields");
    }

    // categories

    @Test
    void a_category_is_created_with_a_slug_from_its_name_read_updated_listed_and_deleted() {
        String name = CatalogFixtures.unique("Cloud Storage");
        Res created = post("/categories", obj("name", name, "description", "Buckets"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = created.json().get("category");
        long id = c.get("id").asLong();
        assertThat(c.get("slug").asText()).isEqualTo(name.toLowerCase().replace(' ', '-'));
        assertThat(c.get("visible").asBoolean()).isTrue();
        assertThat(c.get("products").asInt()).isZero();

        Res updated = put("/categories/" + id, obj("visible", false, "sort_order", 9));
        assertThat(updated.json().at("/category/visible").asBoolean()).isFalse();
        assertThat(updated.json().at("/category/sort_order").asInt()).isEqualTo(9);
        assertThat(updated.json().at("/category/name").asText()).isEqualTo(name);
        assertThat(get("/categories/" + id).json().at("/category/description").asText()).isEqualTo("Buckets");
        assertThat(ids(get("/categories").json().get("categories"))).contains(id);

        assertThat(delete("/categories/" + id).json().get("deleted").asBoolean()).isTrue();
        assertThat(get("/categories/" + id).status()).isEqualTo(404);
        assertThat(delete("/categories/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_taken_slug_is_a_conflict_and_bad_category_input_is_422_per_field() {
        String slug = CatalogFixtures.unique("taken");
        long first = CatalogFixtures.category(server, Map.of("slug", slug));
        Res dup = post("/categories", obj("name", "Other", "slug", slug));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("error").asText()).isEqualTo("conflict");
        long second = CatalogFixtures.category(server, Map.of());
        assertThat(put("/categories/" + second, obj("slug", slug)).status()).isEqualTo(409);
        assertThat(put("/categories/" + first, obj("slug", slug, "name", "Same slug, same category")).status()).isEqualTo(200);
        JsonNode f = fields(post("/categories", obj("name", " ", "slug", "Not A Slug", "sort_order", "first", "visible", "maybe")));
        assertThat(f.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "slug", "sort_order", "visible");
    }

    @Test
    void a_category_holding_products_cannot_be_deleted() {
        long category = CatalogFixtures.category(server, Map.of());
        long product = CatalogFixtures.product(server, category, Map.of()).get("id").asLong();
        Res refused = delete("/categories/" + category);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/messages/0").asText()).contains("1 product");
        assertThat(delete("/products/" + product).status()).isEqualTo(200);
        assertThat(delete("/categories/" + category).status()).isEqualTo(200);
    }

    // products

    private static Map<String, Object> fullProduct(long category, long addon, long sub) {
        return obj("category_id", category, "name", "Cloud VPS XL", "type", "vps", "description", "8 vCPU\n16 GB\n",
                "paytype", "Regular", "stock", 4, "max_per_order", 2, "prorata_day", 15, "provisioning", "on_order",
                "module", "recording", "module_config", Map.of("plan", "xl", "region", "ams"), "renewal_lead_days", 10,
                "tags", List.of("new", "fast"),
                "prices", Map.of("USD", Map.of("m", Map.of("price", 40, "setup", "9.5"), "a", "400.0025"), "jpy", Map.of("m", "4500")),
                "forms", List.of(
                        obj("type", "select", "name", "OS", "required", true, "items", List.of(
                                obj("name", "Debian", "module_value", "debian-12"),
                                obj("name", "Windows", "module_value", "win", "prices", Map.of("USD", Map.of("m", "15"))))),
                        obj("type", "quantity", "name", "IPs", "min", 1, "max", 4,
                                "items", List.of(obj("prices", Map.of("USD", Map.of("m", Map.of("price", "3", "setup", "1"))))))),
                "addons", List.of(addon), "subproducts", List.of(sub), "upgrades", List.of(sub));
    }

    @Test
    void a_product_round_trips_with_prices_options_addons_subproducts_and_upgrades() {
        long category = CatalogFixtures.category(server, Map.of());
        long addon = CatalogFixtures.addon(server, Map.of());
        long sub = CatalogFixtures.product(server, category, Map.of()).get("id").asLong();
        Res created = post("/products", fullProduct(category, addon, sub));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode p = created.json().get("product");
        assertThat(get("/products/" + p.get("id").asLong()).json().get("product")).isEqualTo(p);

        assertThat(p.get("type").asText()).isEqualTo("vps");
        assertThat(p.get("description").asText()).isEqualTo("8 vCPU\n16 GB\n");
        assertThat(p.get("stock").asInt()).isEqualTo(4);
        assertThat(p.get("prorata_day").asInt()).isEqualTo(15);
        assertThat(p.get("provisioning").asText()).isEqualTo("on_order");
        assertThat(p.at("/module_config/region").asText()).isEqualTo("ams");
        assertThat(p.get("renewal_lead_days").asInt()).isEqualTo(10);
        assertThat(p.get("tags").toString()).isEqualTo("[\"new\",\"fast\"]");
        assertThat(p.at("/prices/USD/m").toString()).isEqualTo("{\"price\":\"40.00\",\"setup\":\"9.50\"}");
        assertThat(p.at("/prices/USD/a/price").asText()).as("stored exactly, not rounded").isEqualTo("400.0025");
        assertThat(p.at("/prices/JPY/m/price").asText()).isEqualTo("4500");
        assertThat(p.at("/forms/0/items/1/prices/USD/m/price").asText()).isEqualTo("15.00");
        assertThat(p.at("/forms/0/items/0/prices").isEmpty()).isTrue();
        JsonNode ips = p.at("/forms/1");
        assertThat(ips.get("min").asInt()).isEqualTo(1);
        assertThat(ips.get("step").asInt()).as("step defaults to 1").isEqualTo(1);
        assertThat(ips.at("/items/0/name").asText()).as("a single-item option's item is named after it").isEqualTo("IPs");
        assertThat(ids(p.get("addons"))).containsExactly(addon);
        assertThat(ids(p.get("subproducts"))).containsExactly(sub);
        assertThat(ids(p.get("upgrades"))).containsExactly(sub);
        assertThat(ids(get("/addons/" + addon).json().at("/addon/products"))).containsExactly(p.get("id").asLong());
        assertThat(ids(get("/products?category_id=" + category).json().get("products"))).containsExactly(sub, p.get("id").asLong());
    }

    @Test
    void updating_a_product_changes_only_what_is_given_and_keeps_option_and_item_ids() {
        long category = CatalogFixtures.category(server, Map.of());
        long addon = CatalogFixtures.addon(server, Map.of());
        long sub = CatalogFixtures.product(server, category, Map.of()).get("id").asLong();
        JsonNode p = post("/products", fullProduct(category, addon, sub)).json().get("product");
        long id = p.get("id").asLong();
        long os = p.at("/forms/0/id").asLong();
        long debian = p.at("/forms/0/items/0/id").asLong();
        long windows = p.at("/forms/0/items/1/id").asLong();

        Res renamed = put("/products/" + id, obj("name", "Cloud VPS XXL", "stock", null));
        JsonNode r = renamed.json().get("product");
        assertThat(r.get("name").asText()).isEqualTo("Cloud VPS XXL");
        assertThat(r.get("stock").isNull()).as("null stock is unlimited").isTrue();
        assertThat(r.get("prices")).isEqualTo(p.get("prices"));
        assertThat(r.get("forms")).isEqualTo(p.get("forms"));
        assertThat(r.get("addons")).isEqualTo(p.get("addons"));

        // Keep OS (renamed, Windows dropped, a new item added), drop IPs, add a checkbox.
        Res reshaped = put("/products/" + id, obj("forms", List.of(
                obj("id", os, "name", "Operating system", "items", List.of(obj("id", debian), obj("name", "Alma"))),
                obj("type", "checkbox", "name", "Backups"))));
        assertThat(reshaped.status()).as(reshaped.toString()).isEqualTo(200);
        JsonNode forms = reshaped.json().at("/product/forms");
        assertThat(forms.size()).isEqualTo(2);
        assertThat(forms.at("/0/id").asLong()).isEqualTo(os);
        assertThat(forms.at("/0/name").asText()).isEqualTo("Operating system");
        assertThat(forms.at("/0/required").asBoolean()).as("fields left out keep their values").isTrue();
        assertThat(ids(forms.at("/0/items"))).hasSize(2).startsWith(debian).doesNotContain(windows);
        assertThat(forms.at("/0/items/0/module_value").asText()).isEqualTo("debian-12");
        assertThat(forms.at("/1/type").asText()).isEqualTo("checkbox");
        assertThat(forms.at("/1/id").asLong()).isNotEqualTo(p.at("/forms/1/id").asLong());
    }

    @Test
    void a_form_body_in_bracket_notation_updates_a_product() {
        JsonNode p = CatalogFixtures.product(server, CatalogFixtures.category(server, Map.of()), Map.of());
        long id = p.get("id").asLong();
        Res res = server.http().put("/admin/api/products/" + id, Auth.admin(), Body.form("prices[EUR][q][price]", "12.5",
                "prices[EUR][q][setup]", "1", "visible", "0", "prorata_day", "", "tags[]", "sale", "upgrades", ""));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode r = res.json().get("product");
        assertThat(r.at("/prices/EUR/q").toString()).isEqualTo("{\"price\":\"12.50\",\"setup\":\"1.00\"}");
        assertThat(r.at("/prices/USD").isMissingNode()).as("given prices replace the current ones").isTrue();
        assertThat(r.get("visible").asBoolean()).isFalse();
        assertThat(r.get("tags").toString()).isEqualTo("[\"sale\"]");
    }

    @Test
    void invalid_product_input_is_422_naming_every_offending_field() {
        long category = CatalogFixtures.category(server, Map.of());
        JsonNode f = fields(post("/products", obj("category_id", category, "name", "Bad", "type", "mainframe",
                "prorata_day", 29, "renewal_lead_days", -1, "stock", -1, "max_per_order", 0, "module", "Bad Module!",
                "module_config", "[1, 2]", "addons", List.of(999999), "subproducts", List.of(999998), "upgrades", List.of("x"),
                "prices", Map.of("USD", Map.of("w", "1", "m", Map.of("price", "-1"), "q", Map.of("price", "1.23456")),
                        "XYZ", Map.of("m", "1")),
                "forms", List.of(obj("type", "dropdown", "name", "A"), obj("type", "select", "name", "Empty"),
                        obj("type", "checkbox", "name", "Two", "items", List.of(obj("name", "a"), obj("name", "b"))),
                        obj("type", "slider", "name", "No max"), obj("type", "input", "name", "Ranged", "min", 1)))));
        assertThat(f.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("type", "prorata_day", "renewal_lead_days",
                "stock", "max_per_order", "module", "module_config", "addons", "subproducts", "upgrades",
                "prices[USD][w]", "prices[USD][m][price]", "prices[USD][q][price]", "prices[XYZ]",
                "forms[0][type]", "forms[1][items]", "forms[2][items]", "forms[3][max]", "forms[4]");
        assertThat(f.at("/prices[USD][w]/0").asText()).contains("Unknown billing cycle 'w'");
        assertThat(f.at("/prices[USD][m][price]/0").asText()).contains("negative");
        assertThat(f.at("/prices[XYZ]/0").asText()).contains("Unknown currency");
        assertThat(f.at("/prorata_day/0").asText()).contains("between 1 and 28");

        JsonNode missing = fields(post("/products", obj("description", "nothing else")));
        assertThat(missing.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("category_id", "name", "type");
        assertThat(fields(post("/products", obj("category_id", 999999, "name", "X", "type", "dns"))).has("category_id")).isTrue();
    }

    @Test
    void prices_must_fit_the_pay_type() {
        long category = CatalogFixtures.category(server, Map.of());
        assertThat(fields(post("/products", obj("category_id", category, "name", "F", "type", "dns", "paytype", "Free",
                "prices", Map.of("USD", Map.of("m", "1"))))).has("prices[USD][m]")).isTrue();
        assertThat(fields(post("/products", obj("category_id", category, "name", "O", "type", "licence", "paytype", "Once",
                "prices", Map.of("USD", Map.of("a", "1"))))).has("prices[USD][a]")).isTrue();
        Res once = post("/products", obj("category_id", category, "name", "O", "type", "licence", "paytype", "Once",
                "prices", Map.of("USD", Map.of("Once", Map.of("price", "99", "setup", "5")))));
        assertThat(once.status()).as(once.toString()).isEqualTo(201);
        assertThat(once.json().at("/product/prices/USD/Once/price").asText()).isEqualTo("99.00");
        // Switching a regular product to Free while it keeps its prices is refused.
        long regular = CatalogFixtures.product(server, category, Map.of()).get("id").asLong();
        assertThat(fields(put("/products/" + regular, obj("paytype", "Free"))).has("prices")).isTrue();
        Res free = put("/products/" + regular, obj("paytype", "Free", "prices", Map.of()));
        assertThat(free.status()).as(free.toString()).isEqualTo(200);
        assertThat(free.json().at("/product/paytype").asText()).isEqualTo("Free");
    }

    @Test
    void options_and_links_must_belong_where_they_are_named() {
        long category = CatalogFixtures.category(server, Map.of());
        JsonNode other = CatalogFixtures.product(server, category, Map.of("forms", List.of(obj("type", "checkbox", "name", "Other"))));
        JsonNode mine = CatalogFixtures.product(server, category, Map.of("forms", List.of(obj("type", "select", "name", "Mine",
                "items", List.of(obj("name", "one"))))));
        long id = mine.get("id").asLong();
        assertThat(fields(put("/products/" + id, obj("forms", List.of(obj("id", other.at("/forms/0/id").asLong())))))
                .has("forms[0][id]")).isTrue();
        assertThat(fields(put("/products/" + id, obj("forms", List.of(obj("id", mine.at("/forms/0/id").asLong(),
                "items", List.of(obj("id", other.at("/forms/0/items/0/id").asLong()))))))).has("forms[0][items][0][id]")).isTrue();
        JsonNode self = fields(put("/products/" + id, obj("subproducts", List.of(id), "upgrades", List.of(id))));
        assertThat(self.at("/subproducts/0").asText()).contains("its own subproduct");
        assertThat(self.at("/upgrades/0").asText()).contains("upgrade of itself");
    }

    @Test
    void a_product_offered_with_another_cannot_be_deleted_until_it_is_not() {
        long category = CatalogFixtures.category(server, Map.of());
        long target = CatalogFixtures.product(server, category, Map.of()).get("id").asLong();
        long offering = CatalogFixtures.product(server, category, Map.of("name", "Offering", "subproducts", List.of(target))).get("id").asLong();
        Res asSub = delete("/products/" + target);
        assertThat(asSub.status()).isEqualTo(409);
        assertThat(asSub.json().at("/messages/0").asText()).contains("subproduct of Offering");
        put("/products/" + offering, obj("subproducts", List.of(), "upgrades", List.of(target)));
        assertThat(delete("/products/" + target).json().at("/messages/0").asText()).contains("upgrade path of Offering");
        put("/products/" + offering, obj("upgrades", List.of()));
        assertThat(delete("/products/" + target).status()).isEqualTo(200);
        assertThat(get("/products/" + target).status()).isEqualTo(404);
        assertThat(get("/products/" + offering).status()).isEqualTo(200);
    }

    // addons

    @Test
    void an_addon_is_created_updated_and_deleted_only_once_no_product_offers_it() {
        Res created = post("/addons", obj("name", "Priority support", "module_value", "prio",
                "prices", Map.of("USD", Map.of("m", "9", "Once", Map.of("price", "50", "setup", "0")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long addon = created.json().at("/addon/id").asLong();
        assertThat(created.json().at("/addon/prices/USD/Once/price").asText()).isEqualTo("50.00");
        Res updated = put("/addons/" + addon, obj("visible", false, "prices", Map.of("EUR", Map.of("a", "80"))));
        assertThat(updated.json().at("/addon/visible").asBoolean()).isFalse();
        assertThat(updated.json().at("/addon/prices").toString()).isEqualTo("{\"EUR\":{\"a\":{\"price\":\"80.00\",\"setup\":\"0.00\"}}}");
        assertThat(updated.json().at("/addon/name").asText()).isEqualTo("Priority support");
        assertThat(ids(get("/addons").json().get("addons"))).contains(addon);

        long product = CatalogFixtures.product(server, CatalogFixtures.category(server, Map.of()), Map.of("addons", List.of(addon))).get("id").asLong();
        Res refused = delete("/addons/" + addon);
        assertThat(refused.status()).isEqualTo(409);
        put("/products/" + product, obj("addons", List.of()));
        assertThat(delete("/addons/" + addon).status()).isEqualTo(200);
        assertThat(get("/addons/" + addon).status()).isEqualTo(404);
        assertThat(fields(post("/addons", obj("prices", Map.of("USD", Map.of("Free", "3"))))).properties())
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "prices[USD][Free]");
    }

    @Test
    void unknown_ids_are_not_found_and_the_catalog_needs_an_admin_key() {
        for (String path : List.of("/categories/999999", "/products/999999", "/addons/999999", "/products/abc")) {
            assertThat(get(path).status()).as(path).isEqualTo(404);
            assertThat(put(path, obj("name", "x")).status()).as(path).isEqualTo(404);
            assertThat(delete(path).status()).as(path).isEqualTo(404);
        }
        assertThat(server.http().get("/admin/api/products", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().post("/admin/api/categories", Auth.demo(), Body.json(obj("name", "x"))).status()).isEqualTo(401);
    }
}
