package io.steward.admin;

import io.steward.auth.AdminKeys;
import io.steward.account.AccountService;
import io.steward.account.ClientAdminService;
import io.steward.affiliate.AffiliateAdminHandlers;
import io.steward.apikey.ApiKeyAdminHandlers;
import io.steward.cdn.CdnAdminHandlers;
import io.steward.catalog.CatalogAdminHandlers;
import io.steward.billing.BillingAdminHandlers;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.dns.DnsAdminHandlers;
import io.steward.names.NamesAdminHandlers;
import io.steward.dns.DnssecAdminHandlers;
import io.steward.ipam.IpamAdminHandlers;
import io.steward.order.OrderAdminHandlers;
import io.steward.partner.PartnerAdminHandlers;
import io.steward.licence.LicenceAdminHandlers;
import io.steward.domain.DomainAdminHandlers;
import io.steward.engine.EngineAdminHandlers;
import io.steward.jobs.JobsAdminHandlers;
import io.steward.mail.MailAdminHandlers;
import io.steward.modules.ModuleAdminHandlers;
import io.steward.server.ServerAdminHandlers;
import io.steward.notification.NotificationAdminHandlers;
import io.steward.promo.PromoHandlers;
import io.steward.tax.TaxHandlers;
import io.steward.service.ServiceAdminHandlers;
import io.steward.status.StatusHandlers;
import io.steward.support.SupportAdminHandlers;
import io.steward.ssl.SslAdminHandlers;
import io.steward.traffic.TrafficAdminHandlers;
import io.steward.auth.StaffArea;
import io.steward.staff.StaffAdminHandlers;
import io.steward.staff.StaffAudit;
import io.steward.staff.StaffFeature;
import io.steward.staff.StaffTokens;
import io.steward.web.Call;
import io.steward.web.Reply;
import io.steward.web.Route;
import io.steward.web.Dialect;
import io.steward.web.HandlerSets;
import io.steward.web.OpenApiDocument;
import io.steward.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The staff API at {@code /admin/api}: REST-style JSON, {@code Authorization: Bearer <admin key or
 * staff token>}. Errors: {@code {"error": "not_found", "messages": [...], "fields": {...}}}.
 */
public final class AdminApi implements Dialect<AdminApi.Access> {
    /**
     * Who may call a route: anyone ({@link #PUBLIC}), any signed-in staff ({@link #SIGNED_IN}), staff
     * whose role grants the route's area ({@code GET} needs the area or its {@code :read} grant,
     * other methods the area itself), or administrators ({@link #STAFF}: a route no area claims yet
     * is theirs alone until one does). Admin API keys may call every route.
     */
    public record Access(boolean open, boolean anyStaff, StaffArea area) {
        public static final Access PUBLIC = new Access(true, false, null);
        public static final Access SIGNED_IN = new Access(false, true, null);
        public static final Access STAFF = new Access(false, false, null);
        public static final Access CLIENTS = area(StaffArea.CLIENTS);
        public static final Access ORDERS = area(StaffArea.ORDERS);
        public static final Access BILLING = area(StaffArea.BILLING);
        public static final Access SERVICES = area(StaffArea.SERVICES);
        public static final Access SUPPORT = area(StaffArea.SUPPORT);
        public static final Access DOMAINS = area(StaffArea.DOMAINS);
        public static final Access DNS = area(StaffArea.DNS);
        public static final Access CATALOG = area(StaffArea.CATALOG);
        public static final Access TAX = area(StaffArea.TAX);
        public static final Access PROMOS = area(StaffArea.PROMOS);
        public static final Access STATUS = area(StaffArea.STATUS);
        public static final Access SETTINGS = area(StaffArea.SETTINGS);
        public static final Access STAFF_ACCOUNTS = area(StaffArea.STAFF);

        private static Access area(StaffArea area) { return new Access(false, false, area); }
    }

    private final AdminKeys keys;
    private final StaffTokens staffTokens;
    private final StaffAudit audit;
    private final Router<Access> router = new Router<>();

