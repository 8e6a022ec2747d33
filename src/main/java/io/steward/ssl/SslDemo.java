package io.steward.ssl;

import io.steward.catalog.CatalogService;
import io.steward.catalog.OrderableProduct;
import io.steward.core.BillingCycle;
import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.jobs.Jobs;
import io.steward.service.ServiceManager;
import io.steward.service.ServiceOperations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo set's certificates: the demo catalog's SSL products made certificate products of the
 * sandbox CA, and the demo client's certificate for {@code demo-zone.test} (and www), issued by the
 * sandbox CA after its DNS check in the demo zone, with a key Steward made and keeps. Idempotent.
 */
public final class SslDemo {
    public static final String DOMAIN = "demo-zone.test";

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final CatalogService catalog;
    private final ServiceManager services;
    private final CertificateStore store;
    private final Jobs jobs;

    SslDemo(Db db, Clock clock, Secrets secrets, CatalogService catalog, ServiceManager services, CertificateStore store,
            Jobs jobs) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.catalog = catalog;
        this.services = services;
        this.store = store;
        this.jobs = jobs;
    }

    /** {@code productIds}: the demo catalog's SSL products, the first one the demo certificate's. */
    public void load(long clientId, List<Long> productIds) {
        if (productIds.isEmpty()) return;
        db.txRun(() -> {
            for (long id : productIds) {
                if (store.product(id).isEmpty()) {
                    store.saveProduct(new SslProduct(id, "DV", "single", 1, 2, null, SandboxCaFactory.ID, null, 2048, List.of("dns", "http")));
                }
            }
        });
        if (db.tx(() -> store.byClient(clientId).stream().anyMatch(c -> c.domain().equals(DOMAIN)))) return;
        OrderableProduct p = catalog.product(productIds.get(0));
        LocalDate today = Times.now(clock).toLocalDate();
        long serviceId = db.tx(() -> {
            long id = services.createPending(new ServiceOperations.NewService(clientId, p.id(), null, p.name(), p.categoryName(), "ssl",
                    BillingCycle.ANNUALLY, "USD", new BigDecimal("12.00"), new BigDecimal("12.00"), today, today.plusYears(1),
                    today.plusYears(1).minusDays(14), DOMAIN, null, null, CertificateModuleFactory.ID, false, null));
            var made = Csrs.generate(List.of(DOMAIN, "www." + DOMAIN), 2048, java.util.Map.of());
            store.insert(id, clientId, p.id(), DOMAIN, made.parsed().names(), made.csrPem(), secrets.encrypt("keep:" + made.keyPem()),
                    null, "", "dns", "{}", Times.now(clock));
            return id;
        });
        // Active queues the issuance (the certificate follows its service); the demo runs it at once.
        services.markActive(serviceId);
        jobs.runDue(kind -> kind.equals(CertificateJobs.KIND));
    }
}
