package io.steward.staff;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.auth.Passwords;
import io.steward.auth.Totp;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Staff accounts: a username, a display name, an argon2id password, an optional TOTP seed (sealed
 * at rest), a role, and whether the account may sign in. Disabling an account, changing its
 * password or its second factor ends its tokens.
 */
public final class StaffAccounts {
    static final Table<Record> T = table(name("staff_account"));
    static final Field<Long> ID = field(name("staff_account", "id"), Long.class);
    static final Field<String> USERNAME = field(name("staff_account", "username"), String.class);
    static final Field<String> NAME = field(name("staff_account", "name"), String.class);
    static final Field<String> PASSWORD_HASH = field(name("staff_account", "password_hash"), String.class);
    static final Field<String> TOTP_SECRET = field(name("staff_account", "totp_secret"), String.class);
    static final Field<Long> TOTP_LAST_STEP = field(name("staff_account", "totp_last_step"), Long.class);
    static final Field<Long> ROLE_ID = field(name("staff_account", "role_id"), Long.class);
    static final Field<Boolean> ENABLED = field(name("staff_account", "enabled"), Boolean.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("staff_account", "created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("staff_account", "updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> LAST_LOGIN_AT = field(name("staff_account", "last_login_at"), LocalDateTime.class);

    public record Account(long id, String username, String name, long roleId, String role, boolean enabled, boolean totpEnabled,
                          LocalDateTime createdAt, LocalDateTime lastLoginAt) {}

    /** A new account, with its TOTP seed when one was made (shown this once). */
    public record Created(Account account, Optional<String> totpSecret) {}

    /** What signing in needs; never leaves the feature. */
    record Login(long id, String username, String passwordHash, String sealedTotp, boolean enabled) {}

    /** Changes to an account; null leaves a value as it is. */
    public record Changes(String name, String password, String role, Boolean enabled) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final Passwords passwords;
    private final StaffRoles roles;
    private final StaffTokens tokens;

    StaffAccounts(Db db, Clock clock, Secrets secrets, Passwords passwords, StaffRoles roles, StaffTokens tokens) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.passwords = passwords;
        this.roles = roles;
        this.tokens = tokens;
    }

    public List<Account> list() {
        return db.dsl().select(fields()).from(T).join(StaffRoles.T).on(StaffRoles.ID.eq(ROLE_ID)).orderBy(ID).fetch(StaffAccounts::account);
    }

    public Account get(long id) {
        var r = db.dsl().select(fields()).from(T).join(StaffRoles.T).on(StaffRoles.ID.eq(ROLE_ID)).where(ID.eq(id)).fetchOne();
        if (r == null) throw StewardException.notFound("No such staff account");
        return account(r);
    }

    public boolean any() {
        return db.dsl().fetchExists(T);
    }

    public Created create(String username, String displayName, String password, String roleName, boolean totp) {
        String user = username == null ? "" : username.strip();
        var v = new Validation();
        v.check(user.matches("[a-z][a-z0-9._-]{1,31}"), "username",
                "Usernames are 2 to 32 lower-case letters, digits, '.', '-' or '_', starting with a letter");
        if (password == null) v.add("password", "is required");
        else Passwords.check(password, "password", v);
        v.throwIfAny();
        var role = roles.byName(roleName == null || roleName.isBlank() ? StaffRoles.ADMINISTRATOR : roleName.strip());
        String seed = totp ? Totp.newSecret() : null;
        String hash = passwords.hash(password);
        long id = db.tx(() -> {
            if (db.dsl().fetchExists(T, USERNAME.eq(user))) throw StewardException.conflict("This username is taken");
            LocalDateTime now = Times.now(clock);
            return db.dsl().insertInto(T).set(USERNAME, user)
                    .set(NAME, displayName == null || displayName.isBlank() ? user : displayName.strip())
                    .set(PASSWORD_HASH, hash).set(TOTP_SECRET, seed == null ? null : secrets.encrypt(seed))
                    .set(ROLE_ID, role.id()).set(ENABLED, true).set(CREATED_AT, now).set(UPDATED_AT, now)
                    .returningResult(ID).fetchOne().value1();
        });
        return new Created(get(id), Optional.ofNullable(seed));
    }

    public Account update(long id, Changes c) {
        get(id);
        var v = new Validation();
        if (c.password() != null) Passwords.check(c.password(), "password", v);
        if (c.name() != null && c.name().isBlank()) v.add("name", "must not be empty");
        v.throwIfAny();
        Long roleId = c.role() == null ? null : roles.byName(c.role().strip()).id();
        String hash = c.password() == null ? null : passwords.hash(c.password());
        db.txRun(() -> {
            var u = db.dsl().update(T).set(UPDATED_AT, Times.now(clock));
            if (c.name() != null) u = u.set(NAME, c.name().strip());
            if (hash != null) u = u.set(PASSWORD_HASH, hash);
            if (roleId != null) u = u.set(ROLE_ID, roleId);
            if (c.enabled() != null) u = u.set(ENABLED, c.enabled());
            u.where(ID.eq(id)).execute();
            // A new password or a disabled account ends every session it had.
            if (hash != null || Boolean.FALSE.equals(c.enabled())) tokens.revokeAll(id);
        });
        return get(id);
    }

    /** A new TOTP seed (returned this once); the old one and every token stop working. */
    public String resetTotp(long id) {
        get(id);
        String seed = Totp.newSecret();
        db.txRun(() -> {
            db.dsl().update(T).set(TOTP_SECRET, secrets.encrypt(seed)).set(TOTP_LAST_STEP, (Long) null)
                    .set(UPDATED_AT, Times.now(clock)).where(ID.eq(id)).execute();
            tokens.revokeAll(id);
        });
        return seed;
    }

    public Account disableTotp(long id) {
        get(id);
        db.dsl().update(T).set(TOTP_SECRET, (String) null).set(TOTP_LAST_STEP, (Long) null)
                .set(UPDATED_AT, Times.now(clock)).where(ID.eq(id)).execute();
        return get(id);
    }

    /** Ends every token of an account; how many were live. */
    public int revokeTokens(long id) {
        return tokens.revokeAll(id);
    }

    /**
     * The principal of a console session: the account while it is enabled and its credentials are
     * those the session was made with ({@link #credentialStamp}), with its role's grants as they are now.
     */
    public Optional<io.steward.auth.AdminKeys.Staff> principal(long id, int credentialStamp) {
        var r = db.dsl().select(USERNAME, PASSWORD_HASH, TOTP_SECRET, StaffRoles.PERMISSIONS).from(T)
                .join(StaffRoles.T).on(StaffRoles.ID.eq(ROLE_ID)).where(ID.eq(id)).and(ENABLED.isTrue()).fetchOne();
        if (r == null || stamp(r.get(PASSWORD_HASH), r.get(TOTP_SECRET)) != credentialStamp) return Optional.empty();
        return Optional.of(new io.steward.auth.AdminKeys.Staff(0, r.get(USERNAME), id,
                java.util.Set.copyOf(StaffRoles.grants(r.get(StaffRoles.PERMISSIONS)))));
    }

    /**
     * A fingerprint of the account's credentials (password hash and sealed TOTP seed) a console
     * session keeps: a new password or second factor ends the sessions made before it.
     */
    public int credentialStamp(long id) {
        var r = db.dsl().select(PASSWORD_HASH, TOTP_SECRET).from(T).where(ID.eq(id)).fetchOne();
        if (r == null) throw StewardException.notFound("No such staff account");
        return stamp(r.get(PASSWORD_HASH), r.get(TOTP_SECRET));
    }

    private static int stamp(String passwordHash, String sealedTotp) {
        return java.util.Arrays.hashCode(Secrets.sha256Hex(passwordHash + "|" + (sealedTotp == null ? "" : sealedTotp)).getBytes());
    }

    Optional<Login> login(String username) {
        return db.dsl().select(ID, USERNAME, PASSWORD_HASH, TOTP_SECRET, ENABLED).from(T).where(USERNAME.eq(username))
                .fetchOptional(r -> new Login(r.get(ID), r.get(USERNAME), r.get(PASSWORD_HASH), r.get(TOTP_SECRET), r.get(ENABLED)));
    }

    String totpSeed(Login login) {
        return secrets.decrypt(login.sealedTotp());
    }

    /** Claims a code's time step: false when this step (or a later one) was used already. */
    boolean claimTotpStep(long id, long step) {
        return db.dsl().update(T).set(TOTP_LAST_STEP, step)
                .where(ID.eq(id)).and(TOTP_LAST_STEP.isNull().or(TOTP_LAST_STEP.lt(step))).execute() == 1;
    }

    void loggedIn(long id) {
        db.dsl().update(T).set(LAST_LOGIN_AT, Times.now(clock)).where(ID.eq(id)).execute();
    }

    private static List<Field<?>> fields() {
        return List.of(ID, USERNAME, NAME, ROLE_ID, StaffRoles.NAME, ENABLED, TOTP_SECRET, CREATED_AT, LAST_LOGIN_AT);
    }

    private static Account account(Record r) {
        return new Account(r.get(ID), r.get(USERNAME), r.get(NAME), r.get(ROLE_ID), r.get(StaffRoles.NAME), r.get(ENABLED),
                r.get(TOTP_SECRET) != null, r.get(CREATED_AT), r.get(LAST_LOGIN_AT));
    }
}
