package io.steward.traffic;

import static io.steward.traffic.TrafficStore.DAY;
import static io.steward.traffic.TrafficStore.FIVE_MINUTES;
import static io.steward.traffic.TrafficStore.HOUR;
import static io.steward.traffic.TrafficStore.floor;

import io.steward.traffic.TrafficStore.Bucket;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a service's traffic across the three resolutions. A resolution's buckets are used before
 * its roll-up watermark; after it, the next finer resolution's buckets are summed (five-minute
 * buckets are always current). So a figure is exact whatever has been rolled up or pruned, as
 * long as the range lies within the retention of the resolution asked for.
 */
final class Usage {
    private final TrafficStore store;

    Usage(TrafficStore store) {
        this.store = store;
    }

    /** In and out bytes of a service in [from, to). */
    long[] total(long serviceId, LocalDateTime from, LocalDateTime to) {
        return total(serviceId, DAY, from, to, store.watermarks());
    }

    private long[] total(long serviceId, int resolution, LocalDateTime from, LocalDateTime to, Map<Integer, LocalDateTime> marks) {
        if (!from.isBefore(to)) return new long[] {0, 0};
        if (resolution == FIVE_MINUTES) return store.total(serviceId, FIVE_MINUTES, from, to);
        LocalDateTime mid = clamp(marks.get(resolution), from, to);
        long[] coarse = store.total(serviceId, resolution, from, mid);
        long[] fine = total(serviceId, finer(resolution), mid, to, marks);
        return new long[] {coarse[0] + fine[0], coarse[1] + fine[1]};
    }

    /** A service's bytes per bucket of {@code step} seconds (300, 3600 or 86400) in [from, to), in time order; empty buckets absent. */
    TreeMap<LocalDateTime, long[]> series(long serviceId, int step, LocalDateTime from, LocalDateTime to) {
        var out = new TreeMap<LocalDateTime, long[]>();
        fill(out, serviceId, step, step, from, to, store.watermarks());
        return out;
    }

    private void fill(TreeMap<LocalDateTime, long[]> out, long serviceId, int step, int resolution, LocalDateTime from, LocalDateTime to,
                      Map<Integer, LocalDateTime> marks) {
        if (!from.isBefore(to)) return;
        LocalDateTime mid = resolution == FIVE_MINUTES ? to : clamp(marks.get(resolution), from, to);
        for (Bucket b : store.buckets(serviceId, resolution, from, mid)) {
            long[] s = out.computeIfAbsent(floor(b.start(), step), k -> new long[2]);
            s[0] += b.in();
            s[1] += b.out();
        }
        if (resolution != FIVE_MINUTES) fill(out, serviceId, step, finer(resolution), mid, to, marks);
    }

    private static int finer(int resolution) {
        return resolution == DAY ? HOUR : FIVE_MINUTES;
    }

    /** The watermark within [from, to]; a resolution never rolled up covers nothing (from). */
    private static LocalDateTime clamp(LocalDateTime mark, LocalDateTime from, LocalDateTime to) {
        if (mark == null || mark.isBefore(from)) return from;
        return mark.isAfter(to) ? to : mark;
    }
}
