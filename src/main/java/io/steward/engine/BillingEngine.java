package io.steward.engine;

import io.steward.billing.BillingListener;
import io.steward.billing.BillingService;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.billing.InvoiceDraft;
import io.steward.billing.InvoiceLine;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import io.steward.service.ServiceOperations.RenewOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurring billing run for one date, and the payment side of renewals.
 *
 * <p>A run does, in order: end-of-period cancellations, renewal invoices, reminders and overdue
 * notices, late fees, suspensions, terminations. Every step is idempotent, so a rerun for the same
 * date, or a second node running concurrently, creates nothing new: renewal lines carry billing's
 * unique service-period key and next_invoice moves by compare-and-set once they are issued
 * ({@link Renewals}, which reads, writes and moves pages in overlapping stages); notices, late fees, suspensions and terminations are each recorded once per invoice in
 * {@code billing_event} in the transaction that acts on them; the service feature's jobs carry
 * their own once-only keys. Work is done in chunks (keyset paging by id), one transaction each.
 *
 * <p>As a {@link BillingListener}, a paid renewal line renews its service's period (a
 * compare-and-set, so lines of first invoices and repeated events renew nothing) and lifts a
 * suspension for non-payment once the service is no longer overdue.
 */
public final class BillingEngine implements BillingListener {
    private static final Logger LOG = LoggerFactory.getLogger(BillingEngine.class);
    /** The suspension reason the engine writes; a suspension with another reason (staff's) is never lifted by a payment. */
    public static final String SUSPEND_REASON_PREFIX = "Overdue on invoice ";
    static final String LATE_FEE_TYPE = "LateFee";

    /** Per-product renewal lead days, from the catalog. */
    public interface LeadDays {
        /** The product's override, or null for the global default (also for unknown products). */
        Integer forProduct(long productId);

        /** The largest override of any product (0 when none): how far ahead next_invoice may lie. */
        int maxOverride();
    }

    /** What one run did. */
    public record Report(LocalDate date, int invoices, int renewalLines, int reminders, int overdueNotices, int lateFees,
                         int suspended, int terminated, int cancellations, int errors) {}

    private final Db db;
    private final Clock clock;
    private final EngineSettings settings;
    private final BillingService billing;
    private final ServiceOperations services;
    private final LeadDays leadDays;
    private final BillingEvents events;
    private volatile UsageCharges usage = UsageCharges.NONE;

