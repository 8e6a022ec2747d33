package io.steward.staff;

/**
 * The demo's staff: an administrator and a support agent, without a second factor so the printed
 * passwords are all one needs to try the console. Their passwords are public: demo only.
 */
public final class StaffDemo {
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "Admin-pass-1";
    public static final String SUPPORT_USERNAME = "support";
    public static final String SUPPORT_PASSWORD = "Support-pass-1";

    private final StaffAccounts accounts;

    StaffDemo(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    /** Idempotent: an existing demo account is left as it is. */
    public void load() {
        var existing = accounts.list().stream().map(StaffAccounts.Account::username).toList();
        if (!existing.contains(ADMIN_USERNAME)) accounts.create(ADMIN_USERNAME, "Demo Administrator", ADMIN_PASSWORD, "administrator", false);
        if (!existing.contains(SUPPORT_USERNAME)) accounts.create(SUPPORT_USERNAME, "Demo Support", SUPPORT_PASSWORD, "support", false);
    }
}
