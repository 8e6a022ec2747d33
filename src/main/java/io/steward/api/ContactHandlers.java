package io.steward.api;

import static io.steward.core.Json.obj;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.account.ContactService;
import io.steward.account.PrivilegeCatalog;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.List;

/** {@code /contact...}. */
final class ContactHandlers {
    private final ContactService contacts;
    private final AccountService accounts;
    private final PrivilegeCatalog catalog;

    ContactHandlers(ContactService contacts, AccountService accounts, PrivilegeCatalog catalog) {
        this.contacts = contacts;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    Object list(Call call) {
        Actor a = call.get(Actor.class);
        return obj("contacts", contacts.list(a.clientId()).stream().map(Shapes::contactSummary).toList());
    }

    Object get(Call call) {
        Actor a = call.get(Actor.class);
        var c = contacts.get(a.clientId(), call.pathId("id"));
        return obj("contact", Shapes.contact(c, contacts.hasLogin(a.clientId(), c.id()), accounts.totpEnabled(a.clientId(), c.id())));
    }

    Object create(Call call) {
        Actor a = call.get(Actor.class);
        var saved = contacts.create(a, input(call.params()), call.ip());
        var body = obj("success", true, "contact_id", Long.toString(saved.contactId()), "info", List.of("profile_added"));
        Shapes.totp(saved.totp(), body);
        return body;
    }

    Object update(Call call) {
        Actor a = call.get(Actor.class);
        var saved = contacts.update(a, call.pathId("id"), input(call.params()), call.ip());
        var body = obj("success", true, "info", List.of("profile_updated"));
        Shapes.totp(saved.totp(), body);
        return body;
    }

    Object privileges(Call call) {
        return obj("privileges", catalog.describe(call.get(Actor.class).clientId()));
    }

    private static ContactService.ContactInput input(Params p) {
        String password = p.string("password").filter(s -> !s.isEmpty()).orElse(null);
        return new ContactService.ContactInput(Shapes.profileInput(p), password, p.node("privileges"), Shapes.flag(p, "authy", "Yes"));
    }
}
