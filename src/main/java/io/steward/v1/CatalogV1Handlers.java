package io.steward.v1;

import static io.steward.core.Json.obj;

import io.steward.catalog.Category;
import io.steward.catalog.CatalogService;
import io.steward.catalog.Form;
import io.steward.catalog.Price;
import io.steward.catalog.PriceTable;
import io.steward.catalog.Product;
import io.steward.core.BillingCycle;
import io.steward.core.Ids;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.web.Call;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code GET /products/groups} and {@code GET /products}: the visible catalog, prices as strings per currency and cycle. */
public final class CatalogV1Handlers {
    /** A cycle a product is not sold on, as the pricing details print it. */
    static final String NOT_OFFERED = "-1.00";
    private static final List<BillingCycle> CYCLES = List.of(BillingCycle.MONTHLY, BillingCycle.QUARTERLY, BillingCycle.SEMI_ANNUALLY,
            BillingCycle.ANNUALLY);
    private static final List<String> PRICE_KEYS = List.of("monthly", "quarterly", "semiannually", "annually");
    private static final List<String> SETUP_KEYS = List.of("msetupfee", "qsetupfee", "ssetupfee", "asetupfee");

    private final CatalogService catalog;

    public CatalogV1Handlers(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** {@code GET /products/groups}: {@code [{"productGroupId": 1, "productGroup": "..."}]}. */
    public Object groups(Call call) {
        return catalog.visibleCategories().stream().map(c -> obj("productGroupId", c.id(), "productGroup", c.name())).toList();
    }

    /** {@code GET /products}: {@code productGroupId[]} filters by group; {@code showConfigOptions} adds the configurable options. */
    public Object products(Call call) {
        Set<Long> groups = new LinkedHashSet<>();
        for (String g : call.params().list("productGroupId").orElse(List.of())) {
            groups.add(Ids.parse(g.strip()).orElseThrow(() -> StewardException.badRequest("productGroupId must be a list of group ids")));
        }
        boolean options = call.params().flag("showConfigOptions", false);
        var out = new ArrayList<Map<String, Object>>();
        for (Category c : catalog.visibleCategories()) {
            if (!groups.isEmpty() && !groups.contains(c.id())) continue;
            for (Product p : catalog.offeredProducts(c.id())) out.add(product(p, c, options));
        }
        return out;
    }

    private static Map<String, Object> product(Product p, Category c, boolean options) {
        var m = obj("productId", p.id(), "productGroupId", c.id(), "productGroup", c.name(), "name", p.name(),
                "description", p.spec().description() == null ? "" : p.spec().description(), "type", p.spec().type().code(),
                "payType", switch (p.spec().paytype()) {
                    case Regular -> "recurring";
                    case Once -> "onetime";
                    case Free -> "free";
                },
                "pricing", pricing(p.spec().paytype(), p.spec().prices()));
        if (options) m.put("configOptions", p.spec().forms().stream().map(f -> configOption(p.spec().paytype(), f)).toList());
        return m;
    }

    private static Map<String, Object> configOption(Product.PayType pay, Form f) {
        return obj("id", f.id(), "name", f.name(), "type", f.type().code(), "required", f.required(),
                "options", f.items().stream().map(i -> obj("id", i.id(), "name", i.name(), "pricing", pricing(pay, i.prices()))).toList());
    }

    /** One entry per currency the table has prices in, as the reference prints them. */
    static List<Map<String, Object>> pricing(Product.PayType pay, PriceTable prices) {
        if (pay == Product.PayType.Free) return List.of();
        var out = new ArrayList<Map<String, Object>>();
        for (String currency : new TreeSet<>(prices.currencies())) {
            var details = new LinkedHashMap<String, Object>();
            for (int i = 0; i < CYCLES.size(); i++) {
                // A one-time price reads as the monthly column, as billing systems of this family print it.
                BillingCycle cycle = pay == Product.PayType.Once ? (i == 0 ? BillingCycle.ONCE : null) : CYCLES.get(i);
                Price price = cycle == null ? null : prices.get(currency, cycle).orElse(null);
                details.put(SETUP_KEYS.get(i), price == null ? NOT_OFFERED : Money.format(price.setup(), currency));
            }
            for (int i = 0; i < CYCLES.size(); i++) {
                BillingCycle cycle = pay == Product.PayType.Once ? (i == 0 ? BillingCycle.ONCE : null) : CYCLES.get(i);
                Price price = cycle == null ? null : prices.get(currency, cycle).orElse(null);
                details.put(PRICE_KEYS.get(i), price == null ? NOT_OFFERED : Money.format(price.price(), currency));
            }
            out.add(obj("currency", currency, "details", details));
        }
        return out;
    }
}
