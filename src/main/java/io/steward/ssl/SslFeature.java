package io.steward.ssl;

import io.steward.catalog.CatalogService;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.dns.DnsZones;
import io.steward.jobs.Jobs;
import io.steward.mail.Outbox;
import io.steward.modules.ModuleInstances;
import io.steward.notification.Notifier;
import io.steward.order.OrderService;
import io.steward.scheduler.JobScheduler;
import io.steward.service.ServiceFeature;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * SSL certificates assembled: certificate items of orders, the {@code certificate} job kind, the
 * daily renewal and reminder pass, the client and admin handlers. Settings:
 * {@code ssl.renew-days} (30: renew a certificate this close to expiry when its service is paid
 * beyond), {@code ssl.reminder-days} (30,7), {@code ssl.max-attempts} (60),
 * {@code ssl.scheduled} (true: run the daily pass at {@code ssl.run-at}, 03:30 UTC).
 */
public final class SslFeature {
    private final SslService service;
    private final CertificateRenewals renewals;
    private final CertificateJobs jobs;
    private final SslClientHandlers client;
    private final SslAdminHandlers admin;
    private final SslDemo demo;

    public SslFeature(Db db, Clock clock, Secrets secrets, Config config, JobScheduler scheduler, Jobs engine, CatalogService catalog,
                      ServiceFeature services, OrderService orders, DnsZones zones, ModuleInstances modules, Outbox outbox, Notifier notifier,
                      LongFunction<String> currencyOf) {
        var store = new CertificateStore(db);
        var controls = new DomainControls(zones);
        this.jobs = new CertificateJobs(db, clock, engine, store, modules, controls, services.services(), outbox);
        engine.register(jobs.kind(config.getInt("ssl.max-attempts", 60)));
        services.addListener(jobs);
        orders.useCertificateItems(new SslOrdering(db, clock, secrets, catalog, store, controls));
        this.service = new SslService(db, clock, secrets, catalog, services.services(), store, jobs, modules);
        List<Integer> reminderDays = Arrays.stream(config.get("ssl.reminder-days", "30,7").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        this.renewals = new CertificateRenewals(db, clock, store, jobs, services.services(), outbox, notifier,
                config.getInt("ssl.renew-days", 30), reminderDays);
        if (config.getBool("ssl.scheduled", true)) {
            scheduler.daily("certificate-renewals", java.time.LocalTime.parse(config.get("ssl.run-at", "03:30")), renewals::run);
        }
        var commercial = new CommercialCaOrders(db, secrets, clock);
        this.client = new SslClientHandlers(service, orders, currencyOf, commercial);
        this.admin = new SslAdminHandlers(service, renewals, db, store, commercial);
        this.demo = new SslDemo(db, clock, secrets, catalog, services.services(), store, engine);
    }

    public SslService service() { return service; }

    /** The renewal and reminder pass (daily; tests run it after moving the clock). */
    public CertificateRenewals.Result runRenewals() { return renewals.run(); }

    public SslClientHandlers clientHandlers() { return client; }

    public SslAdminHandlers adminHandlers() { return admin; }

    public SslDemo demo() { return demo; }
}