    public BillingEngine(Db db, Clock clock, EngineSettings settings, BillingService billing, ServiceOperations services,
                         LeadDays leadDays) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.billing = billing;
        this.services = services;
        this.leadDays = leadDays;
        this.events = new BillingEvents(db, clock);
    }

    /** Adds the usage lines (bandwidth overage) another feature charges on renewal invoices. */
    public void useUsageCharges(UsageCharges charges) {
        this.usage = charges;
    }

    public EngineSettings settings() { return settings; }

    public BillingEvents events() { return events; }

    /** Runs for today's date on the injected clock (the scheduler's daily task). */
    public Report runToday() {
        return run(Times.now(clock).toLocalDate());
    }

    /** Runs every step for {@code date}. Safe to repeat and to run on several nodes at once. */
    public Report run(LocalDate date) {
        long started = System.nanoTime();
        var r = new Counts();
        r.cancellations = services.processEndOfPeriodCancellations(date);
        renewals(date, r);
        notices(date, r);
        suspensions(date, r);
        terminations(date, r);
        var report = new Report(date, r.invoices, r.lines, r.reminders, r.overdue, r.lateFees, r.suspended, r.terminated,
                r.cancellations, r.errors);
        LOG.info("billing run date={} invoices={} lines={} reminders={} overdue={} late_fees={} suspended={} terminated={} cancellations={} errors={} ms={}",
                date, r.invoices, r.lines, r.reminders, r.overdue, r.lateFees, r.suspended, r.terminated, r.cancellations, r.errors,
                (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    private static final class Counts {
        int invoices, lines, reminders, overdue, lateFees, suspended, terminated, cancellations, errors;
    }

    // Renewal invoices (see Renewals)

    private void renewals(LocalDate date, Counts r) {
        var done = new Renewals(db, clock, settings, billing, services, leadDays, usage).run(date);
        r.invoices += done.invoices();
        r.lines += done.lines();
        r.errors += done.errors();
    }

    // Reminders, overdue notices, late fees

    private void notices(LocalDate date, Counts r) {
        int ahead = Math.max(0, settings.reminderDays());
        long after = 0;
        for (List<Invoice> page; !(page = billing.overdue(date.plusDays(ahead + 1L), after, settings.chunkSize())).isEmpty(); ) {
            after = page.get(page.size() - 1).id();
            List<Invoice> chunk = page;
            db.txRun(() -> {
                for (Invoice inv : chunk) notice(inv, date, r);
            });
        }
    }

    private void notice(Invoice inv, LocalDate date, Counts r) {
        long daysLate = ChronoUnit.DAYS.between(inv.dueDate(), date);
        if (daysLate <= 0) {
            if (settings.reminderDays() >= 0 && -daysLate <= settings.reminderDays()
                    && events.record(BillingEvents.REMINDER, inv.clientId(), inv.id(), 0, date, "Invoice " + inv.number() + " is due on " + inv.dueDate())) {
                r.reminders++;
            }
            return;
        }
        if (settings.overdueDays() >= 0 && daysLate >= settings.overdueDays()
                && events.record(BillingEvents.OVERDUE, inv.clientId(), inv.id(), 0, date, "Invoice " + inv.number() + " was due on " + inv.dueDate())) {
            r.overdue++;
        }
        if (settings.lateFees() && daysLate >= settings.lateFeeDays() && inv.status().equals(Invoice.UNPAID)) {
            BigDecimal fee = settings.lateFeeType().equals("percent")
                    ? inv.total().multiply(settings.lateFeeAmount()).divide(BigDecimal.valueOf(100), 8, RoundingMode.HALF_UP)
                    : settings.lateFeeAmount();
            if (fee.signum() > 0 && events.record(BillingEvents.LATE_FEE, inv.clientId(), inv.id(), 0, date, "Late fee " + fee.stripTrailingZeros().toPlainString())) {
                billing.addLines(inv.id(), List.of(InvoiceDraft.Line.of(LATE_FEE_TYPE, "Late fee (invoice " + inv.number() + ", due " + inv.dueDate() + ")", fee, false)));
                r.lateFees++;
            }
        }
    }

    // Suspension and termination

    private void suspensions(LocalDate date, Counts r) {
        if (settings.suspendDays() < 0) return;
        long after = 0;
        for (List<Service> page; !(page = services.dueForSuspension(date, settings.suspendDays(), after, settings.chunkSize())).isEmpty(); ) {
            after = page.get(page.size() - 1).id();
            for (Service s : page) {
                boolean done = guarded(s, r, () -> {
                    Optional<InvoiceDetail> inv = oldestOpen(s.id());
                    // Only a service with an unpaid invoice is overdue; one suspension per invoice (staff may lift it).
                    if (inv.isEmpty() || !events.record(BillingEvents.SUSPENSION, s.clientId(), inv.get().invoice().id(), s.id(), date,
                            "Service " + s.id() + " suspended")) {
                        return false;
                    }
                    services.suspend(s.id(), SUSPEND_REASON_PREFIX + inv.get().invoice().number());
                    return true;
                });
                if (done) r.suspended++;
            }
        }
    }

    private void terminations(LocalDate date, Counts r) {
        if (settings.terminateDays() < 0) return;
        long after = 0;
        for (List<Service> page; !(page = services.dueForTermination(date, settings.terminateDays(), after, settings.chunkSize())).isEmpty(); ) {
            after = page.get(page.size() - 1).id();
            for (Service s : page) {
                boolean done = guarded(s, r, () -> {
                    Optional<InvoiceDetail> inv = oldestOpen(s.id());
                    if (inv.isEmpty() || !events.record(BillingEvents.TERMINATION, s.clientId(), inv.get().invoice().id(), s.id(), date,
                            "Service " + s.id() + " terminated")) {
                        return false;
                    }
                    services.terminate(s.id());
                    // What the terminated service still owes goes to collections rather than staying a plain unpaid invoice.
                    for (InvoiceDetail open : billing.openForService(s.id())) {
                        if (open.invoice().status().equals(Invoice.UNPAID)) billing.markCollections(open.invoice().id());
                    }
                    return true;
                });
                if (done) r.terminated++;
            }
        }
    }

    /**
     * Acts on one service in its own transaction. A service whose state changed under the run
     * (staff terminated it meanwhile: a conflict) is counted as an error and left, not the run.
     */
    private boolean guarded(Service s, Counts r, java.util.function.Supplier<Boolean> work) {
        try {
            return db.tx(work);
        } catch (StewardException e) {
            r.errors++;
            LOG.warn("billing run: service {} left: {}", s.id(), e.messages());
            return false;
        }
    }

    private Optional<InvoiceDetail> oldestOpen(long serviceId) {
        return billing.openForService(serviceId).stream()
                .min(Comparator.comparing((InvoiceDetail d) -> d.invoice().dueDate()).thenComparing(d -> d.invoice().id()));
    }

    // Payments

    /**
     * Renews the service periods a paid invoice's renewal lines bill and lifts suspensions for
     * non-payment. Runs in the paying transaction. First invoices of orders are the order
     * feature's: their periods are already paid for or their services pending, so renew changes
     * nothing for them.
     */
    @Override
    public void invoicePaid(InvoiceDetail invoice) {
        var periods = new java.util.TreeMap<Long, List<LocalDate>>();
        for (InvoiceLine l : invoice.lines()) {
            if (l.serviceId() == null || l.periodStart() == null || !RenewalGenerator.LINE_TYPE.equals(l.type())) continue;
            periods.computeIfAbsent(l.serviceId(), k -> new ArrayList<>()).add(l.periodStart());
        }
        for (Map.Entry<Long, List<LocalDate>> e : periods.entrySet()) {
            long serviceId = e.getKey();
            // A line may name a service that is gone or was never one (staff invoices): nothing to renew.
            Service s = services.find(serviceId).orElse(null);
            if (s == null || !s.cycle().recurring() || !(s.status().equals(Service.ACTIVE) || s.status().equals(Service.SUSPENDED))) continue;
            boolean renewed = false;
            // Oldest first: a later period renews only once the earlier one has moved next_due.
            for (LocalDate start : e.getValue().stream().sorted().toList()) {
                RenewOutcome o = services.renew(serviceId, start);
                renewed |= o == RenewOutcome.RENEWED || o == RenewOutcome.ALREADY_RENEWED;
            }
            if (renewed) liftSuspension(serviceId, invoice.invoice().id());
        }
    }

    private void liftSuspension(long serviceId, long invoiceId) {
        Service s = services.find(serviceId).orElse(null);
        if (s == null || !(s.status().equals(Service.SUSPENDED) || s.status().equals(Service.ACTIVE))) return;
        boolean forNonPayment = (s.status().equals(Service.SUSPENDED) && s.suspendReason() != null
                && s.suspendReason().startsWith(SUSPEND_REASON_PREFIX))
                || events.exists(BillingEvents.SUSPENSION, invoiceId, serviceId);
        if (!forNonPayment) return;
        LocalDate today = Times.now(clock).toLocalDate();
        // Still overdue on a later period: the suspension stands until that one is paid too.
        if (settings.suspendDays() >= 0 && s.nextDue() != null && !s.nextDue().plusDays(settings.suspendDays()).isAfter(today)) return;
        services.unsuspend(serviceId);
    }
}
