package io.steward.webui.staff;

import io.steward.auth.AdminKeys;
import io.steward.core.StewardException;
import io.steward.staff.StaffFeature;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;

/**
 * Staff sign-in (username, password, TOTP code) through the same checks, throttle and audit as
 * {@code POST /admin/api/login}; a new session id at sign-in (no fixation); sign-out; the home page.
 */
final class ConsoleSignInPages {
    private final StaffConsole console;
    private final StaffFeature staff;

    ConsoleSignInPages(StaffConsole console, StaffFeature staff) {
        this.console = console;
        this.staff = staff;
    }

    Reply form(WebRequest r) {
        if (r.call().find(AdminKeys.Staff.class).isPresent()) return WebKit.redirect("/admin/");
        console.kit().ensureSession(r, StaffConsole.REALM);
        return page(r, 200, null, r.params().string("username").orElse(""));
    }

    Reply submit(WebRequest r) {
        var p = r.params();
        String username = p.string("username").orElse("").trim();
        String password = p.string("password").orElse("");
        String code = p.string("code").orElse("").trim();
        if (username.isEmpty() || password.isEmpty()) return page(r, 400, "admin.signin.missing", username);
        io.steward.staff.StaffAccounts.Account account;
        try {
            account = staff.signIn().authenticate(username, password, code.isEmpty() ? null : code, r.call().ip(), "console");
        } catch (StewardException e) {
            int status = e.code().httpStatus();
            if (status >= 500) throw e;
            String why = status == 429 ? "signin.throttled"
                    : e.messages().stream().anyMatch(m -> m.contains("code is required")) ? "signin.code_required"
                    : e.messages().stream().anyMatch(m -> m.contains("two-factor code")) ? "signin.code_wrong"
                    : "admin.signin.wrong";
            return page(r, status == 429 ? 429 : 401, why, username);
        }
        r.session().ifPresent(s -> console.kit().sessions().end(s.idHash()));
        r.begin(console.kit().sessions().start(StaffConsole.REALM, account.id(), staff.accounts().credentialStamp(account.id())));
        return WebKit.redirect(next(r));
    }

    Reply signOut(WebRequest r) {
        r.session().ifPresent(s -> console.kit().sessions().end(s.idHash()));
        r.ended();
        return WebKit.redirect("/admin/login");
    }

    Reply home(WebRequest r) {
        var me = r.get(AdminKeys.Staff.class);
        return console.render(r, 200, "admin/home.jte", r.page("admin.home.title"), "role",
                staff.accounts().get(me.accountId()).role());
    }

    private Reply page(WebRequest r, int status, String errorKey, String username) {
        return console.render(r, status, "admin/signin.jte", r.page("admin.signin.title"), "error", errorKey, "username", username,
                "next", next(r));
    }

    /** Where to go after sign-in: a console path only. */
    private static String next(WebRequest r) {
        String next = WebKit.localPath(r.params().string("next").orElse("/admin/"));
        return next.equals("/admin") || next.startsWith("/admin/") ? next : "/admin/";
    }
}
