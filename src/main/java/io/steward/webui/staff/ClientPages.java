package io.steward.webui.staff;

import io.steward.account.BillingInput;
import io.steward.account.Client;
import io.steward.account.ProfileInput;
import io.steward.auth.AdminKeys;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.staff.StaffAudit;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import io.steward.webui.WebSessions;
import io.steward.webui.client.ClientSite;
import java.util.LinkedHashMap;

/** Clients: search, one client (details, edit, credit), and signing in to the client area as the client. */
final class ClientPages {
    private final StaffConsole console;
    private final ConsoleFeatures features;

    ClientPages(StaffConsole console, ConsoleFeatures features) {
        this.console = console;
        this.features = features;
    }

    Reply list(WebRequest r) {
        String q = r.params().string("q").orElse("").trim();
        var page = features.clients().search(q.isEmpty() ? null : q, null, 1, 100);
        return console.render(r, 200, "admin/clients.jte", r.page("admin.clients.title"), "q", q, "clients", page.clients(),
                "total", page.total());
    }

    Reply view(WebRequest r) {
        Client c = features.clients().get(r.call().pathId("id"));
        var balance = features.billing().credit().balance(c.id());
        return console.render(r, 200, "admin/client.jte", r.page("admin.client.title", name(c)), "client", c,
                "credit", balance.credit(), "currency", balance.currency(), "saved", r.params().string("saved").isPresent(),
                "canEdit", r.get(AdminKeys.Staff.class).may(io.steward.auth.StaffArea.CLIENTS, false),
                "canCredit", r.get(AdminKeys.Staff.class).may(io.steward.auth.StaffArea.BILLING, false));
    }

    /** Name, company, email and staff notes; the rest of the profile stays as it is. */
    Reply update(WebRequest r) {
        long id = r.call().pathId("id");
        var p = r.params();
        var input = new ProfileInput(p.string("email").orElse(null), p.string("firstname").orElse(null), p.string("lastname").orElse(null),
                p.string("companyname").orElse(null), null, null, null, null, null, null, null, null, null, null, null, null, null);
        features.clients().update(id, input, BillingInput.NONE, p.string("notes").orElse(null));
        return WebKit.redirect("/admin/clients/" + id + "?saved=1");
    }

    /** Credit added (or, negative, taken) with a reason, as {@code POST /admin/api/clients/@id/credit}. */
    Reply addCredit(WebRequest r) {
        long id = r.call().pathId("id");
        var amount = Money.parse(r.params().required("amount"), "amount");
        features.billing().credit().adjust(id, amount, r.params().string("reason").orElse(null), StaffConsole.by(r));
        return WebKit.redirect("/admin/clients/" + id + "?saved=1");
    }

    /**
     * Opens the client area as the client's account holder in this browser (a client-area session of
     * its own, beside the console's), after writing the audit entry that says who did it and when.
     */
    Reply logInAs(WebRequest r) {
        long id = r.call().pathId("id");
        features.clients().get(id);
        var login = features.auth().holderLogin(id)
                .orElseThrow(() -> StewardException.conflict("This client cannot sign in (no login, or the account is closed)"));
        features.audit().record(StaffAudit.Actor.of(r.get(AdminKeys.Staff.class)), r.call().ip(), "login_as_client",
                "/admin" + r.call().path(), "clients", Long.toString(id), 303, "opened the client area as the client's account holder");
        WebSessions.Started started = console.kit().sessions().start(ClientSite.REALM, login.principal().loginId(), login.credVersion());
        var headers = new LinkedHashMap<String, String>();
        headers.put("Location", "/");
        headers.put("Set-Cookie", WebKit.cookie(WebKit.cookieName(ClientSite.REALM), started.cookieValue(), console.kit().secure(r.call()), -1));
        return new Reply(303, null, "text/html; charset=utf-8", headers);
    }

    static String name(Client c) {
        String n = (c.profile().firstname() + " " + c.profile().lastname()).trim();
        return n.isEmpty() ? c.profile().email() : n;
    }
}
