package io.steward.m365;

import io.steward.billing.BillingService;
import io.steward.db.Db;
import io.steward.jobs.JobKind;
import io.steward.jobs.Jobs;
import io.steward.modules.ModuleInstances;
import io.steward.partner.PartnerInvoices;
import io.steward.scheduler.JobScheduler;
import io.steward.service.ServiceListener;
import io.steward.service.ServiceManager;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Microsoft 365 assembled: the CSP module (kind {@code m365}; the sandbox CSP is the built-in
 * default), tenants as services, subscriptions and their billing; renewals are invoiced by an
 * hourly task ({@code m365.renewal-interval}), exactly once per billing cycle. Subscriptions are
 * cancelled, suspended and resumed with their tenant's service ({@link M365Lifecycle}, a job kind).
 */
public final class M365Feature {
    private final M365Service service;
    private final M365PartnerHandlers partnerHandlers;
    private final M365Lifecycle lifecycle;

    public M365Feature(Db db, Clock clock, io.steward.config.Config config, JobScheduler scheduler, Jobs jobs, ModuleInstances modules,
                       ServiceManager services, BillingService billing, PartnerInvoices invoices, LongFunction<String> currencyOf) {
        var store = new M365Store(db);
        this.service = new M365Service(db, clock, store, modules, services, billing, invoices, currencyOf);
        this.lifecycle = new M365Lifecycle(db, clock, store, jobs, service);
        jobs.register(JobKind.of(M365Lifecycle.KIND, lifecycle).orderedBySubject());
        this.partnerHandlers = new M365PartnerHandlers(service);
        scheduler.recurring("m365-renewals", config.getDuration("m365.renewal-interval", Duration.ofHours(1)), service::renewDue);
    }

    public M365Service service() { return service; }

    public M365PartnerHandlers partnerHandlers() { return partnerHandlers; }

    /** The service listener to register with the services feature: subscriptions follow their tenant's service. */
    public ServiceListener lifecycle() { return lifecycle; }
}
