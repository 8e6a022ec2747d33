package io.steward.traffic;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import io.steward.service.module.TrafficCounters.Counter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The traffic tables: the last reading per (service, counter), bytes per time bucket at three
 * resolutions, and how far each coarser resolution is rolled up. Joins the caller's transaction.
 */
final class TrafficStore {
    static final int FIVE_MINUTES = 300;
    static final int HOUR = 3600;
    static final int DAY = 86400;

    static final Table<Record> READING = table(name("traffic_reading"));
    static final Table<Record> BUCKET = table(name("traffic_bucket"));
    static final Table<Record> ROLLUP = table(name("traffic_rollup"));
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<String> COUNTER = field(name("counter_name"), String.class);
    static final Field<Long> IN = field(name("in_bytes"), Long.class);
    static final Field<Long> OUT = field(name("out_bytes"), Long.class);
    static final Field<LocalDateTime> READ_AT = field(name("read_at"), LocalDateTime.class);
    static final Field<Integer> RESOLUTION = field(name("resolution"), Integer.class);
    static final Field<LocalDateTime> START = field(name("bucket_start"), LocalDateTime.class);
    static final Field<LocalDateTime> ROLLED_UNTIL = field(name("rolled_until"), LocalDateTime.class);

    /** Bytes of one bucket. */
    record Bucket(long serviceId, LocalDateTime start, long in, long out) {}

    private final Db db;

    TrafficStore(Db db) {
        this.db = db;
    }

    /** The services' last readings, by service and counter name. */
    Map<Long, Map<String, Counter>> readings(Collection<Long> serviceIds) {
        var out = new HashMap<Long, Map<String, Counter>>();
        if (serviceIds.isEmpty()) return out;
        db.dsl().select(SERVICE_ID, COUNTER, IN, OUT).from(READING).where(SERVICE_ID.in(serviceIds)).fetch()
                .forEach(r -> out.computeIfAbsent(r.get(SERVICE_ID), k -> new HashMap<>())
                        .put(r.get(COUNTER), new Counter(r.get(COUNTER), r.get(IN), r.get(OUT))));
        return out;
    }

    /** One sampled service: its counters now, and which of them had a reading before. */
    record Sampled(long serviceId, List<Counter> counters, java.util.Set<String> known, long in, long out) {}

    /**
     * Writes a round of readings in a few batched statements: the new last readings, and each
     * service's delta added to the five-minute bucket of {@code at}.
     */
    void record(List<Sampled> round, LocalDateTime at) {
        if (round.isEmpty()) return;
        var dsl = db.dsl();
        var update = dsl.batch(dsl.update(READING).set(IN, (Long) null).set(OUT, (Long) null).set(READ_AT, (LocalDateTime) null)
                .where(SERVICE_ID.eq((Long) null)).and(COUNTER.eq((String) null)));
        var insert = dsl.batch(dsl.insertInto(READING, SERVICE_ID, COUNTER, IN, OUT, READ_AT)
                .values((Long) null, (String) null, (Long) null, (Long) null, (LocalDateTime) null));
        int updates = 0, inserts = 0;
        for (Sampled s : round) {
            var seen = new java.util.HashSet<String>();
            for (Counter c : s.counters()) {
                if (!seen.add(c.name())) continue;
                if (s.known().contains(c.name())) {
                    update = update.bind(c.inBytes(), c.outBytes(), at, s.serviceId(), c.name());
                    updates++;
                } else {
                    insert = insert.bind(s.serviceId(), c.name(), c.inBytes(), c.outBytes(), at);
                    inserts++;
                }
            }
        }
        if (updates > 0) update.execute();
        if (inserts > 0) insert.execute();
        var buckets = round.stream().filter(s -> s.in() > 0 || s.out() > 0)
                .map(s -> new Bucket(s.serviceId(), floor(at, FIVE_MINUTES), s.in(), s.out())).toList();
        add(FIVE_MINUTES, buckets);
    }

    /** Adds bytes to buckets of {@code resolution}, creating those that do not exist yet (update first, then insert the rest). */
    void add(int resolution, List<Bucket> buckets) {
        if (buckets.isEmpty()) return;
        var dsl = db.dsl();
        var update = dsl.batch(dsl.update(BUCKET).set(IN, IN.plus((Long) null)).set(OUT, OUT.plus((Long) null))
                .where(SERVICE_ID.eq((Long) null)).and(RESOLUTION.eq((Integer) null)).and(START.eq((LocalDateTime) null)));
        for (Bucket b : buckets) update = update.bind(b.in(), b.out(), b.serviceId(), resolution, b.start());
        int[] done = update.execute();
        var missing = new ArrayList<Bucket>();
        for (int i = 0; i < buckets.size(); i++) if (done[i] == 0) missing.add(buckets.get(i));
        insert(resolution, missing);
    }

