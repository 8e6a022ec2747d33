package io.steward.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff exact = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 0);

    @Test
    void the_wait_doubles_from_the_base_after_each_failed_attempt() {
        var random = new SplittableRandom(1);
        assertThat(exact.delay(1, random)).isEqualTo(Duration.ofSeconds(30));
        assertThat(exact.delay(2, random)).isEqualTo(Duration.ofSeconds(60));
        assertThat(exact.delay(3, random)).isEqualTo(Duration.ofSeconds(120));
        assertThat(exact.delay(5, random)).isEqualTo(Duration.ofSeconds(480));
    }

    @Test
    void the_wait_never_exceeds_the_cap_even_after_very_many_attempts() {
        var random = new SplittableRandom(2);
        assertThat(exact.delay(6, random)).isEqualTo(Duration.ofMinutes(10));
        assertThat(exact.delay(40, random)).isEqualTo(Duration.ofMinutes(10));
        assertThat(exact.delay(Integer.MAX_VALUE, random)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void with_jitter_each_wait_lies_between_the_ceiling_less_the_jitter_and_the_ceiling_and_the_waits_spread() {
        var jittered = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.25);
        var random = new SplittableRandom(3);
        for (int attempt = 1; attempt <= 10; attempt++) {
            Duration ceiling = jittered.ceiling(attempt);
            var seen = new HashSet<Duration>();
            for (int i = 0; i < 500; i++) {
                Duration d = jittered.delay(attempt, random);
                // Whole seconds, rounded up: never under 75 % of the ceiling, never over it.
                assertThat(d.toMillis()).as("attempt %d", attempt).isBetween((long) Math.floor(ceiling.toMillis() * 0.75), ceiling.toMillis());
                assertThat(d.getNano()).isZero();
                seen.add(d);
            }
            assertThat(seen).as("attempt %d spreads its retries", attempt).hasSizeGreaterThan(5);
        }
    }

    @Test
    void a_non_positive_base_a_cap_below_the_base_or_a_jitter_outside_0_to_1_are_refused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(2), 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(2), -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exact.delay(0, new SplittableRandom(4))).isInstanceOf(IllegalArgumentException.class);
    }
}
