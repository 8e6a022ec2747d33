package io.steward.account;

import io.steward.activity.ActivityLog;
import io.steward.auth.Credentials;
import io.steward.auth.Passwords;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Staff operations on client accounts. */
public final class ClientAdminService {
    /**
     * Something that can keep a client from being deleted (services, invoices, domains...). Each
     * feature owning client-bound records registers one; it answers a reason, or empty.
     */
    public interface Dependents {
        Optional<String> blockingDeletion(long clientId);
    }

    public record Page(List<Client> clients, int total, int page, int perPage) {}

    private final Db db;
    private final Clock clock;
    private final ClientStore clients;
    private final Credentials credentials;
    private final ActivityLog activity;
    private final List<Dependents> dependents = new ArrayList<>();
    private final List<Dependents> currencyGuards = new ArrayList<>();
    private final List<CreationListener> creationListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String defaultCurrency;

    /** {@code defaultCurrency} (ISO 4217, config {@code billing.default-currency}) is a new account's currency unless staff give one. */
    public ClientAdminService(Db db, Clock clock, AccountService accounts, Credentials credentials, ActivityLog activity,
                              String defaultCurrency) {
        if (!BillingInput.validCurrency(defaultCurrency)) {
            throw new IllegalArgumentException("billing.default-currency must be an ISO 4217 code, not " + defaultCurrency);
        }
        this.defaultCurrency = defaultCurrency;
        this.db = db;
        this.clock = clock;
        this.clients = accounts.clients();
        this.credentials = credentials;
        this.activity = activity;
    }

    /**
     * Told of each new account inside the transaction that creates it (the welcome mail is
     * queued there, so it goes out exactly when the account exists).
     */
    public interface CreationListener {
        void clientCreated(Client client);
    }

    public void addCreationListener(CreationListener l) {
        creationListeners.add(l);
    }

    public void registerDependents(Dependents d) {
        dependents.add(d);
    }

    /**
     * Something that keeps a client's billing currency fixed (invoices or credit in it): amounts in
     * two currencies would not add up. Answers a reason, or empty.
     */
    public void registerCurrencyGuard(Dependents d) {
        currencyGuards.add(d);
    }

    public Page search(String query, String status, int page, int perPage) {
        if (status != null && !Client.STATUSES.contains(status)) {
            throw StewardException.invalid(java.util.Map.of("status", List.of("Status must be one of " + String.join(", ", Client.STATUSES))));
        }
        return new Page(clients.search(query, status, page, perPage), clients.count(query, status), page, perPage);
    }

    public Client get(long id) {
        return clients.byId(id).orElseThrow(() -> StewardException.notFound("Client not found"));
    }

    public Client create(ProfileInput input, String password, String status, String notes) {
        return create(input, BillingInput.NONE, password, status, notes);
    }

    /** Creates an account; billing fields not given take the defaults (the configured currency, taxed, no VAT number). */
    public Client create(ProfileInput input, BillingInput billingInput, String password, String status, String notes) {
        var v = new Validation();
        if (input.email() == null || input.email().isBlank()) v.add("email", "Email address is required");
        Profile profile = input.applyTo(Profile.blank(""), v);
        Client.Billing billing = billingInput.applyTo(new Client.Billing(defaultCurrency, false, ""), profile.country(), v);
        if (password == null || password.isEmpty()) v.add("password", "Password is required");
        else Passwords.check(password, "password", v);
        String st = status == null ? "Active" : status;
        if (!Client.STATUSES.contains(st)) v.add("status", "Status must be one of " + String.join(", ", Client.STATUSES));
        v.throwIfAny();
        return db.tx(() -> {
            var now = Times.now(clock);
            long id = clients.insert(profile, billing, st, notes == null ? "" : notes, now);
            credentials.create(id, null, profile.email(), password);
            activity.record(id, null, "", "account_created", "Account created by staff");
            Client created = clients.byId(id).orElseThrow();
            for (CreationListener l : creationListeners) l.clientCreated(created);
            return created;
        });
    }

    public Client update(long id, ProfileInput input, BillingInput billingInput, String notes) {
        return db.tx(() -> {
            Client current = clients.byIdForUpdate(id).orElseThrow(() -> StewardException.notFound("Client not found"));
            var v = new Validation();
            Profile next = input.applyTo(current.profile(), v);
            Client.Billing billing = billingInput.applyTo(current.billing(), next.country(), v);
            v.throwIfAny();
            if (!billing.currency().equals(current.billing().currency())) {
                for (Dependents guard : currencyGuards) {
                    guard.blockingDeletion(id).ifPresent(reason -> {
                        throw StewardException.conflict("The billing currency cannot change: " + reason);
                    });
                }
            }
            boolean emailChanged = !next.email().equalsIgnoreCase(current.profile().email());
            if (emailChanged && !credentials.emailAvailable(next.email(), id, null)) throw StewardException.conflict("Email address is already in use");
            var now = Times.now(clock);
            clients.update(id, next, now);
            if (!billing.equals(current.billing())) clients.updateBilling(id, billing, now);
            if (notes != null) clients.updateNotes(id, notes, now);
            if (emailChanged) credentials.changeEmail(id, null, next.email());
            var changed = AccountService.changedFields(current.profile(), next);
            changed.addAll(BillingInput.changedFields(current.billing(), billing));
            if (!changed.isEmpty()) activity.record(id, null, "", "profile_updated", "Profile details changed by staff: " + String.join(", ", changed));
            return clients.byId(id).orElseThrow();
        });
    }

    public Client setStatus(long id, String status) {
        if (status == null || !Client.STATUSES.contains(status)) {
            throw StewardException.invalid(java.util.Map.of("status", List.of("Status must be one of " + String.join(", ", Client.STATUSES))));
        }
        return db.tx(() -> {
            Client current = clients.byIdForUpdate(id).orElseThrow(() -> StewardException.notFound("Client not found"));
            if (!current.status().equals(status)) {
                clients.setStatus(id, status, Times.now(clock));
                // Closing ends every session, so reopening later does not bring old tokens back.
                if (status.equals("Closed")) credentials.endAllSessions(id);
                activity.record(id, null, "", "status_changed", "Account status changed from " + current.status() + " to " + status + " by staff");
            }
            return clients.byId(id).orElseThrow();
        });
    }

    /** Sets the given password, or a generated one which is returned; ends every session of the account holder. */
    public String resetPassword(long id, String password) {
        String pw = password == null || password.isEmpty() ? Secrets.randomToken(12) + "-1a" : password;
        var v = new Validation();
        Passwords.check(pw, "password", v);
        v.throwIfAny();
        db.txRun(() -> {
            Client c = clients.byIdForUpdate(id).orElseThrow(() -> StewardException.notFound("Client not found"));
            credentials.setPassword(id, null, c.profile().email(), pw);
            activity.record(id, null, "", "password_reset", "Password reset by staff; all sessions ended");
        });
        return pw;
    }

    public void delete(long id) {
        db.txRun(() -> {
            clients.byIdForUpdate(id).orElseThrow(() -> StewardException.notFound("Client not found"));
            for (Dependents d : dependents) {
                d.blockingDeletion(id).ifPresent(reason -> {
                    throw StewardException.conflict("Client cannot be deleted: " + reason);
                });
            }
            clients.delete(id);
        });
    }
}
