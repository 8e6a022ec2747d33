package io.steward.api;

import static io.steward.api.Access.ANY;
import static io.steward.api.Access.OPTIONAL;
import static io.steward.api.Access.PUBLIC;
import static io.steward.api.Access.onObject;
import static io.steward.api.Access.priv;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.account.ContactService;
import io.steward.account.PrivilegeCatalog;
import io.steward.affiliate.AffiliateClientHandlers;
import io.steward.apikey.ApiKeyClientHandlers;
import io.steward.auth.AuthService;
import io.steward.auth.Principal;
import io.steward.catalog.CatalogClientHandlers;
import io.steward.cloud.CloudClientHandlers;
import io.steward.billing.BillingClientHandlers;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.mail.PasswordResetHandlers;
import io.steward.domain.DomainClientHandlers;
import io.steward.notification.NotificationHandlers;
import io.steward.dns.DnsClientHandlers;
import io.steward.names.NamesClientHandlers;
import io.steward.dns.DnssecClientHandlers;
import io.steward.ipam.IpamClientHandlers;
import io.steward.order.OrderClientHandlers;
import io.steward.service.ServiceHandlers;
import io.steward.status.StatusHandlers;
import io.steward.support.SupportClientHandlers;
import io.steward.ssl.SslClientHandlers;
import io.steward.traffic.TrafficClientHandlers;
import io.steward.upgrade.UpgradeClientHandlers;
import io.steward.web.Call;
import io.steward.web.Dialect;
import io.steward.web.HandlerSets;
import io.steward.web.OpenApiDocument;
import io.steward.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client API at {@code /api}, wire-compatible with the HostBill client-area API. This class
 * is its route table, its authentication (Basic or Bearer on each request) and its envelope.
 */
public final class ClientApi implements Dialect<Access> {
    /** Header carrying the TOTP code with Basic auth (the {@code code} parameter works too). */
    public static final String CODE_HEADER = "X-Auth-Code";

    private final AuthService auth;
    private final AccountService accounts;
    private final Router<Access> router = new Router<>();

