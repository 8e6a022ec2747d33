package io.steward.traffic;

import io.steward.account.Actor;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.service.Service;
import io.steward.service.ServiceManager;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.module.TrafficCounters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A service's bandwidth as clients and staff see it: usage in the current billing period against
 * its product's quota, and the graphs of the last day, week and month.
 */
final class Bandwidth {
    /** The figures of one period. */
    public record Figures(Service service, Periods.Period period, long inBytes, long outBytes, ProductBandwidth.Terms terms,
                          Overage overage) {}

    /** The three graphs, PNG bytes. */
    public record Graphs(byte[] day, byte[] week, byte[] month) {}

    private final Clock clock;
    private final TrafficStore store;
    private final Usage usage;
    private final ProductBandwidth products;
    private final ServiceManager services;
    private final ServiceModuleAccess access;
    private final BandwidthGraphs graphs;

    Bandwidth(Clock clock, TrafficStore store, Usage usage, ProductBandwidth products, ServiceManager services, ServiceModuleAccess access,
              BandwidthGraphs graphs) {
        this.clock = clock;
        this.store = store;
        this.usage = usage;
        this.products = products;
        this.services = services;
        this.access = access;
        this.graphs = graphs;
    }

    /** The client's service (404 when not its own; 403 for a contact without the service's basic privilege) with traffic to show. */
    Service forClient(Actor actor, long serviceId) {
        return measured(services.details(actor, serviceId).service());
    }

    Service forStaff(long serviceId) {
        return measured(services.details(serviceId).service());
    }

    /** A service whose module has no traffic counters has nothing to show, unless traffic was recorded for it before. */
    private Service measured(Service s) {
        if (!access.has(s, TrafficCounters.class) && !store.hasBuckets(s.id())) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("This service has no traffic counters"), Map.of());
        }
        return s;
    }

    /** Usage in the billing period containing today. */
    Figures current(Service s) {
        return figures(s, Periods.containing(s, Times.now(clock).toLocalDate()));
    }

    Figures figures(Service s, Periods.Period period) {
        long[] t = usage.total(s.id(), period.start().atStartOfDay(), period.endExclusive().atStartOfDay());
        var terms = products.of(s.productId());
        return new Figures(s, period, t[0], t[1], terms, Overage.of(t[0] + t[1], terms.quotaGb(), terms.overagePricePerGb()));
    }

    /**
     * The last day in five-minute steps, the last week and month in hourly steps. Each ends with the
     * last whole bucket: the one in progress would plot as a false drop towards zero.
     */
    Graphs graphs(Service s) {
        LocalDateTime now = Times.now(clock);
        LocalDateTime end = TrafficStore.floor(now, TrafficStore.FIVE_MINUTES);
        LocalDateTime hourEnd = TrafficStore.floor(now, TrafficStore.HOUR);
        String name = s.domain() == null || s.domain().isBlank() ? s.name() : s.name() + " (" + s.domain() + ")";
        return new Graphs(
                graphs.png("Traffic, last 24 hours: " + name, TrafficStore.FIVE_MINUTES, end.minusDays(1), end,
                        usage.series(s.id(), TrafficStore.FIVE_MINUTES, end.minusDays(1), end)),
                graphs.png("Traffic, last 7 days: " + name, TrafficStore.HOUR, hourEnd.minusDays(7), hourEnd,
                        usage.series(s.id(), TrafficStore.HOUR, hourEnd.minusDays(7), hourEnd)),
                graphs.png("Traffic, last 30 days: " + name, TrafficStore.HOUR, hourEnd.minusDays(30), hourEnd,
                        usage.series(s.id(), TrafficStore.HOUR, hourEnd.minusDays(30), hourEnd)));
    }

    /** Sets a product's terms; a negative figure is a 422 naming it. */
    void setTerms(long productId, BigDecimal quotaGb, BigDecimal pricePerGb) {
        var errors = new java.util.LinkedHashMap<String, List<String>>();
        if (quotaGb.signum() < 0) errors.put("quota_gb", List.of("must be 0 (no quota) or more"));
        if (pricePerGb.signum() < 0) errors.put("overage_price", List.of("must be 0 or more"));
        if (!errors.isEmpty()) throw StewardException.invalid(errors);
        products.set(productId, quotaGb, pricePerGb);
    }

    ProductBandwidth products() { return products; }
}
