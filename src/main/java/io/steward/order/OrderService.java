package io.steward.order;

import io.steward.billing.BillingListener;
import io.steward.billing.BillingService;
import io.steward.billing.Gateway;
import io.steward.billing.Gateways;
import io.steward.billing.InvoiceDetail;
import io.steward.billing.InvoiceDraft;
import io.steward.catalog.CatalogService;
import io.steward.catalog.OrderableProduct;
import io.steward.catalog.PriceRequest;
import io.steward.catalog.PricedConfiguration;
import io.steward.catalog.Product;
import io.steward.core.BillingCycle;
import io.steward.core.ErrorCode;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.promo.Promo;
import io.steward.promo.PromoContext;
import io.steward.promo.PromoRejection;
import io.steward.promo.PromoService;
import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import io.steward.tax.TaxResult;
import io.steward.tax.TaxableLine;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Orders: quoting and placing them, and following their invoice. An order prices each item
 * (catalog), applies the promo code (promo), creates Pending services (service), issues one
 * invoice (billing) and takes stock, all in one transaction. Paying the invoice marks the order
 * Active and activates its services in the paying transaction ({@link BillingListener}).
 *
 * <p>Only invoices an order issued are followed here; renewal invoices of the same services are
 * the billing engine's.
 */
public final class OrderService implements BillingListener {
    /** What {@link #place} created: the order, its invoice and its items' services. */
    public record Placed(Order order, InvoiceDetail invoice, Quote quote) {}

    /**
     * Who pays an order placed for another account (a reseller for its end client) and the
     * reseller's discount: one negative line per item, {@code discountPercent} of the item's lines,
     * rounded once. The order and what it creates stay the ordering account's.
     */
    public record BillTo(long clientId, BigDecimal discountPercent, String label) {}

    private final Db db;
    private final Clock clock;
    private final CatalogService catalog;
    private final PromoService promos;
    private final BillingService billing;
    private final Gateways gateways;
    private final ServiceOperations services;
    private final OrderTax tax;
    private final LongFunction<String> currencyOf;
    private final int minProrataDays;
    private final int defaultLeadDays;
    private final OrderStore store;
    private final SecureRandom random = new SecureRandom();
    private final List<OrderListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private DomainItems domains;
    private CertificateItems certificates;

    public OrderService(Db db, Clock clock, CatalogService catalog, PromoService promos, BillingService billing, Gateways gateways,
                        ServiceOperations services, OrderTax tax, LongFunction<String> currencyOf, int minProrataDays,
                        int defaultLeadDays) {
        this.db = db;
        this.clock = clock;
        this.catalog = catalog;
        this.promos = promos;
        this.billing = billing;
        this.gateways = gateways;
        this.services = services;
        this.tax = tax;
        this.currencyOf = currencyOf;
        this.minProrataDays = minProrataDays;
        this.defaultLeadDays = defaultLeadDays;
        this.store = new OrderStore(db);
        billing.addListener(this);
    }

    /** Registers a listener told of every order placed, inside the order's transaction. */
    public void addListener(OrderListener listener) {
        listeners.add(listener);
    }

    /** The domain feature takes domain items from now on (until then they are refused). */
    public void useDomainItems(DomainItems items) {
        this.domains = items;
    }

    /** The ssl feature takes certificate items from now on (until then they are refused). */
    public void useCertificateItems(CertificateItems items) {
        this.certificates = items;
    }

    OrderStore store() { return store; }

    Db db() { return db; }

    Clock clock() { return clock; }

    // Quoting

    /**
     * Evaluates an order without placing it: the lines, discount, fee, tax and total of the invoice
     * the order would issue now. Invalid items are reported per item, not thrown; an unknown or
     * inapplicable promo code and an unknown payment method are 422.
     */
    public Quote quote(long clientId, OrderRequest request) {
        return db.tx(() -> evaluate(clientId, request));
    }

