package io.steward.domain;

import io.steward.billing.BillingService;
import io.steward.billing.InvoiceDraft;
import io.steward.core.Json;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.order.DomainItems;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domains' part of the billing day, and the registry sync. For a date: autorenew domains
 * whose {@code next_invoice} has come get a renewal invoice for their term (once per term: the
 * {@code domain_invoice} key), Active domains past their expiry become Expired (renewing them
 * then costs the redemption price). The sync asks each live domain's registrar for its state
 * (expiry, lock, transfers in and away) and applies it.
 */
public final class DomainAutomation {
    private static final Logger LOG = LoggerFactory.getLogger(DomainAutomation.class);

    /** What one run did. */
    public record Result(LocalDate date, int invoiced, int expired, List<Long> invoiceIds) {}

    private final Db db;
    private final Clock clock;
    private final DomainStore store;
    private final DomainEvents events;
    private final DomainOrdering ordering;
    private final DomainService domains;
    private final BillingService billing;
    private final DomainSettings settings;

    DomainAutomation(Db db, Clock clock, DomainStore store, DomainEvents events, DomainOrdering ordering, DomainService domains, BillingService billing,
                     DomainSettings settings) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.ordering = ordering;
        this.domains = domains;
        this.billing = billing;
        this.settings = settings;
    }

    public void runToday() {
        run(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    public Result run(LocalDate date) {
        var invoiceIds = new java.util.ArrayList<Long>();
        for (Domain d : db.tx(() -> store.dueForRenewalInvoice(date, 10_000))) {
            try {
                db.tx(() -> renewalInvoice(d.id(), date)).ifPresent(invoiceIds::add);
            } catch (RuntimeException e) {
                LOG.warn("renewal invoice of domain {} failed: {}", d.id(), e.getMessage());
            }
        }
        int expired = 0;
        for (Domain d : db.tx(() -> store.activeExpiredBefore(date))) {
            if (db.tx(() -> events.setStatus(d.id(), Set.of(Domain.ACTIVE), Domain.EXPIRED, Times.now(clock)))) expired++;
        }
        return new Result(date, invoiceIds.size(), expired, List.copyOf(invoiceIds));
    }

    /**
     * One renewal invoice of a domain's current term, in one transaction with the
     * {@code domain_invoice} row and the move of {@code next_invoice} (a compare-and-set, so a
     * concurrent run invoices nothing more).
     */
    private java.util.Optional<Long> renewalInvoice(long id, LocalDate date) {
        Domain d = store.byIdForUpdate(id).orElseThrow();
        if (!d.autorenew() || d.nextInvoice() == null || d.nextInvoice().isAfter(date) || d.expires() == null) return java.util.Optional.empty();
        LocalDate next = d.expires().plusYears(d.period()).minusDays(settings.leadDays());
        if (store.termBilled(id, "renew", d.expires())) {
            store.moveNextInvoice(id, d.nextInvoice(), next, Times.now(clock));
            return java.util.Optional.empty();
        }
        DomainItems.Evaluated e = ordering.renewal(d, d.currency(), d.period());
        var lines = e.lines().stream().map(l -> new InvoiceDraft.Line("Domain", id, l.description(), l.amount(), BigDecimal.ONE, l.taxed(),
                null, null, null)).toList();
        LocalDate due = d.expires().isBefore(date) ? date : d.expires();
        var detail = billing.issue(new InvoiceDraft(d.clientId(), d.currency(), due, lines, "Renewal of " + d.name(), null, null))
                .invoice().orElseThrow();
        ordering.invoiced(id, e, detail.id(), io.steward.billing.Invoice.PAID.equals(detail.invoice().status()));
        store.moveNextInvoice(id, d.nextInvoice(), next, Times.now(clock));
        return java.util.Optional.of(detail.id());
    }

    /** Reconciles every live domain with its registrar (the periodic sync); answers how many were read. */
    public int syncAll() {
        int n = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Domain> page = db.tx(() -> store.toSync(from, 200));
            if (page.isEmpty()) return n;
            for (Domain d : page) {
                after = d.id();
                try {
                    domains.sync(d);
                    n++;
                } catch (RuntimeException e) {
                    LOG.info("sync of domain {} ({}) failed: {}", d.id(), d.name(), e.getMessage());
                }
            }
        }
    }

    static String json(Object o) {
        return Json.text(o);
    }
}
