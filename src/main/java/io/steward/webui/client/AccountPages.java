package io.steward.webui.client;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.account.ProfileInput;
import io.steward.apikey.ApiKeys;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.util.Optional;

/**
 * The account: its details, two-factor set-up (the account holder's, as {@code PUT /api/details
 * authy} allows), and API keys for the services API (a contact manages only its own keys, as on
 * {@code /api/apikeys}). A new TOTP secret and a new API key are shown once, on the answer to the
 * form that made them, never stored in clear.
 */
final class AccountPages {
    private static final ProfileInput UNCHANGED = new ProfileInput(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    private final WebKit kit;
    private final AccountService accounts;
    private final io.steward.auth.AuthService auth;
    private final ApiKeys keys;

    AccountPages(WebKit kit, AccountService accounts, io.steward.auth.AuthService auth, ApiKeys keys) {
        this.kit = kit;
        this.accounts = accounts;
        this.auth = auth;
        this.keys = keys;
    }

    Reply view(WebRequest r) {
        return account(r, 200, null);
    }

    /**
     * Turns two-factor on (showing the new secret once) or off. The change ends the login's other
     * sessions (its credentials changed); this browser gets a new session and stays signed in.
     */
    Reply twoFactor(WebRequest r) {
        Actor a = r.get(Actor.class);
        boolean on = "on".equals(r.params().string("action").orElse(""));
        var result = accounts.updateDetails(a, UNCHANGED, null, on, r.call().ip());
        var principal = r.get(io.steward.auth.Principal.class);
        r.session().ifPresent(s -> kit.sessions().end(s.idHash()));
        r.begin(kit.sessions().start(ClientSite.REALM, principal.loginId(), auth.credVersion(principal.loginId())));
        return account(r, 200, result.totp().orElse(null));
    }

    private Reply account(WebRequest r, int status, io.steward.auth.Credentials.TotpSetup setup) {
        Actor a = r.get(Actor.class);
        var client = accounts.details(a.clientId());
        return kit.render(status, "client/account.jte", r.page("account.title"), "client", client, "holder", a.isHolder(),
                "totpOn", accounts.totpEnabled(a.clientId(), a.contactId()), "setup", setup);
    }

    Reply apiKeys(WebRequest r) {
        return keysPage(r, null);
    }

    Reply createApiKey(WebRequest r) {
        Actor a = r.get(Actor.class);
        var created = keys.create(a.clientId(), a.contactId(), r.params().string("name").orElse(null),
                r.params().string("scope").orElse(null), a.isHolder() ? "client" : "contact:" + a.contactId());
        return keysPage(r, created.plain());
    }

    Reply revokeApiKey(WebRequest r) {
        keys.revoke(r.get(Actor.class).clientId(), own(r.get(Actor.class)), r.call().pathId("id"));
        return WebKit.redirect("/account/apikeys");
    }

    private Reply keysPage(WebRequest r, String plain) {
        Actor a = r.get(Actor.class);
        var list = keys.list(a.clientId(), own(a)).stream().filter(k -> k.revokedAt() == null).toList();
        return kit.render(200, "client/apikeys.jte", r.page("apikeys.title"), "keys", list, "plain", plain);
    }

    /** A contact sees and revokes only its own keys; the holder all of the account's. */
    private static Optional<Long> own(Actor a) {
        return a.isHolder() ? Optional.empty() : Optional.of(a.contactId());
    }
}
