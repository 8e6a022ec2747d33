package io.steward.webui.client;

import static io.steward.webui.client.PageAccess.PUBLIC;
import static io.steward.webui.client.PageAccess.SIGNED_IN;
import static io.steward.webui.client.PageAccess.priv;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.account.ContactService;
import io.steward.auth.AuthService;
import io.steward.auth.Principal;
import io.steward.core.StewardException;
import io.steward.web.Call;
import io.steward.web.Dialect;
import io.steward.web.Handler;
import io.steward.web.Reply;
import io.steward.web.Router;
import io.steward.webui.Assets;
import io.steward.webui.Messages;
import io.steward.webui.Page;
import io.steward.webui.PageHandler;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The web client area at the root: its route table, who may see each page, and how a browser
 * session becomes the same {@link Actor} the client API works with (so a contact sees exactly
 * what its privileges allow there). Pages call the features' services, never the APIs.
 */
public final class ClientSite implements Dialect<PageAccess> {
    public static final String REALM = "client";

    private final WebKit kit;
    private final AuthService auth;
    private final AccountService accounts;
    private final ContactService contacts;
    private final Router<PageAccess> router = new Router<>();

    public ClientSite(WebKit kit, AuthService auth, AccountService accounts, ContactService contacts, ClientFeatures features) {
        this.kit = kit;
        this.auth = auth;
        this.accounts = accounts;
        this.contacts = contacts;
        var assets = new Assets();
        var signIn = new SignInPages(kit, auth, features.passwordResets());
        var home = new DashboardPages(kit, features);
        var invoices = new InvoicePages(kit, features.billing());

        router.get("/assets/@file", call -> assets.get(call.pathParam("file")), PUBLIC)
              .get("/language/@code", call -> kit.chooseLanguage(call, call.pathParam("code"),
                      call.params().string("back").orElse("/")), PUBLIC);
        // signing in and out, password reset by mailed token
        on("GET", "/login", PUBLIC, signIn::form);
        on("POST", "/login", PUBLIC, signIn::submit);
        on("POST", "/logout", SIGNED_IN, signIn::signOut);
        on("GET", "/password/reset", PUBLIC, signIn::resetForm);
        on("POST", "/password/reset", PUBLIC, signIn::requestReset);
        on("GET", "/password/reset/confirm", PUBLIC, signIn::confirmForm);
        on("POST", "/password/reset/confirm", PUBLIC, signIn::confirmReset);
        // dashboard
        on("GET", "/", SIGNED_IN, home::dashboard);
        // invoices (a contact needs billing/payinvoice, as on GET /api/invoice)
        on("GET", "/invoices", priv("billing", "payinvoice"), invoices::list);
        on("GET", "/invoices/@id", priv("billing", "payinvoice"), invoices::view);
        on("GET", "/invoices/@id/pdf", priv("billing", "payinvoice"), invoices::pdf);
        on("POST", "/invoices/@id/credit", priv("billing", "payinvoice"), invoices::payWithCredit);
    }

    private void on(String method, String template, PageAccess access, PageHandler page) {
        Handler handler = call -> kit.serve(call, REALM, request -> admit(request, access), page);
        router.add(method, template, handler, access);
    }

    /**
     * Puts the signed-in caller on the request (an ended or refused login ends the session) and
     * applies the page's access: a visitor is sent to sign in, a contact without the privilege gets 403.
     */
    private Optional<Reply> admit(WebRequest request, PageAccess access) {
        var session = request.session().filter(s -> s.signedIn()).orElse(null);
        boolean signedIn = false;
        if (session != null) {
            var principal = auth.webPrincipal(session.subject(), session.credVersion()).orElse(null);
            AccountService.Caller caller = null;
            try {
                if (principal != null) caller = accounts.resolve(principal);
            } catch (StewardException closed) {
                caller = null;
            }
            if (caller == null) {
                kit.sessions().end(session.idHash());
                request.ended();
            } else {
                Call call = request.call();
                call.set(Principal.class, principal);
                call.set(Actor.class, caller.actor());
                call.set(io.steward.account.Client.class, caller.account());
                var profile = caller.actor().isHolder() ? caller.account().profile()
                        : contacts.get(caller.actor().clientId(), caller.actor().contactId()).profile();
                String name = (profile.firstname() + " " + profile.lastname()).trim();
                request.userName(name.isEmpty() ? profile.email() : name);
                signedIn = true;
            }
        }
        if (!access.signIn()) return Optional.empty();
        if (!signedIn) {
            if (!request.call().method().equals("GET")) throw StewardException.unauthorized("Sign in first");
            return Optional.of(WebKit.redirect("/login?next=" + URLEncoder.encode(request.call().path(), StandardCharsets.UTF_8)));
        }
        if (access.group() != null) request.get(Actor.class).require(access.group(), access.privilege());
        return Optional.empty();
    }

    @Override public String name() { return "web"; }

    @Override public String prefix() { return ""; }

    @Override public Router<PageAccess> router() { return router; }

    /** Each page's guard runs inside {@link WebKit#serve}, where a refusal can become a page or a redirect. */
    @Override public void authorize(Call call, PageAccess access) {}

    /**
     * Browsers get the client area's pages, and its friendly 404 for paths nobody serves; the
     * root index stays JSON for scripts (and the operations paths stay theirs).
     */
    @Override
    public boolean takes(String method, String localPath, boolean known, java.util.function.Function<String, Optional<String>> header) {
        boolean browser = header.apply("Accept").map(a -> a.contains("text/html")).orElse(false);
        return known ? (!localPath.equals("/") || browser) : browser;
    }

    @Override public String errorContentType() { return "text/html; charset=utf-8"; }

    /** Only failures outside a page (a body over the limit, an internal error) get here; English, no session. */
    @Override
    public Object errorBody(StewardException e) {
        int status = e.code().httpStatus();
        String key = status == 413 ? "error.413" : status >= 500 ? "error.500" : "error.400";
        return plainPage(key);
    }

    @Override public Object unknownRoute() { return plainPage("error.404"); }

    private String plainPage(String key) {
        var messages = Messages.of(java.util.Locale.ENGLISH);
        var page = new Page(messages, "", null, "", messages.get(key + ".title"));
        return kit.render(200, "error.jte", page, "message", messages.get(key), "detail", null).body().toString();
    }

    @Override
    public java.util.Map<String, String> errorHeaders(StewardException error) { return WebKit.securityHeaders(); }
}
