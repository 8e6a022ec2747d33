package io.steward.licence;

import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.jobs.JobKind;
import io.steward.jobs.Jobs;
import io.steward.modules.ModuleInstances;
import io.steward.service.ServiceManager;
import java.time.Clock;

/**
 * Licences assembled: the licence module (kind {@code licence}; the sandbox issuer is the built-in
 * default), the job kind that drives it, the service listener that follows services' lives, and
 * the partner-API and admin-API handlers.
 */
public final class LicenceFeature {
    private final LicenceService licences;
    private final LicencePartnerHandlers partnerHandlers;
    private final LicenceAdminHandlers adminHandlers;

    public LicenceFeature(Db db, Clock clock, Secrets secrets, Jobs jobs, ModuleInstances modules, ServiceManager services,
                          LicenceService.Products products) {
        this.licences = new LicenceService(db, clock, secrets, new LicenceStore(db), jobs, modules, products);
        jobs.register(JobKind.of(LicenceService.KIND, licences).orderedBySubject());
        this.partnerHandlers = new LicencePartnerHandlers(licences, services, clock);
        this.adminHandlers = new LicenceAdminHandlers(licences);
    }

    /** The service listener to register with the services feature. */
    public LicenceService licences() { return licences; }

    public LicencePartnerHandlers partnerHandlers() { return partnerHandlers; }

    public LicenceAdminHandlers adminHandlers() { return adminHandlers; }
}
