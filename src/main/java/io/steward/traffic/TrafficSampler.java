package io.steward.traffic;

import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.service.Service;
import io.steward.service.ServiceManager;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.module.TrafficCounters;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sampling round: reads the counters of every active service whose module has {@link
 * TrafficCounters}, and stores the bytes moved since the previous reading ({@link Deltas}) in the
 * five-minute bucket of the round, with the new readings. Modules are called outside any
 * transaction; each chunk of services is written in one transaction of batched statements. A
 * module that fails for one service is logged and that service is read again next round (its
 * delta then covers both rounds, so no byte is lost).
 */
final class TrafficSampler {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficSampler.class);
    static final int CHUNK = 200;

    /** What a round did. */
    record Round(int sampled, int failed, List<Service> services) {}

    private final Db db;
    private final Clock clock;
    private final TrafficStore store;
    private final ServiceManager services;
    private final ServiceModuleAccess access;
    TrafficSampler(Db db, Clock clock, TrafficStore store, ServiceManager services, ServiceModuleAccess access) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.services = services;
        this.access = access;
    }

    /** The ids of installed modules that read traffic counters. */
    List<String> countingModules() {
        return access.modulesWith(TrafficCounters.class);
    }

    Round runNow() {
        List<String> counting = countingModules();
        if (counting.isEmpty()) return new Round(0, 0, List.of());
        List<Service> active = services.openOn(null, List.of(), counting).stream().filter(s -> s.status().equals(Service.ACTIVE)).toList();
        int sampled = 0, failed = 0;
        var done = new ArrayList<Service>();
        for (int from = 0; from < active.size(); from += CHUNK) {
            var chunk = active.subList(from, Math.min(active.size(), from + CHUNK));
            var read = new ArrayList<Read>();
            for (Service s : chunk) {
                try {
                    var bound = access.capability(s.id(), TrafficCounters.class, "traffic");
                    if (bound.isEmpty()) continue;
                    read.add(new Read(s, bound.get().capability().counters(bound.get().request())));
                } catch (RuntimeException e) {
                    failed++;
                    LOG.warn("traffic: counters of service {} not read: {}", s.id(), e.toString());
                }
            }
            LocalDateTime at = Times.now(clock);
            db.txRun(() -> store.record(deltas(read, store.readings(read.stream().map(r -> r.service().id()).toList())), at));
            sampled += read.size();
            read.forEach(r -> done.add(r.service()));
        }
        return new Round(sampled, failed, done);
    }

    private record Read(Service service, List<TrafficCounters.Counter> counters) {}

    private static List<TrafficStore.Sampled> deltas(List<Read> read, Map<Long, Map<String, TrafficCounters.Counter>> previous) {
        var out = new ArrayList<TrafficStore.Sampled>(read.size());
        for (Read r : read) {
            var before = previous.getOrDefault(r.service().id(), Map.of());
            var moved = Deltas.sum(r.counters(), before);
            out.add(new TrafficStore.Sampled(r.service().id(), r.counters(), new HashSet<>(before.keySet()), moved.in(), moved.out()));
        }
        return out;
    }
}