    public AdminApi(AdminKeys keys, StaffFeature staff, ClientAdminService clients, AccountService accounts, HandlerSets features,
                    OpenApiDocument document) {
        this.keys = keys;
        this.staffTokens = staff.tokens();
        this.audit = staff.audit();
        var client = new ClientHandlers(clients, accounts);
        var taxes = features.get(TaxHandlers.class);
        var promo = features.get(PromoHandlers.class);
        var catalog = features.get(CatalogAdminHandlers.class);
        var service = features.get(ServiceAdminHandlers.class);
        var billing = features.get(BillingAdminHandlers.class);
        var orders = features.get(OrderAdminHandlers.class);
        var engine = features.get(EngineAdminHandlers.class);
        var domains = features.get(DomainAdminHandlers.class);
        var dns = features.get(DnsAdminHandlers.class);
        var names = features.get(NamesAdminHandlers.class);
        var dnssec = features.get(DnssecAdminHandlers.class);
        var ipam = features.get(IpamAdminHandlers.class);
        var mail = features.get(MailAdminHandlers.class);
        var notices = features.get(NotificationAdminHandlers.class);
        var affiliates = features.get(AffiliateAdminHandlers.class);
        var support = features.get(SupportAdminHandlers.class);
        var status = features.get(StatusHandlers.class);
        var jobs = features.get(JobsAdminHandlers.class);
        var modules = features.get(ModuleAdminHandlers.class);
        var servers = features.get(ServerAdminHandlers.class);
        var traffic = features.get(TrafficAdminHandlers.class);
        var upgrades = features.get(io.steward.upgrade.UpgradeAdminHandlers.class);
        var cloudVms = features.get(io.steward.cloud.CloudAdminHandlers.class);
        var ssl = features.get(SslAdminHandlers.class);
        var apikeys = features.get(ApiKeyAdminHandlers.class);
        var cdn = features.get(CdnAdminHandlers.class);
        var partners = features.get(PartnerAdminHandlers.class);
        var licences = features.get(LicenceAdminHandlers.class);
        var staffs = features.get(StaffAdminHandlers.class);

        router.get("/openapi.json", document.handler(), Access.PUBLIC)
              .get("/clients", client::list, Access.CLIENTS)
              .post("/clients", client::create, Access.CLIENTS)
              .get("/clients/@id", client::get, Access.CLIENTS)
              .put("/clients/@id", client::update, Access.CLIENTS)
              .delete("/clients/@id", client::delete, Access.CLIENTS)
              .put("/clients/@id/status", client::setStatus, Access.CLIENTS)
              .post("/clients/@id/password", client::resetPassword, Access.CLIENTS)
              .get("/clients/@id/logs", client::logs, Access.CLIENTS);

        // money rules: tax rules and promo codes
        router.get("/tax-rules", taxes::list, Access.TAX)
              .post("/tax-rules", taxes::create, Access.TAX)
              .get("/tax-rules/@id", taxes::get, Access.TAX)
              .put("/tax-rules/@id", taxes::update, Access.TAX)
              .delete("/tax-rules/@id", taxes::delete, Access.TAX)
              .post("/tax-preview", taxes::preview, Access.TAX)
              .get("/promo-codes", promo::list, Access.PROMOS)
              .post("/promo-codes", promo::create, Access.PROMOS)
              .get("/promo-codes/@id", promo::get, Access.PROMOS)
              .put("/promo-codes/@id", promo::update, Access.PROMOS)
              .delete("/promo-codes/@id", promo::delete, Access.PROMOS);

        // catalog
        router.get("/categories", catalog::categories, Access.CATALOG)
              .post("/categories", catalog::createCategory, Access.CATALOG)
              .get("/categories/@id", catalog::category, Access.CATALOG)
              .put("/categories/@id", catalog::updateCategory, Access.CATALOG)
              .delete("/categories/@id", catalog::deleteCategory, Access.CATALOG)
              .get("/products", catalog::products, Access.CATALOG)
              .post("/products", catalog::createProduct, Access.CATALOG)
              .get("/products/@id", catalog::product, Access.CATALOG)
              .put("/products/@id", catalog::updateProduct, Access.CATALOG)
              .delete("/products/@id", catalog::deleteProduct, Access.CATALOG)
              .get("/addons", catalog::addons, Access.CATALOG)
              .post("/addons", catalog::createAddon, Access.CATALOG)
              .get("/addons/@id", catalog::addon, Access.CATALOG)
              .put("/addons/@id", catalog::updateAddon, Access.CATALOG)
              .delete("/addons/@id", catalog::deleteAddon, Access.CATALOG);

        // services, provisioning jobs, server modules
        router.get("/services", service::list, Access.SERVICES)
              .post("/services", service::create, Access.SERVICES)
              .get("/services/@id", service::get, Access.SERVICES)
              .post("/services/@id/activate", service::activate, Access.SERVICES)
              .post("/services/@id/suspend", service::suspend, Access.SERVICES)
              .post("/services/@id/unsuspend", service::unsuspend, Access.SERVICES)
              .post("/services/@id/terminate", service::terminate, Access.SERVICES)
              .get("/services/@id/module-calls", service::moduleCalls, Access.SERVICES)
              .get("/provisioning-jobs", service::jobs, Access.SERVICES)
              .get("/provisioning-jobs/@id", service::job, Access.SERVICES)
              .post("/provisioning-jobs/@id/retry", service::retry, Access.SERVICES)
              .get("/modules", service::modules, Access.SERVICES);

        // traffic: a service's bandwidth, per-product quota and overage price
        router.get("/services/@id/bandwidth", traffic::serviceBandwidth, Access.SERVICES)
              .get("/product-bandwidth", traffic::list, Access.CATALOG)
              .get("/products/@id/bandwidth", traffic::get, Access.CATALOG)
              .put("/products/@id/bandwidth", traffic::set, Access.CATALOG)
              .delete("/products/@id/bandwidth", traffic::delete, Access.CATALOG);
        // SSL certificates: what makes a catalog product a certificate product; the renewal pass
        router.get("/certificate-products", ssl::list, Access.CATALOG)
              .get("/products/@id/certificate", ssl::get, Access.CATALOG)
              .put("/products/@id/certificate", ssl::set, Access.CATALOG)
              .delete("/products/@id/certificate", ssl::delete, Access.CATALOG)
              .post("/certificate-renewals", ssl::runRenewals, Access.SERVICES)
              .post("/certificates/@id/ca-order", ssl::caOrder, Access.SERVICES);

        // billing: invoices, payments, refunds, credit, gateways, numbering series
        router.get("/invoices", billing::listInvoices, Access.BILLING)
              .post("/invoices", billing::createInvoice, Access.BILLING)
              .get("/invoices/@id", billing::getInvoice, Access.BILLING)
              .post("/invoices/@id/payments", billing::recordPayment, Access.BILLING)
              .post("/invoices/@id/refund", billing::refund, Access.BILLING)
              .post("/invoices/@id/cancel", billing::cancel, Access.BILLING)
              .get("/clients/@id/credit", billing::creditLedger, Access.BILLING)
              .post("/clients/@id/credit", billing::adjustCredit, Access.BILLING)
              .post("/clients/@id/addfunds", billing::addFunds, Access.BILLING)
              .get("/gateways", billing::listGateways, Access.BILLING)
              .put("/gateways/@id", billing::updateGateway, Access.BILLING)
              .get("/invoice-series", billing::listSeries, Access.BILLING)
              .put("/invoice-series/@name", billing::defineSeries, Access.BILLING);

        // orders
        router.get("/orders", orders::list, Access.ORDERS)
              .post("/orders", orders::create, Access.ORDERS)
              .get("/orders/@id", orders::get, Access.ORDERS)
              .put("/orders/@id/status", orders::setStatus, Access.ORDERS);

        // billing engine: run it for a date
        router.post("/billing/run", engine::run, Access.BILLING)
              .get("/billing/events", engine::events, Access.BILLING);

        // domains: TLDs, domains, registrar jobs, registrar modules, the sandbox registry
        router.get("/tlds", domains::listTlds, Access.DOMAINS)
              .post("/tlds", domains::createTld, Access.DOMAINS)
              .get("/tlds/@id", domains::getTld, Access.DOMAINS)
              .put("/tlds/@id", domains::updateTld, Access.DOMAINS)
              .delete("/tlds/@id", domains::deleteTld, Access.DOMAINS)
              .get("/domains", domains::listDomains, Access.DOMAINS)
              .get("/domains/@id", domains::getDomain, Access.DOMAINS)
              .post("/domains/@id/sync", domains::syncDomain, Access.DOMAINS)
              .post("/domains/run", domains::run, Access.DOMAINS)
              .get("/domain-jobs", domains::listJobs, Access.DOMAINS)
              .post("/domain-jobs/@id/retry", domains::retryJob, Access.DOMAINS)
              .get("/registrars", domains::registrars, Access.DOMAINS)
              .post("/registry", domains::addRegistryName, Access.DOMAINS)
              .get("/registry/@name", domains::registryName, Access.DOMAINS)
              .post("/registry/@name/approve-transfer", domains::approveTransfer, Access.DOMAINS)
              .post("/registry/@name/transfer-away", domains::transferAway, Access.DOMAINS);

        // DNS: any client's zones and records, default records of new zones
        router.get("/dns/zones", dns::zones, Access.DNS)
              .post("/dns/zones", dns::createZone, Access.DNS)
              .get("/dns/zones/@id", dns::zoneDetails, Access.DNS)
              .put("/dns/zones/@id", dns::updateZone, Access.DNS)
              .delete("/dns/zones/@id", dns::deleteZone, Access.DNS)
              .post("/dns/zones/@id/records", dns::addRecord, Access.DNS)
              .post("/dns/zones/@id/import", dns::importRecords, Access.DNS)
              .put("/dns/zones/@id/records/@record_id", dns::updateRecord, Access.DNS)
              .delete("/dns/zones/@id/records/@record_id", dns::deleteRecord, Access.DNS)
              .get("/dns/templates", dns::templates, Access.DNS)
              .post("/dns/templates", dns::addTemplate, Access.DNS)
              .delete("/dns/templates/@id", dns::deleteTemplate, Access.DNS)
              .get("/dns/zones/@id/dnssec", dnssec::status, Access.DNS)
              .post("/dns/zones/@id/dnssec", dnssec::setEnabled, Access.DNS)
              .post("/dns/zones/@id/dnssec/rollover", dnssec::rollover, Access.DNS);
        router.get("/names/claims", names::list, Access.DNS)
              .post("/names/claims", names::assign, Access.DNS)
              .delete("/names/claims/@id", names::revoke, Access.DNS);

        // the one job queue: every kind's jobs, the dead letter (status=dead), retry, cancel, per-kind summary
        router.get("/jobs", jobs::list, Access.SERVICES)
              .get("/jobs/queues", jobs::queues, Access.SERVICES)
              .get("/jobs/@id", jobs::get, Access.SERVICES)
              .post("/jobs/@id/retry", jobs::retry, Access.SERVICES)
              .post("/jobs/@id/cancel", jobs::cancel, Access.SERVICES);
        // IP space: pools, their addresses, products' address policies, PTRs of any pool address
        router.get("/ip-pools", ipam::pools, Access.SERVICES)
              .post("/ip-pools", ipam::createPool, Access.SERVICES)
              .get("/ip-pools/@id", ipam::pool, Access.SERVICES)
              .put("/ip-pools/@id", ipam::updatePool, Access.SERVICES)
              .delete("/ip-pools/@id", ipam::deletePool, Access.SERVICES)
              .get("/ip-pools/@id/addresses", ipam::addresses, Access.SERVICES)
              .post("/ip-pools/@id/addresses", ipam::assign, Access.SERVICES)
              .delete("/ip-pools/@id/addresses/@ip", ipam::release, Access.SERVICES)
              .get("/products/@id/ip-policy", ipam::policy, Access.CATALOG)
              .put("/products/@id/ip-policy", ipam::setPolicy, Access.CATALOG)
              .delete("/products/@id/ip-policy", ipam::deletePolicy, Access.CATALOG)
              .get("/rdns", ipam::ptr, Access.SERVICES)
              .put("/rdns", ipam::setPtr, Access.SERVICES);

        // service upgrades and downgrades: the pending ones (cancel drops the unpaid invoice), the downgrade-credit setting
        router.get("/upgrades", upgrades::list, Access.SERVICES)
              .get("/upgrades/@id", upgrades::get, Access.SERVICES)
              .post("/upgrades/@id/cancel", upgrades::cancel, Access.SERVICES)
              .get("/upgrade-settings", upgrades::settings, Access.SETTINGS)
              .put("/upgrade-settings", upgrades::updateSettings, Access.SETTINGS);

        // cloud VMs: a service's VMs, one VM, and its actions as jobs (staff need no contact privileges)
        router.get("/services/@id/vms", cloudVms::list, Access.SERVICES)
              .get("/cloud/vms/@id", cloudVms::get, Access.SERVICES)
              .post("/cloud/vms/@id/start", cloudVms::start, Access.SERVICES)
              .post("/cloud/vms/@id/stop", cloudVms::stop, Access.SERVICES)
              .post("/cloud/vms/@id/reboot", cloudVms::reboot, Access.SERVICES)
              .post("/cloud/vms/@id/rescue", cloudVms::rescue, Access.SERVICES)
              .post("/cloud/vms/@id/unrescue", cloudVms::unrescue, Access.SERVICES)
              .post("/cloud/vms/@id/rebuild", cloudVms::rebuild, Access.SERVICES)
              .post("/cloud/vms/@id/resize", cloudVms::resize, Access.SERVICES)
              .post("/cloud/vms/@id/delete", cloudVms::delete, Access.SERVICES);

        // mail outbox: what was queued and sent, resend, deliver now
        router.get("/mails", mail::list, Access.SETTINGS)
              .post("/mails/run", mail::run, Access.SETTINGS)
              .get("/mails/@id", mail::get, Access.SETTINGS)
              .post("/mails/@id/resend", mail::resend, Access.SETTINGS);

        // portal notifications: staff broadcasts to all clients, or those of a product or server
        router.get("/broadcasts", notices::list, Access.SUPPORT)
              .post("/broadcasts", notices::send, Access.SUPPORT);

        // affiliates: accounts, vouchers, commission plans, commissions, payouts, campaigns
        router.get("/affiliates", affiliates::list, Access.BILLING)
              .post("/affiliates", affiliates::create, Access.BILLING)
              .get("/affiliates/@id", affiliates::get, Access.BILLING)
              .put("/affiliates/@id", affiliates::update, Access.BILLING)
              .get("/affiliates/@id/vouchers", affiliates::vouchers, Access.BILLING)
              .post("/affiliates/@id/vouchers", affiliates::bindVoucher, Access.BILLING)
              .delete("/affiliates/@id/vouchers/@promo_id", affiliates::unbindVoucher, Access.BILLING)
              .get("/affiliate-plans", affiliates::plans, Access.BILLING)
              .post("/affiliate-plans", affiliates::createPlan, Access.BILLING)
              .get("/affiliate-plans/@id", affiliates::getPlan, Access.BILLING)
              .put("/affiliate-plans/@id", affiliates::updatePlan, Access.BILLING)
              .delete("/affiliate-plans/@id", affiliates::deletePlan, Access.BILLING)
              .get("/affiliate-commissions", affiliates::commissions, Access.BILLING)
              .post("/affiliate-commissions/approve-due", affiliates::approveDue, Access.BILLING)
              .get("/affiliate-payouts", affiliates::payouts, Access.BILLING)
              .post("/affiliate-payouts/@id/pay", affiliates::pay, Access.BILLING)
              .post("/affiliate-payouts/@id/reject", affiliates::reject, Access.BILLING)
              .get("/affiliate-campaigns", affiliates::campaigns, Access.BILLING)
              .post("/affiliate-campaigns", affiliates::createCampaign, Access.BILLING)
              .put("/affiliate-campaigns/@id", affiliates::updateCampaign, Access.BILLING)
              .delete("/affiliate-campaigns/@id", affiliates::deleteCampaign, Access.BILLING);

        // support desk: departments (with inbound mailboxes), tickets, staff replies and notes, predefined replies
        router.get("/departments", support::listDepartments, Access.SUPPORT)
              .post("/departments", support::createDepartment, Access.SUPPORT)
              .get("/departments/@id", support::getDepartment, Access.SUPPORT)
              .put("/departments/@id", support::updateDepartment, Access.SUPPORT)
              .delete("/departments/@id", support::deleteDepartment, Access.SUPPORT)
              .post("/departments/@id/mailbox/poll", support::pollMailbox, Access.SUPPORT)
              .get("/tickets", support::listTickets, Access.SUPPORT)
              .post("/tickets", support::openTicket, Access.SUPPORT)
              .get("/tickets/@number", support::getTicket, Access.SUPPORT)
              .put("/tickets/@number", support::updateTicket, Access.SUPPORT)
              .post("/tickets/@number/replies", support::reply, Access.SUPPORT)
              .post("/tickets/@number/notes", support::addNote, Access.SUPPORT)
              .get("/ticket-attachments/@file", support::attachment, Access.SUPPORT)
              .get("/predefined-replies", support::listReplies, Access.SUPPORT)
              .post("/predefined-replies", support::createReply, Access.SUPPORT)
              .get("/predefined-replies/@id", support::getReply, Access.SUPPORT)
              .put("/predefined-replies/@id", support::updateReply, Access.SUPPORT)
              .delete("/predefined-replies/@id", support::deleteReply, Access.SUPPORT);

        // status page: incidents and maintenance windows, their updates
        router.get("/statuses", status::adminList, Access.STATUS)
              .post("/statuses", status::create, Access.STATUS)
              .get("/statuses/@id", status::adminGet, Access.STATUS)
              .put("/statuses/@id", status::update, Access.STATUS)
              .delete("/statuses/@id", status::delete, Access.STATUS)
              .post("/statuses/@id/updates", status::postUpdate, Access.STATUS);

        // modules: the kinds with their installed modules' settings schemas, configured instances
        router.get("/module-kinds", modules::kinds, Access.SETTINGS)
              .get("/module-instances", modules::list, Access.SETTINGS)
              .post("/module-instances", modules::create, Access.SETTINGS)
              .get("/module-instances/@id", modules::get, Access.SETTINGS)
              .put("/module-instances/@id", modules::update, Access.SETTINGS)
              .delete("/module-instances/@id", modules::delete, Access.SETTINGS)
              .post("/module-instances/@id/test", modules::test, Access.SETTINGS);

        // servers and server groups: inventory, connection test, utilisation
        router.get("/servers", servers::listServers, Access.SERVICES)
              .post("/servers", servers::createServer, Access.SERVICES)
              .get("/servers/@id", servers::getServer, Access.SERVICES)
              .put("/servers/@id", servers::updateServer, Access.SERVICES)
              .delete("/servers/@id", servers::deleteServer, Access.SERVICES)
              .post("/servers/@id/test", servers::testServer, Access.SERVICES)
              .get("/server-groups", servers::listGroups, Access.SERVICES)
              .post("/server-groups", servers::createGroup, Access.SERVICES)
              .get("/server-groups/@id", servers::getGroup, Access.SERVICES)
              .put("/server-groups/@id", servers::updateGroup, Access.SERVICES)
              .delete("/server-groups/@id", servers::deleteGroup, Access.SERVICES);

        // services API: clients' API keys, CDN resources of services and their purges
        router.get("/clients/@id/api-keys", apikeys::list, Access.CLIENTS)
              .post("/clients/@id/api-keys", apikeys::create, Access.CLIENTS)
              .get("/api-keys/@id", apikeys::get, Access.CLIENTS)
              .delete("/api-keys/@id", apikeys::revoke, Access.CLIENTS)
              .get("/services/@id/cdn-resources", cdn::list, Access.SERVICES)
              .post("/services/@id/cdn-resources", cdn::add, Access.SERVICES)
              .get("/cdn-resources/@id", cdn::get, Access.SERVICES)
              .delete("/cdn-resources/@id", cdn::delete, Access.SERVICES)
              .post("/cdn-resources/@id/purge", cdn::purge, Access.SERVICES);
        // partners (resellers): terms and OAuth client credentials (a secret is shown once, when issued or rotated)
        router.get("/partners", partners::list, Access.CLIENTS)
              .post("/partners", partners::create, Access.CLIENTS)
              .get("/partners/@id", partners::get, Access.CLIENTS)
              .put("/partners/@id", partners::update, Access.CLIENTS)
              .get("/partners/@id/credentials", partners::credentials, Access.CLIENTS)
              .post("/partners/@id/credentials", partners::issue, Access.CLIENTS)
              .post("/partners/@id/credentials/@credentialId/rotate", partners::rotate, Access.CLIENTS)
              .delete("/partners/@id/credentials/@credentialId", partners::revoke, Access.CLIENTS);
        // licences of licence products' services: reissue binds a new key to a new IP address or host name
        router.get("/licences", licences::list, Access.SERVICES)
              .post("/licences/@id/reissue", licences::reissue, Access.SERVICES);
        // staff: sign-in tokens, accounts, roles and the audit log of staff actions
        router.post("/login", staffs::login, Access.PUBLIC)
              .post("/logout", staffs::logout, Access.SIGNED_IN)
              .get("/me", staffs::me, Access.SIGNED_IN)
              .get("/staff", staffs::list, Access.STAFF_ACCOUNTS)
              .post("/staff", staffs::create, Access.STAFF_ACCOUNTS)
              .get("/staff/@id", staffs::get, Access.STAFF_ACCOUNTS)
              .put("/staff/@id", staffs::update, Access.STAFF_ACCOUNTS)
              .post("/staff/@id/totp", staffs::resetTotp, Access.STAFF_ACCOUNTS)
              .delete("/staff/@id/totp", staffs::disableTotp, Access.STAFF_ACCOUNTS)
              .post("/staff/@id/revoke-tokens", staffs::revokeTokens, Access.STAFF_ACCOUNTS)
              .get("/staff-roles", staffs::roles, Access.STAFF_ACCOUNTS)
              .post("/staff-roles", staffs::createRole, Access.STAFF_ACCOUNTS)
              .get("/staff-roles/@id", staffs::role, Access.STAFF_ACCOUNTS)
              .put("/staff-roles/@id", staffs::updateRole, Access.STAFF_ACCOUNTS)
              .delete("/staff-roles/@id", staffs::deleteRole, Access.STAFF_ACCOUNTS)
              .get("/audit", staffs::audit, Access.STAFF_ACCOUNTS);
                // invoice documents: the seller profile invoices and credit notes are issued by (versioned)
        var documents = features.get(io.steward.billing.document.SellerProfileAdminHandlers.class);
        router.get("/seller-profile", documents::get, Access.SETTINGS)
              .put("/seller-profile", documents::update, Access.SETTINGS)
              .get("/seller-profile/history", documents::history, Access.SETTINGS);
        var pdfs = features.get(io.steward.billing.document.DocumentHandlers.class);
        router.get("/invoices/@id/pdf", pdfs::adminInvoicePdf, Access.BILLING)
              .get("/invoices/@id/credit-notes/@note/pdf", pdfs::adminCreditNotePdf, Access.BILLING);
        var ubl = features.get(io.steward.billing.document.UblHandlers.class);
        router.get("/invoices/@id/ubl", ubl::adminInvoiceUbl, Access.BILLING)
              .get("/invoices/@id/credit-notes/@note/ubl", ubl::adminCreditNoteUbl, Access.BILLING);
    }

