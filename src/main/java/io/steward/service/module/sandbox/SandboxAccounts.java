package io.steward.service.module.sandbox;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code sandbox_account} table: the sandbox platform's accounts, one per service. */
final class SandboxAccounts {
    static final Table<Record> T = table(name("sandbox_account"));
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<String> USERNAME = field(name("username"), String.class);
    static final Field<String> PACKAGE = field(name("package"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> POWER = field(name("power"), String.class);
    static final Field<String> ADDRESSES = field(name("addresses"), String.class);
    static final Field<Long> RATE_IN = field(name("rate_in"), Long.class);
    static final Field<Long> RATE_OUT = field(name("rate_out"), Long.class);
    static final Field<Long> COUNTED_IN = field(name("counted_in"), Long.class);
    static final Field<Long> COUNTED_OUT = field(name("counted_out"), Long.class);
    static final Field<LocalDateTime> COUNTING_SINCE = field(name("counting_since"), LocalDateTime.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> SUSPENDED_AT = field(name("suspended_at"), LocalDateTime.class);
    static final Field<LocalDateTime> TERMINATED_AT = field(name("terminated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final String ACTIVE = "active";
    static final String SUSPENDED = "suspended";
    static final String TERMINATED = "terminated";
    static final String RUNNING = "running";
    static final String STOPPED = "stopped";

    /** One account as stored. */
    record Account(long serviceId, String username, String pkg, String status, String power, String addresses, long rateIn,
                   long rateOut, long countedIn, long countedOut, LocalDateTime countingSince) {
        /** Whether the simulated interface is moving bytes: an active, running machine. */
        boolean counting() {
            return countingSince != null;
        }

        /** The cumulative counters at {@code now}. */
        long[] countersAt(LocalDateTime now) {
            if (countingSince == null) return new long[] {countedIn, countedOut};
            long seconds = Math.max(0, Duration.between(countingSince, now).toSeconds());
            return new long[] {countedIn + rateIn * seconds, countedOut + rateOut * seconds};
        }
    }

    private final Db db;
    private final Clock clock;

    SandboxAccounts(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    LocalDateTime now() {
        return Times.now(clock);
    }

    Optional<Account> find(long serviceId) {
        return db.dsl().select(SERVICE_ID, USERNAME, PACKAGE, STATUS, POWER, ADDRESSES, RATE_IN, RATE_OUT, COUNTED_IN, COUNTED_OUT,
                COUNTING_SINCE).from(T).where(SERVICE_ID.eq(serviceId)).fetchOptional(SandboxAccounts::map);
    }

    /** Inserts a new running account; false when the service has one already (a retried create). */
    boolean insert(long serviceId, String username, String pkg, String addresses, long rateIn, long rateOut) {
        LocalDateTime now = now();
        try {
            db.txRun(() -> db.dsl().insertInto(T).set(SERVICE_ID, serviceId).set(USERNAME, username).set(PACKAGE, pkg)
                    .set(STATUS, ACTIVE).set(POWER, RUNNING).set(ADDRESSES, addresses).set(RATE_IN, rateIn).set(RATE_OUT, rateOut)
                    .set(COUNTED_IN, 0L).set(COUNTED_OUT, 0L).set(COUNTING_SINCE, now).set(CREATED_AT, now).set(UPDATED_AT, now)
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (Db.isConstraintViolation(e)) return false;
            throw e;
        }
    }

    /**
     * Writes a state change under a row lock, so concurrent actions on one account apply one after
     * the other. {@code change} gets the current account and answers the new one (or the same).
     */
    Optional<Account> update(long serviceId, java.util.function.UnaryOperator<Account> change) {
        return db.tx(() -> {
            var current = db.dsl().select(SERVICE_ID, USERNAME, PACKAGE, STATUS, POWER, ADDRESSES, RATE_IN, RATE_OUT, COUNTED_IN,
                    COUNTED_OUT, COUNTING_SINCE).from(T).where(SERVICE_ID.eq(serviceId)).forUpdate().fetchOptional(SandboxAccounts::map);
            if (current.isEmpty()) return Optional.<Account>empty();
            Account next = change.apply(current.get());
            if (next.equals(current.get())) return current;
            LocalDateTime now = now();
            var set = db.dsl().update(T).set(PACKAGE, next.pkg()).set(STATUS, next.status()).set(POWER, next.power())
                    .set(ADDRESSES, next.addresses()).set(COUNTED_IN, next.countedIn()).set(COUNTED_OUT, next.countedOut())
                    .set(COUNTING_SINCE, next.countingSince()).set(UPDATED_AT, now);
            if (!next.status().equals(current.get().status())) {
                if (next.status().equals(SUSPENDED)) set = set.set(SUSPENDED_AT, now);
                if (next.status().equals(TERMINATED)) set = set.set(TERMINATED_AT, now);
                if (next.status().equals(ACTIVE)) set = set.set(SUSPENDED_AT, (LocalDateTime) null);
            }
            set.where(SERVICE_ID.eq(serviceId)).execute();
            return Optional.of(next);
        });
    }

    private static Account map(Record r) {
        return new Account(r.get(SERVICE_ID), r.get(USERNAME), r.get(PACKAGE), r.get(STATUS), r.get(POWER), r.get(ADDRESSES),
                r.get(RATE_IN), r.get(RATE_OUT), r.get(COUNTED_IN), r.get(COUNTED_OUT), r.get(COUNTING_SINCE));
    }
}
