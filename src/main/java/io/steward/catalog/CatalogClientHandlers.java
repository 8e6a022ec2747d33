package io.steward.catalog;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.BillingCycle;
import io.steward.web.Call;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client API's catalog ("Cart") endpoints: {@code GET /category},
 * {@code GET /category/@category_id/product} and {@code GET /order/@product_id}, shaped exactly as
 * the references show them (ids as strings, prices as JSON numbers). Prices are in the caller's
 * currency unless a priced {@code currency} parameter asks for another; {@code GET /order} also
 * takes {@code cycle} to show another cycle selected, with option and addon prices for it.
 */
public final class CatalogClientHandlers {
    private final CatalogService catalog;
    private final ClientCurrency currencies;

    public CatalogClientHandlers(CatalogService catalog, ClientCurrency currencies) {
        this.catalog = catalog;
        this.currencies = currencies;
    }

    public Object categories(Call call) {
        return obj("categories", catalog.visibleCategories().stream().map(c -> obj("id", Long.toString(c.id()), "name", c.name(),
                "description", c.spec().description(), "slug", c.spec().slug())).toList());
    }

    public Object products(Call call) {
        String currency = currency(call);
        long categoryId = call.pathId("category_id");
        return obj("products", catalog.offeredProducts(categoryId, currency).stream()
                .map(p -> listEntry(p, currency, p.cycles(currency).get(0))).toList());
    }

    public Object product(Call call) {
        String currency = currency(call);
        var offer = catalog.offer(call.pathId("product_id"));
        Product p = offer.product();
        List<BillingCycle> cycles = p.cycles(currency);
        if (cycles.isEmpty()) throw CatalogService.invalid("currency", p.name() + " is not priced in " + currency);
        BillingCycle cycle = cycles.get(0);
        String requested = call.params().string("cycle").filter(s -> !s.isBlank()).orElse(null);
        if (requested != null) {
            cycle = BillingCycle.parseCode(requested).orElseThrow(() -> CatalogService.invalid("cycle", "Unknown billing cycle '" + requested + "'"));
            if (!cycles.contains(cycle)) throw CatalogService.invalid("cycle", "Billing cycle '" + requested + "' is not offered for " + p.name());
        }
        Price price = p.price(currency, cycle).orElseThrow();
        String prorata = catalog.prorataDate(p).map(Object::toString).orElse(null);

        var cycleSelect = obj("type", "select", "title", "pickcycle", "id", "cycle", "name", "cycle",
                "items", periods(p, currency, cycle), "value", cycle.code(), "price", num(price.price()), "setup", num(price.setup()));
        var domain = obj("type", "input", "title", "domain", "id", "domain", "name", "domain", "value", null);
        var forms = new ArrayList<Object>();
        for (Form f : p.spec().forms()) forms.add(form(f, currency, cycle, prorata));
        var addons = new ArrayList<Object>();
        for (Addon a : offer.addons()) {
            if (!a.prices().cycles(currency).isEmpty()) addons.add(addon(a, currency, cycle));
        }
        var subproducts = offer.subproducts().stream().filter(s -> !s.cycles(currency).isEmpty())
                .map(s -> listEntry(s, currency, s.cycles(currency).get(0))).toList();
        var config = obj("product", List.of(cycleSelect, domain), "forms", forms, "addons", addons, "subproducts", subproducts);
        return obj("product", obj("id", Long.toString(p.id()), "category_name", offer.category().name(),
                "category_id", Long.toString(offer.category().id()), "name", p.name(), "price", num(price.price()),
                "recurring", cycle.code(), "setup", num(price.setup()), "config", config,
                "recurring_price", num(price.price()), "prorata_date", prorata));
    }

    private String currency(Call call) {
        String own = currencies.of(call.get(Actor.class).clientId());
        return catalog.currency(call.params().string("currency").orElse(null), own);
    }

    /** A product as the category listing (and a configuration's subproducts) show it. */
    private static Map<String, Object> listEntry(Product p, String currency, BillingCycle selected) {
        var s = p.spec();
        return obj("id", Long.toString(p.id()), "type", s.type().code(), "name", s.name(), "stock", s.stock() != null,
                "paytype", s.paytype().name(), "description", s.description(),
                "qty", Integer.toString(s.stock() == null ? 0 : s.stock()), "tags", s.tags(), "periods", periods(p, currency, selected));
    }

    private static List<Map<String, Object>> periods(Product p, String currency, BillingCycle selected) {
        return p.cycles(currency).stream().map(c -> {
            Price price = p.price(currency, c).orElseThrow();
            return obj("title", c.code(), "value", c.code(), "price", num(price.price()), "setup", num(price.setup()), "selected", c == selected);
        }).toList();
    }

    private static Map<String, Object> form(Form f, String currency, BillingCycle cycle, String prorata) {
        var config = obj("conditionals", List.of());
        if (f.type().numeric()) {
            config.put("minvalue", f.min());
            config.put("maxvalue", f.max());
            config.put("step", f.step());
        }
        int itemValue = f.type().numeric() ? (f.min() == null ? 0 : f.min()) : 1;
        var items = f.items().stream().map(i -> {
            Price price = i.prices().get(currency, cycle).orElse(Price.ZERO);
            return obj("title", i.name(), "value", itemValue, "id", i.id(), "price", num(price.price()), "setup", num(price.setup()), "selected", false);
        }).toList();
        return obj("type", f.type().code(), "title", f.name(), "id", Long.toString(f.id()), "firstItemId", f.items().get(0).id(),
                "description", f.description(), "name", "custom[" + f.id() + "]", "required", f.required(), "multiple", false,
                "config", config, "value", List.of(), "textvalue", List.of(), "price", 0, "recurring_price", 0, "setup", 0,
                "prorata_date", prorata, "items", items);
    }

    private static Map<String, Object> addon(Addon a, String currency, BillingCycle productCycle) {
        List<BillingCycle> cycles = a.prices().cycles(currency);
        BillingCycle selected = cycles.contains(productCycle) ? productCycle : cycles.get(0);
        var items = cycles.stream().map(c -> {
            Price price = a.prices().get(currency, c).orElseThrow();
            return obj("title", c.code(), "value", c.code(), "price", num(price.price()), "setup", num(price.setup()), "selected", c == selected);
        }).toList();
        var config = List.of(
                obj("type", "checkbox", "title", "add", "name", "addon[" + a.id() + "]", "checked", false),
                obj("type", "select", "title", "billingcycle", "name", "addon_cycles[" + a.id() + "]", "items", items));
        return obj("type", "subitem", "title", a.name(), "id", Long.toString(a.id()), "value", null, "description", a.spec().description(),
                "config", config, "price", 0, "recurring_price", 0, "setup", 0, "prorata_date", null);
    }

    /**
     * A catalog price as the references print it, a JSON number without trailing zeros
     * ({@code 199.8}, {@code 0}): the stored value exactly, not rounded, since a unit price may
     * carry more places than an invoice line.
     */
    static BigDecimal num(BigDecimal amount) {
        return new BigDecimal(amount.stripTrailingZeros().toPlainString());
    }
}
