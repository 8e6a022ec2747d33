package io.steward;

import io.steward.account.AccountService;
import io.steward.account.ClientAdminService;
import io.steward.account.ContactService;
import io.steward.account.PrivilegeCatalog;
import io.steward.activity.ActivityLog;
import io.steward.admin.AdminApi;
import io.steward.affiliate.AffiliateFeature;
import io.steward.auth.AdminKeys;
import io.steward.api.ClientApi;
import io.steward.auth.AuthFeature;
import io.steward.auth.AuthService;
import io.steward.auth.AuthSettings;
import io.steward.auth.Passwords;
import io.steward.catalog.CatalogAdmin;
import io.steward.catalog.CatalogAdminHandlers;
import io.steward.catalog.CatalogClientHandlers;
import io.steward.catalog.CatalogService;
import io.steward.billing.BillingFeature;
import io.steward.billing.TaxPolicy;
import io.steward.billing.document.DocumentHandlers;
import io.steward.billing.document.DocumentPdf;
import io.steward.billing.document.InvoiceDocuments;
import io.steward.billing.document.SellerProfileAdminHandlers;
import io.steward.billing.document.SellerProfiles;
import io.steward.config.Config;
import io.steward.core.PrivateFiles;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.demo.DemoData;
import io.steward.domain.DomainFeature;
import io.steward.dns.DnsFeature;
import io.steward.ipam.IpamFeature;
import io.steward.names.NamesFeature;
import io.steward.engine.BillingEngine;
import io.steward.engine.EngineAdminHandlers;
import io.steward.engine.EngineSettings;
import io.steward.mail.MailFeature;
import io.steward.modules.ModuleAdminHandlers;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleInstances;
import io.steward.modules.Modules;
import io.steward.mail.LoginNotices;
import io.steward.mail.Outbox;
import io.steward.mail.PasswordResetHandlers;
import io.steward.mail.PasswordResets;
import io.steward.notification.BillingNotices;
import io.steward.notification.Broadcasts;
import io.steward.notification.NotificationAdminHandlers;
import io.steward.notification.ClientEvents;
import io.steward.notification.NotificationHandlers;
import io.steward.notification.NotificationService;
import io.steward.notification.Notifier;
import io.steward.jobs.Jobs;
import io.steward.jobs.JobsAdminHandlers;
import io.steward.metrics.Metrics;
import io.steward.ops.OpsApi;
import io.steward.order.OrderFeature;
import io.steward.partner.PartnerFeature;
import io.steward.m365.M365Feature;
import io.steward.licence.LicenceFeature;
import io.steward.partner.PartnerInvoices;
import io.steward.partner.api.PartnerApi;
import io.steward.promo.PromoHandlers;
import io.steward.promo.PromoService;
import io.steward.tax.TaxCalculator;
import io.steward.tax.TaxHandlers;
import io.steward.tax.TaxService;
import io.steward.tax.VatCheckers;
import io.steward.scheduler.JobScheduler;
import io.steward.service.ServiceFeature;
import io.steward.server.ServerFeature;
import io.steward.traffic.TrafficFeature;
import io.steward.ssl.SslFeature;
import io.steward.status.AffectedServices;
import io.steward.status.StatusDemo;
import io.steward.status.StatusHandlers;
import io.steward.status.StatusService;
import io.steward.support.SupportFeature;
import io.steward.apikey.ApiKeyAdminHandlers;
import io.steward.apikey.ApiKeyClientHandlers;
import io.steward.apikey.ApiKeys;
import io.steward.cdn.CdnFeature;
import io.steward.v1.BillingV1Handlers;
import io.steward.v1.CatalogV1Handlers;
import io.steward.v1.DomainV1Handlers;
import io.steward.v1.ServiceV1Handlers;
import io.steward.v1.ServicesApi;
import io.steward.v1.V1Handlers;
import io.steward.web.HandlerSets;
import io.steward.staff.StaffFeature;
import io.steward.web.HttpApp;
import io.steward.web.OpenApiDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Steward node, assembled from its configuration: database, features, dialects, HTTP. Every
 * dependency is passed in a constructor here, so tests build the same graph with their own clock
 * and database.
 */
