package io.steward.api;

import static io.steward.core.Json.obj;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.activity.ActivityLog;
import io.steward.core.Times;
import io.steward.web.Call;
import java.util.List;

/** {@code /details} and {@code /logs}. */
final class AccountHandlers {
    private final AccountService accounts;

    AccountHandlers(AccountService accounts) {
        this.accounts = accounts;
    }

    Object details(Call call) {
        Actor a = call.get(Actor.class);
        // The account was read while authorising this call; the holder's TOTP flag came with the login.
        var principal = call.get(io.steward.auth.Principal.class);
        boolean totp = a.isHolder() ? principal.totpEnabled() : accounts.totpEnabled(a.clientId(), null);
        return obj("client", Shapes.client(call.get(io.steward.account.Client.class), totp));
    }

    Object updateDetails(Call call) {
        Actor a = call.get(Actor.class);
        var p = call.params();
        var result = accounts.updateDetails(a, Shapes.profileInput(p), p.string("vat_number").orElse(null),
                p.string("language").orElse(null), Shapes.flag(p, "authy", "Yes"), call.ip());
        var body = obj("success", true,
                "client", Shapes.client(result.client(), accounts.totpEnabled(a.clientId(), null)),
                "info", List.of("client_info_updated"));
        Shapes.totp(result.totp(), body);
        return body;
    }

    Object logs(Call call) {
        Actor a = call.get(Actor.class);
        int page = call.params().intValue("page", 1, 1, 1_000_000);
        int perPage = call.params().intValue("perpage", 50, 1, 500);
        ActivityLog.Page result = accounts.logs(a.clientId(), page, perPage);
        var logs = result.entries().stream().map(e -> obj(
                "id", Long.toString(e.id()),
                "date", Times.stamp(e.at()),
                "ip", e.ip(),
                "contact_id", e.contactId() == null ? "0" : Long.toString(e.contactId()),
                "action", e.action(),
                "description", e.description())).toList();
        return obj("logs", logs, "page", page, "perpage", perPage, "total", result.total());
    }
}
