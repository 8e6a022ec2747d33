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
    private final ServiceManager services;
    private final Clock clock;

    public LicenceFeature(Db db, Clock clock, Secrets secrets, Jobs jobs, ModuleInstances modules, ServiceManager services,
                          LicenceService.Products products) {
        this.licences = new LicenceService(db, clock, secrets, new LicenceStore(db), jobs, modules, products);
        jobs.register(JobKind.of(LicenceService.KIND, licences).orderedBySubject());
        this.partnerHandlers = new LicencePartnerHandlers(licences, services, clock);
        this.adminHandlers = new LicenceAdminHandlers(licences);
        this.services = services;
        this.clock = clock;
    }

    /**
     * The demo's licence: an Active monthly service of the licence product for {@code clientId}
     * (its key is issued by the job engine once it runs); nothing when it exists or there is no product.
     */
    public void demo(long clientId, Long productId, String currency) {
        if (productId == null || services.byClient(clientId).stream().anyMatch(s -> productId.equals(s.productId()))) return;
        var today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        var price = new java.math.BigDecimal("17.99");
        long id = services.createPending(new io.steward.service.ServiceOperations.NewService(clientId, productId, null, "cPanel Solo licence",
                "Licences", "licences", io.steward.core.BillingCycle.MONTHLY, currency, price, price, today, today.plusMonths(1),
                today.plusMonths(1).minusDays(7), "server1.partner-demo.test", null, null, null, true, null));
        services.markActive(id);
    }

    /** The service listener to register with the services feature. */
    public LicenceService licences() { return licences; }

    public LicencePartnerHandlers partnerHandlers() { return partnerHandlers; }

    public LicenceAdminHandlers adminHandlers() { return adminHandlers; }
}
