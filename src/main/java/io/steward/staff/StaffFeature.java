package io.steward.staff;

import io.steward.auth.LoginThrottle;
import io.steward.auth.Passwords;
import io.steward.core.Secrets;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;

/**
 * Assembles the staff feature: roles, accounts, sign-in with bearer tokens, and the audit log.
 * The admin dialect asks {@link #tokens()} who a token belongs to and writes {@link #audit()}.
 */
public final class StaffFeature {
    private final StaffRoles roles;
    private final StaffTokens tokens;
    private final StaffAccounts accounts;
    private final StaffAudit audit;
    private final StaffSignIn signIn;

    public StaffFeature(Db db, Clock clock, Secrets secrets, Passwords passwords, LoginThrottle throttle, Duration tokenTtl) {
        this.roles = new StaffRoles(db);
        this.tokens = new StaffTokens(db, clock, tokenTtl);
        this.accounts = new StaffAccounts(db, clock, secrets, passwords, roles, tokens);
        this.audit = new StaffAudit(db, clock);
        this.signIn = new StaffSignIn(db, clock, passwords, throttle, accounts, tokens, audit);
    }

    public StaffRoles roles() { return roles; }

    public StaffTokens tokens() { return tokens; }

    public StaffAccounts accounts() { return accounts; }

    public StaffAudit audit() { return audit; }

    public StaffSignIn signIn() { return signIn; }

    public StaffAdminHandlers adminHandlers() {
        return new StaffAdminHandlers(accounts, roles, signIn, audit);
    }

    public StaffDemo demo() {
        return new StaffDemo(accounts);
    }
}
