package io.steward.order;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Money;
import io.steward.tax.TaxResult;
import io.steward.web.Call;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client API's order endpoints ({@code POST /order/@product_id}, {@code POST /order},
 * {@code POST /quote}), shaped as the references show them. Routes and privileges are declared in
 * {@code api.ClientApi}.
 */
public final class OrderClientHandlers {
    /** The header that makes a POST order endpoint idempotent. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final OrderService orders;
    private final Idempotency idempotency;

    public OrderClientHandlers(OrderService orders) {
        this.orders = orders;
        this.idempotency = new Idempotency(orders.db(), orders.clock(), orders.store());
    }

    /** {@code POST /order/@product_id}. */
    public Object orderProduct(Call call) {
        Actor a = call.get(Actor.class);
        long productId = call.pathId("product_id");
        return idempotent(call, a.clientId(), () -> {
            var placed = orders.place(a.clientId(), OrderParams.single(productId, call.params()), by(a));
            var items = items(placed);
            return obj("order_num", placed.order().orderNum(), "invoice_id", String.valueOf(placed.invoice().id()),
                    "total", Money.format(placed.invoice().invoice().total(), placed.order().currency()), "items", items.get(0));
        });
    }

    /** {@code POST /order}: several items; with {@code ignore_errors} the valid ones go through and the rest are listed in {@code rejected}. */
    public Object order(Call call) {
        Actor a = call.get(Actor.class);
        return idempotent(call, a.clientId(), () -> {
            var placed = orders.place(a.clientId(), OrderParams.multiple(call.params()), by(a));
            var items = items(placed);
            var body = obj("order_num_list", items.stream().map(i -> placed.order().orderNum()).toList(),
                    "invoice_id", String.valueOf(placed.invoice().id()),
                    "total", Money.format(placed.invoice().invoice().total(), placed.order().currency()), "items", items);
            var rejected = placed.quote().items().stream().filter(i -> !i.valid())
                    .map(i -> obj("index", i.index(), "error", i.errors())).toList();
            if (!rejected.isEmpty()) body.put("rejected", rejected);
            return body;
        });
    }

    /** {@code POST /quote}: {@code output} short (default), config or full. */
    public Object quote(Call call) {
        Actor a = call.get(Actor.class);
        String output = call.params().string("output").filter(s -> !s.isBlank()).orElse("short");
        if (!List.of("short", "config", "full").contains(output)) throw OrderParams.invalid("output", "Output must be short, config or full");
        Quote q = orders.quote(a.clientId(), OrderParams.multiple(call.params()));
        return obj("summary", summary(q), "items", q.items().stream().map(i -> item(q, i, output)).toList());
    }

    static Map<String, Object> summary(Quote q) {
        var recurring = new ArrayList<Map<String, Object>>();
        q.recurring().forEach((c, price) -> recurring.add(obj("title", c.label(), "price", price, "value", c.code())));
        var tax = new ArrayList<Map<String, Object>>();
        for (TaxResult.TaxLine t : q.tax().lines()) tax.add(obj("name", t.name(), "tax", t.amount(), "value", t.rate().stripTrailingZeros()));
        var s = obj("subtotal", q.gross(), "total", q.total(), "credit", BigDecimal.ZERO, "discount", q.discount(), "cost", q.cost(),
                "recurring", recurring, "tax", tax, "currency", q.currency());
        if (q.fee().signum() > 0) s.put("fee", obj("name", q.feeName() + " Payment Fee", "amount", q.fee()));
        if (q.tax().reverseCharge()) s.put("reverse_charge", q.tax().note());
        return s;
    }

    private static Map<String, Object> item(Quote q, Quote.EvaluatedItem i, String output) {
        Map<String, Object> product = null;
        if (i.valid() && i.product() != null) {
            var p = i.product();
            var unit = i.units().get(0);
            product = obj("id", p.id(), "category_name", p.categoryName(), "category_id", p.categoryId(), "name", p.name(),
                    "domain", i.request().domain() == null ? "" : i.request().domain(), "cycle", i.priced().cycle().code(),
                    "quantity", i.quantity(), "price", unit.total(), "recurring", i.renewsAt(unit), "setup", i.priced().setupTotal(),
                    "next_due", unit.nextDue() == null ? null : unit.nextDue().toString());
            if (!output.equals("short")) {
                product.put("config", i.priced().lines().stream().filter(l -> l.kind() != io.steward.catalog.PricedConfiguration.Kind.PRODUCT)
                        .map(l -> obj("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT), "form_id", l.formId(), "item_id", l.itemId(),
                                "addon_id", l.addonId(), "name", l.description(), "value", l.value(), "cycle", l.cycle().code(),
                                "recurring", l.recurring(), "setup", l.setup())).toList());
            }
            if (output.equals("full")) {
                product.put("lines", unit.lines().stream().map(l -> obj("type", l.type(), "description", l.description(), "amount", l.amount())).toList());
            }
        }
        Map<String, Object> coupon = i.discountPerUnit().signum() > 0
                ? obj("code", q.promo().code(), "discount", i.discountPerUnit().multiply(BigDecimal.valueOf(i.units().size())))
                : new LinkedHashMap<>();
        var domains = new LinkedHashMap<String, Object>();
        if (i.domain() != null) {
            var d = i.domain();
            domains.put(d.name(), obj("id", d.tldId(), "index", 0, "category_id", "0", "category_name", "Domains", "name", d.name(),
                    "tld", d.tld(), "period", d.years(), "action", d.action(),
                    "price", Money.format(Money.sum(d.lines().stream().map(DomainItems.Line::amount).toList()), q.currency()),
                    "recurring", Money.format(d.recurring(), q.currency())));
        }
        return obj("product", product, "domains", domains, "coupon", coupon, "index", i.index(), "valid", i.valid(),
                "info", List.of(), "error", i.errors());
    }

    private static List<Map<String, Object>> items(OrderService.Placed placed) {
        // Order items were written in the order of the valid items' units.
        var names = new ArrayList<String>();
        var types = new ArrayList<String>();
        for (var it : placed.quote().valid()) {
            if (it.domain() != null) {
                names.add(it.domain().name());
                types.add(it.domain().lineType());
                continue;
            }
            String name = it.request().domain() == null || it.request().domain().isBlank() ? it.product().name() : it.request().domain().trim();
            for (int u = 0; u < it.units().size(); u++) {
                names.add(name);
                types.add("Hosting");
            }
        }
        return placed.order().items().stream().map(i -> obj("type", i.position() < types.size() ? types.get(i.position()) : "Hosting",
                "id", String.valueOf(i.serviceId() != null ? i.serviceId() : i.domainId()),
                "name", i.position() < names.size() ? names.get(i.position()) : "", "product_id", String.valueOf(i.productId()))).toList();
    }

    private Object idempotent(Call call, long clientId, java.util.function.Supplier<Object> work) {
        String key = call.header(IDEMPOTENCY_HEADER).orElse(null);
        String hash = key == null ? "" : Idempotency.hash(call.method() + " " + call.path(), call.params().tree());
        return idempotency.run(clientId, key, hash, work);
    }

    private static String by(Actor a) {
        return a.isHolder() ? "client" : "contact:" + a.contactId();
    }
}
