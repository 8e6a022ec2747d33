package io.steward.catalog;

import static io.steward.catalog.CatalogFixtures.demoCategory;
import static io.steward.catalog.CatalogFixtures.demoProduct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client API's "Cart" browsing: categories, a category's products, a product's configuration. */
class ClientCatalogTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res get(String path) {
        return server.http().get(path, Auth.demo());
    }

    private static JsonNode ok(String path) {
        Res res = get(path);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json();
    }

    private static List<String> texts(JsonNode array, String field) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static JsonNode byTitle(JsonNode array, String title) {
        for (JsonNode n : array) if (n.get("title").asText().equals(title)) return n;
        throw new AssertionError("no " + title + " in " + array);
    }

    @Test
    void GET_category_lists_the_visible_categories_in_order_with_string_ids() {
        JsonNode categories = ok("/api/category").get("categories");
        assertThat(texts(categories, "slug")).containsSubsequence("hosting", "vps", "dedicated", "dns", "ssl", "licences");
        JsonNode hosting = categories.get(texts(categories, "slug").indexOf("hosting"));
        assertThat(hosting.get("id").isTextual()).isTrue();
        assertThat(hosting.get("name").asText()).isEqualTo("Hosting");
        assertThat(hosting.get("description").isTextual()).isTrue();
    }

    @Test
    void GET_category_leaves_out_hidden_categories_and_their_products_are_not_found() {
        String slug = CatalogFixtures.unique("hidden");
        long hidden = CatalogFixtures.category(server, Map.of("slug", slug, "visible", false));
        String shownSlug = CatalogFixtures.unique("shown");
        CatalogFixtures.category(server, Map.of("slug", shownSlug));
        List<String> slugs = texts(ok("/api/category").get("categories"), "slug");
        assertThat(slugs).contains(shownSlug).doesNotContain(slug);
        JsonNode product = CatalogFixtures.product(server, hidden, Map.of());
        assertThat(get("/api/category/" + hidden + "/product").status()).isEqualTo(404);
        assertThat(get("/api/order/" + product.get("id").asLong()).status()).isEqualTo(404);
    }

    @Test
    void GET_category_product_shows_starter_hosting_as_the_reference_does() {
        Res res = get("/api/category/" + demoCategory(server, "hosting") + "/product");
        assertThat(res.status()).isEqualTo(200);
        JsonNode starter = demoProduct(server, "hosting", "Starter Hosting");
        assertThat(starter.get("id").asText()).matches("[1-9][0-9]*");
        assertThat(starter.get("type").asText()).isEqualTo("hosting");
        assertThat(starter.get("stock").asBoolean()).isFalse();
        assertThat(starter.get("paytype").asText()).isEqualTo("Regular");
        assertThat(starter.get("description").asText()).startsWith("Disk:10GB\nMemory:2GB");
        assertThat(starter.get("qty").asText()).isEqualTo("0");
        assertThat(texts(starter.get("periods"), "value")).containsExactly("m", "a", "b", "t");
        JsonNode monthly = starter.at("/periods/0");
        assertThat(monthly.get("title").asText()).isEqualTo("m");
        assertThat(monthly.get("price").isNumber()).isTrue();
        assertThat(monthly.get("price").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(monthly.get("selected").asBoolean()).isTrue();
        assertThat(starter.at("/periods/1/selected").asBoolean()).isFalse();
        // Numbers as the reference prints them: no trailing zeros.
        assertThat(res.text()).contains("\"price\":199.8,").contains("\"setup\":0,");
        assertThat(texts(res.json().get("products"), "name")).containsExactly("Starter Hosting", "Business Hosting", "Pro Hosting");
    }

    @Test
    void prices_follow_the_currency_parameter_when_the_catalog_has_prices_in_it() {
        String hosting = demoCategory(server, "hosting");
        JsonNode eur = ok("/api/category/" + hosting + "/product?currency=eur").at("/products/0/periods/0/price");
        assertThat(eur.decimalValue()).isEqualByComparingTo("8.99");
        Res unknown = get("/api/category/" + hosting + "/product?currency=XYZ");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/fields/currency/0").asText()).contains("XYZ");
        Res unpriced = get("/api/category/" + hosting + "/product?currency=GBP");
        assertThat(unpriced.status()).isEqualTo(422);
        assertThat(unpriced.json().at("/fields/currency/0").asText()).contains("not available");
    }

    @Test
    void hidden_retired_and_unpriced_products_are_not_listed_or_offered() {
        long category = CatalogFixtures.category(server, Map.of());
        long shown = CatalogFixtures.product(server, category, Map.of("name", "Shown")).get("id").asLong();
        long hidden = CatalogFixtures.product(server, category, Map.of("name", "Hidden", "visible", false)).get("id").asLong();
        long retired = CatalogFixtures.product(server, category, Map.of("name", "Retired", "retired", true)).get("id").asLong();
        long eurOnly = CatalogFixtures.product(server, category, Map.of("name", "Euro only", "prices", Map.of("EUR", Map.of("m", "3")))).get("id").asLong();
        assertThat(texts(ok("/api/category/" + category + "/product").get("products"), "name")).containsExactly("Shown");
        assertThat(texts(ok("/api/category/" + category + "/product?currency=EUR").get("products"), "name")).containsExactly("Euro only");
        assertThat(get("/api/order/" + shown).status()).isEqualTo(200);
        assertThat(get("/api/order/" + hidden).status()).isEqualTo(404);
        assertThat(get("/api/order/" + retired).status()).isEqualTo(404);
        assertThat(get("/api/order/" + eurOnly).status()).isEqualTo(422);
        assertThat(get("/api/order/" + eurOnly + "?currency=EUR").status()).isEqualTo(200);
    }

    @Test
    void unknown_categories_and_products_are_not_found() {
        assertThat(get("/api/category/999999/product").status()).isEqualTo(404);
        assertThat(get("/api/category/hosting/product").status()).isEqualTo(404);
        assertThat(get("/api/order/999999").status()).isEqualTo(404);
        assertThat(get("/api/order/abc").json().at("/error/0").asText()).isEqualTo("Object not found");
    }

    @Test
    void free_one_time_and_stock_limited_products_list_their_kind() {
        JsonNode free = demoProduct(server, "dns", "Free DNS");
        assertThat(free.get("paytype").asText()).isEqualTo("Free");
        assertThat(free.get("periods").toString()).isEqualTo("[{\"title\":\"Free\",\"value\":\"Free\",\"price\":0,\"setup\":0,\"selected\":true}]");
        JsonNode lifetime = demoProduct(server, "licences", "LiteSpeed Web Server lifetime licence");
        assertThat(lifetime.get("paytype").asText()).isEqualTo("Once");
        assertThat(lifetime.at("/periods/0/value").asText()).isEqualTo("Once");
        assertThat(lifetime.at("/periods/0/price").decimalValue()).isEqualByComparingTo("299");
        JsonNode epyc = demoProduct(server, "dedicated", "Dedicated EPYC 7443P");
        assertThat(epyc.get("stock").asBoolean()).isTrue();
        assertThat(epyc.get("qty").asText()).isEqualTo("3");
        // A free product is offered in every currency.
        assertThat(texts(ok("/api/category/" + demoCategory(server, "dns") + "/product?currency=EUR").get("products"), "name")).contains("Free DNS");
    }

    @Test
    void GET_order_shows_the_cycle_select_the_domain_input_forms_addons_and_subproducts() {
        String id = demoProduct(server, "vps", "Cloud VPS S").get("id").asText();
        JsonNode p = ok("/api/order/" + id).get("product");
        assertThat(p.get("id").asText()).isEqualTo(id);
        assertThat(p.get("category_name").asText()).isEqualTo("VPS");
        assertThat(p.get("category_id").asText()).isEqualTo(demoCategory(server, "vps"));
        assertThat(p.get("recurring").asText()).isEqualTo("m");
        assertThat(p.get("price").decimalValue()).isEqualByComparingTo("12");
        assertThat(p.get("recurring_price").decimalValue()).isEqualByComparingTo("12");
        assertThat(p.get("prorata_date").isNull()).isTrue();

        JsonNode cycle = p.at("/config/product/0");
        assertThat(cycle.get("id").asText()).isEqualTo("cycle");
        assertThat(cycle.get("value").asText()).isEqualTo("m");
        assertThat(texts(cycle.get("items"), "value")).containsExactly("m", "q", "a");
        assertThat(p.at("/config/product/1/name").asText()).isEqualTo("domain");

        JsonNode forms = p.at("/config/forms");
        assertThat(texts(forms, "type")).containsExactly("select", "slider", "quantity", "checkbox", "input");
        JsonNode os = forms.get(0);
        assertThat(os.get("name").asText()).isEqualTo("custom[" + os.get("id").asText() + "]");
        assertThat(os.get("required").asBoolean()).isTrue();
        assertThat(os.get("firstItemId").asLong()).isEqualTo(os.at("/items/0/id").asLong());
        assertThat(texts(os.get("items"), "title")).containsExactly("Debian 12", "Ubuntu 24.04", "AlmaLinux 9", "Windows Server 2022");
        assertThat(byTitle(os.get("items"), "Windows Server 2022").get("price").decimalValue()).isEqualByComparingTo("15");
        JsonNode ram = forms.get(1);
        assertThat(ram.at("/config/minvalue").asInt()).isZero();
        assertThat(ram.at("/config/maxvalue").asInt()).isEqualTo(16);
        assertThat(ram.at("/config/step").asInt()).isEqualTo(1);
        assertThat(ram.at("/items/0/price").decimalValue()).isEqualByComparingTo("2");

        JsonNode addons = p.at("/config/addons");
        assertThat(texts(addons, "title")).containsExactly("cPanel licence", "Daily backups");
        JsonNode cpanel = addons.get(0);
        assertThat(cpanel.at("/config/0/name").asText()).isEqualTo("addon[" + cpanel.get("id").asText() + "]");
        assertThat(cpanel.at("/config/1/name").asText()).isEqualTo("addon_cycles[" + cpanel.get("id").asText() + "]");
        assertThat(cpanel.at("/config/1/items/0/price").decimalValue()).isEqualByComparingTo("15.99");
        assertThat(cpanel.at("/config/1/items/0/selected").asBoolean()).isTrue();

        assertThat(texts(p.at("/config/subproducts"), "name")).containsExactly("DNS Hosting");
    }

    @Test
    void GET_order_with_a_cycle_selects_it_and_prices_options_and_addons_for_it() {
        String id = demoProduct(server, "vps", "Cloud VPS S").get("id").asText();
        JsonNode p = ok("/api/order/" + id + "?cycle=a").get("product");
        assertThat(p.get("recurring").asText()).isEqualTo("a");
        assertThat(p.get("price").decimalValue()).isEqualByComparingTo("129.6");
        assertThat(byTitle(p.at("/config/product/0/items"), "a").get("selected").asBoolean()).isTrue();
        assertThat(byTitle(p.at("/config/product/0/items"), "m").get("selected").asBoolean()).isFalse();
        assertThat(byTitle(p.at("/config/forms/0/items"), "Windows Server 2022").get("price").decimalValue()).isEqualByComparingTo("180");
        JsonNode cpanelCycles = p.at("/config/addons/0/config/1/items");
        assertThat(byTitle(cpanelCycles, "a").get("selected").asBoolean()).isTrue();
        assertThat(get("/api/order/" + id + "?cycle=t").status()).isEqualTo(422);
        Res unknown = get("/api/order/" + id + "?cycle=weekly");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/fields/cycle/0").asText()).contains("weekly");
    }

    @Test
    void GET_order_shows_the_next_pro_rata_date_of_a_product_with_a_pro_rata_day() {
        String id = demoProduct(server, "dedicated", "Dedicated E-2388G").get("id").asText();
        JsonNode p = ok("/api/order/" + id).get("product");
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
        LocalDate expected = today.getDayOfMonth() == 1 ? today : today.plusMonths(1).withDayOfMonth(1);
        assertThat(p.get("prorata_date").asText()).isEqualTo(expected.toString());
        assertThat(p.at("/config/forms/0/prorata_date").asText()).isEqualTo(expected.toString());
        assertThat(p.get("setup").decimalValue()).isEqualByComparingTo("99");
    }

    @Test
    void any_contact_may_browse_and_an_anonymous_caller_may_not() {
        assertThat(server.http().get("/api/category", Auth.demoContact()).status()).isEqualTo(200);
        String vps = demoProduct(server, "vps", "Cloud VPS S").get("id").asText();
        assertThat(server.http().get("/api/order/" + vps, Auth.demoContact()).status()).isEqualTo(200);
        var client = AccountFixtures.client(server);
        var noPrivileges = AccountFixtures.contact(server, client.auth(), null, true);
        assertThat(server.http().get("/api/category/" + demoCategory(server, "vps") + "/product", noPrivileges.auth()).status()).isEqualTo(200);
        Res anonymous = server.http().get("/api/category", Auth.NONE);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isNotNull();
    }
}
