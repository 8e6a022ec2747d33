package io.steward.dns;

import io.steward.db.Db;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link ZoneCache} equal to the database. This node's changes are applied by the committing
 * path right after commit ({@link #apply}); other nodes' changes arrive through the
 * {@code dns_change} log, read every {@code dns.poll-ms}. A change-log row is applied once per node:
 * ids are remembered for the look-back window in which a lower id may still commit late.
 */
final class ZoneSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneSync.class);
    /** How far back each poll looks for rows whose ids committed out of order. */
    static final long LOOK_BACK_MS = 5_000;
    /** Change-log rows older than this are swept. */
    static final long KEEP_MS = 3_600_000;

    private final Db db;
    private final DnsStore store;
    private final ZoneCache cache;
    private final LongConsumer changed;
    private final Function<Zone, ZoneSigner> signers;
    private final Map<Long, Long> seen = new HashMap<>(); // change id -> when seen (ms)
    private long lastId;
    private long lastSweep;
    private ScheduledExecutorService poller;

    /** {@code signers} gives a zone's signer when it is signed (null otherwise), read with its records. */
    ZoneSync(Db db, DnsStore store, ZoneCache cache, LongConsumer changed, Function<Zone, ZoneSigner> signers) {
        this.db = db;
        this.store = store;
        this.cache = cache;
        this.changed = changed;
        this.signers = signers;
    }

    /** Loads every zone. The change log's position is taken first, so changes made meanwhile are applied again. */
    void loadAll() {
        lastId = store.lastChangeId();
        var zones = store.allZones();
        for (Zone z : zones) reloadZone(z.id());
        LOG.info("dns: {} zones loaded", cache.size());
    }

    void startPolling(int everyMillis) {
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
            var names2 = new HashSet<>(names);
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
        }
    }

    private void replace(long zoneId, Zone zone) {
        boolean served = zone != null && !zone.suspended();
        cache.replace(zoneId, zone, served ? store.records(zoneId) : List.of(), served ? signers.apply(zone) : null);
    }

    /** One poll of the change log; answers how many changes it applied. */
    synchronized int poll() {
        long now = System.currentTimeMillis();
        var rows = db.tx(() -> store.changesSince(lastId, now - LOOK_BACK_MS));
        Map<Long, Set<String>> byZone = new HashMap<>();
        var whole = new HashSet<Long>();
        int fresh = 0;
        for (DnsStore.Change c : rows) {
            if (seen.putIfAbsent(c.id(), now) != null) continue;
            fresh++;
            lastId = Math.max(lastId, c.id());
            if (c.name() == null) whole.add(c.zoneId());
            else byZone.computeIfAbsent(c.zoneId(), k -> new HashSet<>()).add(c.name());
        }
        seen.values().removeIf(t -> t < now - 2 * LOOK_BACK_MS);
        for (long zoneId : whole) apply(zoneId, null);
        for (var e : byZone.entrySet()) if (!whole.contains(e.getKey())) apply(e.getKey(), e.getValue());
        if (now - lastSweep > 60_000) {
            lastSweep = now;
            db.tx(() -> store.sweepChanges(now - KEEP_MS));
        }
        return fresh;
    }

    List<Long> zoneIds() {
        return new ArrayList<>(cache.zones().stream().map(z -> z.id).toList());
    }

    @Override
    public void close() {
        if (poller != null) poller.shutdownNow();
    }
}
