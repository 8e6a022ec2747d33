package io.steward.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.steward.activity.ActivityLog;
import io.steward.core.ErrorCode;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Client authentication as the references describe it: Basic on every request, or a JWT from
 * {@code POST /login}; refresh-token rotation; revocation that takes effect on the next request.
 *
 * <p>A JWT names its session ({@code sid}); each request checks the session is live, so logout and
 * revoke are immediate on every node. Refresh tokens are opaque, stored as SHA-256 hashes, single
 * use: presenting a used one is treated as theft and ends the whole session.
 */
public final class AuthService {
    /** The reference's failed-login error. */
    public static final List<String> WRONG_LOGIN = List.of("wronglogin", "unauthorized");

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final Passwords passwords;
    private final SigningKeys keys;
    private final LoginThrottle throttle;
    private final LoginStore logins;
    private final SessionStore sessions;
    private final BasicCache cache;
    private final ActivityLog activity;
    private final LoginHooks hooks;
    private final AuthSettings settings;
    /** Basic verifications in progress, by cache key. */
    private final Map<String, CountDownLatch> verifying = new ConcurrentHashMap<>();

    AuthService(Db db, Clock clock, Secrets secrets, Passwords passwords, SigningKeys keys, LoginThrottle throttle,
                LoginStore logins, SessionStore sessions, BasicCache cache, ActivityLog activity, LoginHooks hooks,
                AuthSettings settings) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.passwords = passwords;
        this.keys = keys;
        this.throttle = throttle;
        this.logins = logins;
        this.sessions = sessions;
        this.cache = cache;
        this.activity = activity;
        this.hooks = hooks;
        this.settings = settings;
    }

    /** {@code POST /login}: verifies email, password and (when enabled) the TOTP code. */
    public TokenPair login(String email, String password, String code, String ip) {
        LoginStore.Login login = verify(email, password, code, ip, "login");
        return db.tx(() -> {
            LocalDateTime now = Times.now(clock);
            String sid = UUID.randomUUID().toString();
            sessions.insertSession(sid, login.id(), now, now.plus(settings.refreshTtl()), ip);
            hooks.loggedIn(login.clientId(), login.contactId(), ip);
            activity.record(login.clientId(), login.contactId(), ip, "login", "Logged in (token issued) from " + ip);
            return issue(login, sid, now);
        });
    }

    /**
     * A web sign-in: the same checks, throttle and single-use TOTP as {@code POST /login}, but no
     * tokens; the web layer keeps its own cookie session and asks {@link #webPrincipal} on each page.
     */
    public WebLogin webLogin(String email, String password, String code, String ip) {
        LoginStore.Login login = verify(email, password, code, ip, "login");
        db.txRun(() -> {
            hooks.loggedIn(login.clientId(), login.contactId(), ip);
            activity.record(login.clientId(), login.contactId(), ip, "login", "Logged in (web) from " + ip);
        });
        return new WebLogin(new Principal(login.id(), login.clientId(), login.contactId(), null, login.totpEnabled()), login.credVersion());
    }

    /** A verified web sign-in and the credential version it was made with (a password change ends it). */
    public record WebLogin(Principal principal, int credVersion) {}

    /** A login's credential version now (-1 if it is gone): a web session that changed it carries on with it. */
    public int credVersion(long loginId) {
        return logins.byId(loginId).map(LoginStore.Login::credVersion).orElse(-1);
    }

    /** The principal of a web session's login, while the login exists, may log in and kept its credentials. */
    public java.util.Optional<Principal> webPrincipal(long loginId, int credVersion) {
        return logins.byId(loginId)
                .filter(l -> l.credVersion() == credVersion && hooks.mayLogIn(l.clientId(), l.contactId()))
                .map(l -> new Principal(l.id(), l.clientId(), l.contactId(), null, l.totpEnabled()));
    }

    /**
     * The account holder's login of a client, for a web session staff open as that client ("log in
     * as client"; the console audits it). Empty when the holder has no login or may not log in.
     */
    public java.util.Optional<WebLogin> holderLogin(long clientId) {
        return logins.byOwner(clientId, null).filter(l -> hooks.mayLogIn(l.clientId(), l.contactId()))
                .map(l -> new WebLogin(new Principal(l.id(), l.clientId(), l.contactId(), null, l.totpEnabled()), l.credVersion()));
    }

    /** {@code POST /token}: trades a refresh token for a new pair; the old one stops working. */
    public TokenPair refresh(String refreshToken, String ip) {
        String hash = Secrets.sha256Hex(refreshToken);
        // Outcome decided inside the transaction; a detected reuse must commit its revocation
        // before the caller is refused, so the refusal is thrown after the commit.
        Object outcome = db.tx(() -> {
            LocalDateTime now = Times.now(clock);
            var row = sessions.refreshForUpdate(hash).orElse(null);
            if (row == null) return "invalid";
            var session = sessions.session(row.sessionId()).orElse(null);
            if (session == null || !session.liveAt(now)) return "invalid";
            if (row.usedAt() != null) {
                sessions.revoke(session.id(), now);
                var owner = logins.byId(session.loginId()).orElse(null);
                if (owner != null) {
                    activity.record(owner.clientId(), owner.contactId(), ip, "token_reuse",
                            "A used refresh token was presented again; the session was revoked");
                }
                return "invalid";
            }
            if (!row.expiresAt().isAfter(now)) return "invalid";
            var login = logins.byId(session.loginId()).orElse(null);
            if (login == null || !hooks.mayLogIn(login.clientId(), login.contactId())) return "invalid";
            sessions.markUsed(hash, now);
            return issue(login, session.id(), now);
        });
        if (outcome instanceof TokenPair pair) return pair;
        throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("invalid_refresh_token"), Map.of());
    }

    /** {@code POST /revoke} with a refresh token: ends its session (access and refresh tokens). */
    public void revokeByRefresh(String refreshToken, String ip) {
        boolean ok = db.tx(() -> {
            var row = sessions.refreshForUpdate(Secrets.sha256Hex(refreshToken)).orElse(null);
            if (row == null) return false;
            endSession(row.sessionId(), ip);
            return true;
        });
        if (!ok) throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("invalid_refresh_token"), Map.of());
    }

    /** {@code POST /revoke} or {@code /logout} with an access token: ends the caller's session. */
    public void revokeSession(Principal principal, String ip) {
        if (principal.sessionId() == null) return; // Basic auth has no session to end
        db.txRun(() -> endSession(principal.sessionId(), ip));
    }

    private void endSession(String sessionId, String ip) {
        LocalDateTime now = Times.now(clock);
        var session = sessions.session(sessionId).orElse(null);
        if (session == null) return;
        if (sessions.revoke(sessionId, now)) {
            logins.byId(session.loginId()).ifPresent(l ->
                    activity.record(l.clientId(), l.contactId(), ip, "token_revoked", "Session ended, tokens revoked"));
        }
    }

    /** Verifies a Bearer token: signature, expiry, and that its session is still live. */
    public Principal authenticateBearer(String token) {
        JWTClaimsSet claims = keys.verify(token).orElseThrow(() -> unauthorized("invalid_token"));
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(clock.instant())) throw unauthorized("token_expired");
        Object sid = claims.getClaim("sid");
        Object lid = claims.getClaim("lid");
        if (!(sid instanceof String sessionId) || !(lid instanceof Number loginId)) throw unauthorized("invalid_token");
        // One query: the session and its login's owner (a deleted login takes its sessions with it).
        var owned = sessions.sessionWithOwner(sessionId).orElseThrow(() -> unauthorized("invalid_token"));
        var session = owned.session();
        if (session.loginId() != loginId.longValue() || !session.liveAt(Times.now(clock))) throw unauthorized("token_revoked");
        return new Principal(session.loginId(), owned.clientId(), owned.contactId(), sessionId, owned.totpEnabled());
    }

    /**
     * Verifies {@code Authorization: Basic} credentials. A verified header is cached (keyed hash,
     * short TTL, tied to the login's credential version) so the argon2 hash runs once per TTL.
     */
    public Principal authenticateBasic(String base64Credentials, String code, String ip) {
        String key = secrets.keyedHash(base64Credentials);
        Principal cached = fromCache(key, code, ip);
        if (cached != null) return cached;
        // A client's parallel requests all miss when its entry expires; without this each of them
        // would run argon2 at once. Followers wait for the first verification and use its cache
        // entry; if it failed they verify on their own, so every failed attempt still counts.
        var mine = new CountDownLatch(1);
        CountDownLatch running = verifying.putIfAbsent(key, mine);
        if (running != null) {
            awaitQuietly(running);
            cached = fromCache(key, code, ip);
            return cached != null ? cached : verifyBasic(key, base64Credentials, code, ip);
        }
        try {
            return verifyBasic(key, base64Credentials, code, ip);
        } finally {
            verifying.remove(key, mine);
            mine.countDown();
        }
    }

    private Principal fromCache(String key, String code, String ip) {
        BasicCache.Entry hit = cache.get(key);
        if (hit == null) return null;
        var login = logins.byId(hit.loginId()).orElse(null);
        if (login != null && login.credVersion() == hit.credVersion()) {
            requireCode(login, code, ip, "basic", false);
            return new Principal(login.id(), login.clientId(), login.contactId(), null, login.totpEnabled());
        }
        cache.remove(key);
        return null;
    }

    private Principal verifyBasic(String key, String base64Credentials, String code, String ip) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64Credentials.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("malformed_authorization_header");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) throw unauthorized("malformed_authorization_header");
        LoginStore.Login login = verify(decoded.substring(0, colon), decoded.substring(colon + 1), code, ip, "basic");
        cache.put(key, login.id(), login.credVersion());
        db.txRun(() -> {
            hooks.loggedIn(login.clientId(), login.contactId(), ip);
            activity.record(login.clientId(), login.contactId(), ip, "login", "Logged in (basic auth) from " + ip);
        });
        return new Principal(login.id(), login.clientId(), login.contactId(), null, login.totpEnabled());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LoginStore.Login verify(String email, String password, String code, String ip, String via) {
        throttle.checkAllowed(email, ip);
        var login = logins.byEmail(email).orElse(null);
        if (login == null) {
            passwords.burn(password);
            throttle.recordFailure(email, ip);
            throw new StewardException(ErrorCode.UNAUTHORIZED, WRONG_LOGIN, Map.of());
        }
        if (!passwords.verify(password, login.passwordHash()) || !hooks.mayLogIn(login.clientId(), login.contactId())) {
            throttle.recordFailure(email, ip);
            activity.record(login.clientId(), login.contactId(), ip, "login_failed", "Failed login (" + via + ") from " + ip);
            throw new StewardException(ErrorCode.UNAUTHORIZED, WRONG_LOGIN, Map.of());
        }
        // Basic sends the code with every request, so only /login can insist on single use.
        requireCode(login, code, ip, via, via.equals("login"));
        throttle.recordSuccess(email);
        return login;
    }

    private void requireCode(LoginStore.Login login, String code, String ip, String via, boolean singleUse) {
        if (!login.totpEnabled()) return;
        if (code == null || code.isBlank()) throw unauthorized("two_factor_code_required");
        var step = Totp.matchingStep(secrets.decrypt(login.totpSecret()), code.trim(), clock.instant());
        if (step.isPresent() && singleUse && !logins.claimTotpStep(login.id(), step.getAsLong())) {
            throw unauthorized("two_factor_code_used");
        }
        if (step.isEmpty()) {
            throttle.recordFailure(login.email(), ip);
            activity.record(login.clientId(), login.contactId(), ip, "login_failed", "Wrong two-factor code (" + via + ") from " + ip);
            throw unauthorized("two_factor_code_invalid");
        }
    }

    private TokenPair issue(LoginStore.Login login, String sessionId, LocalDateTime now) {
        Instant issued = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(Long.toString(login.clientId()))
                .claim("lid", login.id())
                .claim("sid", sessionId)
                .claim("cid", login.contactId())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(settings.accessTtl())))
                .build();
        String refresh = Secrets.randomToken(32);
        sessions.insertRefresh(Secrets.sha256Hex(refresh), sessionId, now, now.plus(settings.refreshTtl()));
        return new TokenPair(keys.sign(claims), refresh);
    }

    private static StewardException unauthorized(String key) {
        return new StewardException(ErrorCode.UNAUTHORIZED, List.of(key), Map.of());
    }
}
