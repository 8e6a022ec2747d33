package io.steward.upgrade;

import io.steward.account.Actor;
import io.steward.billing.BillingListener;
import io.steward.billing.BillingService;
import io.steward.billing.CreditLedger;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.billing.InvoiceDraft;
import io.steward.catalog.CatalogService;
import io.steward.catalog.PriceRequest;
import io.steward.catalog.PricedConfiguration;
import io.steward.catalog.Product;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.order.Order;
import io.steward.order.OrderListener;
import io.steward.service.Service;
import io.steward.service.ServiceManager;
import io.steward.service.ServiceOperations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades and downgrades of services: the options a service may change to, quotes, and the
 * change itself. A change that costs something issues an upgrade invoice and waits for it
 * (Pending); its payment applies it (the service's product, options and recurring amount, and a
 * {@code change_package} job that tells its module), its cancellation drops it. A change that
 * costs nothing or gives money back applies at once; a downgrade's prorated difference goes to the
 * account credit when the {@code downgrade_credit} setting is {@code credit}.
 */
public final class UpgradeService implements BillingListener, OrderListener, ServiceOptions {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeService.class);
    /** The invoice line type of upgrade lines. */
    public static final String LINE_TYPE = "Upgrade";
    public static final List<String> CREDIT_SETTINGS = List.of("credit", "none");

    /** What the client asks for: a package (null: keep it), option values by form id, a cycle (null: keep it). */
    public record Request(Long packageId, Map<Long, PriceRequest.FormValue> resources, String cycle) {}

    /** A change priced: the lines and what issuing them would total, and the configuration it leads to. */
    public record Plan(Service service, Product from, Product to, PricedConfiguration before, PricedConfiguration after,
                       Map<Long, String> values, Proration.Result proration, BillingService.Preview totals, BigDecimal newRecurring) {
        public boolean costs() { return proration.total().signum() > 0; }

        public String direction() { return costs() ? Upgrade.UPGRADE : Upgrade.DOWNGRADE; }
    }

    /** What {@code GET /service/@id/upgrade} shows: the current configuration priced, its forms, and the upgrade targets priced. */
    public record Options(Service service, Product product, Map<Long, String> values, List<Target> targets) {}

    public record Target(Product product, io.steward.catalog.Price price) {}

    /** A change made: the upgrade as stored and the plan it was priced by. */
    public record Ordered(Upgrade upgrade, Plan plan) {}

    private final Db db;
    private final Clock clock;
    private final CatalogService catalog;
    private final ServiceManager services;
    private final BillingService billing;
    private final CreditLedger credit;
    private final UpgradeStore store;
    private final String defaultCredit;

    UpgradeService(Db db, Clock clock, CatalogService catalog, ServiceManager services, BillingService billing, CreditLedger credit,
                   UpgradeStore store, String defaultCredit) {
        this.db = db;
        this.clock = clock;
        this.catalog = catalog;
        this.services = services;
        this.billing = billing;
        this.credit = credit;
        this.store = store;
        this.defaultCredit = defaultCredit;
    }

    // The client's view. Another client's service is not found; a contact needs its "upgrade" privilege.

    private Service owned(Actor actor, long serviceId) {
        Service s = services.find(serviceId).filter(x -> x.clientId() == actor.clientId())
                .orElseThrow(() -> StewardException.notFound("Service not found"));
        actor.requireService(serviceId, "upgrade");
        return s;
    }

    public Options options(Actor actor, long serviceId) {
        return db.tx(() -> {
            Service s = changeable(owned(actor, serviceId));
            Product p = catalog.definition(s.productId());
            Map<Long, String> values = Configurations.withDefaults(p, store.options(s.id()), s.domain());
            var targets = new ArrayList<Target>();
            for (long id : p.spec().upgrades()) {
                Product t;
                try {
                    catalog.productForOrder(id); // offered (visible, not retired) only
                    t = catalog.definition(id);
                } catch (StewardException e) {
                    continue;
                }
                // The package's own price: its required options are the client's to choose in the request.
                t.price(s.currency(), s.cycle()).ifPresent(price -> targets.add(new Target(t, price)));
            }
            return new Options(s, p, values, targets);
        });
    }

    /** Prices the change without making it. */
    public Plan quote(Actor actor, long serviceId, Request r) {
        return db.tx(() -> plan(changeable(owned(actor, serviceId)), r));
    }

    /**
     * Makes the change: under the service's lock, one pending change per service (the database's
     * unique key backs this up). Answers the upgrade as stored.
     */
    public Ordered order(Actor actor, long serviceId, Request r, String by) {
        owned(actor, serviceId);
        return db.tx(() -> {
            Service s = changeable(services.lock(serviceId));
            store.pendingFor(serviceId).ifPresent(u -> {
                throw StewardException.conflict("An upgrade of this service is waiting for payment"
                        + (u.invoiceId() == null ? "" : " of invoice " + u.invoiceId()) + "; pay or cancel it first");
            });
            if (!billing.openForService(serviceId).isEmpty()) {
                throw StewardException.conflict("The service has an unpaid invoice; pay it (or have it cancelled) before changing the service");
            }
            Plan plan = plan(s, r);
            LocalDateTime now = Times.now(clock);
            var pr = plan.proration();
            var draft = new Upgrade(0, s.id(), s.clientId(), Upgrade.PENDING, plan.direction(), plan.from().id(), plan.to().id(),
                    plan.to().name(), s.cycle(), s.currency(), Json.text(plan.values()),
                    Json.text(Configurations.moduleOptions(plan.after())), s.recurringAmount(), plan.newRecurring(), pr.total(),
                    BigDecimal.ZERO, pr.periodStart(), pr.periodEnd(), pr.daysLeft(), pr.daysInPeriod(), null, by, now, now, null);
            long id;
            try {
                id = store.insertPending(draft, now);
            } catch (org.jooq.exception.DataAccessException e) {
                if ("23505".equals(e.sqlState())) throw StewardException.conflict("An upgrade of this service is already pending");
                throw e;
            }
            if (plan.costs()) {
                InvoiceDetail inv = billing.issue(invoiceDraft(s, pr)).invoice()
                        .orElseThrow(() -> new IllegalStateException("an upgrade invoice issued nothing"));
                store.setInvoice(id, inv.id(), now);
                // Paid at issue (a zero total after tax): applied now, as its payment would.
                if (Invoice.PAID.equals(inv.invoice().status())) apply(store.byId(id).orElseThrow());
            } else {
                apply(store.byId(id).orElseThrow());
            }
            return new Ordered(store.byId(id).orElseThrow(), plan);
        });
    }

    /** The lines of an upgrade invoice: the proration's lines, nothing else, so the quote equals it. */
    static InvoiceDraft invoiceDraft(Service s, Proration.Result pr) {
        var lines = new ArrayList<InvoiceDraft.Line>();
        for (Proration.Line l : pr.lines()) {
            // No period key: the upgrade lines of one service share a period, and renewals own that key.
            lines.add(new InvoiceDraft.Line(LINE_TYPE, s.id(), l.description(), l.amount(), BigDecimal.ONE, true, s.id(), null, null));
        }
        return new InvoiceDraft(s.clientId(), s.currency(), null, lines, "Upgrade of service #" + s.id(), null, null);
    }

    private Service changeable(Service s) {
        if (!s.status().equals(Service.ACTIVE)) throw StewardException.conflict("Only an Active service can be upgraded; this one is " + s.status());
        if (!s.cycle().recurring() || s.nextDue() == null) throw unprocessable("cycle", s.cycle().label() + " services cannot be upgraded");
        if (s.productId() == null) throw unprocessable("package", "This service has no catalog product to upgrade from");
        return s;
    }

    Plan plan(Service s, Request r) {
        if (r.cycle() != null && !r.cycle().isBlank()) {
            var c = io.steward.core.BillingCycle.parse(r.cycle());
            if (c.isEmpty()) throw unprocessable("cycle", "Unknown billing cycle '" + r.cycle() + "'");
            if (c.get() != s.cycle()) {
                throw unprocessable("cycle", "The billing cycle cannot be changed by an upgrade; the service renews " + s.cycle().label());
            }
        }
        Product from = catalog.definition(s.productId());
        Product to = from;
        if (r.packageId() != null && r.packageId() != from.id()) {
            if (!from.spec().upgrades().contains(r.packageId())) {
                throw unprocessable("package", "Product " + r.packageId() + " is not an upgrade or downgrade of " + from.name());
            }
            try {
                catalog.productForOrder(r.packageId());
            } catch (StewardException e) {
                throw unprocessable("package", "Product " + r.packageId() + " is not offered");
            }
            to = catalog.definition(r.packageId());
            if (to.price(s.currency(), s.cycle()).isEmpty()) {
                throw unprocessable("package", to.name() + " is not sold " + s.cycle().label() + " in " + s.currency());
            }
        }
        for (Long formId : r.resources().keySet()) {
            var form = to.form(formId);
            if (form.isEmpty()) throw unprocessable("resources[" + formId + "]", "No such resource for " + to.name());
            if (form.get().type() == io.steward.catalog.Form.Type.INPUT) {
                throw unprocessable("resources[" + formId + "]", form.get().name() + " cannot be changed by an upgrade");
            }
        }
        Map<Long, String> current = Configurations.withDefaults(from, store.options(s.id()), s.domain());
        PricedConfiguration before = price(from, current, s, "The service's current configuration cannot be priced");
        Map<Long, String> currentValues = Configurations.values(from, before);
        Map<Long, String> base = to == from ? currentValues : Configurations.withDefaults(to, Configurations.carried(from, currentValues, to), s.domain());
        var wanted = new LinkedHashMap<>(Configurations.request(base));
        wanted.putAll(r.resources());
        PricedConfiguration after;
        try {
            after = catalog.priceExisting(new PriceRequest(to.id(), s.cycle().code(), s.currency(), 1, wanted, Map.of()));
        } catch (StewardException e) {
            throw renamed(e);
        }
        Map<Long, String> values = Configurations.values(to, after);
        if (to == from && values.equals(currentValues)) throw unprocessable("resources", "Nothing to change: the service already has this configuration");
        Proration.Result pr;
        try {
            pr = Proration.prorate(Configurations.components(before, after), s.cycle(), s.nextDue(), s.effectiveBillingDay(),
                    s.currency(), clock);
        } catch (Proration.NoPaidTime e) {
            throw StewardException.conflict(e.getMessage());
        }
        BigDecimal newRecurring = Proration.newRecurring(s.recurringAmount(), pr, s.currency());
        BillingService.Preview totals = pr.total().signum() > 0 ? billing.preview(invoiceDraft(s, pr)) : null;
        return new Plan(s, from, to, before, after, values, pr, totals, newRecurring);
    }

    private PricedConfiguration price(Product p, Map<Long, String> values, Service s, String what) {
        try {
            return catalog.priceExisting(new PriceRequest(p.id(), s.cycle().code(), s.currency(), 1, Configurations.request(values), Map.of()));
        } catch (StewardException e) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of(what + ": " + String.join("; ", e.messages())), Map.of());
        }
    }

    /** The catalog names an option {@code custom[<form id>]}, as the order endpoints call it; here it is a resource. */
    private static StewardException renamed(StewardException e) {
        var fields = new LinkedHashMap<String, List<String>>();
        e.fields().forEach((k, v) -> fields.put(k.replace("custom[", "resources["), v));
        return new StewardException(e.code(), e.messages(), fields);
    }

    static StewardException unprocessable(String field, String message) {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of(message), Map.of(field, List.of(message)));
    }

    /**
     * The references' "Upgrade Request" and "Upgrade Options" methods, for an Active renewing
     * service whose product has upgrade paths or options, when the caller may upgrade it.
     */
    public List<Map<String, Object>> methods(Actor actor, Service s) {
        if (!s.status().equals(Service.ACTIVE) || !s.cycle().recurring() || s.productId() == null
                || !actor.privileges().services().allows(s.id(), "upgrade")) {
            return List.of();
        }
        Product p;
        try {
            p = catalog.definition(s.productId());
        } catch (StewardException e) {
            return List.of();
        }
        boolean changeable = !p.spec().upgrades().isEmpty()
                || p.spec().forms().stream().anyMatch(f -> f.type() != io.steward.catalog.Form.Type.INPUT);
        if (!changeable) return List.of();
        return List.of(Json.obj("name", "Upgrade Request", "method", "POST", "route", "/service/@id/upgrade"),
                Json.obj("name", "Upgrade Options", "method", "GET", "route", "/service/@id/upgrade"));
    }

    // Applying.

    /**
     * Applies a pending change in the caller's transaction: the service's product, options and
     * recurring amount change and its module is told by a job; a downgrade's credit is given.
     */
    private void apply(Upgrade u) {
        LocalDateTime now = Times.now(clock);
        Optional<Service> found = services.find(u.serviceId());
        if (found.isEmpty() || !(found.get().status().equals(Service.ACTIVE) || found.get().status().equals(Service.SUSPENDED))) {
            // The service ended meanwhile: nothing to change; staff see the upgrade cancelled and may refund its invoice.
            LOG.warn("upgrade {} of service {} not applied: the service is no longer active", u.id(), u.serviceId());
            store.finish(u.id(), Upgrade.CANCELLED, BigDecimal.ZERO, now);
            return;
        }
        Service s = found.get();
        String moduleConfig = u.toProductId() == u.fromProductId() ? s.moduleConfig() : catalog.product(u.toProductId()).moduleConfig();
        services.applyPackageChange(s.id(), new ServiceOperations.PackageChange(u.toProductId(), u.toProductName(), u.newRecurring(),
                moduleConfig, u.moduleOptions(), "upgrade:" + u.id()));
        store.replaceOptions(s.id(), parseValues(u.options()));
        BigDecimal given = BigDecimal.ZERO;
        if (u.amount().signum() < 0 && "credit".equals(downgradeCredit())) {
            given = u.amount().negate();
            credit.adjust(s.clientId(), given, "Downgrade of service #" + s.id() + " to " + u.toProductName() + " (" + u.daysLeft() + "/"
                    + u.daysInPeriod() + " days left)", "system");
        }
        store.finish(u.id(), Upgrade.APPLIED, given, now);
    }

    private static Map<Long, String> parseValues(String json) {
        var out = new LinkedHashMap<Long, String>();
        readTree(json).fields().forEachRemaining(e -> out.put(Long.parseLong(e.getKey()), e.getValue().asText()));
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored upgrade options are not JSON", e);
        }
    }

    @Override
    public void invoicePaid(InvoiceDetail invoice) {
        store.pendingByInvoiceForUpdate(invoice.id()).ifPresent(this::apply);
    }

    @Override
    public void invoiceCancelled(InvoiceDetail invoice) {
        store.pendingByInvoiceForUpdate(invoice.id()).ifPresent(u -> store.finish(u.id(), Upgrade.CANCELLED, BigDecimal.ZERO, Times.now(clock)));
    }

    @Override
    public List<Chosen> chosen(long serviceId) {
        Optional<Service> s = services.find(serviceId);
        if (s.isEmpty()) return List.of();
        Product p = catalog.definition(s.get().productId());
        var out = new ArrayList<Chosen>();
        for (var e : store.options(serviceId).entrySet()) {
            Optional<io.steward.catalog.Form> f = p.form(e.getKey());
            if (f.isEmpty() || f.get().items().isEmpty()) continue;
            io.steward.catalog.Form form = f.get();
            String v = e.getValue() == null ? "" : e.getValue().trim();
            io.steward.catalog.Form.Item item;
            int units = 1;
            if (form.type().singleItem()) {
                item = form.items().get(0);
                if (form.type().numeric()) {
                    if (!v.matches("\\d{1,9}")) continue;
                    units = Integer.parseInt(v);
                } else if (form.type() == io.steward.catalog.Form.Type.CHECKBOX && !v.equals("1")) {
                    continue;
                }
            } else {
                if (!v.matches("\\d{1,18}")) continue;
                item = form.item(Long.parseLong(v)).orElse(null);
            }
            if (item == null || units == 0) continue;
            out.add(new Chosen(form.id(), form.name(), v, units, item.moduleValue() == null ? "" : item.moduleValue()));
        }
        return out;
    }

    // Orders record the options a new service was configured with.

    @Override
    public void orderPlaced(Order order, boolean clientWasNew) {}

    @Override
    public void serviceOrdered(long serviceId, PricedConfiguration priced) {
        Product p = catalog.definition(priced.productId());
        store.replaceOptions(serviceId, Configurations.values(p, priced));
    }

    // Staff.

    public record Page(List<Upgrade> upgrades, int total, int page, int perPage) {}

    public Page search(String status, Long serviceId, Long clientId, int page, int perPage) {
        if (status != null && !Upgrade.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + String.join(", ", Upgrade.STATUSES))));
        }
        return db.tx(() -> new Page(store.search(status, serviceId, clientId, page, perPage), store.count(status, serviceId, clientId), page, perPage));
    }

    public Upgrade get(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("Upgrade not found"));
    }

    /** Staff cancel a pending upgrade: its unpaid invoice is cancelled, and with it the upgrade. */
    public Upgrade cancel(long id, String by) {
        return db.tx(() -> {
            Upgrade u = get(id);
            if (!u.status().equals(Upgrade.PENDING)) throw StewardException.conflict("Only a Pending upgrade can be cancelled; this one is " + u.status());
            if (u.invoiceId() != null && billing.invoice(u.invoiceId()).map(d -> d.invoice().open()).orElse(false)) {
                billing.cancel(u.invoiceId(), by);
            }
            store.finish(u.id(), Upgrade.CANCELLED, BigDecimal.ZERO, Times.now(clock));
            return get(id);
        });
    }

    /** {@code credit} or {@code none}: what a downgrade's prorated difference becomes. */
    public String downgradeCredit() {
        return store.downgradeCredit().orElse(defaultCredit);
    }

    public String setDowngradeCredit(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!CREDIT_SETTINGS.contains(v)) throw unprocessable("downgrade_credit", "downgrade_credit must be credit or none");
        db.txRun(() -> store.setDowngradeCredit(v, Times.now(clock)));
        return v;
    }
}
