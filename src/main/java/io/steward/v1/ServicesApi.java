package io.steward.v1;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.apikey.ApiKey;
import io.steward.apikey.ApiKeys;
import io.steward.auth.AuthService;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.web.Call;
import io.steward.web.Dialect;
import io.steward.web.OpenApiDocument;
import io.steward.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services API at {@code /v1}, wire-compatible with Melbicom's API 1.2.6: product groups and
 * products with prices, the caller's services, CDN purges, domain pricing, invoices, credit balance
 * and version. {@code Authorization: Bearer} with a client API key (see {@link ApiKeys}) or a
 * client API token from {@code POST /api/login}. This class is its route table, its
 * authentication and its error envelope {@code {"status": "error", "message": "..."}}.
 */
public final class ServicesApi implements Dialect<V1Access> {
    /** The reference's version. */
    public static final String VERSION = "1.2.6";

    /** The caller's key (absent for a client API token): its scope decides what it may change. */
    public record KeyInUse(ApiKey key) {}

    private final AuthService auth;
    private final AccountService accounts;
    private final ApiKeys keys;
    private final Router<V1Access> router = new Router<>();

    public ServicesApi(AuthService auth, AccountService accounts, ApiKeys keys, V1Handlers h, OpenApiDocument document) {
        this.auth = auth;
        this.accounts = accounts;
        this.keys = keys;
        router.get("/openapi.json", document.handler(), V1Access.PUBLIC)
              // products
              .get("/products/groups", h.catalog()::groups, V1Access.READ)
              .get("/products", h.catalog()::products, V1Access.READ)
              // services (a contact sees those it holds "basic" on) and CDN purges
              .get("/services", h.services()::list, V1Access.READ)
              .get("/services/@serviceId", h.services()::get, V1Access.onService("basic", false))
              .post("/services/@serviceId/cdn/purge", h.services()::purge, V1Access.onService("basic", true))
              // domains
              .get("/domains/pricing", h.domains()::pricing, V1Access.READ)
              // billing (creditbalance: the path public clients of the real service use)
              .get("/billing/invoices", h.billing()::invoices, V1Access.priv("billing", "payinvoice"))
              .get("/billing/balance", h.billing()::balance, V1Access.priv("billing", "balance"))
              .get("/billing/creditbalance", h.billing()::balance, V1Access.priv("billing", "balance"))
              // utility
              .get("/version", call -> io.steward.core.Json.obj("success", "1", "version", VERSION), V1Access.READ);
    }

    @Override public String name() { return "services"; }

    @Override public String prefix() { return "/v1"; }

    @Override public Router<V1Access> router() { return router; }

    @Override
    public void authorize(Call call, V1Access access) {
        if (access.isPublic()) return;
        String header = call.header("Authorization").map(String::trim).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw unauthorized("An API key is required: Authorization: Bearer <key>");
        }
        String token = header.substring(7).trim();
        AccountService.Caller caller;
        if (ApiKeys.looksLikeKey(token)) {
            ApiKey key = keys.verify(token, call.ip()).orElseThrow(() -> unauthorized("Invalid or revoked API key"));
            caller = accounts.caller(key.clientId(), key.contactId());
            // A key works only while its account is in good standing; a token's login rules are auth's.
            if (!caller.account().status().equals("Active")) throw unauthorized("The account is " + caller.account().status());
            if (access.write() && key.readOnly()) throw StewardException.forbidden("This API key is read-only");
            call.set(KeyInUse.class, new KeyInUse(key));
        } else {
            caller = accounts.resolve(auth.authenticateBearer(token));
        }
        Actor actor = caller.actor();
        call.set(Actor.class, actor);
        call.set(io.steward.account.Client.class, caller.account());
        if (access.group() != null && !access.onService()) actor.require(access.group(), access.privilege());
    }

    private static StewardException unauthorized(String message) {
        return new StewardException(ErrorCode.UNAUTHORIZED, message);
    }

    @Override
    public Object errorBody(StewardException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "error");
        body.put("message", String.join("; ", e.messages()));
        if (!e.fields().isEmpty()) body.put("errors", e.fields());
        return body;
    }

    @Override
    public Map<String, String> errorHeaders(StewardException e) {
        return e.code() == ErrorCode.UNAUTHORIZED ? Map.of("WWW-Authenticate", "Bearer realm=\"Steward services API\"") : Map.of();
    }

    @Override
    public Object unknownRoute() {
        return io.steward.core.Json.obj("status", "error", "message", "No such endpoint");
    }
}
