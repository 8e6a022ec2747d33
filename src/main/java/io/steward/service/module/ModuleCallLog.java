package io.steward.service.module;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code module_call} table: every call the recording module received, for staff and tests to read. */
public final class ModuleCallLog {
    static final Table<Record> T = table(name("module_call"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<Long> JOB_ID = field(name("job_id"), Long.class);
    static final Field<String> MODULE = field(name("module"), String.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> PARAMETERS = field(name("parameters"), String.class);
    static final Field<LocalDateTime> CALLED_AT = field(name("called_at"), LocalDateTime.class);
    static final Field<String> IDEMPOTENCY_KEY = field(name("idempotency_key"), String.class);
    static final Field<Boolean> REPLAYED = field(name("replayed"), Boolean.class);
    static final Field<String> RESULT = field(name("result"), String.class);

    /**
     * One recorded call; {@code parameters} is the request as JSON, the password masked;
     * {@code replayed} when the call repeated an idempotency key already acted on, so nothing was done.
     */
    public record Call(long id, long serviceId, Long jobId, String module, String action, String parameters, LocalDateTime calledAt,
                       String idempotencyKey, boolean replayed) {}

    private final Db db;
    private final Clock clock;

    public ModuleCallLog(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(long serviceId, Long jobId, String module, String action, String parameters) {
        record(serviceId, jobId, module, action, parameters, null, false, null);
    }

    /** Records a call under its idempotency key, with the result a repeat of the key answers (never a password). */
    public void record(long serviceId, Long jobId, String module, String action, String parameters, String idempotencyKey,
                       boolean replayed, String result) {
        db.txRun(() -> db.dsl().insertInto(T).set(SERVICE_ID, serviceId).set(JOB_ID, jobId).set(MODULE, module).set(ACTION, action)
                .set(PARAMETERS, parameters).set(CALLED_AT, Times.now(clock)).set(IDEMPOTENCY_KEY, idempotencyKey)
                .set(REPLAYED, replayed).set(RESULT, result).execute());
    }

    /** The result recorded by the first call that acted under {@code idempotencyKey}, if any did. */
    public java.util.Optional<String> firstResult(String idempotencyKey) {
        return db.dsl().select(RESULT).from(T).where(IDEMPOTENCY_KEY.eq(idempotencyKey)).and(REPLAYED.isFalse())
                .orderBy(ID.asc()).limit(1).fetchOptional(RESULT).map(r -> r == null ? "{}" : r);
    }

    /** The service's calls, oldest first. */
    public List<Call> calls(long serviceId) {
        return db.dsl().select(ID, SERVICE_ID, JOB_ID, MODULE, ACTION, PARAMETERS, CALLED_AT, IDEMPOTENCY_KEY, REPLAYED).from(T)
                .where(SERVICE_ID.eq(serviceId)).orderBy(ID.asc())
                .fetch(r -> new Call(r.get(ID), r.get(SERVICE_ID), r.get(JOB_ID), r.get(MODULE), r.get(ACTION), r.get(PARAMETERS),
                        r.get(CALLED_AT), r.get(IDEMPOTENCY_KEY), Boolean.TRUE.equals(r.get(REPLAYED))));
    }
}
