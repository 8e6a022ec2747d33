package io.steward.service;

import io.steward.core.BillingCycle;
import io.steward.core.Times;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The demo client's hosting service: one Active "Starter Hosting" service on the sandbox module
 * (the recording module when the sandbox is not installed),
 * with login details, created as if ordered 20 days ago and paid, of the catalog's demo product of
 * that name when there is one. Idempotent: a client that has any service gets none.
 */
public final class ServiceDemo {
    public static final String DOMAIN = "demo-hosting.example.com";
    public static final String USERNAME = "demohost";
    public static final String PASSWORD = "Demo-hosting-1";

    private final Db db;
    private final Clock clock;
    private final ServiceManager services;
    private final ServiceStore store;
    private final String module;

    ServiceDemo(Db db, Clock clock, ServiceManager services, ServiceStore store, String module) {
        this.module = module;
        this.db = db;
        this.clock = clock;
        this.services = services;
        this.store = store;
    }

    public void load(long clientId, Long productId) {
        db.txRun(() -> {
            if (store.countByClient(clientId) > 0) return;
            LocalDate today = Times.now(clock).toLocalDate();
            // Ordered 20 days ago: the next period starts in about ten days and its renewal
            // invoice (14 days ahead) is already due, as on a real account mid-cycle.
            LocalDate registered = today.minusDays(20);
            LocalDate nextDue = BillingCycle.MONTHLY.next(registered, registered.getDayOfMonth());
            long id = services.createPending(new ServiceOperations.NewService(clientId, productId, null, "Starter Hosting", "Hosting", "hosting",
                    BillingCycle.MONTHLY, "USD", new BigDecimal("9.99"), new BigDecimal("9.99"), registered, nextDue,
                    nextDue.minusDays(14), DOMAIN, USERNAME, PASSWORD, module, false, "{\"package\": \"starter\"}"));
            // Provisioned already: no job, so loading demo data never depends on the scheduler running.
            services.markActive(id);
        });
    }
}
