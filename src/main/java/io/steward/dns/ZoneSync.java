package io.steward.dns;

import io.steward.db.Db;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link ZoneCache} equal to the database. This node's changes are applied by the committing
 * path right after commit ({@link #apply}); other nodes' changes arrive, on PostgreSQL, as NOTIFY
 * notices to this node's {@link ChangeListener} (milliseconds after their commit), and in any case
 * through the {@code dns_change} log, read every {@code dns.poll-ms} (H2, one node) or every
 * {@code dns.safety-poll-ms} (PostgreSQL with the listener: a safety net for anything a notice
 * missed). A change-log row is applied once per node: ids applied are remembered for twice the
 * look-back window in which a lower id may still commit late.
 */
final class ZoneSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneSync.class);
    /** How long a transaction may take to commit after writing its change-log row, for the look-back. */
    static final long COMMIT_LAG_MS = 5_000;
    /** Change-log rows older than this are swept. */
    static final long KEEP_MS = 3_600_000;
    /** Journal rows (IXFR) older than this are swept: a secondary further behind gets the full zone. */
    static final long JOURNAL_KEEP_MS = 86_400_000;

    private final Db db;
    private final DnsStore store;
    private final DnsJournal journal;
    private final ZoneCache cache;
    private final LongConsumer changed;
    private final Function<Zone, ZoneSigner> signers;
    private final Presigner presigner;
    private final Map<Long, Long> seen = new ConcurrentHashMap<>(); // change id -> when applied (ms)
    /** How far back each poll looks for rows whose ids committed out of order: a poll interval and the commit lag. */
    private volatile long lookBackMs = COMMIT_LAG_MS;
    private long lastId;
    private long lastSweep;
    private ScheduledExecutorService poller;
    private ChangeListener listener;

    /**
     * {@code signers} gives a zone's signer when it is signed (null otherwise), read with its
     * records; {@code presigner} signs what a reload or refresh put in the cache ahead of queries.
     */
    ZoneSync(Db db, DnsStore store, DnsJournal journal, ZoneCache cache, LongConsumer changed, Function<Zone, ZoneSigner> signers,
             Presigner presigner) {
        this.db = db;
        this.store = store;
        this.journal = journal;
        this.cache = cache;
        this.changed = changed;
        this.signers = signers;
        this.presigner = presigner;
    }

    /** Loads every zone. The change log's position is taken first, so changes made meanwhile are applied again. */
    void loadAll() {
        lastId = store.lastChangeId();
        var zones = store.allZones();
        for (Zone z : zones) reloadZone(z.id());
        LOG.info("dns: {} zones loaded", cache.size());
    }

    void startPolling(int everyMillis) {
        lookBackMs = COMMIT_LAG_MS + everyMillis;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dns-change-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.warn("dns change poll failed: {}", e.toString());
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Listens for other nodes' change notices on PostgreSQL (the pool's database and credentials,
     * on a connection of its own); each (re)connection first catches up from the change log.
     */
    void listen(String url, String user, String password) {
        listener = new ChangeListener(url, user, password, store.channel(), this::notified, this::poll);
        listener.start();
    }

    /** The listener's PostgreSQL backend, or -1 (not listening, or reconnecting). */
    int listenerBackendPid() {
        return listener == null ? -1 : listener.backendPid();
    }

    /** Marks change-log rows as applied on this node (by the committing path), so no poll applies them again. */
    void applied(List<Long> changeIds) {
        long now = System.currentTimeMillis();
        for (long id : changeIds) seen.put(id, now);
    }

    /** A notice from the listener: applied unless this node applied the change itself or has seen its rows. */
    void notified(ChangeNotice n) {
        if (n.node().equals(store.node()) && n.appliedByNode()) return;
        var ids = n.changes().keySet().stream().filter(id -> !seen.containsKey(id)).toList();
        if (!n.changes().isEmpty() && ids.isEmpty()) return;
        if (n.wholeZone()) {
            apply(n.zoneId(), null);
        } else {
            var names = new HashSet<String>();
            for (long id : ids) names.add(n.changes().get(id));
            apply(n.zoneId(), names);
        }
        applied(ids);
    }

    /** Applies committed changes: {@code names} of the zone, or the whole zone when null. */
    void apply(long zoneId, Set<String> names) {
        if (names == null) reloadZone(zoneId);
        else reloadNames(zoneId, names);
        changed.accept(zoneId);
    }

    private void reloadZone(long zoneId) {
        synchronized (cache.lock(zoneId)) {
            var zone = store.zone(zoneId).orElse(null);
            replace(zoneId, zone);
        }
    }

    private void reloadNames(long zoneId, Set<String> names) {
        synchronized (cache.lock(zoneId)) {
            var zone = store.zone(zoneId).orElse(null);
            if (zone == null || zone.suspended() || cache.byId(zoneId) == null) {
                replace(zoneId, zone);
                return;
            }
            var names2 = new HashSet<String>(names);
            names2.add(zone.name()); // the apex holds the SOA, whose serial moved
            // An MXE row at N also serves mx.N: rebuild that name too, and read the rows each
            // rebuilt name depends on (its own and those of the name it is the mail exchanger of).
            for (String n : names) names2.add(RecordRules.mxeHost(n));
            var read = new HashSet<>(names2);
            for (String n : names2) {
                String owner = RecordRules.mxeOwner(n);
                if (owner != null && (owner.equals(zone.name()) || owner.endsWith("." + zone.name()))) read.add(owner);
            }
            cache.refresh(zone, names2, store.recordsAt(zoneId, read));
            presigner.names(zoneId, names2);
        }
    }

    private void replace(long zoneId, Zone zone) {
        boolean served = zone != null && !zone.suspended();
        cache.replace(zoneId, zone, served ? store.records(zoneId) : List.of(), served ? signers.apply(zone) : null);
        if (served) presigner.zone(zoneId);
    }

    /** One poll of the change log; answers how many changes it applied. */
    synchronized int poll() {
        long now = System.currentTimeMillis();
        long window = lookBackMs;
        var rows = db.tx(() -> store.changesSince(lastId, now - window));
        Map<Long, Set<String>> byZone = new HashMap<>();
        var whole = new HashSet<Long>();
        var fresh = new ArrayList<Long>();
        long last = lastId;
        for (DnsStore.Change c : rows) {
            last = Math.max(last, c.id());
            if (seen.containsKey(c.id())) continue;
            fresh.add(c.id());
            if (c.name() == null) whole.add(c.zoneId());
            else byZone.computeIfAbsent(c.zoneId(), k -> new HashSet<>()).add(c.name());
        }
        for (long zoneId : whole) apply(zoneId, null);
        for (var e : byZone.entrySet()) if (!whole.contains(e.getKey())) apply(e.getKey(), e.getValue());
        // Marked only once applied: a failed refresh is tried again by the next poll.
        applied(fresh);
        lastId = last;
        seen.values().removeIf(t -> t < now - 2 * window);
        if (now - lastSweep > 60_000) {
            lastSweep = now;
            db.tx(() -> store.sweepChanges(now - KEEP_MS));
            db.tx(() -> journal.sweep(now - JOURNAL_KEEP_MS));
        }
        return fresh.size();
    }

    List<Long> zoneIds() {
        return new ArrayList<>(cache.zones().stream().map(z -> z.id).toList());
    }

    @Override
    public void close() {
        if (listener != null) listener.close();
        if (poller != null) poller.shutdownNow();
    }
}