public final class Steward implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    /** The demo client's services-API key (read-write), public knowledge like the rest of the demo data. */
    public static final String DEMO_API_KEY = "stk_demo-services-api-key";

    private final Db db;
    private final AdminKeys adminKeys;
    private final AuthFeature auth;
    private final ClientAdminService clientAdmin;
    private final ContactService contacts;
    private final Modules modules;
    private final ModuleInstances moduleInstances;
    private final TaxService tax;
    private final SellerProfiles sellers;
    private final InvoiceDocuments documents;
    private final PromoService promos;
    private final CatalogService catalogService;
    private final CatalogAdmin catalogAdmin;
    private final JobScheduler scheduler;
    private final Jobs jobs;
    private final ServiceFeature services;
    private final ServerFeature servers;
    private final BillingFeature billing;
    private final OrderFeature orders;
    private final BillingEngine engine;
    private final AffiliateFeature affiliates;
    private final SupportFeature support;
    private final StatusService statuses;
    private final Clock clock;
    private final DomainFeature domains;
    private final MailFeature mail;
    private final NotificationService notifications;
    private final DnsFeature dns;
    private final IpamFeature ipam;
    private final NamesFeature names;
    private final BillingNotices billingNotices;
    private final TrafficFeature traffic;
    private final io.steward.cloud.CloudFeature cloud;
    private final SslFeature ssl;
    private final ApiKeys apiKeys;
    private final CdnFeature cdn;
    private final PartnerFeature partners;
    private final M365Feature m365;
    private final LicenceFeature licences;
    private final OpsApi ops;
    private final HttpApp http;
    private final io.steward.webui.WebKit webKit;
    private final Optional<String> initialAdminKey;
    private final StaffFeature staff;

    private Steward(Config config, Path dataDir, Clock clock) {
        this.clock = clock;
        // Everything under the data directory is this user's only (0700/0600), older trees included.
        PrivateFiles.directory(dataDir);
        PrivateFiles.tighten(dataDir);
        Secrets secrets = Secrets.load(config.get("secret.key", null), dataDir);
        this.db = Db.open(config, dataDir);
        Modules loaded = null;
        try {
            db.migrate();
            // Modules of every kind (one loader), and the instances the configuration names kept in step with it.
            loaded = Modules.discover(new ModuleContext(db, clock, secrets, config, dataDir));
            this.modules = loaded;
            this.moduleInstances = new ModuleInstances(db, clock, secrets, modules);
            moduleInstances.syncConfigured();
            var passwords = new Passwords(config.getInt("auth.argon2.memory-kib", 19456),
                    config.getInt("auth.argon2.iterations", 2), config.getInt("auth.argon2.parallelism", 1));
            var activity = new ActivityLog(db, clock);
            this.auth = new AuthFeature(db, clock, secrets, passwords, AuthSettings.from(config));
            auth.signingKeys().init();
            var accounts = new AccountService(db, clock, auth.credentials(), activity);
            var catalog = new PrivilegeCatalog();
            this.contacts = new ContactService(db, clock, accounts, auth.credentials(), catalog, activity);
            this.clientAdmin = new ClientAdminService(db, clock, accounts, auth.credentials(), activity,
                    config.get("billing.default-currency", "USD"));
            // Money rules: tax (with the VAT-number checker module) and promo codes.
            // The seller profile invoices are issued by, first written from the configuration; tax follows its country.
            this.sellers = new SellerProfiles(db, clock);
            sellers.seed(SellerProfiles.named(config.get("billing.issuer.name", "Steward Hosting"),
                    new TaxCalculator(config.get("billing.seller-country", "NL")).sellerCountry()));
            this.tax = new TaxService(db, clock, accounts, new TaxCalculator(sellers::country),
                    VatCheckers.configured(config, moduleInstances));
            this.promos = new PromoService(db, clock);
            this.adminKeys = new AdminKeys(db, clock);
            this.initialAdminKey = adminKeys.createInitialIfNone();
            // Staff accounts for people: roles, sign-in tokens (throttled with clients' logins), the audit log.
            this.staff = new StaffFeature(db, clock, secrets, passwords, auth.throttle(), config.getDuration("staff.token-ttl", Duration.ofHours(12)));
            this.catalogService = new CatalogService(db, clock, config.get("billing.default-currency", "USD"));
            this.catalogAdmin = new CatalogAdmin(db, clock, catalogService);
            this.scheduler = new JobScheduler(db, config);
            // The one job engine: features register their job kinds on it below; one poll runs them all.
            this.jobs = new Jobs(db, clock, scheduler.nodeName());
            // Mail (the outbox other features queue into, its sender job) and portal notifications.
            this.mail = new MailFeature(db, clock, config, secrets, accounts, contacts, scheduler, jobs, moduleInstances);
            this.notifications = new NotificationService(db, clock);
            // Sign-ins from a new address are mailed; the account feature still decides who may log in.
            AuthService authService = auth.service(activity, new LoginNotices(accounts, db, clock, mail.service()));
            var passwordResets = new PasswordResets(db, clock, auth.credentials(), accounts, mail.service(), activity,
                    PasswordResets.Settings.from(config));
            this.services = new ServiceFeature(db, clock, secrets, config, accounts, activity, scheduler, jobs, moduleInstances);
            // The features that keep settings per product (servers, IP policies, bandwidth terms) ask this.
            java.util.function.LongPredicate productExists = productId -> {
                try {
                    catalogService.product(productId);
                    return true;
                } catch (io.steward.core.StewardException e) {
                    return false;
                }
            };
            // Servers and server groups: a service's create job places it on a server of its product's group first.
            this.servers = new ServerFeature(db, clock, moduleInstances, services, productExists);
            catalog.register("services", services.services()::idsOf);
            clientAdmin.registerDependents(services.services()::blockingDeletion);
            catalogService.registerProductDependents(services.services()::blockingProductDeletion);

            this.billing = new BillingFeature(db, clock, config, BillingFeature.accountInfo(accounts), taxPolicy(tax), jobs, moduleInstances);
            billing.guardDeletion(clientAdmin);
            // Invoices and credit notes as legal documents (PDF, e-invoices), in the client's language.
            this.documents = new InvoiceDocuments(billing.invoices(), billing.gateways(), sellers,
                    clientId -> accounts.details(clientId).billing().language());
            // Cancelling a service cancels its unpaid renewal invoices in the same transaction.
            services.services().useInvoiceCanceller((clientId, serviceId) ->
                    billing.invoices().cancelUnpaidFor(serviceId, "system").size());

            // Orders: quotes and invoices share the tax seam billing uses.
            this.orders = new OrderFeature(db, clock, config, catalogService, promos, billing, services.services(),
                    tax::compute, tax::clientCurrency);
            // The billing run: renewals, notices, late fees, suspension, termination; renewals on payment.
            this.engine = new BillingEngine(db, clock, EngineSettings.from(config), billing.invoices(), services.services(),
                    leadDays(catalogService, catalogAdmin));
            billing.invoices().addListener(engine);
            if (engine.settings().scheduled()) scheduler.daily("billing-run", engine.settings().runAt(), engine::runToday);
            // Affiliates: attribution on orders, commissions on the referred clients' payments, payouts.
            this.affiliates = new AffiliateFeature(db, clock, config, promos, billing, orders.orders(), scheduler, mail.outbox(), notifications,
                    tax::clientCurrency);
            clientAdmin.registerDependents(affiliates::blockingDeletion);
            clientAdmin.registerCurrencyGuard(affiliates::fixingCurrency);

            java.util.function.LongPredicate clientExists = id -> {
                try {
                    accounts.details(id);
                    return true;
                } catch (io.steward.core.StewardException e) {
                    return false;
                }
            };
            // Ownership of names: the one check every feature claiming a name (DNS zones first) calls.
            this.names = new NamesFeature(db, clock, config, clientExists);
            clientAdmin.registerDependents(names::blockingDeletion);
            // DNS hosting: zones, the authoritative server (started by listen) and URL/FRAME forwarding.
            this.dns = new DnsFeature(db, clock, secrets, config, scheduler, services.services(), clientExists, names.claims());
            names.addHolder(dns.nameHolder());
            clientAdmin.registerDependents(dns::blockingDeletion);
            // IP space: pools, products' address policies, assignment before create, PTRs in the DNS feature's reverse zones.
            this.ipam = new IpamFeature(db, clock, config, dns.reverseZones(), services.services(), services.moduleAccess(), productExists);
            services.addHook(ipam);
            services.addListener(ipam);
            // Cloud services: VMs within the service's limits, actions as jobs, addresses leased from the IP pools.
            this.cloud = new io.steward.cloud.CloudFeature(db, clock, secrets, config, services.services(), services.moduleAccess(), ipam, jobs);
            services.addListener(cloud);
            // Domains: TLD catalog, registrar modules, domain items of orders, renewals and the registry sync.
            this.domains = new DomainFeature(db, clock, secrets, config, scheduler, jobs, billing.invoices(), orders.orders(), dns.zones(), names.claims(),
                    tax::clientCurrency,
                    (clientId, contactId) -> {
                        try {
                            return java.util.Optional.of(contactId == null ? accounts.details(clientId).profile()
                                    : contacts.get(clientId, contactId).profile());
                        } catch (io.steward.core.StewardException e) {
                            return java.util.Optional.empty();
                        }
                    }, moduleInstances);
            catalog.register("domains", domains.domains()::idsOf);
            names.useRegistry(domains.registeredNames());
            // Signed zones' DS sets go to the registry of the client's domain of that name.
            dns.useDsPublisher(domains.dsPublisher());
            // Zones squatted before ownership of names was checked stop answering before the DNS server loads them (once).
            names.reconcile();

            // Clients hear of their account's events by mail and portal notification, queued in the
            // transaction of each change; the billing run's reminders and overdue notices by a job.
            var clientEvents = new ClientEvents(mail.outbox(), notifications);
            clientAdmin.addCreationListener(clientEvents);
            billing.invoices().addListener(clientEvents);
            services.addListener(clientEvents);
            domains.addListener(clientEvents);
            var broadcasts = new Broadcasts(db, clock, notifications, new Broadcasts.Audiences() {
                @Override public List<Long> allClients() { return accounts.openClientIds(); }

                @Override public List<Long> clientsOfProduct(long productId) { return services.services().clientIdsWith(productId, null); }

                @Override public List<Long> clientsOfServer(String server) { return services.services().clientIdsWith(null, server); }
            }, mail.outbox());
            this.billingNotices = new BillingNotices(db, engine.events(), billing.invoices(), mail.outbox(), notifications);
            if (mail.settings().scheduled()) scheduler.recurring("billing-notices", mail.settings().pollInterval(), billingNotices::runNow);
            // Traffic: counters sampled and rolled up, bandwidth figures and graphs, quota notices, overage on renewals.
            this.traffic = new TrafficFeature(db, clock, config, scheduler, services, mail.outbox(), notifications, productExists);
            engine.useUsageCharges(traffic.overageCharges());
            // Upgrades and downgrades: prorated quotes and invoices, applied on payment; new services' options recorded.
            var upgrades = new io.steward.upgrade.UpgradeFeature(db, clock, config, catalogService, services, billing, orders.orders());
            // A cloud service's configurable options (e.g. "Extra cores", module value cores+=1) raise its limits.
            cloud.useOptions(upgrades.upgrades());
            // SSL certificates: certificate items of orders, CA modules, issuance jobs, renewals and reminders.
            this.ssl = new SslFeature(db, clock, secrets, config, scheduler, jobs, catalogService, services, orders.orders(), dns.zones(),
                    moduleInstances, mail.outbox(), notifications, tax::clientCurrency);
            // Services API: clients' API keys, and CDN resources on CDN module instances (their edges follow service statuses).
            this.apiKeys = new ApiKeys(db, clock, (clientId, contactId) -> {
                try {
                    contacts.get(clientId, contactId);
                    return true;
                } catch (io.steward.core.StewardException e) {
                    return false;
                }
            });
            this.cdn = new CdnFeature(db, clock, config, moduleInstances, services.services(), jobs, names.claims());
            services.addListener(cdn.cdn());

            // Support desk: tickets, departments, attachments, inbound mail; a dead provisioning job opens a staff ticket.
            this.support = new SupportFeature(db, clock, secrets, config, dataDir, accounts, contacts, services.services(), mail.outbox(),
                    notifications, scheduler);
            services.provisioning().onDead(support.tickets());
            // Status page: incidents and maintenance tell the clients with services on the affected products or servers.
            this.statuses = new StatusService(db, clock, (clientId, products, servers) -> services.services().openOn(clientId, products, servers).stream()
                    .map(s -> new AffectedServices.Affected(s.id(), s.clientId())).toList(), mail.outbox(), notifications);
            var statusHandlers = new StatusHandlers(statuses);

            // Every kind is registered by now: one poll on every node runs them all.
            scheduler.recurring("jobs", config.getDuration("jobs.poll-interval", java.time.Duration.ofSeconds(2)), jobs::runDue);

            // Partners (resellers): OAuth client credentials, end clients; what they order is invoiced to them.
            this.partners = new PartnerFeature(db, clock, config, clientAdmin);
            var partnerInvoices = new PartnerInvoices(billing.payments(), billing.credit(), billing.invoices());
            // Microsoft 365 through the CSP module (the sandbox CSP by default), billed to the partner.
            // Licences follow their services' lives through the licence module (the sandbox issuer by default).
            this.licences = new LicenceFeature(db, clock, secrets, jobs, moduleInstances, services.services(), productId -> {
                if (productId == null) return null;
                try {
                    var p = catalogService.product(productId);
                    if (p.type() != io.steward.catalog.Product.Type.LICENCE) return null;
                    var settings = p.moduleConfig() == null ? null : io.steward.core.Json.MAPPER.readTree(p.moduleConfig());
                    return settings == null ? "generic" : settings.path("vendor").asText("generic");
                } catch (io.steward.core.StewardException | java.io.IOException e) {
                    return null;
                }
            });
            services.addListener(licences.licences());
            this.m365 = new M365Feature(db, clock, config, scheduler, jobs, moduleInstances, services.services(), billing.invoices(), partnerInvoices,
                    tax::clientCurrency);
            services.addListener(m365.lifecycle());

            var metrics = new Metrics(db.pool());
            metrics.include(jobs::scrape);
            this.ops = new OpsApi(db, metrics, VERSION);
            // Each feature registers its handler sets; each dialect's route table points into them.
            var documentHandlers = new DocumentHandlers(documents, new DocumentPdf(clock));
            var clientHandlers = new HandlerSets()
                    .add(new CatalogClientHandlers(catalogService, tax::clientCurrency))
                    .add(orders.clientHandlers())
                    .add(services.clientHandlers())
                    .add(billing.clientHandlers())
                    .add(domains.clientHandlers())
                    .add(new NotificationHandlers(notifications))
                    .add(dns.clientHandlers())
                    .add(ipam.clientHandlers())
                    .add(names.clientHandlers())
                    .add(dns.dnssecClientHandlers())
                    .add(new PasswordResetHandlers(passwordResets))
                    .add(affiliates.clientHandlers())
                    .add(support.clientHandlers())
                    .add(traffic.clientHandlers())
                    .add(upgrades.clientHandlers())
                    .add(cloud.clientHandlers())
                    .add(ssl.clientHandlers())
                    .add(new ApiKeyClientHandlers(apiKeys))
                    .add(statusHandlers)
                    .add(documentHandlers);
            var adminHandlers = new HandlerSets()
                    .add(new TaxHandlers(tax))
                    .add(new PromoHandlers(promos))
                    .add(new CatalogAdminHandlers(catalogAdmin))
                    .add(services.adminHandlers())
                    .add(billing.adminHandlers())
                    .add(orders.adminHandlers())
                    .add(new EngineAdminHandlers(engine, clock))
                    .add(dns.adminHandlers())
                    .add(ipam.adminHandlers())
                    .add(names.adminHandlers())
                    .add(dns.dnssecAdminHandlers())
                    .add(mail.adminHandlers())
                    .add(new NotificationAdminHandlers(broadcasts))
                    .add(affiliates.adminHandlers())
                    .add(support.adminHandlers())
                    .add(statusHandlers)
                    .add(domains.adminHandlers())
                    .add(new JobsAdminHandlers(jobs))
                    .add(new ModuleAdminHandlers(moduleInstances))
                    .add(servers.adminHandlers())
                    .add(traffic.adminHandlers())
                    .add(upgrades.adminHandlers())
                    .add(cloud.adminHandlers())
                    .add(ssl.adminHandlers())
                    .add(new ApiKeyAdminHandlers(apiKeys, clientExists))
                    .add(cdn.adminHandlers())
                    .add(partners.adminHandlers())
                    .add(licences.adminHandlers())
                    .add(new SellerProfileAdminHandlers(sellers))
                    .add(documentHandlers)
                    .add(staff.adminHandlers());
            // e-invoices (UBL) of the invoice documents, in both dialects
            var ublHandlers = new io.steward.billing.document.UblHandlers(documents);
            clientHandlers.add(ublHandlers);
            adminHandlers.add(ublHandlers);
            var clientApi = new ClientApi(authService, accounts, contacts, catalog, clientHandlers,
                    OpenApiDocument.load("openapi/client.yaml"));
            var adminApi = new AdminApi(adminKeys, staff, clientAdmin, accounts, adminHandlers, OpenApiDocument.load("openapi/admin.yaml"));
            var servicesApi = new ServicesApi(authService, accounts, apiKeys, new V1Handlers(new CatalogV1Handlers(catalogService),
                    new ServiceV1Handlers(services.services(), cdn.cdn()), new DomainV1Handlers(domains.tlds()),
                    new BillingV1Handlers(billing.invoices(), billing.gateways())), OpenApiDocument.load("openapi/services.yaml"));
            var partnerHandlers = new HandlerSets()
                    .add(partners.handlers())
                    .add(domains.partnerHandlers(partnerInvoices))
                    .add(new io.steward.service.ServicePartnerHandlers(services.services(), clock))
                    .add(m365.partnerHandlers())
                    .add(licences.partnerHandlers());
            var partnerApi = new PartnerApi(partners.tokens(), partnerHandlers, OpenApiDocument.load("openapi/partner.yaml"));
            // The web client area at the root, beside the operations endpoints (see ClientSite.takes).
            var webSettings = io.steward.webui.WebSettings.from(config);
            this.webKit = new io.steward.webui.WebKit(new io.steward.webui.WebSessions(db, clock, webSettings.idle(), webSettings.absolute()),
                    webSettings);
            var clientSite = new io.steward.webui.client.ClientSite(webKit, authService, accounts, contacts,
                    new io.steward.webui.client.ClientFeatures(passwordResets, billing, services.services(), dns.clientService(),
                            support.tickets(), catalogService, orders.orders(), tax::clientCurrency, apiKeys, documentHandlers));
            // The staff console at /admin (after /admin/api, which keeps its own prefix; before the root's client area).
            var staffConsole = new io.steward.webui.staff.StaffConsole(webKit, staff,
                    new io.steward.webui.staff.ConsoleFeatures(clientAdmin, authService, billing, support, orders.orders(), jobs, engine,
                            staff.audit()));
            this.http = new HttpApp(List.of(clientApi, adminApi, servicesApi, staffConsole, clientSite, ops, partnerApi), metrics,
                    config.getLong("http.max-body-bytes", 1_048_576), config.getLong("http.max-upload-bytes", 10_485_760),
                    config.getBool("http.trust-forwarded", false));
        } catch (RuntimeException e) {
            if (loaded != null) loaded.close();
            db.close();
            throw e;
        }
    }

    /**
     * Billing's tax seam served by the tax feature: rules, exemption and EU reverse charge are the
     * tax feature's; a reverse-charged sale is issued as tax-exempt.
     */
    static TaxPolicy taxPolicy(TaxService tax) {
        return new TaxPolicy() {
            @Override
            public TaxPolicy.TaxResult compute(long clientId, String currency, List<TaxPolicy.TaxableLine> lines) {
                return adapt(tax.compute(clientId, currency, taxable(lines)));
            }

            @Override
            public TaxPolicy forBatch(java.util.Collection<Long> clientIds) {
                var batch = tax.batch(clientIds);
                return (clientId, currency, lines) -> adapt(batch.compute(clientId, currency, taxable(lines)));
            }

            @Override
            public TaxPolicy forBatch(java.util.Collection<Long> clientIds, java.util.Map<Long, io.steward.account.Client> read) {
                var batch = read.isEmpty() ? tax.batch(clientIds) : tax.batch(read);
                return (clientId, currency, lines) -> adapt(batch.compute(clientId, currency, taxable(lines)));
            }
        };
    }

    private static List<io.steward.tax.TaxableLine> taxable(List<TaxPolicy.TaxableLine> lines) {
        return lines.stream().map(l -> new io.steward.tax.TaxableLine(l.linetotal(), l.taxed())).toList();
    }

    private static TaxPolicy.TaxResult adapt(io.steward.tax.TaxResult result) {
        return new TaxPolicy.TaxResult(result.taxrate(), result.tax(), result.taxrate2(), result.tax2(),
                result.taxExempt() || result.reverseCharge());
    }

    /** Renewal lead days per product, from the catalog (a product that is gone has no override). */
    static BillingEngine.LeadDays leadDays(CatalogService catalog, CatalogAdmin admin) {
        return new BillingEngine.LeadDays() {
            @Override
            public Integer forProduct(long productId) {
                try {
                    return catalog.product(productId).renewalLeadDays();
                } catch (io.steward.core.StewardException e) {
                    return null;
                }
            }

            @Override
            public int maxOverride() {
                return admin.products(null).stream().map(p -> p.spec().renewalLeadDays()).filter(java.util.Objects::nonNull)
                        .mapToInt(Integer::intValue).max().orElse(0);
            }
        };
    }

    /** The demo's "Cloud VPS" product on the sandbox cloud, in the VPS category (made once). */
    private long cloudDemoProduct() {
        Long id = productNamed(io.steward.cloud.CloudDemo.PRODUCT);
        if (id != null) return id;
        long category = catalogAdmin.categories().stream().filter(c -> "vps".equals(c.spec().slug())).findFirst().orElseThrow().id();
        return catalogAdmin.createProduct(io.steward.core.Json.tree(io.steward.core.Json.obj("category_id", category,
                "name", io.steward.cloud.CloudDemo.PRODUCT, "type", "vps", "module", io.steward.cloud.sandbox.SandboxCloudFactory.ID,
                "module_config", io.steward.cloud.CloudDemo.limits(),
                "description", "Up to 3 VMs, 4 vCPU, 4 GB RAM, 80 GB disk in total; create, rescue and rebuild them yourself.\n",
                "prices", java.util.Map.of("USD", java.util.Map.of("m", java.util.Map.of("price", "15.00", "setup", "0.00")),
                        "EUR", java.util.Map.of("m", java.util.Map.of("price", "14.00", "setup", "0.00"))),
                // Each extra core raises the service's core limit by one (module value cores+=1).
                "forms", java.util.List.of(io.steward.core.Json.obj("type", "quantity", "name", "Extra cores", "required", false, "min", 0,
                        "max", 8, "step", 1, "items", java.util.List.of(io.steward.core.Json.obj("name", "Extra core", "module_value", "cores+=1",
                                "prices", java.util.Map.of("USD", java.util.Map.of("m", java.util.Map.of("price", "3.00", "setup", "0.00")),
                                        "EUR", java.util.Map.of("m", java.util.Map.of("price", "2.75", "setup", "0.00")))))))))).id();
    }

    private Long productNamed(String name) {
        return catalogAdmin.products(null).stream().filter(p -> p.name().equals(name)).map(p -> p.id()).findFirst().orElse(null);
    }

    /** Opens the database, migrates it and assembles the node, without listening yet. */
    public static Steward create(Config config, Path dataDir, Clock clock) {
        return new Steward(config, dataDir, clock);
    }

    public Steward loadDemo() {
        sellers.loadDemo();
        new DemoData(db, clientAdmin, contacts, adminKeys, tax, promos, catalogAdmin, services.demo(), billing.demo(clientAdmin))
                .with((clientId, starter) -> dns.demo(services.services()::markActive, services.services())
                        .load(clientId, productNamed("DNS Hosting")))
                .afterBilling((clientId, starter) -> domains.demo().load(clientId, clientAdmin.get(clientId).billing().currency()))
                // Orders go after billing's part, which loads only for a client without invoices.
                .afterBilling((clientId, starter) -> orders.demo().load(clientId, productNamed("DNS Hosting"), productNamed("Business Hosting")))
                .afterBilling((clientId, starter) -> db.txRun(() -> affiliates.demo(billing, clientAdmin).load(clientId)))
                .with((clientId, starter) -> ipam.demo().load(clientId, starter, io.steward.service.ServiceDemo.DOMAIN))
                .with((clientId, starter) -> support.demo().load(clientId))
                .with((clientId, starter) -> servers.demo().load(clientId, starter))
                .with((clientId, starter) -> new StatusDemo(statuses, clock).load(starter))
                .with((clientId, starter) -> staff.demo().load())
                .afterBilling((clientId, starter) -> traffic.demo().load(clientId, io.steward.service.ServiceDemo.DOMAIN))
                .afterBilling((clientId, starter) -> cloud.demo(services.services()).load(clientId, cloudDemoProduct(), p -> ipam.demo().policy(p, 0, 0)))
                .afterBilling((clientId, starter) -> ssl.demo().load(clientId, java.util.stream.Stream.of("RapidSSL Standard", "GeoTrust QuickSSL Premium")
                        .map(this::productNamed).filter(java.util.Objects::nonNull).toList()))
                // Services API: the demo client's API key (printed at --demo start) and its CDN service with a resource.
                .afterBilling((clientId, starter) -> apiKeys.ensure(clientId, "demo", DEMO_API_KEY, io.steward.apikey.ApiKey.READ_WRITE))
                .afterBilling((clientId, starter) -> cdn.demo().load(clientId, catalogAdmin, clientAdmin.get(clientId).billing().currency(),
                        services.services()::markActive))
                // The demo reseller with its OAuth credential, credit, two end clients and a domain of the first.
                .afterBilling((clientId, starter) -> {
                    var partner = partners.demo().load((id, amount, reason) -> billing.credit().adjust(id, amount, reason, "demo"));
                    domains.demo().activeDomain(partner.endClients().get(0), clientAdmin.get(partner.partner().clientId()).billing().currency(),
                            "partner-demo.test");
                    // An M365 tenant with a subscription of 3 seats, and a cPanel licence (issued by the job engine once it runs).
                    m365.service().demo(partners.callerOf(partner.partner()), partner.endClients().get(0), "partnerdemo");
                    long bob = partner.endClients().get(1);
                    licences.demo(bob, productNamed("cPanel Solo licence"), clientAdmin.get(bob).billing().currency());
                })
                .load();
        return this;
    }

    /** Serves HTTP, then starts the scheduler (unless scheduler.enabled is false). */
    public Steward listen(String host, int port, Duration grace) {
        try {
            db.startLocalServer();
            http.start(host, port, grace);
            dns.start();
            scheduler.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public int port() { return http.port(); }

    public Db db() { return db; }

    public AdminKeys adminKeys() { return adminKeys; }

    /** Staff accounts, roles, tokens and the audit log. */
    public StaffFeature staff() { return staff; }

    /** The tax seam billing and quotes use. */
    public TaxService tax() { return tax; }

    /** The promo-code seam orders use. */
    public PromoService promos() { return promos; }

    /** The catalog seam (product lookup, pricing, stock) for the features that order and bill. */
    public CatalogService catalog() { return catalogService; }

    public HttpApp http() { return http; }

    /** The web layer's shared parts (templates, sessions, CSRF, headers) the client area and staff console use. */
    public io.steward.webui.WebKit webKit() { return webKit; }

    public JobScheduler scheduler() { return scheduler; }

    /** The job engine (tests run and inspect jobs through it). */
    public Jobs jobs() { return jobs; }

    public ServiceFeature services() { return services; }

    /** Servers and server groups. */
    public ServerFeature servers() { return servers; }

    public BillingFeature billing() { return billing; }

    /** Invoices and credit notes as documents, and the seller profile they are issued by. */
    public InvoiceDocuments documents() { return documents; }

    public SellerProfiles sellers() { return sellers; }

    /** The support desk (tickets, departments, inbound mail). */
    public SupportFeature support() { return support; }

    public StatusService statuses() { return statuses; }

    /** The order seam (placing orders, the order of an invoice, a service's promo code). */
    public OrderFeature orders() { return orders; }
    /** DNS hosting: the {@code DnsZones} seam, the DNS server's and forwarding listener's ports. */
    public DnsFeature dns() { return dns; }

    /** IP space: pools, addresses, products' address policies. */
    public IpamFeature ipam() { return ipam; }

    /** SSL certificates: catalog, orders, issuance, renewals. */
    public SslFeature ssl() { return ssl; }
    /** Clients' API keys for the services API. */
    public ApiKeys apiKeys() { return apiKeys; }

    /** CDN resources and purges. */
    public CdnFeature cdn() { return cdn; }

    /** Traffic sampling, roll-ups, bandwidth figures and overage. */
    public TrafficFeature traffic() { return traffic; }

    public io.steward.cloud.CloudFeature cloud() { return cloud; }

    /** The billing run (also run by the daily task, the admin API and {@code steward billing run}). */
    public BillingEngine engine() { return engine; }

    /** Affiliates: accounts, attribution, commissions, payouts. */
    public AffiliateFeature affiliates() { return affiliates; }
    /** Partners (resellers): their terms, OAuth credentials and end clients. */
    public PartnerFeature partners() { return partners; }

    /** Microsoft 365: tenants, subscriptions, seat changes and their billing. */
    public M365Feature m365() { return m365; }

    /** Licences: issued, suspended, reissued and terminated with their services. */
    public LicenceFeature licences() { return licences; }

    /** Ownership of names: claims, proof of control, staff reassignment. */
    public NamesFeature names() { return names; }

    /** Domains: TLDs, registrar modules, registrar jobs, renewals and sync. */
    public DomainFeature domains() { return domains; }
    /** The mail seam: templated mail queued in the caller's transaction. */
    public Outbox outbox() { return mail.outbox(); }

    public MailFeature mail() { return mail; }

    /** Module instances of every kind (the one plug-in framework). */
    public ModuleInstances moduleInstances() { return moduleInstances; }

    /** Mails the billing run's reminders and overdue notices (scheduled; tests run it by hand). */
    public BillingNotices billingNotices() { return billingNotices; }

    /** The portal-notification seam. */
    public Notifier notifier() { return notifications; }

    public String rotateSigningKey() { return auth.signingKeys().rotate(); }

    /** The admin key created because none existed; present only on the very first start. */
    public Optional<String> initialAdminKey() { return initialAdminKey; }

    /** Graceful stop: readiness goes DOWN, in-flight requests finish, running tasks finish, then the pool closes. */
    @Override
    public void close() {
        ops.drain();
        http.stop();
        scheduler.stop();
        dns.close();
        services.close();
        domains.close();
        billing.close();
        mail.close();
        modules.close();
        db.close();
    }
}
