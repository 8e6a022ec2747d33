package io.steward.staff;

import io.steward.auth.LoginThrottle;
import io.steward.auth.Passwords;
import io.steward.auth.Totp;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.db.Db;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Staff sign-in: username, password and (when the account has one) a TOTP code, each code good
 * once. Failures count in the same throttle as clients' logins (per account and per address, in
 * the database), so one address guessing at both faces is locked out by their sum.
 */
public final class StaffSignIn {
    /** The API's answer to any wrong username or password (which of the two is not said). */
    static final String WRONG = "Invalid username or password";

    public record Result(StaffTokens.Issued token, StaffAccounts.Account account) {}

    private final Db db;
    private final Clock clock;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final StaffAccounts accounts;
    private final StaffTokens tokens;
    private final StaffAudit audit;

    StaffSignIn(Db db, Clock clock, Passwords passwords, LoginThrottle throttle, StaffAccounts accounts, StaffTokens tokens,
                StaffAudit audit) {
        this.db = db;
        this.clock = clock;
        this.passwords = passwords;
        this.throttle = throttle;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Signs in and issues a token for the admin API. */
    public Result signIn(String username, String password, String code, String ip, String via) {
        var account = authenticate(username, password, code, ip, via);
        var issued = tokens.issue(account.id(), ip);
        return new Result(issued, account);
    }

    /**
     * Checks a sign-in (throttle, password, enabled, single-use TOTP code) and logs it; the caller
     * gives the session (a token, or the console's browser session). {@code via} names the face in
     * the audit log ({@code api}, {@code console}).
     */
    public StaffAccounts.Account authenticate(String username, String password, String code, String ip, String via) {
        String user = username == null ? "" : username.strip();
        // The throttle's account scope: "staff:" cannot be a client's email (those hold an '@').
        String scope = "staff:" + user;
        throttle.checkAllowed(scope, ip);
        var login = accounts.login(user).orElse(null);
        if (login == null) {
            passwords.burn(password);
            fail(scope, StaffAudit.Actor.unknown(user), ip, via, "unknown username");
            throw unauthorized(WRONG);
        }
        var actor = new StaffAudit.Actor("staff", login.id(), login.username());
        if (!passwords.verify(password, login.passwordHash()) || !login.enabled()) {
            fail(scope, actor, ip, via, login.enabled() ? "wrong password" : "account disabled");
            throw unauthorized(WRONG);
        }
        if (login.sealedTotp() != null) {
            if (code == null || code.isBlank()) throw unauthorized("A two-factor code is required");
            var step = Totp.matchingStep(accounts.totpSeed(login), code.strip(), clock.instant());
            if (step.isEmpty()) {
                fail(scope, actor, ip, via, "wrong two-factor code");
                throw unauthorized("Invalid two-factor code");
            }
            if (!accounts.claimTotpStep(login.id(), step.getAsLong())) throw unauthorized("This two-factor code was used already");
        }
        throttle.recordSuccess(scope);
        db.txRun(() -> {
            accounts.loggedIn(login.id());
            audit.record(actor, ip, "login", "/login", "staff", Long.toString(login.id()), 200, "signed in (" + via + ")");
        });
        return accounts.get(login.id());
    }

    /** Ends the token a request came with. */
    public void signOut(long tokenId) {
        tokens.revoke(tokenId);
    }

    private void fail(String scope, StaffAudit.Actor actor, String ip, String via, String why) {
        throttle.recordFailure(scope, ip);
        audit.record(actor, ip, "login_failed", "/login", "staff", actor.id() == null ? null : Long.toString(actor.id()), 401,
                why + " (" + via + ")");
    }

    private static StewardException unauthorized(String message) {
        return new StewardException(ErrorCode.UNAUTHORIZED, List.of(message), Map.of());
    }
}
