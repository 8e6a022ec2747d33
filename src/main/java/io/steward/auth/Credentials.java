package io.steward.auth;

import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.util.Optional;

/**
 * Credential management for the account feature: creating logins for clients and contacts, keeping
 * the login name in step with the profile email, setting passwords (which ends every session of
 * that login) and the TOTP second factor. Callers run these inside their own transaction.
 */
public final class Credentials {
    /** A freshly enabled second factor: the secret and an otpauth URI to show once. */
    public record TotpSetup(String secret, String uri) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final Passwords passwords;
    private final LoginStore logins;
    private final SessionStore sessions;
    private final BasicCache cache;
    private final String issuer;

    Credentials(Db db, Clock clock, Secrets secrets, Passwords passwords, LoginStore logins, SessionStore sessions,
                BasicCache cache, String issuer) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.passwords = passwords;
        this.logins = logins;
        this.sessions = sessions;
        this.cache = cache;
        this.issuer = issuer;
    }

    /** True if no other login uses this email. */
    public boolean emailAvailable(String email, long clientId, Long contactId) {
        Long self = logins.byOwner(clientId, contactId).map(LoginStore.Login::id).orElse(null);
        return !logins.emailTaken(email, self);
    }

    /** Whose login an email address is (client and contact; contact null for the account holder). */
    public record Owner(long clientId, Long contactId, String email) {}

    /** The owner of the login named {@code email} (case-insensitive), if there is one: for password resets. */
    public Optional<Owner> ownerOf(String email) {
        return logins.byEmail(email).map(l -> new Owner(l.clientId(), l.contactId(), l.email()));
    }

    public boolean hasLogin(long clientId, Long contactId) {
        return logins.byOwner(clientId, contactId).isPresent();
    }

    public void create(long clientId, Long contactId, String email, String password) {
        if (logins.emailTaken(email, null)) throw StewardException.conflict("Email address is already in use");
        logins.insert(clientId, contactId, email, passwords.hash(password), Times.now(clock));
    }

    /** Keeps the login name equal to the profile email; nothing to do for an owner without a login. */
    public void changeEmail(long clientId, Long contactId, String email) {
        logins.byOwner(clientId, contactId).ifPresent(l -> {
            if (l.email().equals(LoginStore.normalize(email))) return;
            if (logins.emailTaken(email, l.id())) throw StewardException.conflict("Email address is already in use");
            logins.updateEmail(l.id(), email, Times.now(clock));
        });
    }

    /**
     * Sets the password, creating the login if the owner had none (a contact gaining access).
     * Every session of the login ends and cached Basic credentials stop working.
     */
    public void setPassword(long clientId, Long contactId, String email, String password) {
        Optional<LoginStore.Login> existing = logins.byOwner(clientId, contactId);
        if (existing.isEmpty()) {
            create(clientId, contactId, email, password);
            return;
        }
        long id = existing.get().id();
        logins.updatePassword(id, passwords.hash(password), Times.now(clock));
        sessions.revokeAllOf(id, Times.now(clock));
        cache.dropLogin(id);
    }

    /** Ends every session of every login of the client (account holder and contacts). */
    public void endAllSessions(long clientId) {
        var ids = logins.idsOfClient(clientId);
        sessions.revokeAllOfLogins(ids, Times.now(clock));
        ids.forEach(cache::dropLogin);
    }

    public void deleteLogin(long clientId, Long contactId) {
        logins.byOwner(clientId, contactId).ifPresent(l -> {
            logins.delete(l.id());
            cache.dropLogin(l.id());
        });
    }

    public boolean totpEnabled(long clientId, Long contactId) {
        return logins.byOwner(clientId, contactId).map(LoginStore.Login::totpEnabled).orElse(false);
    }

    /** Turns the second factor on with a new secret; empty if it was already on or there is no login. */
    public Optional<TotpSetup> enableTotp(long clientId, Long contactId) {
        var login = logins.byOwner(clientId, contactId);
        if (login.isEmpty() || login.get().totpEnabled()) return Optional.empty();
        String secret = Totp.newSecret();
        logins.updateTotp(login.get().id(), secrets.encrypt(secret), true, Times.now(clock));
        cache.dropLogin(login.get().id());
        return Optional.of(new TotpSetup(secret, Totp.uri(issuer, login.get().email(), secret)));
    }

    public void disableTotp(long clientId, Long contactId) {
        logins.byOwner(clientId, contactId).filter(LoginStore.Login::totpEnabled).ifPresent(l -> {
            logins.updateTotp(l.id(), null, false, Times.now(clock));
            cache.dropLogin(l.id());
        });
    }
}
