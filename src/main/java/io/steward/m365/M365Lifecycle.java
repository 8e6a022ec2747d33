package io.steward.m365;

import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import io.steward.service.Service;
import io.steward.service.ServiceListener;
import java.time.Clock;

/**
 * A tenant's subscriptions follow its service's life. In the transaction that ends, suspends or
 * resumes the service, Steward's side of the subscriptions changes status (renewals bill active
 * subscriptions only, so no seat is billed after the end) and a job of kind {@value #KIND} is
 * queued; the job tells the CSP module outside the transaction (cancel, suspend, resume), retried
 * by the job engine while the CSP fails, in order per tenant.
 */
final class M365Lifecycle implements ServiceListener, JobHandler {
    static final String KIND = "m365";

    private final Db db;
    private final Clock clock;
    private final M365Store store;
    private final Jobs jobs;
    private final M365Service m365;

    M365Lifecycle(Db db, Clock clock, M365Store store, Jobs jobs, M365Service m365) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.jobs = jobs;
        this.m365 = m365;
    }

    @Override
    public void statusChanged(Service s, String from, String to, String reason) {
        if (store.tenant(s.id()).isEmpty()) return;
        var now = Times.now(clock);
        String subject = String.valueOf(s.id());
        if (to.equals(Service.TERMINATED) || to.equals(Service.CANCELLED) || to.equals(Service.FRAUD)) {
            store.setStatus(s.id(), null, M365Store.Subscription.CANCELLED, now);
            jobs.enqueue(KIND, subject, "cancel", "{}", "m365:" + s.id() + ":cancel");
        } else if (to.equals(Service.SUSPENDED)) {
            store.setStatus(s.id(), M365Store.Subscription.ACTIVE, M365Store.Subscription.SUSPENDED, now);
            jobs.enqueue(KIND, subject, "suspend", "{}", null);
        } else if (to.equals(Service.ACTIVE) && from.equals(Service.SUSPENDED)) {
            store.setStatus(s.id(), M365Store.Subscription.SUSPENDED, M365Store.Subscription.ACTIVE, now);
            jobs.enqueue(KIND, subject, "unsuspend", "{}", null);
        }
    }

    @Override
    public JobResult call(Job job) {
        long serviceId = Long.parseLong(job.subject());
        var csp = m365.csp();
        // Every subscription the tenant has at the CSP; the CSP's operations are idempotent, so a
        // retry after a partial run repeats the done ones harmlessly.
        for (var s : db.tx(() -> store.subscriptions(serviceId))) {
            switch (job.action()) {
                case "cancel" -> csp.cancel(s.id());
                case "suspend" -> csp.suspend(s.id());
                case "unsuspend" -> csp.resume(s.id());
                default -> {
                    return JobResult.fatal("unknown m365 action " + job.action());
                }
            }
        }
        return JobResult.done();
    }
}