    private Quote evaluate(long clientId, OrderRequest request) {
        String currency = currencyOf.apply(clientId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Gateway gateway = request.gatewayId() == null ? null : gateways.requireEnabled(request.gatewayId(), "pay_method");
        var items = new ArrayList<Quote.EvaluatedItem>();
        int index = 0;
        for (OrderRequest.Item item : request.items()) items.add(evaluateItem(clientId, index++, item, currency, today));

        Promo promo = null;
        if (request.promocode() != null) {
            promo = promos.find(request.promocode()).orElseThrow(() -> PromoService.rejected(PromoRejection.NOT_FOUND));
            boolean clientIsNew = !store.hasActiveOrder(clientId);
            PromoRejection firstRejection = null;
            boolean applied = false;
            for (int i = 0; i < items.size(); i++) {
                var it = items.get(i);
                if (!it.valid() || it.product() == null) continue;
                var outcome = promos.evaluate(promo, PromoContext.order(it.product().id(), it.priced().cycle().code(), currency,
                        it.units().get(0).discountableAmounts(), clientIsNew));
                if (outcome.applicable()) {
                    applied = true;
                    items.set(i, new Quote.EvaluatedItem(it.index(), it.request(), it.product(), it.priced(), it.units(),
                            outcome.total(), recurringDiscount(promo, it, currency), it.errors(), false, it.domain(), it.certificate()));
                } else if (firstRejection == null) {
                    firstRejection = outcome.rejection().orElseThrow();
                }
            }
            if (!applied && firstRejection != null) throw PromoService.rejected(firstRejection);
        }
        return totals(clientId, currency, items, promo, gateway);
    }

    private Quote.EvaluatedItem evaluateItem(long clientId, int index, OrderRequest.Item item, String currency, LocalDate today) {
        String type = item.type() == null || item.type().isBlank() ? "product" : item.type().trim().toLowerCase(java.util.Locale.ROOT);
        List<String> errors = switch (type) {
            case "product" -> item.productId() == null ? List.of("Product id is required (product_id)") : List.of();
            case "domain" -> domains == null ? List.of("Domain orders are not available") : List.of();
            case "certificate" -> certificates == null ? List.of("Certificate orders are not available") : List.of();
            default -> List.of("Unknown item type '" + item.type() + "': use product, domain or certificate");
        };
        if (!errors.isEmpty()) return new Quote.EvaluatedItem(index, item, null, null, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, errors, false);
        try {
            if (type.equals("domain")) {
                DomainItems.Evaluated d = domains.evaluate(clientId, item.params(), currency);
                return new Quote.EvaluatedItem(index, item, null, null, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, List.of(), false, d);
            }
            long productId = item.productId() == null ? 0 : item.productId();
            var params = item.params();
            String label = item.domain();
            CertificateItems.Evaluated cert = null;
            if (type.equals("certificate")) {
                // A certificate is a service of a certificate product: priced and created as one.
                cert = certificates.evaluate(clientId, item.params());
                productId = cert.productId();
                params = cert.catalogParams();
                label = cert.domain();
            }
            OrderableProduct product = catalog.productForOrder(productId);
            PricedConfiguration priced = catalog.price(PriceRequest.fromParams(productId, params, currency));
            LocalDate prorata = prorataDate(product, today);
            var units = new ArrayList<OrderPlanner.Plan>();
            for (int u = 0; u < priced.quantity(); u++) units.add(OrderPlanner.plan(priced, label, today, prorata, minProrataDays));
            return new Quote.EvaluatedItem(index, item, product, priced, units, BigDecimal.ZERO, BigDecimal.ZERO, List.of(), false, null, cert);
        } catch (StewardException e) {
            var msgs = new ArrayList<String>();
            e.fields().forEach((field, list) -> list.forEach(m -> msgs.add(field + ": " + m)));
            if (msgs.isEmpty()) msgs.addAll(e.messages());
            return new Quote.EvaluatedItem(index, item, null, null, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, msgs, e.code() == ErrorCode.NOT_FOUND);
        }
    }

    /**
     * The discount a recurring code gives each renewal of one unit: the code evaluated as a
     * renewal (the rules that outlive the order: recurring, enabled, product, cycle, currency) on
     * the unit's renewing lines that a code may discount (the product and its options). It is
     * taken off the service's recurring amount when the order is placed, so renewals charge it
     * and the quote's {@code recurring} shows what they will charge.
     */
    private BigDecimal recurringDiscount(Promo promo, Quote.EvaluatedItem it, String currency) {
        if (!promo.recurring() || !it.priced().cycle().recurring()) return BigDecimal.ZERO;
        var outcome = promos.evaluate(promo, PromoContext.renewal(it.product().id(), it.priced().cycle().code(), currency,
                it.units().get(0).discountableRecurring()));
        return outcome.applicable() ? outcome.total() : BigDecimal.ZERO;
    }

    /** The next date on the product's pro-rata day (today if it is that day), or null without one; as {@code CatalogService.prorataDate}. */
    static LocalDate prorataDate(OrderableProduct p, LocalDate today) {
        Integer day = p.prorataDay();
        if (day == null || p.paytype() != Product.PayType.Regular) return null;
        return today.getDayOfMonth() <= day ? today.withDayOfMonth(day) : today.plusMonths(1).withDayOfMonth(day);
    }

    /**
     * The invoice arithmetic billing applies (each line rounded once, the fee on the subtotal before
     * tax, tax from the same seam), so a quote equals the invoice the order then issues.
     */
    private Quote totals(long clientId, String currency, List<Quote.EvaluatedItem> items, Promo promo, Gateway gateway) {
        var lines = new ArrayList<OrderPlanner.Line>();
        BigDecimal discount = BigDecimal.ZERO;
        var recurring = new EnumMap<BillingCycle, BigDecimal>(BillingCycle.class);
        for (var it : items) {
            if (!it.valid()) continue;
            if (it.domain() != null) {
                for (var l : it.domain().lines()) lines.add(OrderPlanner.domain(l));
                BillingCycle.RECURRING.stream().filter(c -> c.months() == 12 * it.domain().years()).findFirst().ifPresent(c -> recurring.merge(c, it.domain().recurring(), BigDecimal::add));
                continue;
            }
            for (var unit : it.units()) {
                lines.addAll(unit.lines());
                if (it.discountPerUnit().signum() > 0) {
                    lines.add(OrderPlanner.discount(promo.code(), it.discountPerUnit()));
                    discount = discount.add(it.discountPerUnit());
                }
                it.priced().recurringByCycle().forEach((c, amount) -> recurring.merge(c, amount, BigDecimal::add));
                if (it.recurringDiscountPerUnit().signum() > 0) recurring.merge(it.priced().cycle(), it.recurringDiscountPerUnit().negate(), BigDecimal::add);
            }
        }
        BigDecimal linesTotal = Money.sum(lines.stream().map(OrderPlanner.Line::amount).toList());
        BigDecimal fee = BigDecimal.ZERO;
        if (gateway != null && gateway.hasFee()) {
            fee = gateway.fee(linesTotal, currency);
            if (fee.signum() < 0) fee = BigDecimal.ZERO;
        }
        var taxable = new ArrayList<TaxableLine>();
        for (var l : lines) taxable.add(new TaxableLine(l.amount(), l.taxed()));
        if (fee.signum() > 0) taxable.add(new TaxableLine(fee, true));
        TaxResult t = tax.compute(clientId, currency, taxable);
        BigDecimal cost = Money.round(linesTotal.add(fee), currency);
        BigDecimal total = cost.add(Money.round(t.tax(), currency)).add(Money.round(t.tax2(), currency));
        recurring.replaceAll((c, v) -> Money.round(v, currency));
        return new Quote(currency, List.copyOf(items), promo, Money.round(cost.add(discount), currency), Money.round(discount, currency),
                fee, gateway == null ? null : gateway.name(), cost, t, total, recurring);
    }

    // Placing

    /**
     * Places an order: one transaction creates the order, its Pending services, the invoice and
     * the promo redemption, and takes stock. Item errors are a 422 naming {@code items[i]} unless
     * {@code ignoreErrors} lets the valid items through (at least one must be valid).
     */
    public Placed place(long clientId, OrderRequest request, String by) {
        return place(clientId, request, by, null);
    }

    /** {@link #place(long, OrderRequest, String)}, invoiced to {@code billTo} (null: to the ordering account). */
    public Placed place(long clientId, OrderRequest request, String by, BillTo billTo) {
        return db.tx(() -> {
            Quote q = evaluate(clientId, request);
            var fields = new LinkedHashMap<String, List<String>>();
            for (var it : q.items()) if (!it.valid()) fields.put("items[" + it.index() + "]", it.errors());
            if (q.valid().isEmpty() || (!fields.isEmpty() && !request.ignoreErrors())) {
                var messages = new ArrayList<String>();
                fields.values().forEach(messages::addAll);
                if (request.items().size() == 1 && q.items().get(0).notFound()) throw StewardException.notFound("Product not found");
                if (request.items().size() == 1 && q.items().size() == 1 && !fields.isEmpty()) {
                    throw new StewardException(ErrorCode.UNPROCESSABLE, messages, singleItemFields(q.items().get(0)));
                }
                if (messages.isEmpty()) messages.add("Nothing to order");
                throw new StewardException(ErrorCode.UNPROCESSABLE, messages, fields.isEmpty() ? Map.of("items", List.of("Nothing to order")) : fields);
            }
            LocalDateTime now = Times.now(clock);
            LocalDate today = now.toLocalDate();
            boolean clientWasNew = !store.hasActiveOrder(clientId);
            boolean promoUsed = q.valid().stream().anyMatch(it -> it.discountPerUnit().signum() > 0);
            long orderId = store.insert(clientId, newOrderNum(), promoUsed ? q.promo().id() : null, request.affId(),
                    request.gatewayId(), q.currency(), by, now);
            var lines = new ArrayList<InvoiceDraft.Line>();
            var onOrder = new ArrayList<Long>();
            int position = 0;
            var domainItems = new ArrayList<long[]>();
            for (var it : q.valid()) {
                if (it.domain() != null) {
                    long domainId = domains.create(clientId, orderId, it.domain());
                    store.insertDomainItem(orderId, position++, it.domain().tldId(), domainId);
                    for (var l : it.domain().lines()) {
                        lines.add(new InvoiceDraft.Line(OrderPlanner.DOMAIN, domainId, l.description(), l.amount(), BigDecimal.ONE, l.taxed(),
                                null, null, null));
                    }
                    if (billTo != null && billTo.discountPercent().signum() > 0) {
                        BigDecimal off = Money.percentOf(Money.sum(it.domain().lines().stream().map(l -> l.amount()).toList()),
                                billTo.discountPercent(), q.currency());
                        if (off.signum() > 0) {
                            lines.add(new InvoiceDraft.Line(OrderPlanner.DOMAIN, domainId, billTo.label(), off.negate(), BigDecimal.ONE, true,
                                    null, null, null));
                        }
                    }
                    domainItems.add(new long[] {domainId, it.index()});
                    continue;
                }
                OrderableProduct p = it.product();
                for (var unit : it.units()) {
                    long serviceId = services.createPending(newService(clientId, orderId, p, it, unit, q.currency(), today));
                    if (it.certificate() != null) certificates.create(clientId, orderId, serviceId, it.certificate());
                    store.insertItem(orderId, position++, p.id(), serviceId, 1);
                    for (OrderListener l : listeners) l.serviceOrdered(serviceId, it.priced());
                    for (var l : unit.lines()) lines.add(l.forService(serviceId));
                    if (billTo != null && billTo.discountPercent().signum() > 0) {
                        BigDecimal off = Money.percentOf(unit.total(), billTo.discountPercent(), q.currency());
                        if (off.signum() > 0) lines.add(OrderPlanner.discountLine(billTo.label(), off).forService(serviceId));
                    }
                    if (it.discountPerUnit().signum() > 0) lines.add(OrderPlanner.discount(q.promo().code(), it.discountPerUnit()).forService(serviceId));
                    if (p.provisioning() == Product.Provisioning.ON_ORDER) onOrder.add(serviceId);
                }
                catalog.decrementStock(p.id(), it.quantity());
            }
            if (promoUsed) promos.redeem(q.promo().id());
            var draft = new InvoiceDraft(billTo == null ? clientId : billTo.clientId(), q.currency(), null, lines, "", request.gatewayId(), null);
            InvoiceDetail invoice = billing.issue(draft).invoice()
                    .orElseThrow(() -> new IllegalStateException("the invoice of a new order issued nothing"));
            store.setInvoice(orderId, invoice.id(), invoice.invoice().total(), now);
            boolean paidAtIssue = io.steward.billing.Invoice.PAID.equals(invoice.invoice().status());
            for (long[] d : domainItems) {
                var it = q.items().get((int) d[1]);
                domains.invoiced(d[0], it.domain(), invoice.id(), paidAtIssue);
            }
            Order placed = store.byId(orderId).orElseThrow();
            for (OrderListener l : listeners) l.orderPlaced(placed, clientWasNew);
            for (long serviceId : onOrder) services.activate(serviceId);
            // A free order's invoice is paid at issue, before this order knew its invoice id.
            if (io.steward.billing.Invoice.PAID.equals(invoice.invoice().status())) paid(store.byId(orderId).orElseThrow());
            return new Placed(store.byId(orderId).orElseThrow(), billing.invoice(invoice.id()).orElseThrow(), q);
        });
    }

    private static Map<String, List<String>> singleItemFields(Quote.EvaluatedItem it) {
        var fields = new LinkedHashMap<String, List<String>>();
        for (String e : it.errors()) {
            int colon = e.indexOf(": ");
            String field = colon > 0 && !e.substring(0, colon).contains(" ") ? e.substring(0, colon) : "product_id";
            fields.computeIfAbsent(field, k -> new ArrayList<>()).add(colon > 0 && !field.equals("product_id") ? e.substring(colon + 2) : e);
        }
        return fields;
    }

    private ServiceOperations.NewService newService(long clientId, long orderId, OrderableProduct p, Quote.EvaluatedItem it,
                                                    OrderPlanner.Plan unit, String currency, LocalDate today) {
        BillingCycle cycle = it.priced().cycle();
        LocalDate nextDue = unit.nextDue();
        LocalDate nextInvoice = null;
        if (nextDue != null) {
            int lead = p.renewalLeadDays() == null ? defaultLeadDays : p.renewalLeadDays();
            nextInvoice = nextDue.minusDays(lead);
            if (nextInvoice.isBefore(today)) nextInvoice = today;
        }
        String domain = it.certificate() != null ? it.certificate().domain()
                : it.request().domain() == null || it.request().domain().isBlank() ? null : it.request().domain().trim();
        return new ServiceOperations.NewService(clientId, p.id(), orderId, p.name(), p.categoryName(), slug(p.categoryName()),
                cycle, currency, it.renewsAt(unit), Money.round(unit.total(), currency), today, nextDue,
                nextInvoice, domain, null, null, p.module(), p.provisioning() == Product.Provisioning.MANUAL, p.moduleConfig());
    }

    private static String slug(String name) {
        return name == null ? null : name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private long newOrderNum() {
        while (true) {
            long n = 100_000_000L + random.nextInt(900_000_000);
            if (!store.orderNumTaken(n)) return n;
        }
    }

    // Following the invoice

    @Override
    public void invoicePaid(InvoiceDetail invoice) {
        store.byInvoice(invoice.id()).ifPresent(this::paid);
    }

    /** The order's invoice was paid: the order becomes Active and its services are provisioned (unless manual). */
    private void paid(Order order) {
        if (!store.setStatus(order.id(), Order.PENDING, Order.ACTIVE, Times.now(clock))) return;
        for (Order.Item item : order.items()) if (item.serviceId() != null) services.activate(item.serviceId());
    }

    @Override
    public void invoiceCancelled(InvoiceDetail invoice) {
        store.byInvoice(invoice.id()).ifPresent(o -> {
            if (store.setStatus(o.id(), Order.PENDING, Order.CANCELLED, Times.now(clock))) endServices(o);
        });
    }

    /** Pending services of a cancelled order end at once (never provisioned); its stock and promo use go back. */
    private void endServices(Order o) {
        if (o.promoCodeId() != null) promos.release(o.promoCodeId());
        for (Order.Item item : o.items()) {
            if (item.serviceId() == null) continue;
            Optional<Service> s = services.find(item.serviceId());
            if (s.isPresent() && Service.PENDING.equals(s.get().status())) {
                services.terminate(item.serviceId());
                catalog.restoreStock(item.productId(), item.quantity());
            }
        }
    }

    // Reading and staff changes

    public Order get(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("Order not found"));
    }

    public Optional<Order> byInvoice(long invoiceId) {
        return store.byInvoice(invoiceId);
    }

    /** The promo code an order's service was ordered with, for renewals of recurring codes (the billing engine). */
    public Optional<Long> promoCodeOf(long serviceId) {
        return db.tx(() -> db.dsl().select(OrderStore.PROMO_ID).from(OrderStore.O).join(OrderStore.I)
                .on(OrderStore.I_ORDER_ID.eq(OrderStore.ID)).where(OrderStore.I_SERVICE_ID.eq(serviceId))
                .fetchOptional(OrderStore.PROMO_ID));
    }

    public record Page(List<Order> orders, int total, int page, int perPage) {}

    public Page list(Long clientId, String status, int page, int perPage) {
        if (status != null && !Order.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + String.join(", ", Order.STATUSES))));
        }
        return db.tx(() -> new Page(store.list(clientId, status, page, perPage), store.count(clientId, status), page, perPage));
    }

    /**
     * Staff mark a Pending order Cancelled or Fraud: its unpaid invoice is cancelled, its Pending
     * services end and the stock goes back. A paid (Active) or already closed order is a 409.
     */
    public Order setStatus(long orderId, String status, String by) {
        if (!Order.CANCELLED.equals(status) && !Order.FRAUD.equals(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be Cancelled or Fraud")));
        }
        return db.tx(() -> {
            Order o = store.byIdForUpdate(orderId).orElseThrow(() -> StewardException.notFound("Order not found"));
            if (!store.setStatus(orderId, Order.PENDING, status, Times.now(clock))) {
                throw StewardException.conflict("Only a Pending order can be set to " + status + "; this one is " + o.status());
            }
            if (o.invoiceId() != null && billing.invoice(o.invoiceId()).map(d -> d.invoice().open()).orElse(false)) {
                billing.cancel(o.invoiceId(), by);
            }
            endServices(o);
            return get(orderId);
        });
    }
}