    public ClientApi(AuthService auth, AccountService accounts, ContactService contacts, PrivilegeCatalog catalog,
                     HandlerSets features, OpenApiDocument document) {
        this.auth = auth;
        this.accounts = accounts;
        var session = new AuthHandlers(auth);
        var account = new AccountHandlers(accounts);
        var contact = new ContactHandlers(contacts, accounts, catalog);
        var cart = features.get(CatalogClientHandlers.class);
        var orders = features.get(OrderClientHandlers.class);
        var service = features.get(ServiceHandlers.class);
        var billing = features.get(BillingClientHandlers.class);
        var affiliates = features.get(AffiliateClientHandlers.class);
        var tickets = features.get(SupportClientHandlers.class);
        var status = features.get(StatusHandlers.class);
        var domain = features.get(DomainClientHandlers.class);
        var notes = features.get(NotificationHandlers.class);
        var dns = features.get(DnsClientHandlers.class);
        var names = features.get(NamesClientHandlers.class);
        var dnssec = features.get(DnssecClientHandlers.class);
        var ipam = features.get(IpamClientHandlers.class);
        var reset = features.get(PasswordResetHandlers.class);
        var traffic = features.get(TrafficClientHandlers.class);
        var upgrade = features.get(UpgradeClientHandlers.class);
        var cloud = features.get(CloudClientHandlers.class);
        var ssl = features.get(SslClientHandlers.class);
        var apikeys = features.get(ApiKeyClientHandlers.class);

        router.get("/swagger.json", document.handler(), PUBLIC)
              // authentication
              .post("/login", session::login, PUBLIC)
              .post("/token", session::token, PUBLIC)
              .post("/revoke", session::revoke, OPTIONAL)
              .post("/logout", session::logout, ANY)
              // account
              .get("/details", account::details, ANY)
              .put("/details", account::updateDetails, priv("misc", "editmain"))
              .get("/logs", account::logs, priv("misc", "editmain"))
              // contacts
              .get("/contact", contact::list, priv("misc", "manageprofiles"))
              .post("/contact", contact::create, priv("misc", "manageprofiles"))
              .get("/contact/privileges", contact::privileges, ANY)
              .get("/contact/@id", contact::get, priv("misc", "manageprofiles"))
              .put("/contact/@id", contact::update, priv("misc", "manageprofiles"));

        // catalog (the references' "Cart"): browsing needs any login
        router.get("/category", cart::categories, ANY)
              .get("/category/@category_id/product", cart::products, ANY)
              .get("/order/@product_id", cart::product, ANY);

        // orders and quotes (Idempotency-Key honoured by the POSTs that order)
        router.post("/order/@product_id", orders::orderProduct, priv("billing", "orders"))
              .post("/order", orders::order, priv("billing", "orders"))
              .post("/quote", orders::quote, priv("billing", "orders"));

        // services (a contact sees the services it holds "basic" on; other checks per service)
        router.get("/service", service::list, ANY)
              .get("/service/@id", service::get, onObject("services", "basic"))
              .get("/service/@id/methods", service::methods, onObject("services", "basic"))
              .get("/service/@id/label", service::label, onObject("services", "basic"))
              .post("/service/@id/label", service::setLabel, onObject("services", "basic"))
              .post("/service/@id/cancel", service::cancel, onObject("services", "cancelation"));
        // IP addresses and reverse DNS of a service (the service's "basic" privilege)
        router.get("/service/@id/ip", ipam::ip, onObject("services", "basic"))
              .get("/service/@id/rdns", ipam::rdns, onObject("services", "basic"))
              .post("/service/@id/rdns", ipam::setRdns, onObject("services", "basic"));
        // traffic: usage this billing period against the quota, and graphs
        router.get("/service/@id/bandwidth", traffic::bandwidth, onObject("services", "basic"))
              .get("/service/@id/bandwidth-graphs", traffic::graphs, onObject("services", "basic"));
        // upgrades and downgrades: options, quote (send=false) and the change (send=true) (the service's "upgrade" privilege)
        router.get("/service/@id/upgrade", upgrade::options, onObject("services", "upgrade"))
              .post("/service/@id/upgrade", upgrade::request, onObject("services", "upgrade"));
        // cloud: a cloud service's VMs, templates and resources (reference 003); DELETE and resize are ours
        router.get("/service/@id/vms", cloud::list, onObject("services", "basic"))
              .post("/service/@id/vms", cloud::create, onObject("services", "basic"))
              .get("/service/@id/vms/@vmid", cloud::get, onObject("services", "basic"))
              .delete("/service/@id/vms/@vmid", cloud::delete, onObject("services", "basic"))
              .post("/service/@id/vms/@vmid/start", cloud::start, onObject("services", "basic"))
              .post("/service/@id/vms/@vmid/stop", cloud::stop, onObject("services", "basic"))
              .post("/service/@id/vms/@vmid/reboot", cloud::reboot, onObject("services", "basic"))
              .post("/service/@id/vms/@vmid/rescue", cloud::rescue, onObject("services", "basic"))
              .post("/service/@id/vms/@vmid/unrescue", cloud::unrescue, onObject("services", "basic"))
              .post("/service/@id/vms/@vmid/rebuild", cloud::rebuild, onObject("services", "basic"))
              .post("/service/@id/vms/@vmid/resize", cloud::resize, onObject("services", "basic"))
              .get("/service/@id/templates", cloud::templates, onObject("services", "basic"))
              .get("/service/@id/resources", cloud::resources, onObject("services", "basic"));
        // SSL certificates (a certificate's id is its service's: the service's privileges apply)
        router.get("/certificate", ssl::list, ANY)
              .get("/certificate/order", ssl::products, ANY)
              .post("/certificate/order", ssl::order, priv("billing", "orders"))
              .get("/certificate/order/@product_id/software", ssl::software, ANY)
              .get("/certificate/order/@product_id/approvers", ssl::approvers, ANY)
              .get("/certificate/@id", ssl::get, onObject("services", "basic"))
              .get("/certificate/@id/crt", ssl::crt, onObject("services", "basic"))
              .post("/certificate/@id/reissue", ssl::reissue, onObject("services", "basic"))
              .post("/certificate/@id/revoke", ssl::revoke, onObject("services", "cancelation"))
              .post("/certificate/@id/approve", ssl::approve, onObject("services", "basic"));

        // billing: invoices, credit, payment methods
        router.get("/balance", billing::balance, priv("billing", "balance"))
              .get("/invoice", billing::invoices, priv("billing", "payinvoice"))
              .get("/invoice/@id", billing::invoice, priv("billing", "payinvoice"))
              .post("/invoice/@id/credit", billing::applyCredit, priv("billing", "payinvoice"))
              .get("/payment", billing::paymentMethods, ANY)
              .get("/payment/fees", billing::paymentFees, ANY);

        // affiliates (a contact needs misc/affiliates on every route)
        router.post("/affiliates/activate", affiliates::activate, priv("misc", "affiliates"))
              .get("/affiliates/summary", affiliates::summary, priv("misc", "affiliates"))
              .get("/affiliates/campaigns", affiliates::campaigns, priv("misc", "affiliates"))
              .get("/affiliates/commissions", affiliates::commissions, priv("misc", "affiliates"))
              .get("/affiliates/payouts", affiliates::payouts, priv("misc", "affiliates"))
              .post("/affiliates/payouts", affiliates::requestPayout, priv("misc", "affiliates"))
              .get("/affiliates/vouchers", affiliates::vouchers, priv("misc", "affiliates"))
              .get("/affiliates/commissionplans", affiliates::commissionPlans, priv("misc", "affiliates"));

        // support: departments, tickets, attachments (contacts: support/tickets to see and answer, newticket, closeticket)
        router.get("/ticket/departments", tickets::departments, ANY)
              .get("/tickets", tickets::list, priv("support", "tickets"))
              .post("/tickets", tickets::create, priv("support", "newticket"))
              .get("/tickets/@number", tickets::get, priv("support", "tickets"))
              .post("/tickets/@number", tickets::reply, priv("support", "tickets"))
              .put("/tickets/@number/open", tickets::reopen, priv("support", "tickets"))
              .put("/tickets/@number/close", tickets::close, priv("support", "closeticket"))
              .get("/ticket/attachment/@file", tickets::attachment, priv("support", "tickets"));

        // status page (PUT answers the details too, as the reference documents it)
        router.get("/statuses", status::list, ANY)
              .get("/statuses/@id", status::get, ANY)
              .put("/statuses/@id", status::get, ANY);

        // domains (a contact sees the domains it holds "basic" on; other privileges per domain)
        router.get("/domain", domain::list, ANY)
              .post("/domain/lookup", domain::lookup, ANY)
              .get("/domain/order", domain::tlds, ANY)
              .post("/domain/order", domain::order, priv("billing", "orders"))
              .get("/domain/order/@id/form", domain::form, ANY)
              .get("/domain/name/@name", domain::byName, ANY)
              .get("/domain/@id", domain::get, onObject("domains", "basic"))
              .get("/domain/@id/ns", domain::nameservers, onObject("domains", "basic"))
              .put("/domain/@id/ns", domain::setNameservers, onObject("domains", "nameservers"))
              .post("/domain/@id/reg", domain::registerHost, onObject("domains", "nameservers"))
              .get("/domain/@id/dns", domain::dnsRecords, onObject("domains", "dns"))
              .post("/domain/@id/dns", domain::addDnsRecord, onObject("domains", "dns"))
              .put("/domain/@id/dns/@index", domain::updateDnsRecord, onObject("domains", "dns"))
              .delete("/domain/@id/dns/@index", domain::deleteDnsRecord, onObject("domains", "dns"))
              .get("/domain/@id/dns/types", domain::dnsTypes, onObject("domains", "dns"))
              .put("/domain/@id/forwarding", domain::setForwarding, onObject("domains", "forwarding"))
              .get("/domain/@id/epp", domain::epp, onObject("domains", "epp"))
              .get("/domain/@id/sync", domain::sync, onObject("domains", "basic"))
              .get("/domain/@id/reglock", domain::reglock, onObject("domains", "reglock"))
              .put("/domain/@id/reglock", domain::setReglock, onObject("domains", "reglock"))
              .put("/domain/@id/idprotection", domain::setIdProtection, onObject("domains", "idprotection"))
              .get("/domain/@id/contact", domain::contacts, onObject("domains", "contactinfo"))
              .put("/domain/@id/contact", domain::setContacts, onObject("domains", "contactinfo"))
              .get("/domain/@id/emforwarding", domain::emailForwarding, onObject("domains", "emforwarding"))
              .put("/domain/@id/emforwarding", domain::setEmailForwarding, onObject("domains", "emforwarding"))
              .get("/domain/@id/autorenew", domain::autorenew, onObject("domains", "autorenew"))
              .put("/domain/@id/autorenew", domain::setAutorenew, onObject("domains", "autorenew"))
              .get("/domain/@id/dnssec/flags", domain::dnssecFlags, onObject("domains", "dnssec"))
              .get("/domain/@id/dnssec", domain::dnssec, onObject("domains", "dnssec"))
              .put("/domain/@id/dnssec", domain::addDnssec, onObject("domains", "dnssec"))
              .delete("/domain/@id/dnssec/@key", domain::deleteDnssec, onObject("domains", "dnssec"))
              .post("/domain/@id/renew", domain::renew, onObject("domains", "renew"));
        // portal notifications (a contact sees those about what its privileges cover)
        router.get("/notifications", notes::list, ANY)
              .get("/notifications/new", notes::listNew, ANY)
              .put("/notifications/@id/ack", notes::ack, ANY);

        // DNS hosting: zones of the caller's DNS services and their records (the service's "basic" privilege)
        router.get("/dns", dns::list, ANY)
              // proof of control of names (ours): the caller's account proves it, whoever of it asks
              .get("/dns/claims", names::list, ANY)
              .post("/dns/claims", names::challenge, ANY)
              .post("/dns/claims/verify", names::verify, ANY)
              .post("/service/@service_id/dns", dns::createZone, onObject("services", "basic"))
              .get("/service/@service_id/dns", dns::zones, onObject("services", "basic"))
              .get("/service/@service_id/dns/@zone_id", dns::zone, onObject("services", "basic"))
              .delete("/service/@service_id/dns/@zone_id", dns::deleteZone, onObject("services", "basic"))
              .post("/service/@service_id/dns/@zone_id/records", dns::addRecord, onObject("services", "basic"))
              .put("/service/@service_id/dns/@zone_id/records/@record_id", dns::updateRecord, onObject("services", "basic"))
              .delete("/service/@service_id/dns/@zone_id/records/@record_id", dns::deleteRecord, onObject("services", "basic"))
              .post("/service/@service_id/dns/@zone_id/dnssec", dnssec::setDnssec, onObject("services", "basic"));

        // API keys for the services API (/v1), ours: a contact manages only its own keys
        router.get("/apikeys", apikeys::list, ANY)
              .post("/apikeys", apikeys::create, ANY)
              .get("/apikeys/@id", apikeys::get, ANY)
              .delete("/apikeys/@id", apikeys::revoke, ANY);

        // password reset by mailed token (no credentials; the request answers alike for every address)
        router.post("/password/reset", reset::request, PUBLIC)
              .post("/password/reset/confirm", reset::confirm, PUBLIC);

        // invoice documents: invoice and credit note PDFs (PDF/A-3b candidates, in the client's language)
        var documents = features.get(io.steward.billing.document.DocumentHandlers.class);
        router.get("/invoice/@id/pdf", documents::clientInvoicePdf, priv("billing", "payinvoice"))
              .get("/invoice/@id/creditnote/@note/pdf", documents::clientCreditNotePdf, priv("billing", "payinvoice"));

        // e-invoices: the invoice or credit note as Peppol BIS Billing 3.0 UBL (the invoice's privilege)
        var ubl = features.get(io.steward.billing.document.UblHandlers.class);
        router.get("/invoice/@id/ubl", ubl::clientInvoiceUbl, priv("billing", "payinvoice"))
              .get("/invoice/@id/creditnote/@note/ubl", ubl::clientCreditNoteUbl, priv("billing", "payinvoice"));
    }

