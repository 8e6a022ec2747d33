package io.steward.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));

    @Test
    void each_failed_attempt_doubles_the_wait_from_the_base() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(480));
    }

    @Test
    void the_wait_never_exceeds_the_cap_even_after_very_many_attempts() {
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(64)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_zero_base_a_cap_below_the_base_and_attempt_zero_are_refused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
