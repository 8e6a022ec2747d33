package io.steward.account;

import io.steward.activity.ActivityLog;
import io.steward.auth.Credentials;
import io.steward.auth.LoginHooks;
import io.steward.auth.Principal;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account holder's side of the account feature: who the caller is ({@link #actor}), the
 * account's details and their changes, and the login gate auth consults.
 */
public final class AccountService implements LoginHooks {
    /** The result of a details change: the new details, and a TOTP secret when 2FA was just enabled. */
    public record DetailsUpdate(Client client, Optional<Credentials.TotpSetup> totp) {}

    private final Db db;
    private final Clock clock;
    private final ClientStore clients;
    private final ContactStore contacts;
    private final Credentials credentials;
    private final ActivityLog activity;

    public AccountService(Db db, Clock clock, Credentials credentials, ActivityLog activity) {
        this.db = db;
        this.clock = clock;
        this.clients = new ClientStore(db);
        this.contacts = new ContactStore(db);
        this.credentials = credentials;
        this.activity = activity;
    }

    ClientStore clients() { return clients; }

    ContactStore contacts() { return contacts; }

    /** The caller as an actor, with the account as loaded for this request (so a handler need not read it again). */
    public record Caller(Actor actor, Client account) {}

    /** Resolves a verified principal; a closed account or a deleted contact is refused. */
    public Caller resolve(Principal p) {
        return caller(p.clientId(), p.contactId());
    }

    /** The account holder ({@code contactId} null) or a contact of the account as a caller; refused as {@link #resolve} refuses. */
    public Caller caller(long clientId, Long contactId) {
        Principal p = new Principal(0, clientId, contactId, null, false);
        Client account = clients.byId(p.clientId()).orElse(null);
        if (account == null || account.status().equals("Closed")) {
            throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("wronglogin", "unauthorized"), Map.of());
        }
        if (p.contactId() == null) return new Caller(new Actor(p.clientId(), null, Privileges.ALL), account);
        Contact c = contacts.byId(p.clientId(), p.contactId())
                .orElseThrow(() -> new StewardException(ErrorCode.UNAUTHORIZED, List.of("wronglogin", "unauthorized"), Map.of()));
        return new Caller(new Actor(p.clientId(), c.id(), c.privileges()), account);
    }

    /**
     * Who writes from {@code email}: the account holder whose profile email it is, else a contact
     * with that email; closed accounts are nobody. Used to match inbound support mail to a client.
     */
    public Optional<Caller> byEmail(String email) {
        if (email == null || email.isBlank()) return Optional.empty();
        for (long id : clients.idsByEmail(email)) {
            Client c = clients.byId(id).orElse(null);
            if (c != null && !c.status().equals("Closed")) return Optional.of(new Caller(new Actor(id, null, Privileges.ALL), c));
        }
        for (Contact contact : contacts.byEmail(email)) {
            Client c = clients.byId(contact.clientId()).orElse(null);
            if (c != null && !c.status().equals("Closed")) {
                return Optional.of(new Caller(new Actor(c.id(), contact.id(), contact.privileges()), c));
            }
        }
        return Optional.empty();
    }

    public Client details(long clientId) {
        return clients.byId(clientId).orElseThrow(() -> StewardException.notFound("Client not found"));
    }

    /** The existing clients among {@code clientIds}, by id, read in bulk (missing ones are absent, not an error). */
    public java.util.Map<Long, Client> detailsOf(java.util.Collection<Long> clientIds) {
        return clients.byIds(clientIds);
    }

    /**
     * Applies a details change. {@code authy} turns the account holder's second factor on or off
     * (null leaves it); only the holder may change it, since the secret is shown to the caller.
     * {@code vatNumber} and {@code language} are the billing fields clients set (null leaves them,
     * an empty VAT number removes it).
     */
    public DetailsUpdate updateDetails(Actor actor, ProfileInput input, String vatNumber, Boolean authy, String ip) {
        return updateDetails(actor, input, vatNumber, null, authy, ip);
    }

    /** {@link #updateDetails(Actor, ProfileInput, String, Boolean, String)} with the language (null leaves it). */
    public DetailsUpdate updateDetails(Actor actor, ProfileInput input, String vatNumber, String language, Boolean authy, String ip) {
        if (authy != null && !actor.isHolder()) throw StewardException.forbidden("Only the account holder can change two-factor authentication");
        return db.tx(() -> {
            Client current = clients.byIdForUpdate(actor.clientId()).orElseThrow(() -> StewardException.notFound("Client not found"));
            var v = new Validation();
            Profile next = input.applyTo(current.profile(), v);
            Client.Billing billing = new BillingInput(null, null, vatNumber, language).applyTo(current.billing(), next.country(), v);
            boolean emailChanged = !next.email().equalsIgnoreCase(current.profile().email());
            // The account email is the holder's login name: a contact changing it could take the account over.
            if (emailChanged && !actor.isHolder()) throw StewardException.forbidden("Only the account holder can change the account email");
            if (emailChanged && !v.hasErrors() && !credentials.emailAvailable(next.email(), actor.clientId(), null)) {
                throw StewardException.conflict("Email address is already in use");
            }
            v.throwIfAny();
            var now = Times.now(clock);
            clients.update(actor.clientId(), next, now);
            if (!billing.equals(current.billing())) clients.updateBilling(actor.clientId(), billing, now);
            if (emailChanged) credentials.changeEmail(actor.clientId(), null, next.email());
            Optional<Credentials.TotpSetup> totp = Optional.empty();
            if (Boolean.TRUE.equals(authy)) totp = credentials.enableTotp(actor.clientId(), null);
            if (Boolean.FALSE.equals(authy)) credentials.disableTotp(actor.clientId(), null);
            List<String> changed = changedFields(current.profile(), next);
            changed.addAll(BillingInput.changedFields(current.billing(), billing));
            if (authy != null) changed.add("authy");
            if (!changed.isEmpty()) {
                activity.record(actor.clientId(), actor.contactId(), ip, "profile_updated", "Profile details changed: " + String.join(", ", changed));
            }
            return new DetailsUpdate(clients.byId(actor.clientId()).orElseThrow(), totp);
        });
    }

    public boolean totpEnabled(long clientId, Long contactId) {
        return credentials.totpEnabled(clientId, contactId);
    }

    /** Ids of every account that is not closed: the audience of a staff broadcast to all clients. */
    public List<Long> openClientIds() {
        return clients.openIds();
    }

    public ActivityLog.Page logs(long clientId, int page, int perPage) {
        return activity.list(clientId, page, perPage);
    }

    @Override
    public boolean mayLogIn(long clientId, Long contactId) {
        String status = clients.status(clientId).orElse("Closed");
        if (status.equals("Closed")) return false;
        return contactId == null || contacts.byId(clientId, contactId).isPresent();
    }

    @Override
    public void loggedIn(long clientId, Long contactId, String ip) {
        var now = Times.now(clock);
        if (contactId == null) clients.stampLogin(clientId, ip, now);
        else contacts.stampLogin(contactId, now);
    }

    static List<String> changedFields(Profile a, Profile b) {
        var out = new ArrayList<String>();
        var names = Profile.class.getRecordComponents();
        for (var c : names) {
            try {
                if (!java.util.Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) out.add(c.getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
