package io.steward.catalog;

import static io.steward.core.Json.obj;

import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Staff handlers for {@code /admin/api/categories}, {@code /admin/api/products} and
 * {@code /admin/api/addons}. Ids are JSON numbers; amounts are strings at least at the
 * currency's scale ({@code "9.99"}, {@code "0.005"}), exactly as stored.
 */
public final class CatalogAdminHandlers {
    private final CatalogAdmin admin;

    public CatalogAdminHandlers(CatalogAdmin admin) {
        this.admin = admin;
    }

    // categories

    public Object categories(Call call) {
        return obj("categories", admin.categories().stream().map(this::category).toList());
    }

    public Object category(Call call) {
        return obj("category", category(admin.category(call.pathId("id"))));
    }

    public Object createCategory(Call call) {
        return Reply.json(201, obj("category", category(admin.createCategory(call.params().tree()))));
    }

    public Object updateCategory(Call call) {
        return obj("category", category(admin.updateCategory(call.pathId("id"), call.params().tree())));
    }

    public Object deleteCategory(Call call) {
        admin.deleteCategory(call.pathId("id"));
        return obj("deleted", true);
    }

    // products

    public Object products(Call call) {
        Long categoryId = call.params().id("category_id").orElse(null);
        return obj("products", admin.products(categoryId).stream().map(CatalogAdminHandlers::product).toList());
    }

    public Object product(Call call) {
        return obj("product", product(admin.product(call.pathId("id"))));
    }

    public Object createProduct(Call call) {
        return Reply.json(201, obj("product", product(admin.createProduct(call.params().tree()))));
    }

    public Object updateProduct(Call call) {
        return obj("product", product(admin.updateProduct(call.pathId("id"), call.params().tree())));
    }

    public Object deleteProduct(Call call) {
        admin.deleteProduct(call.pathId("id"));
        return obj("deleted", true);
    }

    // addons

    public Object addons(Call call) {
        return obj("addons", admin.addons().stream().map(this::addon).toList());
    }

    public Object addon(Call call) {
        return obj("addon", addon(admin.addon(call.pathId("id"))));
    }

    public Object createAddon(Call call) {
        return Reply.json(201, obj("addon", addon(admin.createAddon(call.params().tree()))));
    }

    public Object updateAddon(Call call) {
        return obj("addon", addon(admin.updateAddon(call.pathId("id"), call.params().tree())));
    }

    public Object deleteAddon(Call call) {
        admin.deleteAddon(call.pathId("id"));
        return obj("deleted", true);
    }

    // shapes

    private Map<String, Object> category(Category c) {
        var s = c.spec();
        return obj("id", c.id(), "name", s.name(), "description", s.description(), "slug", s.slug(), "sort_order", s.sortOrder(),
                "visible", s.visible(), "products", admin.productCount(c.id()),
                "created_at", Times.stamp(c.createdAt()), "updated_at", Times.stamp(c.updatedAt()));
    }

    private Map<String, Object> addon(Addon a) {
        var s = a.spec();
        return obj("id", a.id(), "name", s.name(), "description", s.description(), "module_value", s.moduleValue(),
                "visible", s.visible(), "sort_order", s.sortOrder(), "prices", prices(s.prices()),
                "products", admin.productsOffering(a.id()),
                "created_at", Times.stamp(a.createdAt()), "updated_at", Times.stamp(a.updatedAt()));
    }

    static Map<String, Object> product(Product p) {
        var s = p.spec();
        var forms = s.forms().stream().map(f -> obj("id", f.id(), "type", f.type().code(), "name", f.name(),
                "description", f.description(), "required", f.required(), "min", f.min(), "max", f.max(), "step", f.step(),
                "items", f.items().stream().map(i -> obj("id", i.id(), "name", i.name(), "module_value", i.moduleValue(),
                        "prices", prices(i.prices()))).toList())).toList();
        return obj("id", p.id(), "category_id", s.categoryId(), "name", s.name(), "type", s.type().code(),
                "description", s.description(), "paytype", s.paytype().name(), "stock", s.stock(), "max_per_order", s.maxPerOrder(),
                "visible", s.visible(), "retired", s.retired(), "sort_order", s.sortOrder(), "prorata_day", s.prorataDay(),
                "provisioning", s.provisioning().code(), "module", s.module(), "module_config", moduleConfig(s.moduleConfig()),
                "renewal_lead_days", s.renewalLeadDays(), "tags", s.tags(), "prices", prices(s.prices()), "forms", forms,
                "addons", s.addons(), "subproducts", s.subproducts(), "upgrades", s.upgrades(),
                "created_at", Times.stamp(p.createdAt()), "updated_at", Times.stamp(p.updatedAt()));
    }

    private static Object moduleConfig(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            // Written only as validated JSON objects; an unreadable value shows as empty.
            return Map.of();
        }
    }

    static Map<String, Object> prices(PriceTable t) {
        var out = new LinkedHashMap<String, Object>();
        t.asMap().forEach((currency, cycles) -> {
            var m = new LinkedHashMap<String, Object>();
            cycles.forEach((cycle, price) -> m.put(cycle.code(), obj("price", amount(price.price(), currency), "setup", amount(price.setup(), currency))));
            out.put(currency, m);
        });
        return out;
    }

    /** The stored amount, at least at the currency's scale, never rounded: "9.99", "10.00", "0.005". */
    static String amount(BigDecimal a, String currency) {
        int scale = Math.max(Money.scale(currency), a.stripTrailingZeros().scale());
        return a.setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
