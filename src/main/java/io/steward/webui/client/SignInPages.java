package io.steward.webui.client;

import io.steward.auth.AuthService;
import io.steward.auth.Principal;
import io.steward.core.StewardException;
import io.steward.mail.PasswordResets;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;

/**
 * Signing in (password, and the TOTP code when the login has two-factor on), signing out, and
 * the mailed-token password reset. Sign-in goes through the same {@link AuthService} checks and
 * login throttle as {@code POST /api/login}; a new session id is issued at sign-in so a session
 * planted before it (fixation) is worth nothing.
 */
final class SignInPages {
    private final WebKit kit;
    private final AuthService auth;
    private final PasswordResets resets;

    SignInPages(WebKit kit, AuthService auth, PasswordResets resets) {
        this.kit = kit;
        this.auth = auth;
        this.resets = resets;
    }

    Reply form(WebRequest r) {
        if (r.session().map(s -> s.signedIn()).orElse(false) && r.call().find(Principal.class).isPresent()) {
            return WebKit.redirect("/");
        }
        kit.ensureSession(r, ClientSite.REALM);
        return signInPage(r, 200, null, r.params().string("email").orElse(""), next(r));
    }

    Reply submit(WebRequest r) {
        var p = r.params();
        String email = p.string("email").orElse("").trim();
        String password = p.string("password").orElse("");
        String code = p.string("code").orElse("").trim();
        if (email.isEmpty() || password.isEmpty()) return signInPage(r, 400, "signin.missing", email, next(r));
        AuthService.WebLogin login;
        try {
            login = auth.webLogin(email, password, code.isEmpty() ? null : code, r.call().ip());
        } catch (StewardException e) {
            int status = e.code().httpStatus();
            String why = status == 429 ? "signin.throttled"
                    : e.messages().contains("two_factor_code_required") ? "signin.code_required"
                    : e.messages().stream().anyMatch(m -> m.startsWith("two_factor_code")) ? "signin.code_wrong"
                    : "signin.wrong";
            return signInPage(r, status == 429 ? 429 : 401, why, email, next(r));
        }
        r.session().ifPresent(s -> kit.sessions().end(s.idHash()));
        r.begin(kit.sessions().start(ClientSite.REALM, login.principal().loginId(), login.credVersion()));
        return WebKit.redirect(next(r));
    }

    Reply signOut(WebRequest r) {
        r.session().ifPresent(s -> kit.sessions().end(s.idHash()));
        r.ended();
        return WebKit.redirect("/login");
    }

    Reply resetForm(WebRequest r) {
        kit.ensureSession(r, ClientSite.REALM);
        return kit.render(200, "client/reset.jte", r.page("reset.title"), "sent", false, "error", null);
    }

    /** Answers alike whether or not the address has a login, as the API does (no account discovery). */
    Reply requestReset(WebRequest r) {
        String email = r.params().string("email").orElse("").trim();
        if (email.isEmpty()) return kit.render(400, "client/reset.jte", r.page("reset.title"), "sent", false, "error", "reset.missing");
        resets.request(email, r.call().ip());
        return kit.render(200, "client/reset.jte", r.page("reset.title"), "sent", true, "error", null);
    }

    Reply confirmForm(WebRequest r) {
        kit.ensureSession(r, ClientSite.REALM);
        return kit.render(200, "client/reset-confirm.jte", r.page("reset.confirm.title"),
                "token", r.params().string("token").orElse(""), "error", null);
    }

    Reply confirmReset(WebRequest r) {
        String token = r.params().string("token").orElse("").trim();
        String password = r.params().string("password").orElse("");
        try {
            resets.confirm(token, password, r.call().ip());
        } catch (StewardException e) {
            if (e.code().httpStatus() >= 500) throw e;
            return kit.render(e.code().httpStatus(), "client/reset-confirm.jte", r.page("reset.confirm.title"),
                    "token", token, "error", String.join(" ", e.messages()));
        }
        return WebKit.redirect("/login?reset=1");
    }

    private Reply signInPage(WebRequest r, int status, String errorKey, String email, String next) {
        return kit.render(status, "client/signin.jte", r.page("signin.title"), "error", errorKey, "email", email, "next", next,
                "reset", r.params().string("reset").isPresent());
    }

    private static String next(WebRequest r) {
        return WebKit.localPath(r.params().string("next").orElse("/"));
    }
}
