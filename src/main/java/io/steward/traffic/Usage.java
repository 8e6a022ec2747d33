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
 * long as the range lies within the retention of the resolution asked for. Ranges need not be
 * aligned: the ragged ends of a range are read from finer buckets.
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
        // Whole coarse buckets before the watermark; the ragged ends and what follows the watermark from finer ones.
        LocalDateTime a = ceil(from, resolution), b = floor(clamp(marks.get(resolution), from, to), resolution);
        if (!a.isBefore(b)) return total(serviceId, finer(resolution), from, to, marks);
        long[] coarse = store.total(serviceId, resolution, a, b);
        long[] head = total(serviceId, finer(resolution), from, a, marks);
        long[] tail = total(serviceId, finer(resolution), b, to, marks);
        return new long[] {coarse[0] + head[0] + tail[0], coarse[1] + head[1] + tail[1]};
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
        if (resolution == FIVE_MINUTES) {
            add(out, step, store.buckets(serviceId, FIVE_MINUTES, from, to));
            return;
        }
        LocalDateTime a = ceil(from, resolution), b = floor(clamp(marks.get(resolution), from, to), resolution);
        if (!a.isBefore(b)) {
            fill(out, serviceId, step, finer(resolution), from, to, marks);
            return;
        }
        fill(out, serviceId, step, finer(resolution), from, a, marks);
        add(out, step, store.buckets(serviceId, resolution, a, b));
        fill(out, serviceId, step, finer(resolution), b, to, marks);
    }

    private static void add(TreeMap<LocalDateTime, long[]> out, int step, java.util.List<Bucket> buckets) {
        for (Bucket b : buckets) {
            long[] s = out.computeIfAbsent(floor(b.start(), step), k -> new long[2]);
            s[0] += b.in();
            s[1] += b.out();
        }
    }

    private static LocalDateTime ceil(LocalDateTime t, int seconds) {
        LocalDateTime f = floor(t, seconds);
        return f.equals(t) ? t : f.plusSeconds(seconds);
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
