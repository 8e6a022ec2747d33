package io.steward.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.activity.ActivityLog;
import io.steward.auth.Credentials;
import io.steward.auth.Passwords;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts (sub-accounts): listing, creating and editing them with their privileges, and giving
 * them a login. A contact acting here can grant only privileges it holds itself and cannot change
 * its own, so managing profiles never escalates.
 */
public final class ContactService {
    /** A requested contact change; null fields are left as they are. */
    public record ContactInput(ProfileInput profile, String password, JsonNode privileges, Boolean authy) {}

    /** The outcome of a create or update: the contact id and a TOTP secret when 2FA was just enabled. */
    public record Saved(long contactId, Optional<Credentials.TotpSetup> totp) {}

    private final Db db;
    private final Clock clock;
    private final ContactStore contacts;
    private final ClientStore clients;
    private final Credentials credentials;
    private final PrivilegeCatalog catalog;
    private final ActivityLog activity;

    public ContactService(Db db, Clock clock, AccountService accounts, Credentials credentials, PrivilegeCatalog catalog,
                          ActivityLog activity) {
        this.db = db;
        this.clock = clock;
        this.contacts = accounts.contacts();
        this.clients = accounts.clients();
        this.credentials = credentials;
        this.catalog = catalog;
        this.activity = activity;
    }

    public List<Contact> list(long clientId) {
        return contacts.list(clientId);
    }

    /** The contacts of many clients at once (for mail to a batch of accounts); clients without contacts are absent. */
    public java.util.Map<Long, List<Contact>> listOf(java.util.Collection<Long> clientIds) {
        return contacts.byClients(clientIds);
    }

    public Contact get(long clientId, long contactId) {
        return contacts.byId(clientId, contactId).orElseThrow(() -> StewardException.notFound("Contact not found"));
    }

    public boolean hasLogin(long clientId, long contactId) {
        return credentials.hasLogin(clientId, contactId);
    }

    public Saved create(Actor actor, ContactInput in, String ip) {
        return db.tx(() -> {
            clients.byIdForUpdate(actor.clientId()).orElseThrow(() -> StewardException.notFound("Client not found"));
            var v = new Validation();
            if (in.profile().email() == null || in.profile().email().isBlank()) v.add("email", "Email address is required");
            Profile profile = in.profile().applyTo(Profile.blank(""), v);
            if (in.password() != null) Passwords.check(in.password(), "password", v);
            Privileges privileges = catalog.parse(in.privileges(), actor.clientId(), v);
            v.throwIfAny();
            checkGrantable(actor, privileges, "grant");
            var now = Times.now(clock);
            long id = contacts.insert(actor.clientId(), profile, privileges, now);
            if (in.password() != null) credentials.create(actor.clientId(), id, profile.email(), in.password());
            Optional<Credentials.TotpSetup> totp = Boolean.TRUE.equals(in.authy()) ? credentials.enableTotp(actor.clientId(), id) : Optional.empty();
            activity.record(actor.clientId(), actor.contactId(), ip, "contact_added",
                    "Contact #" + id + " (" + profile.email() + ") added" + (in.password() != null ? " with login" : ""));
            return new Saved(id, totp);
        });
    }

    public Saved update(Actor actor, long contactId, ContactInput in, String ip) {
        return db.tx(() -> {
            Contact current = contacts.byId(actor.clientId(), contactId).orElseThrow(() -> StewardException.notFound("Contact not found"));
            if (in.privileges() != null && actor.contactId() != null && actor.contactId() == contactId) {
                throw StewardException.forbidden("A contact cannot change its own privileges");
            }
            // Editing a contact that holds more (its password, its email) would be a way to act as it.
            if (actor.contactId() != null && actor.contactId() != contactId) checkGrantable(actor, current.privileges(), "edit a contact holding");
            var v = new Validation();
            Profile profile = in.profile().applyTo(current.profile(), v);
            if (in.password() != null) Passwords.check(in.password(), "password", v);
            Privileges privileges = in.privileges() == null ? current.privileges() : catalog.parse(in.privileges(), actor.clientId(), v);
            v.throwIfAny();
            if (in.privileges() != null) checkGrantable(actor, privileges, "grant");
            boolean emailChanged = !profile.email().equalsIgnoreCase(current.profile().email());
            boolean hasLogin = credentials.hasLogin(actor.clientId(), contactId);
            if ((emailChanged && hasLogin) || (in.password() != null && !hasLogin)) {
                if (!credentials.emailAvailable(profile.email(), actor.clientId(), contactId)) {
                    throw StewardException.conflict("Email address is already in use");
                }
            }
            var now = Times.now(clock);
            contacts.update(contactId, profile, privileges, now);
            if (emailChanged) credentials.changeEmail(actor.clientId(), contactId, profile.email());
            if (in.password() != null) credentials.setPassword(actor.clientId(), contactId, profile.email(), in.password());
            Optional<Credentials.TotpSetup> totp = Optional.empty();
            if (Boolean.TRUE.equals(in.authy())) totp = credentials.enableTotp(actor.clientId(), contactId);
            if (Boolean.FALSE.equals(in.authy())) credentials.disableTotp(actor.clientId(), contactId);
            var changed = AccountService.changedFields(current.profile(), profile);
            if (in.privileges() != null && !privileges.equals(current.privileges())) changed.add("privileges");
            if (in.password() != null) changed.add("password");
            if (in.authy() != null) changed.add("authy");
            activity.record(actor.clientId(), actor.contactId(), ip, "contact_updated",
                    "Contact #" + contactId + " changed" + (changed.isEmpty() ? "" : ": " + String.join(", ", changed)));
            return new Saved(contactId, totp);
        });
    }

    /** A contact may hand on, or manage a contact holding, only what it holds itself. */
    private static void checkGrantable(Actor actor, Privileges requested, String action) {
        if (actor.isHolder()) return;
        Privileges own = actor.privileges();
        requested.groups().forEach((group, set) -> {
            for (String p : set) {
                if (!own.allows(group, p)) throw StewardException.forbidden("You cannot " + action + " " + group + "/" + p + ", which you do not hold");
            }
        });
        checkGrants("services", requested.services(), own.services(), action);
        checkGrants("domains", requested.domains(), own.domains(), action);
    }

    private static void checkGrants(String kind, Privileges.Grants requested, Privileges.Grants own, String action) {
        if (own.full()) return;
        if (requested.full()) throw StewardException.forbidden("You cannot " + action + " full control of " + kind + ", which you do not hold");
        requested.perObject().forEach((id, set) -> {
            Set<String> mine = own.perObject().getOrDefault(id, Set.of());
            for (String p : set) {
                if (!mine.contains(p)) throw StewardException.forbidden("You cannot " + action + " " + kind + "/" + id + "/" + p + ", which you do not hold");
            }
        });
    }
}