    @Override public String name() { return "admin"; }

    @Override public String prefix() { return "/admin/api"; }

    @Override public Router<Access> router() { return router; }

    @Override
    public void authorize(Call call, Access access) {
        if (access.open()) return;
        String header = call.header("Authorization").orElse("").trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw StewardException.unauthorized("An admin API key or staff token is required: Authorization: Bearer <key>");
        }
        String bearer = header.substring(7).trim();
        var staff = (bearer.startsWith(StaffTokens.PREFIX) ? staffTokens.verify(bearer) : keys.verify(bearer))
                .orElseThrow(() -> StewardException.unauthorized("Invalid, expired or revoked admin API key or staff token"));
        call.set(AdminKeys.Staff.class, staff);
        if (!access.anyStaff() && !staff.may(access.area(), call.method().equals("GET"))) {
            throw StewardException.forbidden("Your role does not allow this: it needs the "
                    + (access.area() == null ? "administrator role" : "'" + access.area().key() + "' permission"));
        }
    }

    /**
     * Every change staff make through this API goes in the audit log once it is answered, refusals
     * included; reads are not logged. The object is the route's first path parameter, or the id of
     * what a create answered.
     */
    @Override
    public void completed(Call call, Route<Access> route, Reply reply) {
        if (call.method().equals("GET")) return;
        var staff = call.find(AdminKeys.Staff.class).orElse(null);
        if (staff == null) return; // unauthenticated, or sign-in (which logs itself)
        var target = StaffAudit.Target.of(route.template(), call::pathParam);
        String id = target.id();
        if (id == null && reply.status() == 201 && reply.body() instanceof Map<?, ?> body && body.size() >= 1
                && body.values().iterator().next() instanceof Map<?, ?> created && created.get("id") != null) {
            id = created.get("id").toString();
        }
        String detail = reply.status() >= 400 && reply.body() instanceof Map<?, ?> body && body.get("messages") instanceof List<?> m
                ? String.valueOf(m) : null;
        audit.record(StaffAudit.Actor.of(staff), call.ip(), call.method() + " " + route.template(), call.path(), target.type(), id,
                reply.status(), detail);
    }

    @Override
    public Object errorBody(StewardException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", e.code().name().toLowerCase(Locale.ROOT));
        body.put("messages", e.messages());
        if (!e.fields().isEmpty()) body.put("fields", e.fields());
        return body;
    }

    @Override
    public Map<String, String> errorHeaders(StewardException e) {
        return e.code() == ErrorCode.UNAUTHORIZED ? Map.of("WWW-Authenticate", "Bearer realm=\"Steward admin\"") : Map.of();
    }

    @Override
    public Object unknownRoute() {
        return Map.of("error", "not_found", "messages", List.of("No such endpoint"));
    }
}
