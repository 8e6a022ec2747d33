package io.steward.partner;

import io.steward.core.StewardException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-partner request limit: a fixed one-minute window per partner, on this node. Kept in memory:
 * a limit against floods needs no exactness across nodes, and a database row per request would
 * cost more than the requests it limits. N nodes allow up to N times the rate; documented.
 */
final class RateLimiter {
    private record Window(long minute, AtomicLong count) {}

    private final Clock clock;
    private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    void acquire(Partner partner) {
        long now = clock.millis();
        long minute = now / 60_000;
        Window w = windows.compute(partner.id(), (id, cur) -> cur == null || cur.minute() != minute ? new Window(minute, new AtomicLong()) : cur);
        if (w.count().incrementAndGet() > partner.ratePerMinute()) {
            long wait = ((minute + 1) * 60_000 - now + 999) / 1000;
            throw StewardException.tooManyRequests("Too many requests: " + partner.ratePerMinute() + " a minute", wait);
        }
    }
}
