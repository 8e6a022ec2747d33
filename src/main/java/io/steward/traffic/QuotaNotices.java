package io.steward.traffic;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import io.steward.notification.Notifier;
import io.steward.service.Service;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * Tells a client when a service has used 80 % and 100 % of its product's bandwidth quota in the
 * current billing period: a portal notification and a mail ({@code service.bandwidth}) to the
 * service's audience, once per service, period and threshold. The once is the primary key of
 * {@code traffic_notice}, written in the transaction that queues the mail, so a rerun or a second
 * node sends nothing twice. When one round crosses both thresholds only the 100 % notice goes
 * out (the 80 % one is recorded as passed).
 */
final class QuotaNotices {
    static final List<Integer> THRESHOLDS = List.of(80, 100);

    static final Table<Record> T = table(name("traffic_notice"));
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<LocalDate> PERIOD_START = field(name("period_start"), LocalDate.class);
    static final Field<Integer> THRESHOLD = field(name("threshold"), Integer.class);
    static final Field<Long> USED = field(name("used_bytes"), Long.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);

    private final Db db;
    private final Clock clock;
    private final Bandwidth bandwidth;
    private final ProductBandwidth products;
    private final Outbox outbox;
    private final Notifier notifier;

    QuotaNotices(Db db, Clock clock, Bandwidth bandwidth, ProductBandwidth products, Outbox outbox, Notifier notifier) {
        this.db = db;
        this.clock = clock;
        this.bandwidth = bandwidth;
        this.products = products;
        this.outbox = outbox;
        this.notifier = notifier;
    }

    /** Checks the services against their quotas; answers how many notices went out. */
    int check(List<Service> services) {
        var terms = products.of(services.stream().map(Service::productId).filter(Objects::nonNull).distinct().toList());
        int sent = 0;
        for (Service s : services) {
            var t = s.productId() == null ? null : terms.get(s.productId());
            if (t == null || !t.hasQuota()) continue;
            var f = bandwidth.figures(s, Periods.containing(s, Times.now(clock).toLocalDate()));
            int percent = f.overage().percentUsed();
            var crossed = THRESHOLDS.stream().filter(th -> percent >= th).toList();
            if (crossed.isEmpty()) continue;
            if (db.tx(() -> notify(s, f, crossed))) sent++;
        }
        return sent;
    }

    /** Records the crossed thresholds not recorded yet and tells the client of the highest; false when all were told before. */
    private boolean notify(Service s, Bandwidth.Figures f, List<Integer> crossed) {
        int highest = -1;
        for (int th : crossed) if (record(s.id(), f.period().start(), th, f.inBytes() + f.outBytes())) highest = th;
        if (highest < 0) return false;
        Map<String, Object> vars = new HashMap<>();
        vars.put("service", s.name());
        vars.put("domain", s.domain() == null ? "" : s.domain());
        vars.put("service_id", s.id());
        vars.put("percent", highest);
        vars.put("used_gb", Overage.format(f.overage().usedGb()));
        vars.put("quota_gb", f.terms().quotaGb().stripTrailingZeros().toPlainString());
        vars.put("period_end", Times.date(f.period().end()));
        vars.put("overage_price", f.terms().overagePricePerGb().stripTrailingZeros().toPlainString());
        vars.put("currency", s.currency());
        outbox.toClient(s.clientId(), Outbox.Audience.service(s.id()), "service.bandwidth", vars);
        String subject = highest >= 100 ? "Bandwidth quota used up: " + s.name() : "Bandwidth " + highest + "% used: " + s.name();
        notifier.notify(s.clientId(), "service", s.id(), subject, "Your service " + s.name() + " has used " + vars.get("used_gb")
                + " GB of its " + vars.get("quota_gb") + " GB quota in the period ending " + vars.get("period_end") + ".");
        return true;
    }

    private boolean record(long serviceId, LocalDate periodStart, int threshold, long used) {
        var insert = db.dsl().insertInto(T).set(SERVICE_ID, serviceId).set(PERIOD_START, periodStart).set(THRESHOLD, threshold)
                .set(USED, used).set(CREATED_AT, Times.now(clock));
        try {
            // Qualified: H2's MERGE emulation otherwise finds the names ambiguous.
            return insert.onConflict(field(name("traffic_notice", "service_id")), field(name("traffic_notice", "period_start")),
                    field(name("traffic_notice", "threshold"))).doNothing().execute() == 1;
        } catch (DataAccessException e) {
            // A concurrent duplicate on H2 still surfaces as a unique violation.
            if ("23505".equals(e.sqlState())) return false;
            throw e;
        }
    }

    /** The thresholds already told for a service's period, for staff and tests. */
    List<Integer> told(long serviceId, LocalDate periodStart) {
        return new ArrayList<>(db.dsl().select(THRESHOLD).from(T).where(SERVICE_ID.eq(serviceId)).and(PERIOD_START.eq(periodStart))
                .orderBy(THRESHOLD).fetch(THRESHOLD));
    }
}
