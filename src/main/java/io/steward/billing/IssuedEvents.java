package io.steward.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.jobs.Backoff;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobKind;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Batches of invoices the billing run issued whose listeners have not been told yet: jobs of the
 * {@value #KIND} kind, one per batch of at most {@link #PER_ROW} invoices, written in the issuing
 * transaction ({@link #queue}). The listeners run in {@link #succeeded}, in the transaction that
 * marks the job done under its claim, so a batch is told by exactly one transaction and what the
 * listeners write commits with it; listeners that fail roll it back, and the job is retried after
 * 1 minute, doubling, at most 6 hours.
 */
final class IssuedEvents implements JobHandler {
    static final String KIND = "billing.invoices-issued";
    static final int PER_ROW = 1000;

    private final Jobs jobs;
    private final InvoiceStore invoices;
    private final List<BillingListener> listeners;
    /** Invoices told on this node, so {@link #deliver} can answer how many it told. */
    private final LongAdder told = new LongAdder();

    IssuedEvents(Jobs jobs, InvoiceStore invoices, List<BillingListener> listeners) {
        this.jobs = jobs;
        this.invoices = invoices;
        this.listeners = listeners;
        jobs.register(JobKind.of(KIND, this).maxAttempts(100).backoff(new Backoff(Duration.ofMinutes(1), Duration.ofHours(6), 0.1))
                .concurrency(4));
    }

    /** Tells the listeners about every due batch now; answers how many invoices were told. */
    int deliver() {
        long before = told.sum();
        jobs.runDue(KIND::equals);
        return (int) (told.sum() - before);
    }

    /** Records the issued invoices, in batches of at most {@link #PER_ROW} ids, in the caller's transaction. */
    void queue(Collection<Long> invoiceIds) {
        List<Long> ids = invoiceIds.stream().sorted().toList();
        for (int from = 0; from < ids.size(); from += PER_ROW) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + PER_ROW));
            jobs.enqueue(KIND, batch.getFirst().toString(), "notify", Json.text(Json.obj("invoice_ids", batch)), null);
        }
    }

    @Override
    public JobResult call(Job job) {
        // Nothing outside a transaction: the listeners run with the job's done mark, in succeeded.
        return JobResult.done();
    }

    @Override
    public void succeeded(Job job, Object value) {
        List<Invoice> issued = invoices.byIds(ids(job));
        if (!issued.isEmpty()) for (BillingListener l : listeners) l.invoicesIssued(issued);
        told.add(issued.size());
    }

    private static List<Long> ids(Job job) {
        var ids = new ArrayList<Long>();
        try {
            for (JsonNode n : Json.MAPPER.readTree(job.payload()).path("invoice_ids")) ids.add(n.asLong());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("job " + job.id() + " has no readable invoice ids", e);
        }
        return ids;
    }

    /** How many batches wait (for the admin API's and the tests' view). */
    int pending() {
        return jobs.count(KIND, Job.QUEUED, null, null) + jobs.count(KIND, Job.FAILED, null, null)
                + jobs.count(KIND, Job.RUNNING, null, null);
    }
}