    /** Inserts buckets of {@code resolution} known not to exist (a roll-up's range, just cleared): one statement, bound per row. */
    void insert(int resolution, List<Bucket> buckets) {
        if (buckets.isEmpty()) return;
        var dsl = db.dsl();
        var batch = dsl.batch(dsl.insertInto(BUCKET, SERVICE_ID, RESOLUTION, START, IN, OUT)
                .values((Long) null, (Integer) null, (LocalDateTime) null, (Long) null, (Long) null));
        for (Bucket b : buckets) batch = batch.bind(b.serviceId(), resolution, b.start(), b.in(), b.out());
        batch.execute();
    }

    /** Buckets of {@code resolution} in [from, to), of one service or (null) of all, in time order. */
    List<Bucket> buckets(Long serviceId, int resolution, LocalDateTime from, LocalDateTime to) {
        if (!from.isBefore(to)) return List.of();
        var where = RESOLUTION.eq(resolution).and(START.ge(from)).and(START.lt(to));
        if (serviceId != null) where = where.and(SERVICE_ID.eq(serviceId));
        return db.dsl().select(SERVICE_ID, START, IN, OUT).from(BUCKET).where(where).orderBy(START, SERVICE_ID)
                .fetch(r -> new Bucket(r.get(SERVICE_ID), r.get(START), r.get(IN), r.get(OUT)));
    }

    /** Total in and out bytes of one service's buckets of {@code resolution} in [from, to). */
    long[] total(long serviceId, int resolution, LocalDateTime from, LocalDateTime to) {
        if (!from.isBefore(to)) return new long[] {0, 0};
        var r = db.dsl().select(sum(IN), sum(OUT)).from(BUCKET).where(SERVICE_ID.eq(serviceId)).and(RESOLUTION.eq(resolution))
                .and(START.ge(from)).and(START.lt(to)).fetchOne();
        return new long[] {longOf(r.value1()), longOf(r.value2())};
    }

    /** Deletes buckets of {@code resolution} in [from, to), of one service or of all. */
    int delete(Long serviceId, int resolution, LocalDateTime from, LocalDateTime to) {
        var where = RESOLUTION.eq(resolution).and(START.ge(from)).and(START.lt(to));
        if (serviceId != null) where = where.and(SERVICE_ID.eq(serviceId));
        return db.dsl().deleteFrom(BUCKET).where(where).execute();
    }

    /** Deletes buckets of {@code resolution} older than {@code before}. */
    int prune(int resolution, LocalDateTime before) {
        return db.dsl().deleteFrom(BUCKET).where(RESOLUTION.eq(resolution)).and(START.lt(before)).execute();
    }

    boolean hasBuckets(long serviceId) {
        return db.dsl().fetchExists(db.dsl().selectOne().from(BUCKET).where(SERVICE_ID.eq(serviceId)));
    }

    /** The earliest bucket of {@code resolution}, if any. */
    Optional<LocalDateTime> earliest(int resolution) {
        return Optional.ofNullable(db.dsl().select(org.jooq.impl.DSL.min(START)).from(BUCKET).where(RESOLUTION.eq(resolution))
                .fetchOne().value1());
    }

    /** How far each coarser resolution is rolled up. */
    Map<Integer, LocalDateTime> watermarks() {
        var out = new TreeMap<Integer, LocalDateTime>();
        db.dsl().select(RESOLUTION, ROLLED_UNTIL).from(ROLLUP).fetch().forEach(r -> out.put(r.get(RESOLUTION), r.get(ROLLED_UNTIL)));
        return out;
    }

    /** The watermark of {@code resolution}, locked until the transaction ends (one roll-up at a time); created at {@code initial} when missing. */
    LocalDateTime lockWatermark(int resolution, LocalDateTime initial) {
        var dsl = db.dsl();
        var current = dsl.select(ROLLED_UNTIL).from(ROLLUP).where(RESOLUTION.eq(resolution)).forUpdate().fetchOptional(ROLLED_UNTIL);
        if (current.isPresent()) return current.get();
        try {
            dsl.insertInto(ROLLUP).set(RESOLUTION, resolution).set(ROLLED_UNTIL, initial).execute();
        } catch (RuntimeException e) {
            if (!Db.isConstraintViolation(e)) throw e;
        }
        return dsl.select(ROLLED_UNTIL).from(ROLLUP).where(RESOLUTION.eq(resolution)).forUpdate().fetchOne(ROLLED_UNTIL);
    }

    void setWatermark(int resolution, LocalDateTime until) {
        db.dsl().update(ROLLUP).set(ROLLED_UNTIL, until).where(RESOLUTION.eq(resolution)).execute();
    }

    /** {@code t} rounded down to a multiple of {@code seconds} since the epoch (UTC). */
    static LocalDateTime floor(LocalDateTime t, int seconds) {
        long epoch = t.toEpochSecond(java.time.ZoneOffset.UTC);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epoch, seconds) * seconds, 0, java.time.ZoneOffset.UTC);
    }

    private static long longOf(Object v) {
        if (v == null) return 0;
        if (v instanceof BigDecimal d) return d.longValueExact();
        return ((Number) v).longValue();
    }
}
