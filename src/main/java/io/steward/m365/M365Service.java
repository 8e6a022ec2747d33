package io.steward.m365;

import io.steward.billing.BillingService;
import io.steward.billing.InvoiceDraft;
import io.steward.core.BillingCycle;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.partner.PartnerCaller;
import io.steward.partner.PartnerInvoices;
import io.steward.service.ServiceManager;
import io.steward.service.ServiceOperations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Microsoft 365 for partners: a tenant is a service of the client (named
 * {@code <name>.onmicrosoft.com}, unique), made at the CSP module; subscriptions of the catalog's
 * offers are billed to the partner per billing cycle (first cycle at once, the next ones when
 * the cycle ends, {@link #renewDue}). New-commerce seat rules: more seats at any time, charged
 * prorated on the subscription's next invoice; fewer seats only inside the cancellation window
 * (7 days from the start of the term), credited prorated on the next invoice; otherwise 422.
 */
public final class M365Service {
    /** Microsoft's new-commerce window for reducing seats after a term starts. */
    static final Duration CANCELLATION_WINDOW = Duration.ofDays(7);
    static final String LINE = "M365";

    private final Db db;
    private final Clock clock;
    private final M365Store store;
    private final ModuleInstances modules;
    private final ServiceManager services;
    private final BillingService billing;
    private final PartnerInvoices invoices;
    private final LongFunction<String> currencyOf;

    M365Service(Db db, Clock clock, M365Store store, ModuleInstances modules, ServiceManager services, BillingService billing,
                PartnerInvoices invoices, LongFunction<String> currencyOf) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.modules = modules;
        this.services = services;
        this.billing = billing;
        this.invoices = invoices;
        this.currencyOf = currencyOf;
    }

    CspModule csp() {
        return modules.openDefault(ModuleKind.M365, SandboxCspFactory.ID, CspModule.class)
                .orElseThrow(() -> new StewardException(io.steward.core.ErrorCode.UNAVAILABLE, "No Microsoft 365 module is configured"));
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static String domain(String name) {
        return name.toLowerCase(java.util.Locale.ROOT) + ".onmicrosoft.com";
    }

    public boolean available(String name) {
        return !db.tx(() -> store.nameTaken(name.toLowerCase(java.util.Locale.ROOT))) && csp().tenantAvailable(domain(name));
    }

    /** The catalog priced in the currency {@code caller} is billed in. */
    public List<CspModule.Offer> catalog(PartnerCaller caller) {
        return csp().catalog(currencyOf.apply(caller.billedClientId()));
    }

    /** A tenant for {@code clientId} (the partner's own account when null), as an Active service; its service id. */
    public long addTenant(PartnerCaller caller, Long clientId, String name) {
        long owner = caller.clientFor(clientId);
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (!available(n)) throw StewardException.invalid(Map.of("tenant_name", List.of(domain(n) + " is already taken.")));
        // The CSP is an outside system: its tenant is made first; should the service not be stored,
        // the name stays taken there, which is what Microsoft does with an abandoned tenant too.
        String tenantId = csp().createTenant(domain(n));
        return db.tx(() -> {
            LocalDate today = today();
            long serviceId = services.createPending(new ServiceOperations.NewService(owner, null, null, "Microsoft 365 - NCE", "Microsoft 365",
                    "microsoft-365", BillingCycle.FREE, currencyOf.apply(caller.billedClientId()), BigDecimal.ZERO, BigDecimal.ZERO, today, null, null,
                    domain(n), null, null, null, true, null));
            services.markActive(serviceId);
            store.insertTenant(new M365Store.Tenant(serviceId, owner, caller.billedClientId(), caller.partner().discountPercent(), n, tenantId),
                    Times.now(clock));
            return serviceId;
        });
    }

    /** The demo partner's tenant {@code name} for its client with one subscription, unless it exists (idempotent). */
    public void demo(PartnerCaller caller, long clientId, String name) {
        if (db.tx(() -> store.nameTaken(name))) return;
        // A demo partner billed in a currency the CSP does not sell in gets the tenant only.
        boolean priced = csp().offer(77, currencyOf.apply(caller.billedClientId())).isPresent();
        long serviceId = addTenant(caller, clientId, name);
        if (priced) subscribe(caller, serviceId, 77, 3, "P1Y", "P1M");
    }

    public M365Store.Tenant tenant(PartnerCaller caller, long serviceId) {
        return db.tx(() -> store.tenant(serviceId)).filter(t -> caller.owns(t.clientId()))
                .orElseThrow(() -> StewardException.notFound("Service not found"));
    }

    public List<M365Store.Subscription> subscriptions(PartnerCaller caller, long serviceId) {
        tenant(caller, serviceId);
        return db.tx(() -> store.subscriptions(serviceId));
    }

    /** A new subscription; its first billing cycle is invoiced to the partner at once (paid from its credit when that covers it). */
    public M365Store.Subscription subscribe(PartnerCaller caller, long serviceId, int catalogId, int quantity, String term, String cycle) {
        var tenant = tenant(caller, serviceId);
        if (!services.find(serviceId).map(sv -> sv.status().equals(io.steward.service.Service.ACTIVE)).orElse(false)) {
            throw StewardException.invalid(Map.of("service_id", List.of("The tenant's service is not active.")));
        }
        String currency = currencyOf.apply(tenant.billedClientId());
        var offer = csp().offer(catalogId, currency).orElseThrow(() -> StewardException.invalid(Map.of("catalog_id", List.of(
                csp().offer(catalogId).isPresent() ? "This catalog item is not sold in " + currency + "." : "No such catalog item."))));
        BigDecimal price = offer.prices().get(term + ":" + cycle);
        if (price == null) {
            throw StewardException.invalid(Map.of("billing_cycle", List.of("This catalog item is sold with the terms " + String.join(", ",
                    offer.prices().keySet()) + " only.")));
        }
        var sub = csp().subscribe(tenant.cspTenantId(), catalogId, quantity, term, cycle);
        long invoiceId = db.tx(() -> {
            LocalDate today = today();
            LocalDateTime now = Times.now(clock);
            var s = new M365Store.Subscription(sub.id(), serviceId, catalogId, offer.title(), offer.offerId(), quantity, term, cycle, price, currency,
                    today, SeatPricing.end(today, term), today, SeatPricing.end(today, cycle), now.plus(CANCELLATION_WINDOW), sub.orderId(), now,
                    M365Store.Subscription.ACTIVE);
            store.insertSubscription(s, now);
            return issue(tenant, s, today, List.of());
        });
        invoices.settle(tenant.billedClientId(), invoiceId);
        return db.tx(() -> store.subscriptionForUpdate(serviceId, sub.id())).orElseThrow();
    }

    /** Changes the seat count: more at any time (prorated charge), fewer only inside the cancellation window (prorated credit). */
    public M365Store.Subscription setQuantity(PartnerCaller caller, long serviceId, String subscriptionId, int quantity) {
        tenant(caller, serviceId);
        return db.tx(() -> {
            var s = store.subscriptionForUpdate(serviceId, subscriptionId).orElseThrow(() -> StewardException.notFound("Subscription not found"));
            if (!s.active()) throw StewardException.invalid(Map.of("quantity", List.of("The subscription is " + s.status() + ".")));
            int delta = quantity - s.quantity();
            if (delta == 0) return s;
            LocalDateTime now = Times.now(clock);
            if (delta < 0 && now.isAfter(s.cancelUntil())) {
                throw StewardException.invalid(Map.of("quantity", List.of("Seats can only be reduced until " + Times.stamp(s.cancelUntil())
                        + " (7 days after the term started); the reduction can take effect at renewal.")));
            }
            LocalDate today = today();
            BigDecimal amount = SeatPricing.prorated(s.unitPrice(), delta, today, s.periodStart(), s.periodEnd(), s.currency());
            csp().setQuantity(s.id(), quantity);
            store.setQuantity(s.id(), quantity, now);
            if (amount.signum() != 0) {
                store.insertCharge(s.id(), (delta > 0 ? delta + " additional" : -delta + " fewer") + " seat(s) of " + s.friendlyName() + ", "
                        + today + " to " + s.periodEnd() + " (prorated)", amount, now);
            }
            return store.subscriptionForUpdate(serviceId, subscriptionId).orElseThrow();
        });
    }

    /** Invoices the next billing cycle of every subscription whose cycle ended by today (with its pending charges); how many. */
    public int renewDue() {
        int n = 0;
        LocalDate today = today();
        for (var s : db.tx(() -> store.due(today, 500))) {
            Long invoiceId = db.tx(() -> {
                var tenant = store.tenant(s.serviceId()).orElseThrow();
                var charges = store.pendingCharges(s.id());
                LocalDate start = s.periodEnd();
                boolean newTerm = !start.isBefore(s.termEnd());
                LocalDate termStart = newTerm ? start : s.termStart();
                LocalDate termEnd = newTerm ? SeatPricing.end(start, s.term()) : s.termEnd();
                LocalDateTime cancelUntil = newTerm ? start.atStartOfDay().plus(CANCELLATION_WINDOW) : s.cancelUntil();
                // Compare-and-set on the period: a concurrent or repeated run bills nothing twice.
                if (!store.advance(s, SeatPricing.end(start, s.cycle()), termStart, termEnd, cancelUntil, Times.now(clock))) return null;
                var next = new M365Store.Subscription(s.id(), s.serviceId(), s.catalogId(), s.friendlyName(), s.offerId(), s.quantity(), s.term(),
                        s.cycle(), s.unitPrice(), s.currency(), termStart, termEnd, start, SeatPricing.end(start, s.cycle()), cancelUntil, s.orderId(),
                        s.createdAt(), s.status());
                long id = issue(tenant, next, start, charges);
                store.billCharges(charges.stream().map(M365Store.Charge::id).toList(), id);
                return id;
            });
            if (invoiceId != null) {
                invoices.settle(db.tx(() -> store.tenant(s.serviceId()).orElseThrow()).billedClientId(), invoiceId);
                n++;
            }
        }
        return n;
    }

    /** The invoice of one billing cycle: seats, then pending charges, then the partner's discount; one rounding per line. */
    private long issue(M365Store.Tenant tenant, M365Store.Subscription s, LocalDate periodStart, List<M365Store.Charge> charges) {
        var lines = new ArrayList<InvoiceDraft.Line>();
        BigDecimal seats = Money.round(s.unitPrice().multiply(BigDecimal.valueOf(s.quantity())), s.currency());
        lines.add(InvoiceDraft.Line.of(LINE, s.quantity() + " x " + s.friendlyName() + " (" + tenant.domain() + "), " + periodStart + " to "
                + s.periodEnd(), seats, true));
        BigDecimal subtotal = seats;
        for (var c : charges) {
            lines.add(InvoiceDraft.Line.of(LINE, c.description(), c.amount(), true));
            subtotal = subtotal.add(c.amount());
        }
        if (tenant.discountPercent().signum() > 0 && subtotal.signum() > 0) {
            lines.add(InvoiceDraft.Line.of(LINE, "Partner discount " + tenant.discountPercent().stripTrailingZeros().toPlainString() + "%",
                    Money.percentOf(subtotal, tenant.discountPercent(), s.currency()).negate(), true));
        }
        var issued = billing.issue(new InvoiceDraft(tenant.billedClientId(), s.currency(), null, lines, "Microsoft 365 subscription " + s.id(), null, null));
        return issued.invoice().orElseThrow(() -> new IllegalStateException("a Microsoft 365 invoice issued nothing")).id();
    }
}
