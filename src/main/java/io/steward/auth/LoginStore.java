package io.steward.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code login} table: one row per identity that can log in. */
final class LoginStore {
    static final Table<Record> T = table(name("login"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> EMAIL = field(name("email"), String.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> CONTACT_ID = field(name("contact_id"), Long.class);
    static final Field<String> PASSWORD_HASH = field(name("password_hash"), String.class);
    static final Field<Integer> CRED_VERSION = field(name("cred_version"), Integer.class);
    static final Field<String> TOTP_SECRET = field(name("totp_secret"), String.class);
    static final Field<Boolean> TOTP_ENABLED = field(name("totp_enabled"), Boolean.class);
    static final Field<Long> TOTP_LAST_STEP = field(name("totp_last_step"), Long.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    /** A login row. {@code totpSecret} is still sealed. */
    record Login(long id, String email, long clientId, Long contactId, String passwordHash, int credVersion,
                 String totpSecret, boolean totpEnabled) {}

    private final Db db;
    private final io.steward.db.HotQuery byIdQuery;

    LoginStore(Db db) {
        this.db = db;
        this.byIdQuery = db.prepare(db.dsl().select(ID, EMAIL, CLIENT_ID, CONTACT_ID, PASSWORD_HASH, CRED_VERSION, TOTP_SECRET, TOTP_ENABLED)
                .from(T).where(ID.eq(org.jooq.impl.DSL.param("id", Long.class))));
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    Optional<Login> byEmail(String email) {
        return one(EMAIL.eq(normalize(email)));
    }

    /** Every Basic request re-reads its login (credential version, TOTP): pre-rendered. */
    Optional<Login> byId(long id) {
        return byIdQuery.fetchOptional(LoginStore::map, id);
    }

    Optional<Login> byOwner(long clientId, Long contactId) {
        return one(owner(clientId, contactId));
    }

    static Condition owner(long clientId, Long contactId) {
        return CLIENT_ID.eq(clientId).and(contactId == null ? CONTACT_ID.isNull() : CONTACT_ID.eq(contactId));
    }

    private Optional<Login> one(Condition c) {
        return db.dsl().select(ID, EMAIL, CLIENT_ID, CONTACT_ID, PASSWORD_HASH, CRED_VERSION, TOTP_SECRET, TOTP_ENABLED)
                .from(T).where(c).fetchOptional(LoginStore::map);
    }

    private static Login map(org.jooq.Record r) {
        return new Login(r.get(ID), r.get(EMAIL), r.get(CLIENT_ID), r.get(CONTACT_ID),
                r.get(PASSWORD_HASH), r.get(CRED_VERSION), r.get(TOTP_SECRET), Boolean.TRUE.equals(r.get(TOTP_ENABLED)));
    }

    boolean emailTaken(String email, Long exceptLoginId) {
        Condition c = EMAIL.eq(normalize(email));
        if (exceptLoginId != null) c = c.and(ID.ne(exceptLoginId));
        return db.dsl().fetchExists(T, c);
    }

    long insert(long clientId, Long contactId, String email, String hash, LocalDateTime now) {
        return db.dsl().insertInto(T)
                .set(EMAIL, normalize(email))
                .set(CLIENT_ID, clientId)
                .set(CONTACT_ID, contactId)
                .set(PASSWORD_HASH, hash)
                .set(CRED_VERSION, 0)
                .set(TOTP_ENABLED, false)
                .set(CREATED_AT, now)
                .set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    /** A new login name is a credential change: Basic headers cached under the old name must stop working. */
    void updateEmail(long id, String email, LocalDateTime now) {
        db.dsl().update(T).set(EMAIL, normalize(email)).set(CRED_VERSION, CRED_VERSION.plus(1)).set(UPDATED_AT, now)
                .where(ID.eq(id)).execute();
    }

    void updatePassword(long id, String hash, LocalDateTime now) {
        db.dsl().update(T).set(PASSWORD_HASH, hash).set(CRED_VERSION, CRED_VERSION.plus(1)).set(UPDATED_AT, now)
                .where(ID.eq(id)).execute();
    }

    void updateTotp(long id, String sealedSecret, boolean enabled, LocalDateTime now) {
        db.dsl().update(T).set(TOTP_SECRET, sealedSecret).set(TOTP_ENABLED, enabled).set(TOTP_LAST_STEP, (Long) null)
                .set(CRED_VERSION, CRED_VERSION.plus(1)).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /**
     * Records that a TOTP step was used to log in; false if that step (or a later one) was used
     * already, which makes each code single-use for {@code /login} (RFC 6238 section 5.2).
     */
    boolean claimTotpStep(long id, long step) {
        return db.dsl().update(T).set(TOTP_LAST_STEP, step)
                .where(ID.eq(id)).and(TOTP_LAST_STEP.isNull().or(TOTP_LAST_STEP.lt(step))).execute() == 1;
    }

    java.util.List<Long> idsOfClient(long clientId) {
        return db.dsl().select(ID).from(T).where(CLIENT_ID.eq(clientId)).fetch(ID);
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }
}
