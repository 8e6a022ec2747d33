package io.steward.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import io.steward.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failed-login counters are swept once their window and lock are over, and not before. */
class LoginThrottlePurgeTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void counters_are_purged_only_after_their_window_and_lock_end() {
        var limits = new LoginThrottle.Limits(2, 1000, Duration.ofMinutes(10), Duration.ofMinutes(30));
        var throttle = new LoginThrottle(server.steward().db(), server.clock, limits);
        String prefix = "purge-" + System.nanoTime();
        throttle.recordFailure(prefix + "-a@example.com", "198.51.100.7");
        throttle.recordFailure(prefix + "-locked@example.com", "198.51.100.8");
        throttle.recordFailure(prefix + "-locked@example.com", "198.51.100.8");
        assertThat(throttle.purgeStale()).as("nothing is stale inside the window").isZero();

        server.clock.advance(Duration.ofMinutes(11));
        int purged = throttle.purgeStale();

        // The unlocked account row and both address rows go; the locked account stays locked.
        assertThat(purged).isEqualTo(3);
        assertThatThrownBy(() -> throttle.checkAllowed(prefix + "-locked@example.com", "203.0.113.1"))
                .isInstanceOf(StewardException.class);
        server.clock.advance(Duration.ofMinutes(20));
        assertThat(throttle.purgeStale()).isEqualTo(1);
        throttle.checkAllowed(prefix + "-locked@example.com", "203.0.113.1");
    }
}
