package io.steward.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Staff API keys. Keys are 256-bit random tokens, so a plain SHA-256 of the key is a safe stored
 * form (no slow hash needed: there is nothing to guess). The plain key is shown once, at creation.
 */
public final class AdminKeys {
    static final Table<Record> T = table(name("admin_key"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> KEY_HASH = field(name("key_hash"), String.class);
    static final Field<String> PREFIX = field(name("prefix"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> LAST_USED_AT = field(name("last_used_at"), LocalDateTime.class);
    static final Field<LocalDateTime> REVOKED_AT = field(name("revoked_at"), LocalDateTime.class);

    /**
     * Who is behind an admin request: an admin API key ({@code accountId} null; every area, as the
     * machine credential) or a staff account signed in with a token, holding its role's grants
     * (see {@link StaffArea}). {@code keyId} is the key's id, or the token's for an account.
     */
    public record Staff(long keyId, String name, Long accountId, java.util.Set<String> grants) {
        public Staff(long keyId, String name) {
            this(keyId, name, null, java.util.Set.of(StaffArea.ALL));
        }

        public boolean isKey() { return accountId == null; }

        /** May this caller use {@code area} ({@code null}: what no area claims, administrators only)? */
        public boolean may(StaffArea area, boolean readOnly) {
            if (grants.contains(StaffArea.ALL)) return true;
            if (area == null) return false;
            return grants.contains(area.key()) || (readOnly && grants.contains(area.key() + StaffArea.READ_SUFFIX));
        }

        /**
         * How other features record who acted: the key's id for a key (as before staff accounts),
         * the username for an account (usernames start with a letter, so the two never mix).
         */
        public String ref() { return isKey() ? Long.toString(keyId) : name; }
    }

    private final Db db;
    private final Clock clock;
    /** Last time last_used_at was written per key, so a busy key costs one write a minute, not one a request. */
    private final Map<Long, Long> lastStamp = new ConcurrentHashMap<>();

    public AdminKeys(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a key and returns it in plain text; this is the only time it is visible. */
    public String create(String name) {
        String key = "stw_" + Secrets.randomToken(32);
        insert(name, key);
        return key;
    }

    /** Stores a known key (the demo key) unless it exists already. */
    public void ensure(String name, String key) {
        if (!db.dsl().fetchExists(T, KEY_HASH.eq(Secrets.sha256Hex(key)))) insert(name, key);
    }

    /** On first start: the initial key, created only when no key exists. */
    public Optional<String> createInitialIfNone() {
        return db.tx(() -> db.dsl().fetchExists(T) ? Optional.empty() : Optional.of(create("initial")));
    }

    private void insert(String name, String key) {
        db.dsl().insertInto(T).set(NAME, name).set(KEY_HASH, Secrets.sha256Hex(key))
                .set(PREFIX, key.substring(0, Math.min(8, key.length()))).set(CREATED_AT, Times.now(clock)).execute();
    }

    public Optional<Staff> verify(String key) {
        var row = db.dsl().select(ID, NAME).from(T).where(KEY_HASH.eq(Secrets.sha256Hex(key))).and(REVOKED_AT.isNull()).fetchOne();
        if (row == null) return Optional.empty();
        long id = row.get(ID);
        long now = System.nanoTime();
        Long last = lastStamp.get(id);
        if (last == null || now - last > 60_000_000_000L) {
            lastStamp.put(id, now);
            db.dsl().update(T).set(LAST_USED_AT, Times.now(clock)).where(ID.eq(id)).execute();
        }
        return Optional.of(new Staff(id, row.get(NAME)));
    }
}
