package io.steward.service;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code provisioning_job} table. */
final class JobStore {
    static final Table<Record> T = table(name("provisioning_job"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> PARAMS = field(name("params"), String.class);
    static final Field<String> DEDUPE_KEY = field(name("dedupe_key"), String.class);
    static final Field<Integer> ATTEMPTS = field(name("attempts"), Integer.class);
    static final Field<Integer> MAX_ATTEMPTS = field(name("max_attempts"), Integer.class);
    static final Field<LocalDateTime> NEXT_ATTEMPT_AT = field(name("next_attempt_at"), LocalDateTime.class);
    static final Field<String> CLAIMED_BY = field(name("claimed_by"), String.class);
    static final Field<LocalDateTime> CLAIMED_AT = field(name("claimed_at"), LocalDateTime.class);
    static final Field<String> LAST_ERROR = field(name("last_error"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> FINISHED_AT = field(name("finished_at"), LocalDateTime.class);

    /** Qualified names, to tell the outer job from an earlier job of the same service in a subquery. */
    private static final Table<Record> EARLIER = table(name("provisioning_job")).as("earlier");
    private static final Field<Long> EARLIER_ID = field(name("earlier", "id"), Long.class);
    private static final Field<Long> EARLIER_SERVICE_ID = field(name("earlier", "service_id"), Long.class);
    private static final Field<String> EARLIER_STATUS = field(name("earlier", "status"), String.class);
    private static final Field<Long> OUTER_ID = field(name("provisioning_job", "id"), Long.class);
    private static final Field<Long> OUTER_SERVICE_ID = field(name("provisioning_job", "service_id"), Long.class);

    static final List<String> UNFINISHED = List.of(ProvisioningJob.QUEUED, ProvisioningJob.RUNNING, ProvisioningJob.FAILED);

    static final List<Field<?>> COLUMNS = List.of(ID, SERVICE_ID, ACTION, STATUS, PARAMS, ATTEMPTS, MAX_ATTEMPTS, NEXT_ATTEMPT_AT,
            CLAIMED_BY, CLAIMED_AT, LAST_ERROR, CREATED_AT, UPDATED_AT, FINISHED_AT);

    private final Db db;

    JobStore(Db db) {
        this.db = db;
    }

    static ProvisioningJob map(Record r) {
        return new ProvisioningJob(r.get(ID), r.get(SERVICE_ID), ProvisioningJob.Action.parse(r.get(ACTION)).orElseThrow(),
                r.get(STATUS), r.get(PARAMS), r.get(ATTEMPTS), r.get(MAX_ATTEMPTS), r.get(NEXT_ATTEMPT_AT), r.get(CLAIMED_BY),
                r.get(CLAIMED_AT), r.get(LAST_ERROR), r.get(CREATED_AT), r.get(UPDATED_AT), r.get(FINISHED_AT));
    }

    long insert(long serviceId, ProvisioningJob.Action action, String params, String dedupeKey, int maxAttempts, LocalDateTime now) {
        return db.dsl().insertInto(T).set(SERVICE_ID, serviceId).set(ACTION, action.code()).set(STATUS, ProvisioningJob.QUEUED)
                .set(PARAMS, params).set(DEDUPE_KEY, dedupeKey).set(ATTEMPTS, 0).set(MAX_ATTEMPTS, maxAttempts)
                .set(NEXT_ATTEMPT_AT, now).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    Optional<ProvisioningJob> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(JobStore::map);
    }

    Optional<ProvisioningJob> byDedupeKey(String key) {
        return db.dsl().select(COLUMNS).from(T).where(DEDUPE_KEY.eq(key)).fetchOptional(JobStore::map);
    }

    /** The service's unfinished job for {@code action}, if one is waiting or running. */
    Optional<ProvisioningJob> unfinished(long serviceId, ProvisioningJob.Action action) {
        return db.dsl().select(COLUMNS).from(T).where(SERVICE_ID.eq(serviceId)).and(ACTION.eq(action.code()))
                .and(STATUS.in(UNFINISHED)).orderBy(ID.desc()).limit(1).fetchOptional(JobStore::map);
    }

    /** The newest unfinished job among {@code actions} for the service. */
    Optional<ProvisioningJob> latestUnfinished(long serviceId, List<ProvisioningJob.Action> actions) {
        return db.dsl().select(COLUMNS).from(T).where(SERVICE_ID.eq(serviceId))
                .and(ACTION.in(actions.stream().map(ProvisioningJob.Action::code).toList()))
                .and(STATUS.in(UNFINISHED)).orderBy(ID.desc()).limit(1).fetchOptional(JobStore::map);
    }

    boolean anyFor(long serviceId) {
        return db.dsl().fetchExists(T, SERVICE_ID.eq(serviceId));
    }

    Optional<ProvisioningJob> latest(long serviceId) {
        return db.dsl().select(COLUMNS).from(T).where(SERVICE_ID.eq(serviceId)).orderBy(ID.desc()).limit(1).fetchOptional(JobStore::map);
    }

    private static Condition filter(String status, Long serviceId, String action) {
        Condition c = DSL.noCondition();
        if (status != null) c = c.and(STATUS.eq(status));
        if (serviceId != null) c = c.and(SERVICE_ID.eq(serviceId));
        if (action != null) c = c.and(ACTION.eq(action));
        return c;
    }

    List<ProvisioningJob> search(String status, Long serviceId, String action, int page, int perPage) {
        return db.dsl().select(COLUMNS).from(T).where(filter(status, serviceId, action)).orderBy(ID.desc())
                .limit(perPage).offset((page - 1) * perPage).fetch(JobStore::map);
    }

    int count(String status, Long serviceId, String action) {
        return db.dsl().fetchCount(T, filter(status, serviceId, action));
    }

    /**
     * Ids of jobs due to run at {@code now}: queued, or failed with their retry due, and not
     * behind an unfinished earlier job of the same service (a service's jobs run in order, so a
     * suspension never overtakes the creation it follows).
     */
    List<Long> due(LocalDateTime now, int limit) {
        return db.dsl().select(ID).from(T)
                .where(STATUS.in(ProvisioningJob.QUEUED, ProvisioningJob.FAILED)).and(NEXT_ATTEMPT_AT.le(now))
                .and(notExists(selectOne().from(EARLIER)
                        .where(EARLIER_SERVICE_ID.eq(OUTER_SERVICE_ID))
                        .and(EARLIER_ID.lt(OUTER_ID))
                        .and(EARLIER_STATUS.in(UNFINISHED))))
                .orderBy(NEXT_ATTEMPT_AT.asc(), ID.asc()).limit(limit).fetch(ID);
    }

    /**
     * Claims a due job under {@code token} (node name and a random part) with one conditional update: of two nodes (or threads)
     * claiming the same job, the database lets exactly one update match. Counts the attempt.
     */
    boolean claim(long id, String token, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, ProvisioningJob.RUNNING).set(CLAIMED_BY, token).set(CLAIMED_AT, now)
                .set(ATTEMPTS, ATTEMPTS.plus(1)).set(UPDATED_AT, now)
                .where(ID.eq(id)).and(STATUS.in(ProvisioningJob.QUEUED, ProvisioningJob.FAILED)).and(NEXT_ATTEMPT_AT.le(now))
                .execute() == 1;
    }

    /** Marks a running job done; false if the claim {@code token} no longer holds it (it was recovered meanwhile). */
    boolean done(long id, String token, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, ProvisioningJob.DONE).set(FINISHED_AT, now).set(UPDATED_AT, now).set(LAST_ERROR, (String) null)
                .where(ID.eq(id)).and(STATUS.eq(ProvisioningJob.RUNNING)).and(CLAIMED_BY.eq(token)).execute() == 1;
    }

    /** Records a failed attempt: a retry at {@code retryAt}, or the dead letter when {@code retryAt} is null. */
    boolean failed(long id, String token, String error, LocalDateTime retryAt, LocalDateTime now) {
        var u = db.dsl().update(T).set(LAST_ERROR, error).set(UPDATED_AT, now);
        var set = retryAt == null
                ? u.set(STATUS, ProvisioningJob.DEAD).set(FINISHED_AT, now)
                : u.set(STATUS, ProvisioningJob.FAILED).set(NEXT_ATTEMPT_AT, retryAt);
        return set.where(ID.eq(id)).and(STATUS.eq(ProvisioningJob.RUNNING)).and(CLAIMED_BY.eq(token)).execute() == 1;
    }

    /** Running jobs claimed before {@code cutoff}: their node stopped or hangs. */
    List<ProvisioningJob> stale(LocalDateTime cutoff) {
        return db.dsl().select(COLUMNS).from(T).where(STATUS.eq(ProvisioningJob.RUNNING)).and(CLAIMED_AT.lt(cutoff))
                .fetch(JobStore::map);
    }

    /** Staff retry: the job runs again now with a fresh set of attempts. */
    boolean requeue(long id, int maxAttempts, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, ProvisioningJob.QUEUED).set(ATTEMPTS, 0).set(MAX_ATTEMPTS, maxAttempts)
                .set(NEXT_ATTEMPT_AT, now).set(FINISHED_AT, (LocalDateTime) null).set(CLAIMED_BY, (String) null)
                .set(CLAIMED_AT, (LocalDateTime) null).set(UPDATED_AT, now)
                .where(ID.eq(id)).and(STATUS.in(ProvisioningJob.DEAD, ProvisioningJob.FAILED)).execute() == 1;
    }
}
