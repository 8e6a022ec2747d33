package io.steward.service.module;

import java.util.List;

/**
 * Capability: the module reads a service's traffic counters. Counters are cumulative byte counts
 * as the platform keeps them; they may reset (a reboot, a counter wrap), so readers sum the deltas
 * between readings and treat a smaller reading as a reset.
 */
public interface TrafficCounters {
    /** One interface's counters at the time of reading. */
    record Counter(String name, long inBytes, long outBytes) {}

    /** The service's counters now; an empty list when the platform has none yet. Never called inside a transaction. */
    List<Counter> counters(ModuleRequest request);
}
