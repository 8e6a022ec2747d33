package io.steward.traffic;

import io.steward.service.module.TrafficCounters.Counter;
import java.util.List;
import java.util.Map;

/**
 * Bytes moved between two readings of a service's counters: a pure function. Counters are
 * cumulative; a reading smaller than the previous one means the counter was reset (a reboot, a
 * wrap), and the bytes since the reset are the new reading itself. A counter seen for the first
 * time gives no delta: its history before Steward started counting is not this period's traffic.
 */
final class Deltas {
    private Deltas() {}

    /** In and out bytes moved. */
    record Moved(long in, long out) {
        static final Moved NONE = new Moved(0, 0);

        Moved plus(Moved o) {
            return new Moved(Math.addExact(in, o.in), Math.addExact(out, o.out));
        }
    }

    /** The delta of one counter: {@code previous} null for a counter never read before. */
    static long delta(Long previous, long current) {
        if (previous == null || current < 0) return 0;
        return current >= previous ? current - previous : current;
    }

    /** Sum of the deltas of every counter read now against its previous reading ({@code previous} by counter name). */
    static Moved sum(List<Counter> now, Map<String, Counter> previous) {
        Moved total = Moved.NONE;
        for (Counter c : now) {
            Counter before = previous.get(c.name());
            total = total.plus(new Moved(delta(before == null ? null : before.inBytes(), c.inBytes()),
                    delta(before == null ? null : before.outBytes(), c.outBytes())));
        }
        return total;
    }
}
