package io.steward.domain;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.service.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrar jobs (register, transfer, renew), the domain feature's provisioning queue: a row
 * written in the transaction that caused it ({@link #enqueue}, with a dedupe key so a term is
 * registered or renewed once), claimed by exactly one runner with a conditional update, the
 * registrar called outside any transaction, the result recorded under the claim; retried with
 * the services' backoff and parked as {@code dead} after the last attempt or a refusal.
 * (The services' {@code provisioning_job} rows belong to services, hence a table of our own.)
 */
final class DomainJobs {
    private static final Logger LOG = LoggerFactory.getLogger(DomainJobs.class);

    static final Table<Record> T = table(name("domain_job"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> DOMAIN_ID = field(name("domain_id"), Long.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> PARAMS = field(name("params"), String.class);
    static final Field<String> DEDUPE = field(name("dedupe_key"), String.class);
    static final Field<Integer> ATTEMPTS = field(name("attempts"), Integer.class);
    static final Field<Integer> MAX_ATTEMPTS = field(name("max_attempts"), Integer.class);
    static final Field<LocalDateTime> NEXT_AT = field(name("next_attempt_at"), LocalDateTime.class);
    static final Field<String> CLAIMED_BY = field(name("claimed_by"), String.class);
    static final Field<LocalDateTime> CLAIMED_AT = field(name("claimed_at"), LocalDateTime.class);
    static final Field<String> LAST_ERROR = field(name("last_error"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> FINISHED_AT = field(name("finished_at"), LocalDateTime.class);

    /** One job row. */
    record Job(long id, long domainId, String action, String status, String params, int attempts, int maxAttempts,
               LocalDateTime nextAttemptAt, String lastError, LocalDateTime createdAt, LocalDateTime finishedAt) {}

    /** Runs one claimed job: the registrar call outside a transaction, then {@code succeeded} in one. */
    interface Runner {
        Object call(Job job);

        void succeeded(Job job, Object result);
    }

    private final Db db;
    private final Clock clock;
    private final String node;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration runningTimeout;
    private Runner runner;

    DomainJobs(Db db, Clock clock, String node, int maxAttempts, Backoff backoff, Duration runningTimeout) {
        this.db = db;
        this.clock = clock;
        this.node = node;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.runningTimeout = runningTimeout;
    }

    void runWith(Runner r) {
        this.runner = r;
    }

    /** Queues a job in the caller's transaction; a job ever queued under {@code dedupeKey} is not queued again. */
    void enqueue(long domainId, String action, String params, String dedupeKey) {
        db.txRun(() -> {
            if (dedupeKey != null && db.dsl().fetchExists(T, DEDUPE.eq(dedupeKey))) return;
            LocalDateTime now = Times.now(clock);
            db.dsl().insertInto(T).set(DOMAIN_ID, domainId).set(ACTION, action).set(STATUS, "queued").set(PARAMS, params)
                    .set(DEDUPE, dedupeKey).set(ATTEMPTS, 0).set(MAX_ATTEMPTS, maxAttempts).set(NEXT_AT, now)
                    .set(CREATED_AT, now).set(UPDATED_AT, now).execute();
        });
    }

    private static Job map(Record r) {
        return new Job(r.get(ID), r.get(DOMAIN_ID), r.get(ACTION), r.get(STATUS), r.get(PARAMS), r.get(ATTEMPTS), r.get(MAX_ATTEMPTS),
                r.get(NEXT_AT), r.get(LAST_ERROR), r.get(CREATED_AT), r.get(FINISHED_AT));
    }

    List<Job> list(Condition where, int limit) {
        return db.dsl().select(ID, DOMAIN_ID, ACTION, STATUS, PARAMS, ATTEMPTS, MAX_ATTEMPTS, NEXT_AT, LAST_ERROR, CREATED_AT, FINISHED_AT)
                .from(T).where(where).orderBy(ID.desc()).limit(limit).fetch().map(DomainJobs::map);
    }

    List<Job> search(String status, Long domainId) {
        Condition c = DSL.noCondition();
        if (status != null) c = c.and(STATUS.eq(status));
        if (domainId != null) c = c.and(DOMAIN_ID.eq(domainId));
        return list(c, 500);
    }

    Optional<Job> byId(long id) {
        return list(ID.eq(id), 1).stream().findFirst();
    }

    Optional<Job> latest(long domainId) {
        return list(DOMAIN_ID.eq(domainId), 1).stream().findFirst();
    }

    /** Staff retry of a dead or failed job, with a fresh set of attempts. */
    Job retry(long id) {
        return db.tx(() -> {
            Job j = byId(id).orElseThrow(() -> StewardException.notFound("Domain job not found"));
            LocalDateTime now = Times.now(clock);
            int n = db.dsl().update(T).set(STATUS, "queued").set(ATTEMPTS, 0).set(NEXT_AT, now).set(UPDATED_AT, now)
                    .set(CLAIMED_BY, (String) null).where(ID.eq(id).and(STATUS.in("dead", "failed"))).execute();
            if (n == 0) throw StewardException.conflict("Only dead or failed jobs can be retried; this one is " + j.status());
            return byId(id).orElseThrow();
        });
    }

    /** Runs every due job on this node (the scheduler's poll; tests call it directly). Answers how many ran. */
    int runDueJobsNow() {
        LocalDateTime stale = Times.now(clock).minus(runningTimeout);
        db.dsl().update(T).set(STATUS, "failed").set(LAST_ERROR, "The runner stopped answering").set(NEXT_AT, Times.now(clock))
                .where(STATUS.eq("running").and(CLAIMED_AT.lt(stale))).execute();
        int ran = 0;
        for (int round = 0; round < 100; round++) {
            LocalDateTime now = Times.now(clock);
            List<Long> due = db.dsl().select(ID).from(T).where(STATUS.in("queued", "failed").and(NEXT_AT.le(now))).orderBy(ID).limit(32).fetch(ID);
            if (due.isEmpty()) break;
            for (long id : due) {
                String token = node + "/" + Secrets.randomToken(6);
                boolean claimed = db.dsl().update(T).set(STATUS, "running").set(CLAIMED_BY, token).set(CLAIMED_AT, now)
                        .set(ATTEMPTS, ATTEMPTS.plus(1)).set(UPDATED_AT, now)
                        .where(ID.eq(id).and(STATUS.in("queued", "failed")).and(NEXT_AT.le(now))).execute() == 1;
                if (!claimed) continue;
                run(byId(id).orElseThrow(), token);
                ran++;
            }
        }
        return ran;
    }

    private void run(Job job, String token) {
        Object result;
        try {
            result = runner.call(job);
        } catch (io.steward.domain.registrar.RegistrarException e) {
            fail(job, token, e.getMessage(), e.retryable());
            return;
        } catch (RuntimeException e) {
            fail(job, token, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
            return;
        }
        try {
            db.txRun(() -> {
                LocalDateTime now = Times.now(clock);
                int n = db.dsl().update(T).set(STATUS, "done").set(FINISHED_AT, now).set(UPDATED_AT, now).set(LAST_ERROR, (String) null)
                        .where(ID.eq(job.id()).and(CLAIMED_BY.eq(token)).and(STATUS.eq("running"))).execute();
                if (n == 1) runner.succeeded(job, result);
            });
        } catch (RuntimeException e) {
            LOG.error("could not record the result of domain job {}", job.id(), e);
        }
    }

    private void fail(Job job, String token, String error, boolean retryable) {
        LocalDateTime now = Times.now(clock);
        int attempts = job.attempts();
        boolean last = !retryable || attempts >= job.maxAttempts();
        String msg = error == null ? "failed" : error.length() > 2000 ? error.substring(0, 2000) : error;
        db.dsl().update(T).set(STATUS, last ? "dead" : "failed").set(LAST_ERROR, msg)
                .set(NEXT_AT, last ? now : now.plus(backoff.delay(Math.max(attempts, 1)))).set(UPDATED_AT, now)
                .set(FINISHED_AT, last ? now : null).where(ID.eq(job.id()).and(CLAIMED_BY.eq(token))).execute();
        if (last) LOG.warn("domain job {} ({} of domain {}) is dead: {}", job.id(), job.action(), job.domainId(), msg);
    }
}
