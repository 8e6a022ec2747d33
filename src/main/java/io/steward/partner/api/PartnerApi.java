package io.steward.partner.api;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.domain.DomainPartnerHandlers;
import io.steward.licence.LicencePartnerHandlers;
import io.steward.m365.M365PartnerHandlers;
import io.steward.partner.PartnerCaller;
import io.steward.partner.PartnerHandlers;
import io.steward.partner.PartnerTokens;
import io.steward.service.ServicePartnerHandlers;
import io.steward.web.Call;
import io.steward.web.Dialect;
import io.steward.web.HandlerSets;
import io.steward.web.OpenApiDocument;
import io.steward.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partner API at {@code /partner}, wire-compatible with the Nomeo partner API (reference 000):
 * OAuth 2 client credentials, then {@code Authorization: Bearer <access token>}. This class is
 * its route table, its authentication and its envelope:
 * {@code {"success": false, "message": "...", "errors": {"field": ["..."]}}} on failure.
 */
public final class PartnerApi implements Dialect<PartnerApi.Access> {
    public enum Access { PUBLIC, PARTNER }

    private final PartnerTokens tokens;
    private final Router<Access> router = new Router<>();

    public PartnerApi(PartnerTokens tokens, HandlerSets features, OpenApiDocument document) {
        this.tokens = tokens;
        var partner = features.get(PartnerHandlers.class);
        var domains = features.get(DomainPartnerHandlers.class);
        var services = features.get(ServicePartnerHandlers.class);
        var m365 = features.get(M365PartnerHandlers.class);
        var licences = features.get(LicencePartnerHandlers.class);

        router.get("/openapi.json", document.handler(), Access.PUBLIC)
              // OAuth 2 client credentials (RFC 6749 section 4.4) and refresh (section 6)
              .post("/auth/token", partner::token, Access.PUBLIC)
              .post("/auth/token/refresh", partner::refresh, Access.PUBLIC)
              // the partner's end clients
              .get("/clients", partner::listClients, Access.PARTNER)
              .post("/clients/add", partner::addClient, Access.PARTNER)
              .put("/clients/@clientId", partner::updateClient, Access.PARTNER)
              .delete("/clients/@clientId", partner::deleteClient, Access.PARTNER)
              // domains, their DNS records and nameservers
              .post("/domains/register", domains::register, Access.PARTNER)
              .post("/domains/check-domain", domains::check, Access.PARTNER)
              .get("/domains/list", domains::list, Access.PARTNER)
              .get("/domains/@domain/records", domains::records, Access.PARTNER)
              .post("/domains/@domain/record", domains::addRecord, Access.PARTNER)
              .put("/domains/@domain/record", domains::updateRecord, Access.PARTNER)
              .delete("/domains/@domain/record/@recordId", domains::deleteRecord, Access.PARTNER)
              .post("/domains/@domain/change-nameservers", domains::changeNameservers, Access.PARTNER)
              // services of the partner and its clients
              .get("/products/services", services::list, Access.PARTNER)
              .get("/products/licenses", licences::list, Access.PARTNER)
              // Microsoft 365: catalog, tenants, subscriptions and seats
              .get("/products/m365/catalog", m365::catalog, Access.PARTNER)
              .post("/products/m365/tenant", m365::addTenant, Access.PARTNER)
              .get("/products/m365/check-tenant", m365::checkTenant, Access.PARTNER)
              .post("/products/@serviceId/m365/subscription", m365::subscribe, Access.PARTNER)
              .post("/products/@serviceId/m365/subscription/@subscriptionId/update/quantity", m365::updateQuantity, Access.PARTNER)
              .get("/products/@serviceId/m365/subscriptions", m365::subscriptions, Access.PARTNER);
    }

    @Override public String name() { return "partner"; }

    @Override public String prefix() { return "/partner"; }

    @Override public Router<Access> router() { return router; }

    @Override
    public void authorize(Call call, Access access) {
        if (access == Access.PUBLIC) return;
        String header = call.header("Authorization").orElse("").trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("Unauthenticated."), Map.of());
        }
        call.set(PartnerCaller.class, tokens.authenticate(header.substring(7).trim()));
    }

    @Override
    public Object errorBody(StewardException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("success", false);
        body.put("message", e.messages().isEmpty() ? "Error" : String.join(" ", e.messages()));
        if (!e.fields().isEmpty()) body.put("errors", e.fields());
        return body;
    }

    @Override
    public Map<String, String> errorHeaders(StewardException e) {
        return e.code() == ErrorCode.UNAUTHORIZED ? Map.of("WWW-Authenticate", "Bearer realm=\"Steward partner\"") : Map.of();
    }

    @Override
    public Object unknownRoute() {
        return Map.of("success", false, "message", "Not found.");
    }
}
