package io.steward.service;

import java.time.Duration;

/**
 * When a failed provisioning job is tried again: exponential backoff, {@code base * 2^(attempt-1)}
 * after the attempt-th failure, never more than {@code cap}. No jitter: jobs are claimed one by
 * one, so a burst of retries does not stampede a module, and tests can predict the times.
 */
public record Backoff(Duration base, Duration cap) {
    public Backoff {
        if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("backoff base must be positive");
        if (cap.compareTo(base) < 0) throw new IllegalArgumentException("backoff cap must be at least the base");
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration delay(int attempt) {
        if (attempt < 1) throw new IllegalArgumentException("attempts count from 1");
        // Past 2^30 the product overflows long before any sensible cap; the cap applies anyway.
        int exponent = Math.min(attempt - 1, 30);
        Duration d = base.multipliedBy(1L << exponent);
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
