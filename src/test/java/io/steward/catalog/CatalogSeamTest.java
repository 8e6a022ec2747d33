package io.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.catalog.PriceRequest.FormValue;
import io.steward.catalog.PricedConfiguration.Kind;
import io.steward.core.BillingCycle;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seam the order and billing steps use: product lookup, pricing against the database, stock. */
class CatalogSeamTest {
    static TestServer server;
    static CatalogService catalog;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        catalog = server.steward().catalog();
    }

    @AfterAll
    static void stop() { server.close(); }

    private static long demoId(String slug, String name) {
        return CatalogFixtures.demoProduct(server, slug, name).get("id").asLong();
    }

    private static int stockOf(long productId) {
        JsonNode stock = server.http().get("/admin/api/products/" + productId, Auth.admin()).json().at("/product/stock");
        return stock.isNull() ? -1 : stock.asInt();
    }

    private static ErrorCode codeOf(Runnable r) {
        var e = catchThrowableOfType(StewardException.class, r::run);
        assertThat(e).as("expected a StewardException").isNotNull();
        return e.code();
    }

    @Test
    void productForOrder_tells_how_to_provision_and_bill_an_offered_product() {
        OrderableProduct p = catalog.productForOrder(demoId("dedicated", "Dedicated E-2388G"));
        assertThat(p.name()).isEqualTo("Dedicated E-2388G");
        assertThat(p.categoryName()).isEqualTo("Dedicated");
        assertThat(p.type()).isEqualTo(Product.Type.DEDICATED);
        assertThat(p.paytype()).isEqualTo(Product.PayType.Regular);
        assertThat(p.provisioning()).isEqualTo(Product.Provisioning.MANUAL);
        assertThat(p.module()).isEqualTo("recording");
        assertThat(p.moduleConfig()).isEqualTo("{\"model\":\"e-2388g\"}");
        assertThat(p.prorataDay()).isEqualTo(1);
        assertThat(p.renewalLeadDays()).isNull();
        assertThat(p.stock()).isEqualTo(5);
        assertThat(p.visible()).isTrue();
        assertThat(catalog.productForOrder(demoId("dns", "Free DNS")).provisioning()).isEqualTo(Product.Provisioning.ON_ORDER);
    }

    @Test
    void products_that_are_not_offered_are_not_found_for_new_orders_but_still_known_to_billing() {
        long category = CatalogFixtures.category(server, Map.of());
        long retired = CatalogFixtures.product(server, category, Map.of("retired", true)).get("id").asLong();
        assertThat(codeOf(() -> catalog.productForOrder(retired))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(() -> catalog.price(PriceRequest.of(retired, "m", "USD")))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(catalog.product(retired).retired()).isTrue();
        var renewal = catalog.priceExisting(PriceRequest.of(retired, "a", "USD"));
        assertThat(renewal.lines().get(0).recurring()).isEqualByComparingTo("50.00");
        assertThat(codeOf(() -> catalog.product(999_999))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void price_resolves_a_demo_vps_configuration_from_the_database() {
        long vps = demoId("vps", "Cloud VPS S");
        Product product = new CatalogAdmin(server.steward().db(), server.clock, catalog).product(vps);
        Form os = product.spec().forms().get(0);
        Form ram = product.spec().forms().get(1);
        long windows = os.items().get(3).id();
        long cpanel = product.spec().addons().get(0);
        var request = PriceRequest.of(vps, "a", "USD").withOption(os.id(), FormValue.of(windows, "1"))
                .withOption(ram.id(), FormValue.direct("4")).withAddon(cpanel, null);
        var priced = catalog.price(request);
        assertThat(priced.lines()).extracting(PricedConfiguration.Line::kind).containsExactly(Kind.PRODUCT, Kind.OPTION, Kind.OPTION, Kind.ADDON);
        assertThat(priced.lines()).extracting(l -> l.recurring().toPlainString()).containsExactly("129.60", "180.00", "96.00", "179.88");
        assertThat(priced.recurringByCycle().get(BillingCycle.ANNUALLY)).isEqualByComparingTo("585.48");
        assertThat(priced.lines().get(1).moduleValue()).isEqualTo("windows-2022");
        var eur = catalog.price(new PriceRequest(vps, "a", "EUR", 1, request.options(), request.addons()));
        assertThat(eur.lines()).extracting(l -> l.recurring().toPlainString()).containsExactly("118.80", "168.00", "86.40", "162.00");
        assertThat(eur.firstPeriodTotal()).isEqualByComparingTo("535.20");
    }

    @Test
    void the_configuration_page_shows_the_prices_the_seam_charges() {
        long vps = demoId("vps", "Cloud VPS S");
        JsonNode page = server.http().get("/api/order/" + vps + "?cycle=q", Auth.demo()).json().get("product");
        JsonNode windows = page.at("/config/forms/0/items/3");
        var priced = catalog.price(PriceRequest.of(vps, "q", "USD").withOption(page.at("/config/forms/0/id").asLong(),
                FormValue.of(windows.get("id").asLong(), "1")));
        assertThat(priced.lines().get(0).recurring()).isEqualByComparingTo(page.get("price").decimalValue());
        assertThat(priced.lines().get(0).setup()).isEqualByComparingTo(page.get("setup").decimalValue());
        assertThat(priced.lines().get(1).recurring()).isEqualByComparingTo(windows.get("price").decimalValue());
    }

    @Test
    void decrementStock_never_oversells_under_concurrent_orders() throws Exception {
        long product = CatalogFixtures.product(server, CatalogFixtures.category(server, Map.of()), Map.of("stock", 10)).get("id").asLong();
        int buyers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Boolean>>();
        try {
            for (int i = 0; i < buyers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        catalog.decrementStock(product, 1);
                        return true;
                    } catch (StewardException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNPROCESSABLE);
                        assertThat(e.fields()).containsKey("product_id");
                        return false;
                    }
                }));
            }
            start.countDown();
            int sold = 0;
            for (Future<Boolean> f : results) if (f.get()) sold++;
            assertThat(sold).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stockOf(product)).isZero();
        catalog.restoreStock(product, 3);
        assertThat(stockOf(product)).isEqualTo(3);
    }

    @Test
    void stock_taken_in_an_order_that_fails_is_given_back_by_the_rollback() {
        long product = CatalogFixtures.product(server, CatalogFixtures.category(server, Map.of()), Map.of("stock", 5)).get("id").asLong();
        assertThatThrownBy(() -> server.steward().db().txRun(() -> {
            catalog.decrementStock(product, 2);
            throw new IllegalStateException("the order failed after taking stock");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(stockOf(product)).isEqualTo(5);
        catalog.decrementStock(product, 5);
        assertThat(stockOf(product)).isZero();
        var e = catchThrowableOfType(StewardException.class, () -> catalog.decrementStock(product, 1));
        assertThat(e.fields().get("product_id").get(0)).contains("out of stock");
    }

    @Test
    void unlimited_stock_is_never_used_up() {
        long product = CatalogFixtures.product(server, CatalogFixtures.category(server, Map.of()), Map.of()).get("id").asLong();
        catalog.decrementStock(product, 1000);
        catalog.restoreStock(product, 5);
        assertThat(stockOf(product)).as("still unlimited").isEqualTo(-1);
        assertThat(codeOf(() -> catalog.decrementStock(999_999, 1))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void upgrade_paths_and_subproducts_are_listed_in_staff_order() {
        long starter = demoId("hosting", "Starter Hosting");
        long business = demoId("hosting", "Business Hosting");
        long pro = demoId("hosting", "Pro Hosting");
        assertThat(catalog.upgradeTargets(starter)).containsExactly(business, pro);
        assertThat(catalog.upgradeTargets(pro)).containsExactly(starter, business);
        assertThat(catalog.subproducts(demoId("vps", "Cloud VPS S"))).containsExactly(demoId("dns", "DNS Hosting"));
    }

    @Test
    void a_registered_dependent_keeps_a_product_from_being_deleted() {
        long product = CatalogFixtures.product(server, CatalogFixtures.category(server, Map.of()), Map.of()).get("id").asLong();
        catalog.registerProductDependents(id -> id == product ? Optional.of("2 services use it") : Optional.empty());
        var res = server.http().delete("/admin/api/products/" + product, Auth.admin());
        assertThat(res.status()).isEqualTo(409);
        assertThat(res.json().at("/messages/0").asText()).contains("2 services use it");
        long other = CatalogFixtures.product(server, CatalogFixtures.category(server, Map.of()), Map.of()).get("id").asLong();
        assertThat(server.http().delete("/admin/api/products/" + other, Auth.admin()).status()).isEqualTo(200);
    }

    @Test
    void the_default_currency_comes_from_configuration_and_must_be_a_currency() {
        assertThat(catalog.defaultCurrency()).isEqualTo("USD");
        assertThatThrownBy(() -> new CatalogService(server.steward().db(), server.clock, "dollars"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing.default-currency");
        assertThat(new CatalogService(server.steward().db(), server.clock, "eur").defaultCurrency()).isEqualTo("EUR");
        assertThat(List.of(catalog.currency(null, "EUR"), catalog.currency("usd", "EUR"))).containsExactly("EUR", "USD");
    }
}
