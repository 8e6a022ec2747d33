package io.steward.traffic;

import static io.steward.traffic.TrafficFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.TestServer;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Roll-ups: hours and days equal the sums of what they cover, and figures stay the same through roll-up and pruning. */
class RollupsTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TrafficFixtures.server(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void hours_and_days_sum_their_buckets_and_totals_survive_pruning_of_the_finer_ones() {
        long serviceId = 900_000_001L;
        var store = TrafficFixtures.store(server);
        var rollups = TrafficFixtures.rollups(server);
        var usage = new Usage(store);
        // Two whole days from the next midnight, each bucket a different size.
        LocalDateTime midnight = TrafficStore.floor(now(server), TrafficStore.DAY).plusDays(1);
        LocalDateTime end = midnight.plusDays(2);
        var buckets = new java.util.ArrayList<TrafficStore.Bucket>();
        long in = 0, out = 0;
        int i = 0;
        for (LocalDateTime t = midnight; t.isBefore(end); t = t.plusMinutes(5), i++) {
            buckets.add(new TrafficStore.Bucket(serviceId, t, 1_000L + i, 7_000L + 3L * i));
            in += 1_000L + i;
            out += 7_000L + 3L * i;
        }
        server.steward().db().txRun(() -> store.add(TrafficStore.FIVE_MINUTES, buckets));
        assertThat(usage.total(serviceId, midnight, end)).containsExactly(in, out);

        // Just after the two days (and the grace): every hour and both days are rolled up.
        server.clock.advance(Duration.between(now(server), end.plusMinutes(11)));
        rollups.runNow();
        var hours = store.buckets(serviceId, TrafficStore.HOUR, midnight, end);
        assertThat(hours).hasSize(48);
        for (var h : hours) {
            long sumIn = buckets.stream().filter(b -> TrafficStore.floor(b.start(), 3600).equals(h.start())).mapToLong(TrafficStore.Bucket::in).sum();
            long sumOut = buckets.stream().filter(b -> TrafficStore.floor(b.start(), 3600).equals(h.start())).mapToLong(TrafficStore.Bucket::out).sum();
            assertThat(new long[] {h.in(), h.out()}).as(h.start().toString()).containsExactly(sumIn, sumOut);
        }
        var days = store.buckets(serviceId, TrafficStore.DAY, midnight, end);
        assertThat(days).extracting(TrafficStore.Bucket::start).containsExactly(midnight, midnight.plusDays(1));
        assertThat(days.get(0).in() + days.get(1).in()).isEqualTo(in);
        assertThat(days.get(0).out() + days.get(1).out()).isEqualTo(out);
        assertThat(usage.total(serviceId, midnight, end)).containsExactly(in, out);
        // A rerun rolls nothing again.
        rollups.runNow();
        assertThat(store.buckets(serviceId, TrafficStore.HOUR, midnight, end)).hasSize(48);
        assertThat(usage.total(serviceId, midnight, end)).containsExactly(in, out);

        // Three days on: the five-minute buckets are pruned; the figures come from the hours and days.
        server.clock.advance(Duration.ofDays(3));
        rollups.runNow();
        assertThat(store.buckets(serviceId, TrafficStore.FIVE_MINUTES, midnight, end)).isEmpty();
        assertThat(usage.total(serviceId, midnight, end)).containsExactly(in, out);
        assertThat(usage.total(serviceId, midnight.plusHours(6), midnight.plusHours(7))[0])
                .isEqualTo(buckets.subList(72, 84).stream().mapToLong(TrafficStore.Bucket::in).sum());
        var hourly = usage.series(serviceId, TrafficStore.HOUR, midnight, end);
        assertThat(hourly).hasSize(48);
        assertThat(hourly.values().stream().mapToLong(v -> v[0]).sum()).isEqualTo(in);

        // Past 60 days the hours go too; the days keep the totals.
        server.clock.advance(Duration.ofDays(61));
        rollups.runNow();
        assertThat(store.buckets(serviceId, TrafficStore.HOUR, midnight, end)).isEmpty();
        assertThat(usage.total(serviceId, midnight, end)).containsExactly(in, out);
    }
}
