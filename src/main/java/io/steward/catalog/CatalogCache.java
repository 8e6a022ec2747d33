package io.steward.catalog;

import io.steward.db.Db;
import io.steward.db.HotQuery;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * The catalog as this node last read it, kept under the catalog's version (the {@code
 * catalog_version} row every catalog write bumps in its own transaction). Browsing and pricing
 * read the whole of a product with its forms, prices and addons in about a dozen queries; the
 * catalog changes rarely, so each use reads the one version row instead and the rest comes from
 * memory while the version is unchanged. A write on any node changes the row, so the next use on
 * every node misses and reads afresh: nothing is stale, on one node or many.
 *
 * <p>Only committed catalog state is kept. Inside a transaction that has itself changed the
 * catalog, the version it reads is its own, uncommitted one: such reads go to the database and
 * are not kept (the transaction may still roll back).
 */
final class CatalogCache {
    private static final Table<?> T = table(name("catalog_version"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<Long> VERSION = field(name("version"), Long.class);

    /** What was read at one version; replaced whole when the version moves. */
    private record Snapshot(long version, Map<Object, Object> entries) {}

    private final Db db;
    private final HotQuery versionQuery;
    /** The transaction (its context) that bumped the version on this thread, until another starts. */
    private final ThreadLocal<DSLContext> changedIn = new ThreadLocal<>();
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    CatalogCache(Db db) {
        this.db = db;
        this.versionQuery = db.prepare(db.dsl().select(VERSION).from(T).where(ID.eq(org.jooq.impl.DSL.inline(1))));
    }

    /**
     * The value kept under {@code key} at the current version, else what {@code loader} reads
     * (kept when it is committed state). Values must be immutable: every caller shares them.
     */
    @SuppressWarnings("unchecked")
    <V> V get(Object key, Supplier<V> loader) {
        if (db.inTransaction() && changedIn.get() == db.dsl()) return loader.get();
        long version = version();
        Snapshot s = snapshot;
        if (s.version() == version) {
            Object hit = s.entries().get(key);
            if (hit != null) return (V) hit;
        }
        // The version was read before the rows: a change committed in between leaves newer rows
        // under an older version, which the next use sees as a miss, never the other way round.
        V value = db.tx(loader);
        if (value == null) return null;
        if (s.version() != version) {
            s = new Snapshot(version, new ConcurrentHashMap<>());
            synchronized (this) {
                if (snapshot.version() < version) snapshot = s;
                else s = snapshot;
            }
        }
        if (s.version() == version) s.entries().put(key, value);
        return value;
    }

    /** Marks the catalog changed; call inside the transaction that changes it, before reading what it wrote. */
    void changed() {
        if (!db.inTransaction()) throw new IllegalStateException("a catalog change is marked inside its transaction");
        db.dsl().update(T).set(VERSION, VERSION.plus(1)).where(ID.eq(1)).execute();
        changedIn.set(db.dsl());
    }

    private long version() {
        return versionQuery.fetchOptional(r -> r.get(0, Long.class)).orElse(0L);
    }
}
