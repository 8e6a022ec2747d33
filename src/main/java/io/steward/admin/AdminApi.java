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
import io.steward.web.Call;
import io.steward.web.Dialect;
import io.steward.web.HandlerSets;
import io.steward.web.OpenApiDocument;
import io.steward.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The staff API at {@code /admin/api}: REST-style JSON, {@code Authorization: Bearer <admin key>}.
 * Errors: {@code {"error": "not_found", "messages": [...], "fields": {...}}}.
 */
public final class AdminApi implements Dialect<AdminApi.Access> {
    public enum Access { PUBLIC, STAFF }

    private final AdminKeys keys;
    private final Router<Access> router = new Router<>();

    public AdminApi(AdminKeys keys, ClientAdminService clients, AccountService accounts, HandlerSets features,
                    OpenApiDocument document) {
        this.keys = keys;
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

        router.get("/openapi.json", document.handler(), Access.PUBLIC)
              .get("/clients", client::list, Access.STAFF)
              .post("/clients", client::create, Access.STAFF)
              .get("/clients/@id", client::get, Access.STAFF)
              .put("/clients/@id", client::update, Access.STAFF)
              .delete("/clients/@id", client::delete, Access.STAFF)
              .put("/clients/@id/status", client::setStatus, Access.STAFF)
              .post("/clients/@id/password", client::resetPassword, Access.STAFF)
              .get("/clients/@id/logs", client::logs, Access.STAFF);

        // money rules: tax rules and promo codes
        router.get("/tax-rules", taxes::list, Access.STAFF)
              .post("/tax-rules", taxes::create, Access.STAFF)
              .get("/tax-rules/@id", taxes::get, Access.STAFF)
              .put("/tax-rules/@id", taxes::update, Access.STAFF)
              .delete("/tax-rules/@id", taxes::delete, Access.STAFF)
              .post("/tax-preview", taxes::preview, Access.STAFF)
              .get("/promo-codes", promo::list, Access.STAFF)
              .post("/promo-codes", promo::create, Access.STAFF)
              .get("/promo-codes/@id", promo::get, Access.STAFF)
              .put("/promo-codes/@id", promo::update, Access.STAFF)
              .delete("/promo-codes/@id", promo::delete, Access.STAFF);

        // catalog
        router.get("/categories", catalog::categories, Access.STAFF)
              .post("/categories", catalog::createCategory, Access.STAFF)
              .get("/categories/@id", catalog::category, Access.STAFF)
              .put("/categories/@id", catalog::updateCategory, Access.STAFF)
              .delete("/categories/@id", catalog::deleteCategory, Access.STAFF)
              .get("/products", catalog::products, Access.STAFF)
              .post("/products", catalog::createProduct, Access.STAFF)
              .get("/products/@id", catalog::product, Access.STAFF)
              .put("/products/@id", catalog::updateProduct, Access.STAFF)
              .delete("/products/@id", catalog::deleteProduct, Access.STAFF)
              .get("/addons", catalog::addons, Access.STAFF)
              .post("/addons", catalog::createAddon, Access.STAFF)
              .get("/addons/@id", catalog::addon, Access.STAFF)
              .put("/addons/@id", catalog::updateAddon, Access.STAFF)
              .delete("/addons/@id", catalog::deleteAddon, Access.STAFF);

        // services, provisioning jobs, server modules
        router.get("/services", service::list, Access.STAFF)
              .post("/services", service::create, Access.STAFF)
              .get("/services/@id", service::get, Access.STAFF)
              .post("/services/@id/activate", service::activate, Access.STAFF)
              .post("/services/@id/suspend", service::suspend, Access.STAFF)
              .post("/services/@id/unsuspend", service::unsuspend, Access.STAFF)
              .post("/services/@id/terminate", service::terminate, Access.STAFF)
              .get("/services/@id/module-calls", service::moduleCalls, Access.STAFF)
              .get("/provisioning-jobs", service::jobs, Access.STAFF)
              .get("/provisioning-jobs/@id", service::job, Access.STAFF)
              .post("/provisioning-jobs/@id/retry", service::retry, Access.STAFF)
              .get("/modules", service::modules, Access.STAFF);

        // traffic: a service's bandwidth, per-product quota and overage price
        router.get("/services/@id/bandwidth", traffic::serviceBandwidth, Access.STAFF)
              .get("/product-bandwidth", traffic::list, Access.STAFF)
              .get("/products/@id/bandwidth", traffic::get, Access.STAFF)
              .put("/products/@id/bandwidth", traffic::set, Access.STAFF)
              .delete("/products/@id/bandwidth", traffic::delete, Access.STAFF);
        // SSL certificates: what makes a catalog product a certificate product; the renewal pass
        router.get("/certificate-products", ssl::list, Access.STAFF)
              .get("/products/@id/certificate", ssl::get, Access.STAFF)
              .put("/products/@id/certificate", ssl::set, Access.STAFF)
              .delete("/products/@id/certificate", ssl::delete, Access.STAFF)
              .post("/certificate-renewals", ssl::runRenewals, Access.STAFF)
              .post("/certificates/@id/ca-order", ssl::caOrder, Access.STAFF);

        // billing: invoices, payments, refunds, credit, gateways, numbering series
        router.get("/invoices", billing::listInvoices, Access.STAFF)
              .post("/invoices", billing::createInvoice, Access.STAFF)
              .get("/invoices/@id", billing::getInvoice, Access.STAFF)
              .post("/invoices/@id/payments", billing::recordPayment, Access.STAFF)
              .post("/invoices/@id/refund", billing::refund, Access.STAFF)
              .post("/invoices/@id/cancel", billing::cancel, Access.STAFF)
              .get("/clients/@id/credit", billing::creditLedger, Access.STAFF)
              .post("/clients/@id/credit", billing::adjustCredit, Access.STAFF)
              .post("/clients/@id/addfunds", billing::addFunds, Access.STAFF)
              .get("/gateways", billing::listGateways, Access.STAFF)
              .put("/gateways/@id", billing::updateGateway, Access.STAFF)
              .get("/invoice-series", billing::listSeries, Access.STAFF)
              .put("/invoice-series/@name", billing::defineSeries, Access.STAFF);

        // orders
        router.get("/orders", orders::list, Access.STAFF)
              .post("/orders", orders::create, Access.STAFF)
              .get("/orders/@id", orders::get, Access.STAFF)
              .put("/orders/@id/status", orders::setStatus, Access.STAFF);

        // billing engine: run it for a date
        router.post("/billing/run", engine::run, Access.STAFF)
              .get("/billing/events", engine::events, Access.STAFF);

        // domains: TLDs, domains, registrar jobs, registrar modules, the sandbox registry
        router.get("/tlds", domains::listTlds, Access.STAFF)
              .post("/tlds", domains::createTld, Access.STAFF)
              .get("/tlds/@id", domains::getTld, Access.STAFF)
              .put("/tlds/@id", domains::updateTld, Access.STAFF)
              .delete("/tlds/@id", domains::deleteTld, Access.STAFF)
              .get("/domains", domains::listDomains, Access.STAFF)
              .get("/domains/@id", domains::getDomain, Access.STAFF)
              .post("/domains/@id/sync", domains::syncDomain, Access.STAFF)
              .post("/domains/run", domains::run, Access.STAFF)
              .get("/domain-jobs", domains::listJobs, Access.STAFF)
              .post("/domain-jobs/@id/retry", domains::retryJob, Access.STAFF)
              .get("/registrars", domains::registrars, Access.STAFF)
              .post("/registry", domains::addRegistryName, Access.STAFF)
              .get("/registry/@name", domains::registryName, Access.STAFF)
              .post("/registry/@name/approve-transfer", domains::approveTransfer, Access.STAFF)
              .post("/registry/@name/transfer-away", domains::transferAway, Access.STAFF);

        // DNS: any client's zones and records, default records of new zones
        router.get("/dns/zones", dns::zones, Access.STAFF)
              .post("/dns/zones", dns::createZone, Access.STAFF)
              .get("/dns/zones/@id", dns::zoneDetails, Access.STAFF)
              .put("/dns/zones/@id", dns::updateZone, Access.STAFF)
              .delete("/dns/zones/@id", dns::deleteZone, Access.STAFF)
              .post("/dns/zones/@id/records", dns::addRecord, Access.STAFF)
              .post("/dns/zones/@id/import", dns::importRecords, Access.STAFF)
              .put("/dns/zones/@id/records/@record_id", dns::updateRecord, Access.STAFF)
              .delete("/dns/zones/@id/records/@record_id", dns::deleteRecord, Access.STAFF)
              .get("/dns/templates", dns::templates, Access.STAFF)
              .post("/dns/templates", dns::addTemplate, Access.STAFF)
              .delete("/dns/templates/@id", dns::deleteTemplate, Access.STAFF)
              .get("/dns/zones/@id/dnssec", dnssec::status, Access.STAFF)
              .post("/dns/zones/@id/dnssec", dnssec::setEnabled, Access.STAFF)
              .post("/dns/zones/@id/dnssec/rollover", dnssec::rollover, Access.STAFF);
        router.get("/names/claims", names::list, Access.STAFF)
              .post("/names/claims", names::assign, Access.STAFF)
              .delete("/names/claims/@id", names::revoke, Access.STAFF);

        // the one job queue: every kind's jobs, the dead letter (status=dead), retry, cancel, per-kind summary
        router.get("/jobs", jobs::list, Access.STAFF)
              .get("/jobs/queues", jobs::queues, Access.STAFF)
              .get("/jobs/@id", jobs::get, Access.STAFF)
              .post("/jobs/@id/retry", jobs::retry, Access.STAFF)
              .post("/jobs/@id/cancel", jobs::cancel, Access.STAFF);
        // IP space: pools, their addresses, products' address policies, PTRs of any pool address
        router.get("/ip-pools", ipam::pools, Access.STAFF)
              .post("/ip-pools", ipam::createPool, Access.STAFF)
              .get("/ip-pools/@id", ipam::pool, Access.STAFF)
              .put("/ip-pools/@id", ipam::updatePool, Access.STAFF)
              .delete("/ip-pools/@id", ipam::deletePool, Access.STAFF)
              .get("/ip-pools/@id/addresses", ipam::addresses, Access.STAFF)
              .post("/ip-pools/@id/addresses", ipam::assign, Access.STAFF)
              .delete("/ip-pools/@id/addresses/@ip", ipam::release, Access.STAFF)
              .get("/products/@id/ip-policy", ipam::policy, Access.STAFF)
              .put("/products/@id/ip-policy", ipam::setPolicy, Access.STAFF)
              .delete("/products/@id/ip-policy", ipam::deletePolicy, Access.STAFF)
              .get("/rdns", ipam::ptr, Access.STAFF)
              .put("/rdns", ipam::setPtr, Access.STAFF);

        // service upgrades and downgrades: the pending ones (cancel drops the unpaid invoice), the downgrade-credit setting
        router.get("/upgrades", upgrades::list, Access.STAFF)
              .get("/upgrades/@id", upgrades::get, Access.STAFF)
              .post("/upgrades/@id/cancel", upgrades::cancel, Access.STAFF)
              .get("/upgrade-settings", upgrades::settings, Access.STAFF)
              .put("/upgrade-settings", upgrades::updateSettings, Access.STAFF);

        // cloud VMs: a service's VMs, one VM, and its actions as jobs (staff need no contact privileges)
        router.get("/services/@id/vms", cloudVms::list, Access.STAFF)
              .get("/cloud/vms/@id", cloudVms::get, Access.STAFF)
              .post("/cloud/vms/@id/start", cloudVms::start, Access.STAFF)
              .post("/cloud/vms/@id/stop", cloudVms::stop, Access.STAFF)
              .post("/cloud/vms/@id/reboot", cloudVms::reboot, Access.STAFF)
              .post("/cloud/vms/@id/rescue", cloudVms::rescue, Access.STAFF)
              .post("/cloud/vms/@id/unrescue", cloudVms::unrescue, Access.STAFF)
              .post("/cloud/vms/@id/rebuild", cloudVms::rebuild, Access.STAFF)
              .post("/cloud/vms/@id/resize", cloudVms::resize, Access.STAFF)
              .post("/cloud/vms/@id/delete", cloudVms::delete, Access.STAFF);

        // mail outbox: what was queued and sent, resend, deliver now
        router.get("/mails", mail::list, Access.STAFF)
              .post("/mails/run", mail::run, Access.STAFF)
              .get("/mails/@id", mail::get, Access.STAFF)
              .post("/mails/@id/resend", mail::resend, Access.STAFF);

        // portal notifications: staff broadcasts to all clients, or those of a product or server
        router.get("/broadcasts", notices::list, Access.STAFF)
              .post("/broadcasts", notices::send, Access.STAFF);

        // affiliates: accounts, vouchers, commission plans, commissions, payouts, campaigns
        router.get("/affiliates", affiliates::list, Access.STAFF)
              .post("/affiliates", affiliates::create, Access.STAFF)
              .get("/affiliates/@id", affiliates::get, Access.STAFF)
              .put("/affiliates/@id", affiliates::update, Access.STAFF)
              .get("/affiliates/@id/vouchers", affiliates::vouchers, Access.STAFF)
              .post("/affiliates/@id/vouchers", affiliates::bindVoucher, Access.STAFF)
              .delete("/affiliates/@id/vouchers/@promo_id", affiliates::unbindVoucher, Access.STAFF)
              .get("/affiliate-plans", affiliates::plans, Access.STAFF)
              .post("/affiliate-plans", affiliates::createPlan, Access.STAFF)
              .get("/affiliate-plans/@id", affiliates::getPlan, Access.STAFF)
              .put("/affiliate-plans/@id", affiliates::updatePlan, Access.STAFF)
              .delete("/affiliate-plans/@id", affiliates::deletePlan, Access.STAFF)
              .get("/affiliate-commissions", affiliates::commissions, Access.STAFF)
              .post("/affiliate-commissions/approve-due", affiliates::approveDue, Access.STAFF)
              .get("/affiliate-payouts", affiliates::payouts, Access.STAFF)
              .post("/affiliate-payouts/@id/pay", affiliates::pay, Access.STAFF)
              .post("/affiliate-payouts/@id/reject", affiliates::reject, Access.STAFF)
              .get("/affiliate-campaigns", affiliates::campaigns, Access.STAFF)
              .post("/affiliate-campaigns", affiliates::createCampaign, Access.STAFF)
              .put("/affiliate-campaigns/@id", affiliates::updateCampaign, Access.STAFF)
              .delete("/affiliate-campaigns/@id", affiliates::deleteCampaign, Access.STAFF);

        // support desk: departments (with inbound mailboxes), tickets, staff replies and notes, predefined replies
        router.get("/departments", support::listDepartments, Access.STAFF)
              .post("/departments", support::createDepartment, Access.STAFF)
              .get("/departments/@id", support::getDepartment, Access.STAFF)
              .put("/departments/@id", support::updateDepartment, Access.STAFF)
              .delete("/departments/@id", support::deleteDepartment, Access.STAFF)
              .post("/departments/@id/mailbox/poll", support::pollMailbox, Access.STAFF)
              .get("/tickets", support::listTickets, Access.STAFF)
              .post("/tickets", support::openTicket, Access.STAFF)
              .get("/tickets/@number", support::getTicket, Access.STAFF)
              .put("/tickets/@number", support::updateTicket, Access.STAFF)
              .post("/tickets/@number/replies", support::reply, Access.STAFF)
              .post("/tickets/@number/notes", support::addNote, Access.STAFF)
              .get("/ticket-attachments/@file", support::attachment, Access.STAFF)
              .get("/predefined-replies", support::listReplies, Access.STAFF)
              .post("/predefined-replies", support::createReply, Access.STAFF)
              .get("/predefined-replies/@id", support::getReply, Access.STAFF)
              .put("/predefined-replies/@id", support::updateReply, Access.STAFF)
              .delete("/predefined-replies/@id", support::deleteReply, Access.STAFF);

        // status page: incidents and maintenance windows, their updates
        router.get("/statuses", status::adminList, Access.STAFF)
              .post("/statuses", status::create, Access.STAFF)
              .get("/statuses/@id", status::adminGet, Access.STAFF)
              .put("/statuses/@id", status::update, Access.STAFF)
              .delete("/statuses/@id", status::delete, Access.STAFF)
              .post("/statuses/@id/updates", status::postUpdate, Access.STAFF);

        // modules: the kinds with their installed modules' settings schemas, configured instances
        router.get("/module-kinds", modules::kinds, Access.STAFF)
              .get("/module-instances", modules::list, Access.STAFF)
              .post("/module-instances", modules::create, Access.STAFF)
              .get("/module-instances/@id", modules::get, Access.STAFF)
              .put("/module-instances/@id", modules::update, Access.STAFF)
              .delete("/module-instances/@id", modules::delete, Access.STAFF)
              .post("/module-instances/@id/test", modules::test, Access.STAFF);

        // servers and server groups: inventory, connection test, utilisation
        router.get("/servers", servers::listServers, Access.STAFF)
              .post("/servers", servers::createServer, Access.STAFF)
              .get("/servers/@id", servers::getServer, Access.STAFF)
              .put("/servers/@id", servers::updateServer, Access.STAFF)
              .delete("/servers/@id", servers::deleteServer, Access.STAFF)
              .post("/servers/@id/test", servers::testServer, Access.STAFF)
              .get("/server-groups", servers::listGroups, Access.STAFF)
              .post("/server-groups", servers::createGroup, Access.STAFF)
              .get("/server-groups/@id", servers::getGroup, Access.STAFF)
              .put("/server-groups/@id", servers::updateGroup, Access.STAFF)
              .delete("/server-groups/@id", servers::deleteGroup, Access.STAFF);

        // services API: clients' API keys, CDN resources of services and their purges
        router.get("/clients/@id/api-keys", apikeys::list, Access.STAFF)
              .post("/clients/@id/api-keys", apikeys::create, Access.STAFF)
              .get("/api-keys/@id", apikeys::get, Access.STAFF)
              .delete("/api-keys/@id", apikeys::revoke, Access.STAFF)
              .get("/services/@id/cdn-resources", cdn::list, Access.STAFF)
              .post("/services/@id/cdn-resources", cdn::add, Access.STAFF)
              .get("/cdn-resources/@id", cdn::get, Access.STAFF)
              .delete("/cdn-resources/@id", cdn::delete, Access.STAFF)
              .post("/cdn-resources/@id/purge", cdn::purge, Access.STAFF);
        // partners (resellers): terms and OAuth client credentials (a secret is shown once, when issued or rotated)
        router.get("/partners", partners::list, Access.STAFF)
              .post("/partners", partners::create, Access.STAFF)
              .get("/partners/@id", partners::get, Access.STAFF)
              .put("/partners/@id", partners::update, Access.STAFF)
              .get("/partners/@id/credentials", partners::credentials, Access.STAFF)
              .post("/partners/@id/credentials", partners::issue, Access.STAFF)
              .post("/partners/@id/credentials/@credentialId/rotate", partners::rotate, Access.STAFF)
              .delete("/partners/@id/credentials/@credentialId", partners::revoke, Access.STAFF);
        // licences of licence products' services: reissue binds a new key to a new IP address or host name
        router.get("/licences", licences::list, Access.STAFF)
              .post("/licences/@id/reissue", licences::reissue, Access.STAFF);
        // invoice documents: the seller profile invoices and credit notes are issued by (versioned)
        var documents = features.get(io.steward.billing.document.SellerProfileAdminHandlers.class);
        router.get("/seller-profile", documents::get, Access.STAFF)
              .put("/seller-profile", documents::update, Access.STAFF)
              .get("/seller-profile/history", documents::history, Access.STAFF);
        var pdfs = features.get(io.steward.billing.document.DocumentHandlers.class);
        router.get("/invoices/@id/pdf", pdfs::adminInvoicePdf, Access.STAFF)
              .get("/invoices/@id/credit-notes/@note/pdf", pdfs::adminCreditNotePdf, Access.STAFF);
        var ubl = features.get(io.steward.billing.document.UblHandlers.class);
        router.get("/invoices/@id/ubl", ubl::adminInvoiceUbl, Access.STAFF)
              .get("/invoices/@id/credit-notes/@note/ubl", ubl::adminCreditNoteUbl, Access.STAFF);
    }

    @Override public String name() { return "admin"; }

    @Override public String prefix() { return "/admin/api"; }

    @Override public Router<Access> router() { return router; }

    @Override
    public void authorize(Call call, Access access) {
        if (access == Access.PUBLIC) return;
        String header = call.header("Authorization").orElse("").trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw StewardException.unauthorized("An admin API key is required: Authorization: Bearer <key>");
        }
        var staff = keys.verify(header.substring(7).trim())
                .orElseThrow(() -> StewardException.unauthorized("Invalid or revoked admin API key"));
        call.set(AdminKeys.Staff.class, staff);
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
