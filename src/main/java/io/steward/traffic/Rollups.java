package io.steward.traffic;

import static io.steward.traffic.TrafficStore.DAY;
import static io.steward.traffic.TrafficStore.FIVE_MINUTES;
import static io.steward.traffic.TrafficStore.HOUR;
import static io.steward.traffic.TrafficStore.floor;

import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.traffic.TrafficStore.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rolls five-minute buckets up into hours and hours into days, and prunes each resolution past
 * its retention (five minutes: 2 days, hours: 60 days, days: 2 years).
 *
 * <p>A coarser bucket is written once every finer bucket it covers is final: hours up to the
 * last whole hour before {@code now - grace} (the grace lets a sampling round that started before
 * the hour ended write its bucket first), days up to the hour watermark. Each roll-up recomputes
 * its range from the finer buckets (delete, then insert the sums) under a row lock on its
 * watermark, so a rerun or a second node writes the same figures, never twice. Readers take a
 * coarse bucket only before its watermark and sum finer buckets after it ({@link Usage}); finer
 * buckets are pruned only once they are rolled up.
 */
final class Rollups {
    static final Duration KEEP_FIVE_MINUTES = Duration.ofDays(2);
    static final Duration KEEP_HOURS = Duration.ofDays(60);
    static final Duration KEEP_DAYS = Duration.ofDays(730);

    /** What one run did. */
    record Result(int hours, int days, int pruned) {}

    private final Db db;
    private final Clock clock;
    private final TrafficStore store;
    private final Duration grace;

    Rollups(Db db, Clock clock, TrafficStore store, Duration grace) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.grace = grace;
    }

    Result runNow() {
        LocalDateTime now = Times.now(clock);
        int hours = roll(FIVE_MINUTES, HOUR, floor(now.minus(grace), HOUR));
        LocalDateTime hoursDone = store.watermarks().get(HOUR);
        int days = hoursDone == null ? 0 : roll(HOUR, DAY, floor(hoursDone, DAY));
        int pruned = db.tx(() -> {
            var marks = store.watermarks();
            int n = store.prune(FIVE_MINUTES, earlier(now.minus(KEEP_FIVE_MINUTES), marks.get(HOUR)));
            n += store.prune(HOUR, earlier(now.minus(KEEP_HOURS), marks.get(DAY)));
            return n + store.prune(DAY, now.minus(KEEP_DAYS));
        });
        return new Result(hours, days, pruned);
    }

    /** Rolls {@code from} buckets into {@code to} buckets from the watermark up to {@code target}. */
    private int roll(int from, int to, LocalDateTime target) {
        return db.tx(() -> {
            // The first roll-up starts at the oldest finer bucket, so history written before it is kept.
            LocalDateTime initial = store.earliest(from).map(t -> floor(t, to)).filter(t -> t.isBefore(target)).orElse(target);
            LocalDateTime mark = store.lockWatermark(to, initial);
            if (!mark.isBefore(target)) return 0;
            int n = recompute(null, from, to, mark, target);
            store.setWatermark(to, target);
            return n;
        });
    }

    /**
     * Recomputes one service's hour and day buckets from {@code since} up to the watermarks, after
     * its finer history was written late (the demo set's month of samples). Joins the caller's transaction.
     */
    void rebuild(long serviceId, LocalDateTime since) {
        db.txRun(() -> {
            var marks = store.watermarks();
            LocalDateTime hours = marks.get(HOUR), days = marks.get(DAY);
            if (hours != null) recompute(serviceId, FIVE_MINUTES, HOUR, floor(since, HOUR), hours);
            if (days != null) recompute(serviceId, HOUR, DAY, floor(since, DAY), days);
        });
    }

    /** Replaces the {@code to} buckets in [start, end) by the sums of the {@code from} buckets; answers how many it wrote. */
    private int recompute(Long serviceId, int from, int to, LocalDateTime start, LocalDateTime end) {
        if (!start.isBefore(end)) return 0;
        store.delete(serviceId, to, start, end);
        record Key(long serviceId, LocalDateTime start) {}
        var sums = new LinkedHashMap<Key, long[]>();
        for (Bucket b : store.buckets(serviceId, from, start, end)) {
            long[] s = sums.computeIfAbsent(new Key(b.serviceId(), floor(b.start(), to)), k -> new long[2]);
            s[0] += b.in();
            s[1] += b.out();
        }
        var rolled = new ArrayList<Bucket>(sums.size());
        for (Map.Entry<Key, long[]> e : sums.entrySet()) {
            rolled.add(new Bucket(e.getKey().serviceId(), e.getKey().start(), e.getValue()[0], e.getValue()[1]));
        }
        store.insert(to, rolled);
        return rolled.size();
    }

    private static LocalDateTime earlier(LocalDateTime a, LocalDateTime b) {
        if (b == null) return LocalDateTime.of(1970, 1, 1, 0, 0);
        return a.isBefore(b) ? a : b;
    }
}
