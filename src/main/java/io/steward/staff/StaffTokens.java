package io.steward.staff;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.auth.AdminKeys;
import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The bearer tokens staff sign in for: opaque 256-bit tokens ({@code sts_…}) stored as SHA-256,
 * like admin keys. Every request reads the token with its account and role in one query, so a
 * disabled account, a changed role or a revoked token takes effect on the next request, on every node.
 */
public final class StaffTokens {
    public static final String PREFIX = "sts_";
    static final Table<Record> T = table(name("staff_token"));
    static final Field<Long> ID = field(name("staff_token", "id"), Long.class);
    static final Field<Long> STAFF_ID = field(name("staff_token", "staff_id"), Long.class);
    static final Field<String> TOKEN_HASH = field(name("staff_token", "token_hash"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("staff_token", "created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> EXPIRES_AT = field(name("staff_token", "expires_at"), LocalDateTime.class);
    static final Field<LocalDateTime> LAST_USED_AT = field(name("staff_token", "last_used_at"), LocalDateTime.class);
    static final Field<LocalDateTime> REVOKED_AT = field(name("staff_token", "revoked_at"), LocalDateTime.class);
    static final Field<String> IP = field(name("staff_token", "ip"), String.class);

    public record Issued(String token, LocalDateTime expiresAt) {}

    private final Db db;
    private final Clock clock;
    private final Duration ttl;
    /** Last time last_used_at was written per token: one write a minute for a busy token, as for admin keys. */
    private final Map<Long, Long> lastStamp = new ConcurrentHashMap<>();

    StaffTokens(Db db, Clock clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    Issued issue(long staffId, String ip) {
        String token = PREFIX + Secrets.randomToken(32);
        LocalDateTime now = Times.now(clock);
        LocalDateTime expires = now.plus(ttl);
        db.dsl().insertInto(T).set(STAFF_ID, staffId).set(TOKEN_HASH, Secrets.sha256Hex(token)).set(CREATED_AT, now)
                .set(EXPIRES_AT, expires).set(IP, ip).execute();
        return new Issued(token, expires);
    }

    /** The staff member a live token belongs to, with the grants of their role as it is now. */
    public Optional<AdminKeys.Staff> verify(String token) {
        LocalDateTime now = Times.now(clock);
        var row = db.dsl().select(ID, StaffAccounts.ID, StaffAccounts.USERNAME, StaffRoles.PERMISSIONS)
                .from(T).join(StaffAccounts.T).on(StaffAccounts.ID.eq(STAFF_ID))
                .join(StaffRoles.T).on(StaffRoles.ID.eq(StaffAccounts.ROLE_ID))
                .where(TOKEN_HASH.eq(Secrets.sha256Hex(token))).and(REVOKED_AT.isNull()).and(EXPIRES_AT.gt(now))
                .and(StaffAccounts.ENABLED.isTrue())
                .fetchOne();
        if (row == null) return Optional.empty();
        long id = row.get(ID);
        long stamp = System.nanoTime();
        Long last = lastStamp.get(id);
        if (last == null || stamp - last > 60_000_000_000L) {
            lastStamp.put(id, stamp);
            db.dsl().update(T).set(LAST_USED_AT, now).where(ID.eq(id)).execute();
        }
        return Optional.of(new AdminKeys.Staff(id, row.get(StaffAccounts.USERNAME), row.get(StaffAccounts.ID),
                java.util.Collections.unmodifiableSet(new LinkedHashSet<>(StaffRoles.grants(row.get(StaffRoles.PERMISSIONS))))));
    }

    /** Ends one token (sign-out); true if it was live. */
    boolean revoke(long tokenId) {
        return db.dsl().update(T).set(REVOKED_AT, Times.now(clock)).where(ID.eq(tokenId)).and(REVOKED_AT.isNull()).execute() == 1;
    }

    /** Ends every token of an account; how many were live. */
    int revokeAll(long staffId) {
        return db.dsl().update(T).set(REVOKED_AT, Times.now(clock)).where(STAFF_ID.eq(staffId)).and(REVOKED_AT.isNull()).execute();
    }
}
