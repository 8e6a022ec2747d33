package io.steward.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Sessions (what a JWT's {@code sid} names) and their refresh tokens, stored as SHA-256 hashes. */
final class SessionStore {
    static final Table<Record> S = table(name("auth_session"));
    static final Field<String> S_ID = field(name("id"), String.class);
    static final Field<Long> S_LOGIN_ID = field(name("login_id"), Long.class);
    static final Field<LocalDateTime> S_CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> S_EXPIRES_AT = field(name("expires_at"), LocalDateTime.class);
    static final Field<LocalDateTime> S_REVOKED_AT = field(name("revoked_at"), LocalDateTime.class);
    static final Field<String> S_IP = field(name("ip"), String.class);

    static final Table<Record> R = table(name("refresh_token"));
    static final Field<String> R_HASH = field(name("token_hash"), String.class);
    static final Field<String> R_SESSION_ID = field(name("session_id"), String.class);
    static final Field<LocalDateTime> R_CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> R_EXPIRES_AT = field(name("expires_at"), LocalDateTime.class);
    static final Field<LocalDateTime> R_USED_AT = field(name("used_at"), LocalDateTime.class);

    record Session(String id, long loginId, LocalDateTime expiresAt, LocalDateTime revokedAt) {
        boolean liveAt(LocalDateTime now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    /** A session with the owner of its login, read in one query for Bearer authentication. */
    record Owned(Session session, long clientId, Long contactId, boolean totpEnabled) {}

    record Refresh(String hash, String sessionId, LocalDateTime expiresAt, LocalDateTime usedAt) {}

    private static final Field<String> J_SID = field(name("auth_session", "id"), String.class);
    private static final Field<Long> J_LID = field(name("auth_session", "login_id"), Long.class);
    private static final Field<LocalDateTime> J_EXPIRES = field(name("auth_session", "expires_at"), LocalDateTime.class);
    private static final Field<LocalDateTime> J_REVOKED = field(name("auth_session", "revoked_at"), LocalDateTime.class);
    private static final Field<Long> J_CLIENT = field(name("login", "client_id"), Long.class);
    private static final Field<Long> J_CONTACT = field(name("login", "contact_id"), Long.class);
    private static final Field<Boolean> J_TOTP = field(name("login", "totp_enabled"), Boolean.class);

    private final Db db;
    /** Every Bearer request: the session and its login's owner in one pre-rendered query. */
    private final io.steward.db.HotQuery withOwner;

    SessionStore(Db db) {
        this.db = db;
        this.withOwner = db.prepare(db.dsl().select(J_SID, J_LID, J_EXPIRES, J_REVOKED, J_CLIENT, J_CONTACT, J_TOTP)
                .from(S).join(LoginStore.T).on(J_LID.eq(field(name("login", "id"), Long.class)))
                .where(J_SID.eq(org.jooq.impl.DSL.param("sid", String.class))));
    }

    void insertSession(String id, long loginId, LocalDateTime now, LocalDateTime expires, String ip) {
        db.dsl().insertInto(S).set(S_ID, id).set(S_LOGIN_ID, loginId).set(S_CREATED_AT, now)
                .set(S_EXPIRES_AT, expires).set(S_IP, ip).execute();
    }

    Optional<Session> session(String id) {
        return db.dsl().select(S_ID, S_LOGIN_ID, S_EXPIRES_AT, S_REVOKED_AT).from(S).where(S_ID.eq(id))
                .fetchOptional(r -> new Session(r.get(S_ID), r.get(S_LOGIN_ID), r.get(S_EXPIRES_AT), r.get(S_REVOKED_AT)));
    }

    Optional<Owned> sessionWithOwner(String id) {
        return withOwner.fetchOptional(r -> new Owned(
                new Session(r.get(J_SID), r.get(J_LID), r.get(J_EXPIRES), r.get(J_REVOKED)),
                r.get(J_CLIENT), r.get(J_CONTACT), Boolean.TRUE.equals(r.get(J_TOTP))), id);
    }

    /** Revokes one session; true if it was live. */
    boolean revoke(String id, LocalDateTime now) {
        return db.dsl().update(S).set(S_REVOKED_AT, now).where(S_ID.eq(id)).and(S_REVOKED_AT.isNull()).execute() > 0;
    }

    int revokeAllOf(long loginId, LocalDateTime now) {
        return db.dsl().update(S).set(S_REVOKED_AT, now).where(S_LOGIN_ID.eq(loginId)).and(S_REVOKED_AT.isNull()).execute();
    }

    int revokeAllOfLogins(java.util.List<Long> loginIds, LocalDateTime now) {
        if (loginIds.isEmpty()) return 0;
        return db.dsl().update(S).set(S_REVOKED_AT, now).where(S_LOGIN_ID.in(loginIds)).and(S_REVOKED_AT.isNull()).execute();
    }

    void insertRefresh(String hash, String sessionId, LocalDateTime now, LocalDateTime expires) {
        db.dsl().insertInto(R).set(R_HASH, hash).set(R_SESSION_ID, sessionId).set(R_CREATED_AT, now)
                .set(R_EXPIRES_AT, expires).execute();
    }

    /** The refresh token row, locked for update so two concurrent uses cannot both succeed. */
    Optional<Refresh> refreshForUpdate(String hash) {
        return db.dsl().select(R_HASH, R_SESSION_ID, R_EXPIRES_AT, R_USED_AT).from(R).where(R_HASH.eq(hash)).forUpdate()
                .fetchOptional(r -> new Refresh(r.get(R_HASH), r.get(R_SESSION_ID), r.get(R_EXPIRES_AT), r.get(R_USED_AT)));
    }

    void markUsed(String hash, LocalDateTime now) {
        db.dsl().update(R).set(R_USED_AT, now).where(R_HASH.eq(hash)).execute();
    }
}
