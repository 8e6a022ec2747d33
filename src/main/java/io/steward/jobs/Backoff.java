package io.steward.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed job is tried again: exponential backoff, {@code base * 2^(attempt-1)} after the
 * attempt-th failure, never more than {@code cap}, less a random part of at most {@code jitter}
 * of it. The jitter spreads the retries of many jobs that failed together (a module down for a
 * minute) so they do not all hit it again in the same second; {@code jitter} 0 gives exact times.
 *
 * @param jitter the largest fraction taken off the wait, from 0 (none) to 1
 */
public record Backoff(Duration base, Duration cap, double jitter) {
    public Backoff {
        if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("backoff base must be positive");
        if (cap.compareTo(base) < 0) throw new IllegalArgumentException("backoff cap must be at least the base");
        if (!(jitter >= 0 && jitter <= 1)) throw new IllegalArgumentException("backoff jitter must be between 0 and 1");
    }

    /** The wait after failed attempt {@code attempt} (1 for the first) before jitter: the upper bound of {@link #delay}. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) throw new IllegalArgumentException("attempts count from 1");
        // Past 2^30 the product overflows long before any sensible cap; the cap applies anyway.
        int exponent = Math.min(attempt - 1, 30);
        Duration d = base.multipliedBy(1L << exponent);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** The wait after failed attempt {@code attempt}: between {@code ceiling * (1 - jitter)} and {@code ceiling}, in whole seconds. */
    public Duration delay(int attempt, RandomGenerator random) {
        Duration ceiling = ceiling(attempt);
        if (jitter == 0) return ceiling;
        long millis = ceiling.toMillis();
        long off = (long) Math.floor(millis * jitter * random.nextDouble());
        // Whole seconds: the table's timestamps have no fraction, and a retry is never due early.
        return Duration.ofSeconds(Math.max(1, (millis - off + 999) / 1000));
    }
}
