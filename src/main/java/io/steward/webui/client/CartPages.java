package io.steward.webui.client;

import io.steward.account.Actor;
import io.steward.catalog.CatalogService;
import io.steward.catalog.Product;
import io.steward.core.BillingCycle;
import io.steward.core.StewardException;
import io.steward.order.OrderRequest;
import io.steward.order.OrderService;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.util.function.LongFunction;

/**
 * The cart: categories, their products, one product with its billing cycles, a quote (computed on
 * a GET, nothing changes) with an optional promo code, and the order, which issues its invoice;
 * the client then pays it on the invoice page. Quotes and orders go through the same order
 * service and parameter reading as {@code POST /api/quote} and {@code POST /api/order/@product_id}.
 */
final class CartPages {
    private final WebKit kit;
    private final CatalogService catalog;
    private final OrderService orders;
    private final LongFunction<String> currencyOf;

    CartPages(WebKit kit, CatalogService catalog, OrderService orders, LongFunction<String> currencyOf) {
        this.kit = kit;
        this.catalog = catalog;
        this.orders = orders;
        this.currencyOf = currencyOf;
    }

    Reply categories(WebRequest r) {
        return kit.render(200, "client/cart.jte", r.page("cart.title"), "categories", catalog.visibleCategories());
    }

    Reply category(WebRequest r) {
        long id = r.call().pathId("id");
        var category = catalog.visibleCategories().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> StewardException.notFound("Category not found"));
        String currency = currencyOf.apply(r.get(Actor.class).clientId());
        return kit.render(200, "client/cart-category.jte", r.page("cart.category", category.spec().name()), "products",
                catalog.offeredProducts(id, currency), "currency", currency);
    }

    /** The product's form; with a cycle chosen it also shows the quote of that configuration. */
    Reply product(WebRequest r) {
        Actor actor = r.get(Actor.class);
        String currency = currencyOf.apply(actor.clientId());
        Product p = catalog.offer(r.call().pathId("id")).product();
        var cycles = p.cycles(currency);
        if (cycles.isEmpty()) throw StewardException.notFound("This product is not offered in your currency");
        String cycle = r.params().string("cycle").filter(c -> !c.isBlank()).orElse(null);
        io.steward.order.Quote quote = null;
        if (cycle != null) {
            actor.require("billing", "orders");
            quote = orders.quote(actor.clientId(), OrderRequest.oneProduct(p.id(), r.params()));
        }
        return kit.render(200, "client/cart-product.jte", r.page("cart.product", p.name()), "product", p, "currency", currency,
                "cycles", cycles, "cycle", cycle == null ? cycles.get(0).code() : cycle, "domain", r.params().string("domain").orElse(""),
                "promocode", r.params().string("promocode").orElse(""), "quote", quote);
    }

    Reply order(WebRequest r) {
        Actor a = r.get(Actor.class);
        long productId = r.call().pathId("id");
        if (r.params().string("cycle").filter(c -> BillingCycle.parseCode(c).isPresent()).isEmpty()) {
            throw io.steward.web.Params.missing("cycle");
        }
        var placed = orders.place(a.clientId(), OrderRequest.oneProduct(productId, r.params()), a.isHolder() ? "client" : "contact:" + a.contactId());
        return WebKit.redirect("/invoices/" + placed.invoice().invoice().id());
    }
}
