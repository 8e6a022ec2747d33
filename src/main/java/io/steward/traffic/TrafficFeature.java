package io.steward.traffic;

import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.engine.UsageCharges;
import io.steward.mail.Outbox;
import io.steward.notification.Notifier;
import io.steward.scheduler.JobScheduler;
import io.steward.service.ServiceFeature;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongPredicate;

/**
 * Traffic and bandwidth assembled: the sampling task (every {@code traffic.sample-interval}, 5 min),
 * the roll-up and prune task (every {@code traffic.rollup-interval}, 15 min, rolling hours up to
 * {@code traffic.rollup-grace}, 10 min, before now), bandwidth figures and graphs, quota notices,
 * overage on renewal invoices ({@link #overageCharges}) and the demo traffic.
 */
public final class TrafficFeature {
    public static final String SAMPLE_TASK = "traffic-sample";
    public static final String ROLLUP_TASK = "traffic-rollup";

    private final TrafficSampler sampler;
    private final Rollups rollups;
    private final QuotaNotices notices;
    private final OverageCharges overage;
    private final TrafficClientHandlers clientHandlers;
    private final TrafficAdminHandlers adminHandlers;
    private final TrafficDemo demo;

    public TrafficFeature(Db db, Clock clock, Config config, JobScheduler scheduler, ServiceFeature services, Outbox outbox,
                          Notifier notifier, LongPredicate productExists) {
        var store = new TrafficStore(db);
        var products = new ProductBandwidth(db, clock);
        var bandwidth = new Bandwidth(clock, store, new Usage(store), products, services.services(), services.moduleAccess(),
                new BandwidthGraphs());
        this.sampler = new TrafficSampler(db, clock, store, services.services(), services.moduleAccess());
        this.rollups = new Rollups(db, clock, store, config.getDuration("traffic.rollup-grace", Duration.ofMinutes(10)));
        this.notices = new QuotaNotices(db, clock, bandwidth, products, outbox, notifier);
        this.overage = new OverageCharges(bandwidth, products);
        this.clientHandlers = new TrafficClientHandlers(bandwidth);
        this.adminHandlers = new TrafficAdminHandlers(bandwidth, productExists);
        this.demo = new TrafficDemo(db, clock, store, rollups, products, services.services(), services.moduleAccess());
        scheduler.recurring(SAMPLE_TASK, config.getDuration("traffic.sample-interval", Duration.ofMinutes(5)), this::sampleNow);
        scheduler.recurring(ROLLUP_TASK, config.getDuration("traffic.rollup-interval", Duration.ofMinutes(15)), this::rollUpNow);
    }

    /** One sampling round, then the quota check of the services it read. Answers how many services were sampled. */
    public int sampleNow() {
        var round = sampler.runNow();
        notices.check(round.services());
        return round.sampled();
    }

    /** Rolls complete buckets up and prunes expired ones. */
    public void rollUpNow() {
        rollups.runNow();
    }

    /** Bandwidth overage for the billing run's renewal invoices. */
    public UsageCharges overageCharges() { return overage; }

    public TrafficClientHandlers clientHandlers() { return clientHandlers; }

    public TrafficAdminHandlers adminHandlers() { return adminHandlers; }

    public TrafficDemo demo() { return demo; }
}
