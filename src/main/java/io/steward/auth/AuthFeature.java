package io.steward.auth;

import io.steward.activity.ActivityLog;
import io.steward.core.Secrets;
import io.steward.db.Db;
import java.time.Clock;

/**
 * Assembles the auth feature. Two steps because of the one mutual need between features: the
 * account feature uses {@link #credentials()} and auth asks the account feature (through
 * {@link LoginHooks}) whether an owner may log in.
 */
public final class AuthFeature {
    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final Passwords passwords;
    private final AuthSettings settings;
    private final LoginStore logins;
    private final SessionStore sessions;
    private final BasicCache cache;
    private final SigningKeys keys;
    private final Credentials credentials;

    public AuthFeature(Db db, Clock clock, Secrets secrets, Passwords passwords, AuthSettings settings) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.passwords = passwords;
        this.settings = settings;
        this.logins = new LoginStore(db);
        this.sessions = new SessionStore(db);
        this.cache = new BasicCache(settings.basicCacheTtl(), 100_000);
        this.keys = new SigningKeys(db, secrets, clock);
        this.credentials = new Credentials(db, clock, secrets, passwords, logins, sessions, cache, settings.issuer());
    }

    public Credentials credentials() { return credentials; }

    public SigningKeys signingKeys() { return keys; }

    /** The failed-login throttle with the configured limits; its counts live in the database, shared by every face. */
    public LoginThrottle throttle() {
        return new LoginThrottle(db, clock, settings.limits());
    }

    public AuthService service(ActivityLog activity, LoginHooks hooks) {
        return new AuthService(db, clock, secrets, passwords, keys, new LoginThrottle(db, clock, settings.limits()),
                logins, sessions, cache, activity, hooks, settings);
    }
}
