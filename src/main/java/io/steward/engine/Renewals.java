package io.steward.engine;

import io.steward.billing.BillingService;
import io.steward.billing.InvoiceDraft;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewal step of a billing run: pages through the services due for invoicing, turns each page
 * into drafts ({@link RenewalGenerator}) and issues them as one batch, moving the services'
 * next_invoice in the issuing transaction.
 *
 * <p>Three stages overlap, each on its own connection, so the database writes one batch while the
 * node reads and prices the next: a reader thread lists the next page and has billing prepare it
 * (reads the clients, tax profiles and invoiced periods, checks and prices the drafts); the
 * calling thread writes the current page's invoices; once they are committed, an advancer thread
 * moves the page's next_invoice. At most one page waits between reader and writer. Pages are keyed
 * by client id, so a page being read never touches the services of the page being written.
 *
 * <p>Moving next_invoice after the invoices commit, in a transaction of its own, keeps exactly-once:
 * the invoice lines' unique service-period key is what guards it. If the move is lost (the node
 * stops in between), the next run plans that period again, billing skips it as invoiced, and the
 * skipped draft's services move then. The moves are compare-and-set, so a concurrent run's moves
 * and these never undo each other.
 */
final class Renewals {
    private static final Logger LOG = LoggerFactory.getLogger(Renewals.class);

    /** What the step did. */
    record Result(int invoices, int lines, int errors) {}

    /** A page on its way from the reader to the writer: the plan, prepared, or why it could not be. */
    private record Stage(List<RenewalGenerator.Planned> plan, BillingService.PreparedBatch prepared, RuntimeException failed) {}

    private static final Stage END = new Stage(List.of(), null, null);

    private final Db db;
    private final Clock clock;
    private final EngineSettings settings;
    private final BillingService billing;
    private final ServiceOperations services;
    private final BillingEngine.LeadDays leadDays;
    private final UsageCharges usage;
    private int invoices, lines, errors;
    /** The advancer's moves so far, in order; a failed move fails the run when it ends. */
    private CompletableFuture<Void> advanced = CompletableFuture.completedFuture(null);

