package io.steward.catalog;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog as the rest of Steward sees it: what clients may browse, and the seam the order,
 * service and billing steps use: {@link #productForOrder} (what to provision and how to bill),
 * {@link #price} / {@link #priceExisting} (a configuration priced into lines) and
 * {@link #decrementStock} / {@link #restoreStock}. Other features never read the catalog tables.
 *
 * <p>A product is <em>offered</em> when it is visible, not retired, and its category is visible.
 * Products that are not offered are simply not found by the client-facing calls.
 */
public final class CatalogService {
    /**
     * Something that keeps a product from being deleted (the services feature: services of the
     * product). Answers a reason, or empty.
     */
    @FunctionalInterface
    public interface ProductDependents {
        Optional<String> blockingDeletion(long productId);
    }

    /** Something that keeps an addon from being deleted (services holding it). Answers a reason, or empty. */
    @FunctionalInterface
    public interface AddonDependents {
        Optional<String> blockingDeletion(long addonId);
    }

    /** An offered product with what its configuration page shows: the addons and subproducts offered with it. */
    public record Offer(Product product, Category category, List<Addon> addons, List<Product> subproducts) {}

    final Db db;
    final CategoryStore categories;
    final ProductStore products;
    final AddonStore addons;
    /** What browsing and pricing read, kept while the catalog is unchanged (see {@link CatalogCache}). */
    final CatalogCache cache;
    private final Clock clock;
    private final String defaultCurrency;
    final List<ProductDependents> dependents = new CopyOnWriteArrayList<>();
    final List<AddonDependents> addonDependents = new CopyOnWriteArrayList<>();

    public CatalogService(Db db, Clock clock, String defaultCurrency) {
        String currency = defaultCurrency == null ? "" : defaultCurrency.trim().toUpperCase(Locale.ROOT);
        if (!CatalogInput.isCurrency(currency)) {
            throw new IllegalArgumentException("configuration key billing.default-currency is not an ISO 4217 currency code: " + defaultCurrency);
        }
        this.db = db;
        this.clock = clock;
        this.defaultCurrency = currency;
        this.categories = new CategoryStore(db);
        this.products = new ProductStore(db);
        this.addons = new AddonStore(db);
        this.cache = new CatalogCache(db);
    }

    /** The currency prices are shown in when a client has none of its own ({@code billing.default-currency}). */
    public String defaultCurrency() { return defaultCurrency; }

    public void registerProductDependents(ProductDependents d) {
        dependents.add(d);
    }

    public void registerAddonDependents(AddonDependents d) {
        addonDependents.add(d);
    }

    // ---- browsing (client API)

    public List<Category> visibleCategories() {
        return cache.get("visible-categories", () -> List.copyOf(categories.list(true)));
    }

    /** Offered products of a visible category that are sold in {@code currency}, in display order. */
    public List<Product> offeredProducts(long categoryId, String currency) {
        return offeredProducts(categoryId).stream().filter(p -> !p.cycles(currency).isEmpty()).toList();
    }

    /** Offered products of a visible category in any currency, in display order (the services API lists them all). */
    public List<Product> offeredProducts(long categoryId) {
        return cache.get(new Key("offered", categoryId), () -> {
            categories.byId(categoryId).filter(Category::visible).orElseThrow(() -> StewardException.notFound("Category not found"));
            return List.copyOf(products.list(ProductStore.CATEGORY_ID.eq(categoryId).and(ProductStore.VISIBLE.isTrue())
                    .and(ProductStore.RETIRED.isFalse())));
        });
    }

    /** An offered product with its visible addons and offered subproducts; 404 when not offered. */
    public Offer offer(long productId) {
        return cache.get(new Key("offer", productId), () -> {
            Product p = products.byId(productId).orElseThrow(CatalogService::productNotFound);
            Category c = categories.byId(p.spec().categoryId()).orElseThrow();
            if (!offered(p, c)) throw productNotFound();
            List<Addon> offeredAddons = addons.byIds(p.spec().addons()).stream().filter(a -> a.spec().visible()).toList();
            var subs = new ArrayList<Product>();
            for (Product s : p.spec().subproducts().isEmpty() ? List.<Product>of() : products.list(ProductStore.ID.in(p.spec().subproducts()))) {
                if (categories.byId(s.spec().categoryId()).map(sc -> offered(s, sc)).orElse(false)) subs.add(s);
            }
            return new Offer(p, c, List.copyOf(sortBy(offeredAddons, p.spec().addons(), Addon::id)),
                    List.copyOf(sortBy(subs, p.spec().subproducts(), Product::id)));
        });
    }

    /**
     * The currency a client-facing call shows prices in: the one requested, if it is a currency
     * the catalog has prices in, else the caller's own. A requested currency that is unknown or
     * unpriced is a 422 rather than a silent switch, since the answers carry no currency field.
     */
    public String currency(String requested, String callersCurrency) {
        if (requested == null || requested.isBlank()) return callersCurrency;
        String c = requested.trim().toUpperCase(Locale.ROOT);
        if (!CatalogInput.isCurrency(c)) throw invalid("currency", "Unknown currency code '" + requested + "'");
        if (!c.equals(callersCurrency) && !cache.get(new Key("priced-in", c), () -> PriceRows.PRODUCT.anyIn(db, c))) throw invalid("currency", "Prices are not available in " + c);
        return c;
    }

    /** The next date on the product's pro-rata day (today if it is that day), or empty without one. */
    public Optional<LocalDate> prorataDate(Product p) {
        Integer day = p.spec().prorataDay();
        if (day == null) return Optional.empty();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return Optional.of(today.getDayOfMonth() <= day ? today.withDayOfMonth(day) : today.plusMonths(1).withDayOfMonth(day));
    }

    // ---- the seam for ordering and billing

    /** An offered product, for a new order; 404 when it does not exist or is not offered. */
    public OrderableProduct productForOrder(long productId) {
        return db.tx(() -> {
            Offer o = offer(productId);
            return OrderableProduct.of(o.product(), o.category());
        });
    }

    /** Any product, offered or not (renewals, staff orders); 404 only when it does not exist. */
    public OrderableProduct product(long productId) {
        Stored s = stored(productId);
        return OrderableProduct.of(s.product(), s.category());
    }

    /** Any product with its category, offered or not; 404 when it does not exist. */
    private Stored stored(long productId) {
        return cache.get(new Key("product", productId), () -> {
            Product p = products.byId(productId).orElseThrow(CatalogService::productNotFound);
            return new Stored(p, categories.byId(p.spec().categoryId()).orElseThrow());
        });
    }

    private record Stored(Product product, Category category) {}

    /**
     * Prices a new order's configuration of an offered product with its visible addons, checking
     * stock and the per-order limit. 404 when the product is not offered; 422 naming the parameter
     * when the configuration is invalid. Nothing is reserved: call {@link #decrementStock} when ordering.
     */
    public PricedConfiguration price(PriceRequest request) {
        Offer o = offer(request.productId());
        return Pricer.price(o.product(), byId(o.addons()), request, true);
    }

    /**
     * Prices a configuration of any product with any of its addons, hidden or retired ones
     * included, without stock checks: for renewals and upgrades of existing services.
     */
    public PricedConfiguration priceExisting(PriceRequest request) {
        record Existing(Product product, Map<Long, Addon> addons) {}
        Existing e = cache.get(new Key("existing", request.productId()), () -> {
            Product p = products.byId(request.productId()).orElseThrow(CatalogService::productNotFound);
            return new Existing(p, java.util.Collections.unmodifiableMap(byId(addons.byIds(p.spec().addons()))));
        });
        return Pricer.price(e.product(), e.addons(), request, false);
    }

    /**
     * Takes {@code qty} units from the product's stock, or answers 422 (field {@code product_id})
     * when fewer are left. One conditional UPDATE, so concurrent orders never oversell; joins the
     * caller's transaction, so a failed order gives the units back by rolling back.
     */
    public void decrementStock(long productId, int qty) {
        if (qty < 1) throw new IllegalArgumentException("quantity must be positive");
        db.txRun(() -> {
            if (!products.exists(productId)) throw productNotFound();
            if (!products.takeStock(productId, qty, cache::changed)) {
                int left = products.stock(productId).orElse(0);
                throw invalid("product_id", left == 0 ? "Product is out of stock" : "Only " + left + " left in stock");
            }
        });
    }

    /** Gives units back (a cancelled order); unlimited stock stays unlimited. */
    public void restoreStock(long productId, int qty) {
        if (qty < 1) throw new IllegalArgumentException("quantity must be positive");
        db.txRun(() -> products.returnStock(productId, qty, cache::changed));
    }

    /** Any product with its forms and prices, offered or not (upgrades of existing services); 404 when it does not exist. */
    public Product definition(long productId) {
        return stored(productId).product();
    }

    /** The products a service of this product may be upgraded or downgraded to, in staff's order. */
    public List<Long> upgradeTargets(long productId) {
        return definition(productId).spec().upgrades();
    }

    /** The products offered together with this one, in staff's order. */
    public List<Long> subproducts(long productId) {
        return definition(productId).spec().subproducts();
    }

    /** A cache key: what was read, and for which id or currency. */
    private record Key(String what, Object of) {}

    // ----

    static boolean offered(Product p, Category c) {
        return p.spec().visible() && !p.spec().retired() && c.visible();
    }

    private static Map<Long, Addon> byId(List<Addon> list) {
        return list.stream().collect(Collectors.toMap(Addon::id, a -> a, (a, b) -> a, LinkedHashMap::new));
    }

    private static <T> List<T> sortBy(List<T> items, List<Long> order, Function<T, Long> id) {
        var copy = new ArrayList<>(items);
        copy.sort(java.util.Comparator.comparingInt(t -> order.indexOf(id.apply(t))));
        return copy;
    }

    static StewardException productNotFound() {
        return StewardException.notFound("Product not found");
    }

    static StewardException invalid(String field, String message) {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of(message), Map.of(field, List.of(message)));
    }
}
