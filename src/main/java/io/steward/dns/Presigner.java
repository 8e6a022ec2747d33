package io.steward.dns;

import io.steward.dns.ZoneCache.ZoneData;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * Signs ahead of the queries: after a signed zone is loaded (signing switched on, a key rolled, a
 * whole-zone change) every set and NSEC3 link of it, and after a record change the sets and links
 * at the changed names, so the first answer of a name is served from a ready signature instead of
 * paying for an ECDSA signature (about 130 us of CPU with the JDK) on the UDP thread. Every
 * {@code every} it also walks each signed zone, which signs again what is due before an answer
 * would find it stale.
 *
 * <p>In memory and per node, as the signatures it makes: the DNS feature's own thread
 * ({@code dns-presign}), not the job engine, whose jobs are durable rows meant to happen once
 * across nodes. Work for one zone is merged while it waits, so a burst of changes costs one walk
 * of the names they touched. Answers never wait for it: a query that comes first signs on demand
 * as before, and the signature is kept either way.
 */
final class Presigner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Presigner.class);

    /** What waits for one zone: the whole zone, or some names of it. */
    private static final class Pending {
        boolean all;
        final Set<Name> names = new HashSet<>();
    }

    private final ZoneCache cache;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dns-presign");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();

    Presigner(ZoneCache cache) {
        this.cache = cache;
    }

    /** Walks every signed zone every {@code every} (signatures due for renewal are made then). */
    void start(Duration every) {
        long ms = Math.max(1000, every.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            for (ZoneData z : cache.zones()) if (z.signer != null) zone(z.id);
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Pre-signs the whole zone, soon. */
    void zone(long zoneId) {
        schedule(zoneId, null);
    }

    /** Pre-signs the sets and links at {@code names} of the zone, soon. */
    void names(long zoneId, Collection<String> names) {
        var wire = new HashSet<Name>();
        for (String n : names) wire.add(Wire.name(n));
        schedule(zoneId, wire);
    }

    private void schedule(long zoneId, Set<Name> names) {
        ZoneData z = cache.byId(zoneId);
        if (z == null || z.signer == null) return;
        boolean[] fresh = {false};
        queued.incrementAndGet(); // before the work is visible, so idle() is never true while it waits
        pending.compute(zoneId, (k, p) -> {
            if (p == null) {
                p = new Pending();
                fresh[0] = true;
            }
            if (names == null) p.all = true;
            else p.names.addAll(names);
            return p;
        });
        if (!fresh[0]) {
            queued.decrementAndGet(); // merged into work already queued
            return;
        }
        try {
            executor.execute(() -> run(zoneId));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.decrementAndGet(); // closing: answers sign on demand
        }
    }

    private void run(long zoneId) {
        try {
            Pending p = pending.remove(zoneId);
            // The zone as served now: a reload since the work was asked for replaced its ZoneData.
            ZoneData z = cache.byId(zoneId);
            if (p == null || z == null || z.signer == null) return;
            long start = System.nanoTime();
            int sets = ZoneContent.walk(z, p.all ? null : p.names, r -> { });
            LOG.debug("dns: pre-signed {} sets of {} in {} ms", sets, z.origin, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("dns: pre-signing zone {} failed (answers sign on demand): {}", zoneId, e.toString());
        } finally {
            queued.decrementAndGet();
        }
    }

    /** Whether no pre-signing waits or runs (tests wait for it). */
    boolean idle() {
        return queued.get() == 0;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