    Renewals(Db db, Clock clock, EngineSettings settings, BillingService billing, ServiceOperations services, BillingEngine.LeadDays leadDays,
             UsageCharges usage) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.billing = billing;
        this.services = services;
        this.leadDays = leadDays;
        this.usage = usage;
    }

    /** Issues every renewal due on {@code date}. One instance per run. */
    Result run(LocalDate date) {
        BlockingQueue<Stage> ready = new ArrayBlockingQueue<>(1);
        var stop = new AtomicBoolean();
        Thread reader = Thread.ofVirtual().name("billing-run-reader").start(() -> read(date, ready, stop));
        boolean finished = false;
        try (var advancer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("billing-run-advancer").factory())) {
            for (Stage s = take(ready); s != END; s = take(ready)) write(s, advancer);
            finished = true;
            advanced.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        } finally {
            if (!finished) {
                // The writer failed: the reader stops after its current page (it is not interrupted
                // inside a database call) and hands nothing more over.
                stop.set(true);
                ready.clear();
            }
            join(reader);
        }
        return new Result(invoices, lines, errors);
    }

    private void read(LocalDate date, BlockingQueue<Stage> ready, AtomicBoolean stop) {
        int window = Math.max(Math.max(0, settings.leadDays()), leadDays.maxOverride());
        var leadCache = new HashMap<Long, Integer>();
        long after = 0;
        Stage last = END;
        try {
            for (List<Service> page; !stop.get()
                    && !(page = services.dueForInvoicing(date.plusDays(window), after, settings.chunkSize())).isEmpty(); ) {
                // Pages hold whole clients, so each client's renewals meet in one draft however the chunks fall.
                after = page.get(page.size() - 1).clientId();
                var due = new ArrayList<RenewalGenerator.Due>(page.size());
                for (Service s : page) {
                    Integer override = s.productId() == null ? null : leadCache.computeIfAbsent(s.productId(), leadDays::forProduct);
                    due.add(new RenewalGenerator.Due(s, RenewalGenerator.lead(override, settings.leadDays())));
                }
                var plan = RenewalGenerator.plan(due, date, Times.now(clock).toLocalDate(), settings.maxPeriods());
                // Usage charges (bandwidth overage) ride on the renewal invoices; a failure to read them fails the run, to be rerun.
                plan = RenewalGenerator.withUsage(plan, usage.linesFor(RenewalGenerator.renewals(plan, due)));
                if (!plan.isEmpty() && !handOver(ready, prepare(plan), stop)) return;
            }
        } catch (RuntimeException | Error e) {
            // Listing failed: the writer rethrows it, so the run fails as it would have on one thread.
            last = new Stage(List.of(), null, e instanceof RuntimeException re ? re : new IllegalStateException(e));
        }
        handOver(ready, last, stop);
    }

    /** Waits for room and hands a stage to the writer; false once the writer has stopped. */
    private static boolean handOver(BlockingQueue<Stage> ready, Stage s, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (ready.offer(s, 100, TimeUnit.MILLISECONDS)) return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Stage prepare(List<RenewalGenerator.Planned> plan) {
        try {
            return new Stage(plan, billing.prepareBatch(drafts(plan)), null);
        } catch (RuntimeException e) {
            return new Stage(plan, null, e);
        }
    }

    /**
     * Issues a page's drafts in one batch. An invalid draft (a service in another currency than its
     * client's, say) fails the batch with 422; the page is then issued draft by draft so one bad
     * service does not hold up the others, and the bad one is left for staff (its next_invoice stays).
     */
    private void write(Stage s, Executor advancer) {
        try {
            if (s.failed() != null) throw s.failed();
            issue(s.plan(), s.prepared(), advancer);
        } catch (StewardException e) {
            if (e.code() != ErrorCode.UNPROCESSABLE || s.plan().isEmpty()) throw e;
            for (var p : s.plan()) {
                try {
                    issue(List.of(p), null, advancer);
                } catch (StewardException one) {
                    if (one.code() != ErrorCode.UNPROCESSABLE) throw one;
                    errors++;
                    LOG.warn("billing run: renewal for client {} not issued: {} {}", p.draft().clientId(), one.messages(), one.fields());
                }
            }
        }
    }

    /**
     * Writes a batch, then has the advancer move next_invoice of its services. A concurrent run that
     * took some periods first makes billing answer 409: the batch is prepared again (which then
     * skips those periods) and retried.
     */
    private void issue(List<RenewalGenerator.Planned> plan, BillingService.PreparedBatch prepared, Executor advancer) {
        for (int attempt = 1; ; attempt++) {
            var batch = attempt == 1 && prepared != null ? prepared : billing.prepareBatch(drafts(plan));
            try {
                int[] done = db.tx(() -> {
                    var issued = billing.issuePrepared(batch);
                    int n = 0, l = 0;
                    for (int i = 0; i < issued.size(); i++) {
                        if (issued.get(i).invoiceId().isEmpty()) continue;
                        n++;
                        l += plan.get(i).draft().lines().size() - issued.get(i).skipped().size();
                    }
                    return new int[] {n, l};
                });
                invoices += done[0];
                lines += done[1];
                // Skipped drafts move on too: their periods are on an invoice already.
                var moves = plan.stream().flatMap(p -> p.advances().stream())
                        .map(a -> new ServiceOperations.NextInvoiceMove(a.serviceId(), a.expected(), a.next())).toList();
                advanced = advanced.thenRunAsync(() -> db.txRun(() -> services.advanceNextInvoices(moves)), advancer);
                return;
            } catch (StewardException e) {
                if (e.code() != ErrorCode.CONFLICT || attempt >= 3) throw e;
            } catch (org.jooq.exception.DataAccessException e) {
                // Two runs inserting the same periods can deadlock or time out on a lock; the retry skips what the other issued.
                if (attempt >= 3) throw e;
            }
        }
    }

    private static List<InvoiceDraft> drafts(List<RenewalGenerator.Planned> plan) {
        return plan.stream().map(RenewalGenerator.Planned::draft).toList();
    }

    private static Stage take(BlockingQueue<Stage> ready) {
        try {
            Stage s = ready.take();
            // A failure of the listing itself ends the run.
            if (s.plan().isEmpty() && s.failed() != null) throw s.failed();
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("billing run interrupted", e);
        }
    }
}
