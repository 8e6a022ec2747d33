package io.steward.domain;

import io.steward.billing.BillingService;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.dns.DnsZones;
import io.steward.modules.ModuleInstances;
import io.steward.domain.registrar.Registrars;
import io.steward.names.NameClaims;
import io.steward.names.RegisteredNames;
import io.steward.order.OrderService;
import io.steward.scheduler.JobScheduler;
import io.steward.jobs.Backoff;
import io.steward.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * The domain feature assembled: registrar modules, the TLD catalog, domains, the registrar
 * jobs (a kind of the job engine), the daily renewal and expiry run, the registry
 * sync, domain DNS records and URL forwarding through the DNS feature ({@code dns.DnsZones}), domains as claims on
 * names ({@code names.RegisteredNames}, and the zone of a domain delegated to Steward made when it is registered), and its seams: domain items of orders ({@code order.DomainItems}) and invoice events
 * ({@code billing.BillingListener}). Settings: {@link DomainSettings}; registrar modules are module
 * instances of kind {@code registrar} (the sandbox's node settings under {@code modules.registrar.sandbox.<key>}).
 */
public final class DomainFeature implements AutoCloseable {
    private final Registrars registrars;
    private final TldCatalog tlds;
    private final DomainEvents events;
    private final DomainService domains;
    private final DomainJobs jobs;
    private final DomainAutomation automation;
    private final DomainClientHandlers clientHandlers;
    private final DomainAdminHandlers adminHandlers;
    private final DomainDemo demo;
    private final DomainClaims claims;
    private final DomainDsPublisher dsPublisher;
    private final DomainOrdering ordering;
    private final DomainDns domainDns;
    private final OrderService orders;
    private final LongFunction<String> currencyOf;

    public DomainFeature(Db db, Clock clock, Secrets secrets, Config config, JobScheduler scheduler, Jobs engineJobs, BillingService billing,
                         OrderService orders, DnsZones zones, NameClaims names, LongFunction<String> currencyOf, DomainService.Profiles profiles,
                         ModuleInstances instances) {
        var settings = DomainSettings.from(config);
        this.registrars = new Registrars(instances);
        this.tlds = new TldCatalog(db, clock, registrars);
        var store = new DomainStore(db);
        this.events = new DomainEvents(store);
        this.claims = new DomainClaims(db, store, tlds, names, zones);
        events.add(claims);
        tlds.guardDeletion(id -> db.tx(() -> store.tldInUse(id)));
        var registry = new Registry(registrars);
        this.domains = new DomainService(db, clock, secrets, store, events, tlds, registry, settings, profiles);
        this.jobs = new DomainJobs(engineJobs, settings.maxAttempts(),
                new Backoff(config.getDuration("provisioning.retry-base", Duration.ofSeconds(30)),
                        config.getDuration("provisioning.retry-cap", Duration.ofHours(1)),
                        Double.parseDouble(config.get("provisioning.retry-jitter", "0.1"))),
                config.getDuration("provisioning.running-timeout", Duration.ofMinutes(15)));
        var ordering = new DomainOrdering(db, clock, store, events, tlds, registry, domains, jobs, settings);
        jobs.runWith(ordering);
        billing.addListener(ordering);
        orders.useDomainItems(ordering);
        this.automation = new DomainAutomation(db, clock, store, events, ordering, domains, billing, settings);
        this.ordering = ordering;
        this.orders = orders;
        this.currencyOf = currencyOf;
        this.domainDns = new DomainDns(zones, names);
        this.clientHandlers = new DomainClientHandlers(domains, ordering, tlds, orders, currencyOf, domainDns);
        this.adminHandlers = new DomainAdminHandlers(tlds, domains, jobs, automation, registrars, clock);
        this.demo = new DomainDemo(db, clock, tlds, store, registrars, settings, claims);
        this.dsPublisher = new DomainDsPublisher(db, store, registry);
        scheduler.recurring("domain-sync", settings.syncInterval(), automation::syncAll);
        if (settings.scheduled()) scheduler.daily("domains-run", settings.runAt(), automation::runToday);
    }

    public TldCatalog tlds() { return tlds; }

    /** Who owns a registered domain, for the names feature's check. */
    public RegisteredNames registeredNames() { return claims; }

    /** Registers a listener for domain status changes (see {@link DomainListener}). */
    public void addListener(DomainListener listener) {
        events.add(listener);
    }

    public DomainService domains() { return domains; }

    /** Puts signed zones' DS sets at the registry of their domains (for the DNS feature). */
    public io.steward.dns.DsPublisher dsPublisher() { return dsPublisher; }

    public DomainAutomation automation() { return automation; }

    public Registrars registrars() { return registrars; }

    /** Runs due registrar jobs now (the job engine's poll does this on every node). */
    public int runDueJobsNow() {
        return jobs.runDueJobsNow();
    }

    public DomainClientHandlers clientHandlers() { return clientHandlers; }

    public DomainAdminHandlers adminHandlers() { return adminHandlers; }

    /** The partner API's domain handlers; what partners order is invoiced and settled by {@code invoices}. */
    public DomainPartnerHandlers partnerHandlers(io.steward.partner.PartnerInvoices invoices) {
        return new DomainPartnerHandlers(domains, ordering, orders, domainDns, invoices, currencyOf);
    }

    public DomainDemo demo() { return demo; }

    @Override
    public void close() {
        // registrar modules are the node's (io.steward.modules.Modules), closed with it
    }
}
