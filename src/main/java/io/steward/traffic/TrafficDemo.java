package io.steward.traffic;

import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.service.Service;
import io.steward.service.ServiceManager;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.module.ServerModule;
import io.steward.service.module.TrafficCounters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo hosting service's traffic: its product gets a quota (1000 GB) and an overage price
 * (0.10 per GB), the sandbox platform gets its account (when the service is on the sandbox
 * module), and the last 30 days get five-minute samples along a daily curve (quiet at night UTC,
 * busiest in the afternoon, lighter at weekends; about 30 GB a day, a quarter of it in), written
 * through the store and rolled up as the tasks would. Idempotent: a service with traffic gets none.
 */
public final class TrafficDemo {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficDemo.class);
    static final BigDecimal QUOTA_GB = new BigDecimal("1000");
    static final BigDecimal PRICE_PER_GB = new BigDecimal("0.10");
    static final int DAYS = 30;

    private final Db db;
    private final Clock clock;
    private final TrafficStore store;
    private final Rollups rollups;
    private final ProductBandwidth products;
    private final ServiceManager services;
    private final ServiceModuleAccess access;

    TrafficDemo(Db db, Clock clock, TrafficStore store, Rollups rollups, ProductBandwidth products, ServiceManager services,
                ServiceModuleAccess access) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.rollups = rollups;
        this.products = products;
        this.services = services;
        this.access = access;
    }

    /** Loads the demo client's service on {@code domain}; runs outside any transaction (it calls the service's module). */
    public void load(long clientId, String domain) {
        var found = services.byClient(clientId).stream().filter(s -> domain.equals(s.domain())).findFirst();
        if (found.isEmpty()) return;
        Service s = found.get();
        if (s.productId() != null && products.find(s.productId()).isEmpty()) products.set(s.productId(), QUOTA_GB, PRICE_PER_GB);
        // The platform's account, for a module with counters to read (the sandbox's create is
        // idempotent: an existing account is answered again). Demo services are provisioned without a job.
        if (access.has(s, TrafficCounters.class)) {
            access.capability(s.id(), ServerModule.class, "create").ifPresent(b -> b.capability().create(b.request()));
        }
        if (store.hasBuckets(s.id())) return;
        LocalDateTime end = TrafficStore.floor(Times.now(clock), TrafficStore.FIVE_MINUTES);
        LocalDateTime start = end.minusDays(DAYS);
        db.txRun(() -> store.insert(TrafficStore.FIVE_MINUTES, curve(s.id(), start, end)));
        // Hours and days already rolled up over this range are recomputed first (the five-minute
        // buckets are still there), then the tasks' own run rolls the rest and prunes.
        rollups.rebuild(s.id(), start);
        rollups.runNow();
        LOG.info("demo traffic: {} days of samples for service {}", DAYS, s.id());
    }

    /** Five-minute buckets in [start, end) along the daily curve, with a little seeded noise. */
    static java.util.List<TrafficStore.Bucket> curve(long serviceId, LocalDateTime start, LocalDateTime end) {
        var random = new Random(serviceId);
        var out = new ArrayList<TrafficStore.Bucket>();
        // 30 GB a day on average over 288 buckets; the curve below averages about 0.67.
        double perBucket = 30e9 / 288 / 0.67;
        for (LocalDateTime t = start; t.isBefore(end); t = t.plusMinutes(5)) {
            double hour = t.getHour() + t.getMinute() / 60.0;
            double daily = 0.35 + 0.65 * (0.5 - 0.5 * Math.cos(2 * Math.PI * (hour - 4) / 24));
            double week = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.8 : 1.0;
            double total = perBucket * daily * week * (0.85 + 0.3 * random.nextDouble());
            long in = Math.round(total * 0.25);
            out.add(new TrafficStore.Bucket(serviceId, t, in, Math.round(total) - in));
        }
        return out;
    }
}
