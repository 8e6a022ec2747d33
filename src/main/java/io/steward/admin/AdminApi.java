package io.steward.admin;

import io.steward.account.AccountService;
import io.steward.account.ClientAdminService;
import io.steward.catalog.CatalogAdminHandlers;
import io.steward.billing.BillingAdminHandlers;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.dns.DnsAdminHandlers;
import io.steward.order.OrderAdminHandlers;
import io.steward.domain.DomainAdminHandlers;
import io.steward.engine.EngineAdminHandlers;
import io.steward.promo.PromoHandlers;
import io.steward.tax.TaxHandlers;
import io.steward.service.ServiceAdminHandlers;
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

        // billing: invoices, payments, refunds, credit, gateways, numbering series
        router.get("/invoices", billing::listInvoices, Access.STAFF)
              .post("/invoices", billing::createInvoice, Access.STAFF)
              .get("/invoices/@id", billing::getInvoice, Access.STAFF)
              .get("/invoices/@id/pdf", billing::invoicePdf, Access.STAFF)
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
              .delete("/dns/zones/@id", dns::deleteZone, Access.STAFF)
              .post("/dns/zones/@id/records", dns::addRecord, Access.STAFF)
              .put("/dns/zones/@id/records/@record_id", dns::updateRecord, Access.STAFF)
              .delete("/dns/zones/@id/records/@record_id", dns::deleteRecord, Access.STAFF)
              .get("/dns/templates", dns::templates, Access.STAFF)
              .post("/dns/templates", dns::addTemplate, Access.STAFF)
              .delete("/dns/templates/@id", dns::deleteTemplate, Access.STAFF);
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
