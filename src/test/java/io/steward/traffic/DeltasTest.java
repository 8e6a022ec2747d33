package io.steward.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.service.module.TrafficCounters.Counter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Summing counter deltas: growth, resets and counters seen for the first time. */
class DeltasTest {

    @Test
    void a_growing_counter_gives_the_difference() {
        assertThat(Deltas.delta(1_000L, 1_500)).isEqualTo(500);
        assertThat(Deltas.delta(1_000L, 1_000)).isZero();
    }

    @Test
    void a_smaller_reading_is_a_reset_and_the_delta_is_the_new_reading() {
        assertThat(Deltas.delta(9_000L, 120)).isEqualTo(120);
        assertThat(Deltas.delta(9_000L, 0)).isZero();
    }

    @Test
    void a_counter_never_read_before_gives_no_delta_its_history_is_not_counted() {
        assertThat(Deltas.delta(null, 5_000_000)).isZero();
    }

    @Test
    void readings_across_two_resets_sum_to_the_bytes_really_moved() {
        // 0 → 100 → 250 (+150), reboot → 40 (+40), → 90 (+50), reboot → 10 (+10): 250 bytes after the first reading
        long[] readings = {100, 250, 40, 90, 10};
        long total = 0;
        Long previous = null;
        for (long r : readings) {
            total += Deltas.delta(previous, r);
            previous = r;
        }
        assertThat(total).isEqualTo(150 + 40 + 50 + 10);
    }

    @Test
    void the_sum_adds_every_counter_in_and_out_separately() {
        var before = Map.of("eth0", new Counter("eth0", 1_000, 5_000), "eth1", new Counter("eth1", 700, 300));
        var now = List.of(new Counter("eth0", 1_600, 5_100), new Counter("eth1", 50, 20), new Counter("eth2", 999, 999));
        var moved = Deltas.sum(now, before);
        // eth0 grew (600 / 100); eth1 was reset (50 / 20); eth2 is new (nothing yet)
        assertThat(moved.in()).isEqualTo(600 + 50);
        assertThat(moved.out()).isEqualTo(100 + 20);
    }
}
