package io.steward.jobs;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code job} table. */
final class JobStore {
    static final Table<Record> T = table(name("job"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> KIND = field(name("kind"), String.class);
    static final Field<String> SUBJECT = field(name("subject"), String.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> PAYLOAD = field(name("payload"), String.class);
    static final Field<String> DEDUPE_KEY = field(name("dedupe_key"), String.class);
    static final Field<String> IDEMPOTENCY_KEY = field(name("idempotency_key"), String.class);
    static final Field<Integer> ATTEMPTS = field(name("attempts"), Integer.class);
    static final Field<Integer> MAX_ATTEMPTS = field(name("max_attempts"), Integer.class);
    static final Field<LocalDateTime> NEXT_ATTEMPT_AT = field(name("next_attempt_at"), LocalDateTime.class);
    static final Field<String> CLAIMED_BY = field(name("claimed_by"), String.class);
    static final Field<LocalDateTime> CLAIMED_AT = field(name("claimed_at"), LocalDateTime.class);
    static final Field<String> LAST_ERROR = field(name("last_error"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> FINISHED_AT = field(name("finished_at"), LocalDateTime.class);

    /** Qualified names, to tell the outer job from an earlier job of the same subject in a subquery. */
    private static final Table<Record> EARLIER = table(name("job")).as("earlier");
    private static final Field<Long> EARLIER_ID = field(name("earlier", "id"), Long.class);
    private static final Field<String> EARLIER_KIND = field(name("earlier", "kind"), String.class);
    private static final Field<String> EARLIER_SUBJECT = field(name("earlier", "subject"), String.class);
    private static final Field<String> EARLIER_STATUS = field(name("earlier", "status"), String.class);
    private static final Field<Long> OUTER_ID = field(name("job", "id"), Long.class);
    private static final Field<String> OUTER_KIND = field(name("job", "kind"), String.class);
    private static final Field<String> OUTER_SUBJECT = field(name("job", "subject"), String.class);

    static final List<Field<?>> COLUMNS = List.of(ID, KIND, SUBJECT, ACTION, STATUS, PAYLOAD, DEDUPE_KEY, IDEMPOTENCY_KEY, ATTEMPTS,
            MAX_ATTEMPTS, NEXT_ATTEMPT_AT, CLAIMED_BY, CLAIMED_AT, LAST_ERROR, CREATED_AT, UPDATED_AT, FINISHED_AT);

    /** Filters of the admin list; null means any. */
    record Filter(String kind, String status, String subject, String action) {
        Condition condition() {
            Condition c = DSL.noCondition();
            if (kind != null) c = c.and(KIND.eq(kind));
            if (status != null) c = c.and(STATUS.eq(status));
            if (subject != null) c = c.and(SUBJECT.eq(subject));
            if (action != null) c = c.and(ACTION.eq(action));
            return c;
        }
    }

    private final Db db;

    JobStore(Db db) {
        this.db = db;
    }

    static Job map(Record r) {
        return new Job(r.get(ID), r.get(KIND), r.get(SUBJECT), r.get(ACTION), r.get(STATUS), r.get(PAYLOAD), r.get(DEDUPE_KEY),
                r.get(IDEMPOTENCY_KEY), r.get(ATTEMPTS), r.get(MAX_ATTEMPTS), r.get(NEXT_ATTEMPT_AT), r.get(CLAIMED_BY),
                r.get(CLAIMED_AT), r.get(LAST_ERROR), r.get(CREATED_AT), r.get(UPDATED_AT), r.get(FINISHED_AT));
    }

    long insert(String kind, String subject, String action, String payload, String dedupeKey, String idempotencyKey, int maxAttempts,
                LocalDateTime now) {
        return db.dsl().insertInto(T).set(KIND, kind).set(SUBJECT, subject).set(ACTION, action).set(STATUS, Job.QUEUED)
                .set(PAYLOAD, payload).set(DEDUPE_KEY, dedupeKey).set(IDEMPOTENCY_KEY, idempotencyKey).set(ATTEMPTS, 0)
                .set(MAX_ATTEMPTS, maxAttempts).set(NEXT_ATTEMPT_AT, now).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    /** Inserts one job per subject with multi-row statements (500 rows each); no dedupe keys. */
    void insertAll(String kind, String action, List<String> subjects, List<String> idempotencyKeys, int maxAttempts, LocalDateTime now) {
        for (int from = 0; from < subjects.size(); from += 500) {
            var insert = db.dsl().insertInto(T, KIND, SUBJECT, ACTION, STATUS, PAYLOAD, IDEMPOTENCY_KEY, ATTEMPTS, MAX_ATTEMPTS,
                    NEXT_ATTEMPT_AT, CREATED_AT, UPDATED_AT);
            for (int i = from; i < Math.min(subjects.size(), from + 500); i++) {
                insert = insert.values(kind, subjects.get(i), action, Job.QUEUED, "{}", idempotencyKeys.get(i), 0, maxAttempts, now, now, now);
            }
            insert.execute();
        }
    }

    Optional<Job> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(JobStore::map);
    }

    Optional<Job> byDedupeKey(String kind, String key) {
        return db.dsl().select(COLUMNS).from(T).where(KIND.eq(kind)).and(DEDUPE_KEY.eq(key)).fetchOptional(JobStore::map);
    }

    /** The subject's newest job of {@code kind}, limited to {@code actions} and {@code statuses} when not null. */
    Optional<Job> latest(String kind, String subject, Collection<String> actions, Collection<String> statuses) {
        Condition c = KIND.eq(kind).and(SUBJECT.eq(subject));
        if (actions != null) c = c.and(ACTION.in(actions));
        if (statuses != null) c = c.and(STATUS.in(statuses));
        return db.dsl().select(COLUMNS).from(T).where(c).orderBy(ID.desc()).limit(1).fetchOptional(JobStore::map);
    }

    /** Every job of {@code kind} for these subjects, oldest first. */
    List<Job> forSubjects(String kind, Collection<String> subjects) {
        return db.dsl().select(COLUMNS).from(T).where(KIND.eq(kind)).and(SUBJECT.in(subjects)).orderBy(ID.asc()).fetch(JobStore::map);
    }

    boolean anyFor(String kind, String subject) {
        return db.dsl().fetchExists(T, KIND.eq(kind).and(SUBJECT.eq(subject)));
    }

    List<Job> search(Filter f, int page, int perPage) {
        return db.dsl().select(COLUMNS).from(T).where(f.condition()).orderBy(ID.desc())
                .limit(perPage).offset((page - 1) * perPage).fetch(JobStore::map);
    }

    int count(Filter f) {
        return db.dsl().fetchCount(T, f.condition());
    }

    int running(String kind) {
        return db.dsl().fetchCount(T, KIND.eq(kind).and(STATUS.eq(Job.RUNNING)));
    }

    /**
     * Ids of up to {@code limit} jobs of {@code kind} due at {@code now}, oldest due first: queued,
     * or failed with their retry due; for an ordered kind, not behind an unfinished earlier job of
     * the same subject. The rows are locked {@code FOR UPDATE SKIP LOCKED} (PostgreSQL, and H2 2.x,
     * which has it too), so concurrent claimers pass over each other's picks instead of waiting;
     * the caller claims them in the same transaction.
     */
    List<Long> due(String kind, boolean ordered, LocalDateTime now, int limit) {
        Condition c = KIND.eq(kind).and(STATUS.in(Job.QUEUED, Job.FAILED)).and(NEXT_ATTEMPT_AT.le(now));
        if (ordered) {
            c = c.and(notExists(selectOne().from(EARLIER)
                    .where(EARLIER_KIND.eq(OUTER_KIND)).and(EARLIER_SUBJECT.eq(OUTER_SUBJECT))
                    .and(EARLIER_ID.lt(OUTER_ID)).and(EARLIER_STATUS.in(Job.UNFINISHED))));
        }
        var select = db.dsl().select(ID).from(T).where(c).orderBy(NEXT_ATTEMPT_AT.asc(), ID.asc()).limit(limit);
        return select.forUpdate().skipLocked().fetch(ID);
    }

    /**
     * Claims a due job under {@code token} with one conditional update, counting the attempt. The
     * condition repeats the pick's, so a job stays with one claimer even where the pick's row lock
     * did not hold it (a row picked before another claimer's transaction committed).
     */
    boolean claim(long id, String token, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, Job.RUNNING).set(CLAIMED_BY, token).set(CLAIMED_AT, now)
                .set(ATTEMPTS, ATTEMPTS.plus(1)).set(UPDATED_AT, now)
                .where(ID.eq(id)).and(STATUS.in(Job.QUEUED, Job.FAILED)).and(NEXT_ATTEMPT_AT.le(now))
                .execute() == 1;
    }

    /** Marks a running job done; false if {@code token} no longer holds it (it was recovered meanwhile). */
    boolean done(long id, String token, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, Job.DONE).set(FINISHED_AT, now).set(UPDATED_AT, now).set(LAST_ERROR, (String) null)
                .where(ID.eq(id)).and(STATUS.eq(Job.RUNNING)).and(CLAIMED_BY.eq(token)).execute() == 1;
    }

    /** Records a failed attempt under the claim: a retry at {@code retryAt}, or the dead letter when it is null. */
    boolean failed(long id, String token, String error, LocalDateTime retryAt, LocalDateTime now) {
        var u = db.dsl().update(T).set(LAST_ERROR, error).set(UPDATED_AT, now);
        var set = retryAt == null
                ? u.set(STATUS, Job.DEAD).set(FINISHED_AT, now)
                : u.set(STATUS, Job.FAILED).set(NEXT_ATTEMPT_AT, retryAt);
        return set.where(ID.eq(id)).and(STATUS.eq(Job.RUNNING)).and(CLAIMED_BY.eq(token)).execute() == 1;
    }

    /** Running jobs of {@code kind} claimed before {@code cutoff}: their runner stopped or hangs. */
    List<Job> stale(String kind, LocalDateTime cutoff) {
        return db.dsl().select(COLUMNS).from(T).where(KIND.eq(kind)).and(STATUS.eq(Job.RUNNING)).and(CLAIMED_AT.lt(cutoff))
                .fetch(JobStore::map);
    }

    /** Staff retry: the job runs again now with a fresh set of attempts. */
    boolean requeue(long id, int maxAttempts, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, Job.QUEUED).set(ATTEMPTS, 0).set(MAX_ATTEMPTS, maxAttempts)
                .set(NEXT_ATTEMPT_AT, now).set(FINISHED_AT, (LocalDateTime) null).set(CLAIMED_BY, (String) null)
                .set(CLAIMED_AT, (LocalDateTime) null).set(UPDATED_AT, now)
                .where(ID.eq(id)).and(STATUS.in(Job.DEAD, Job.FAILED)).execute() == 1;
    }

    /** Staff cancel of a job that is not running and not done. */
    boolean cancel(long id, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, Job.CANCELLED).set(FINISHED_AT, now).set(UPDATED_AT, now)
                .set(CLAIMED_BY, (String) null).where(ID.eq(id)).and(STATUS.in(Job.QUEUED, Job.FAILED, Job.DEAD)).execute() == 1;
    }

    /** Per kind: how many wait, the oldest due time, how many run, are dead, and failed (an attempt) since {@code since}. */
    record QueueRow(String kind, int waiting, LocalDateTime oldestDue, int running, int dead, int failedSince) {}

    List<QueueRow> queues(LocalDateTime now, LocalDateTime since) {
        Field<Integer> waiting = sum(when(STATUS.in(Job.QUEUED, Job.FAILED), 1).otherwise(0)).cast(Integer.class);
        Field<LocalDateTime> oldest = min(when(STATUS.in(Job.QUEUED, Job.FAILED).and(NEXT_ATTEMPT_AT.le(now)), NEXT_ATTEMPT_AT));
        Field<Integer> running = sum(when(STATUS.eq(Job.RUNNING), 1).otherwise(0)).cast(Integer.class);
        Field<Integer> dead = sum(when(STATUS.eq(Job.DEAD), 1).otherwise(0)).cast(Integer.class);
        Field<Integer> failed = sum(when(STATUS.in(Job.FAILED, Job.DEAD).and(UPDATED_AT.ge(since)), 1).otherwise(0)).cast(Integer.class);
        return db.dsl().select(KIND, waiting, oldest, running, dead, failed).from(T)
                .where(STATUS.in(Job.QUEUED, Job.FAILED, Job.RUNNING, Job.DEAD))
                .groupBy(KIND).orderBy(KIND)
                .fetch(r -> new QueueRow(r.value1(), n(r.value2()), r.value3(), n(r.value4()), n(r.value5()), n(r.value6())));
    }

    private static int n(Integer i) { return i == null ? 0 : i; }
}
