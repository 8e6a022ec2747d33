package io.steward.admin;

import io.steward.account.AccountService;
import io.steward.account.ClientAdminService;
import io.steward.billing.BillingAdminHandlers;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.web.Call;
import io.steward.web.Dialect;
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

    public AdminApi(AdminKeys keys, ClientAdminService clients, AccountService accounts, BillingAdminHandlers billing,
                    OpenApiDocument document) {
        this.keys = keys;
        var client = new ClientHandlers(clients, accounts);
        router.get("/openapi.json", document.handler(), Access.PUBLIC)
              .get("/clients", client::list, Access.STAFF)
              .post("/clients", client::create, Access.STAFF)
              .get("/clients/@id", client::get, Access.STAFF)
              .put("/clients/@id", client::update, Access.STAFF)
              .delete("/clients/@id", client::delete, Access.STAFF)
              .put("/clients/@id/status", client::setStatus, Access.STAFF)
              .post("/clients/@id/password", client::resetPassword, Access.STAFF)
              .get("/clients/@id/logs", client::logs, Access.STAFF)
              // billing: invoices, payments, refunds, credit, gateways, numbering series
              .get("/invoices", billing::listInvoices, Access.STAFF)
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