    @Override public String name() { return "client"; }

    @Override public String prefix() { return "/api"; }

    @Override public Router<Access> router() { return router; }

    @Override
    public void authorize(Call call, Access access) {
        if (access.level() == Access.Level.PUBLIC) return;
        var header = call.header("Authorization").map(String::trim).filter(s -> !s.isEmpty());
        if (header.isEmpty()) {
            if (access.level() == Access.Level.OPTIONAL) return;
            throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("unauthorized"), Map.of());
        }
        Principal principal = authenticate(header.get(), call);
        var caller = accounts.resolve(principal);
        Actor actor = caller.actor();
        call.set(Principal.class, principal);
        call.set(Actor.class, actor);
        call.set(io.steward.account.Client.class, caller.account());
        if (access.group() != null && !access.objectScoped()) actor.require(access.group(), access.privilege());
    }

    private Principal authenticate(String header, Call call) {
        int sp = header.indexOf(' ');
        String scheme = sp < 0 ? header : header.substring(0, sp);
        String value = sp < 0 ? "" : header.substring(sp + 1).trim();
        if (value.isEmpty()) throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("malformed_authorization_header"), Map.of());
        if (scheme.equalsIgnoreCase("Bearer")) return auth.authenticateBearer(value);
        if (scheme.equalsIgnoreCase("Basic")) {
            String code = call.header(CODE_HEADER).or(() -> call.params().string("code")).orElse(null);
            return auth.authenticateBasic(value, code, call.ip());
        }
        throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("unsupported_authorization_scheme"), Map.of());
    }

    @Override
    public Object errorBody(StewardException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("success", false);
        body.put("error", e.messages());
        if (!e.fields().isEmpty()) body.put("fields", e.fields());
        return body;
    }

    @Override
    public Map<String, String> errorHeaders(StewardException e) {
        return e.code() == ErrorCode.UNAUTHORIZED ? Map.of("WWW-Authenticate", "Basic realm=\"Steward\", Bearer") : Map.of();
    }

    @Override
    public Object unknownRoute() {
        return Map.of("error", List.of("invalid method"));
    }
}
