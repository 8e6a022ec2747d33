package io.steward.jobs;

import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one durable job engine. A job is a row of the {@code job} table written in the transaction
 * that causes it ({@link #enqueue}); features register {@link JobKind}s at start-up; every node
 * runs {@link #runDue} from one recurring scheduler task.
 *
 * <p>Exactly one runner takes a job: it picks due rows ({@code FOR UPDATE SKIP LOCKED}, on
 * PostgreSQL and H2 alike) and claims each with a conditional update under a fresh token, then calls the handler
 * outside any transaction, then records the result only if the token still holds the claim. A
 * runner that dies mid-job leaves it {@code running}; after the kind's running timeout the next
 * run counts that as a failed attempt, so the job is retried with the same idempotency key.
 */
public final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    /** Claims per kind and round: a round ends when its jobs finish, so this bounds one round's length. */
    private static final int BATCH = 32;

    private final Db db;
    private final Clock clock;
    private final String node;
    private final JobStore store;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, JobKind> kinds = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    /** One claimer per kind at a time on this node, so the per-kind limit holds exactly on one node. */
    private final Map<String, Object> claimLocks = new ConcurrentHashMap<>();

    public Jobs(Db db, Clock clock, String node) {
        this.db = db;
        this.clock = clock;
        this.node = node;
        this.store = new JobStore(db);
    }

    /** Registers a kind; its jobs run from the next {@link #runDue} on. */
    public void register(JobKind kind) {
        if (kinds.putIfAbsent(kind.name(), kind) != null) throw new IllegalStateException("job kind registered twice: " + kind.name());
        failures.putIfAbsent(kind.name(), new LongAdder());
    }

    /** Kinds the poll ({@link #runDue()}) passes over: they run only when their feature runs them. */
    private final Set<String> manual = ConcurrentHashMap.newKeySet();

    /** Leaves a registered kind out of {@link #runDue()}; {@link #runDue(Predicate)} still runs it. */
    public void leaveOutOfPoll(String kind) {
        manual.add(known(kind).name());
    }

    public Optional<JobKind> kind(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    public Set<String> kinds() {
        return Set.copyOf(kinds.keySet());
    }

    /** A job a request led to: one it queued ({@code queued}), or one already there under the same dedupe key. */
    public record Ref(long id, boolean queued) {}

    /**
     * Writes a job in the caller's transaction (joining it, as {@link Db#tx} does). With a
     * {@code dedupeKey}, a job of this kind ever queued under that key is answered instead of a
     * new one (once-only actions: a service is created once, a term renewed once).
     */
    public Ref enqueue(String kind, String subject, String action, String payload, String dedupeKey) {
        JobKind k = known(kind);
        return db.tx(() -> {
            if (dedupeKey != null) {
                Optional<Job> existing = store.byDedupeKey(kind, dedupeKey);
                if (existing.isPresent()) return new Ref(existing.get().id(), false);
            }
            // Random rather than the row id, which is not known before the insert; stable because stored.
            String key = kind + ":" + subject + ":" + action + ":" + Secrets.randomToken(9);
            return new Ref(store.insert(kind, subject, action, payload == null ? "{}" : payload, dedupeKey, key, k.maxAttempts(),
                    Times.now(clock)), true);
        });
    }

    /** Writes one job per subject in the caller's transaction, with multi-row inserts (a batch of mails). */
    public void enqueueAll(String kind, String action, List<String> subjects) {
        JobKind k = known(kind);
        if (subjects.isEmpty()) return;
        var keys = subjects.stream().map(s -> kind + ":" + s + ":" + action + ":" + Secrets.randomToken(9)).toList();
        db.txRun(() -> store.insertAll(kind, action, subjects, keys, k.maxAttempts(), Times.now(clock)));
    }

    private JobKind known(String kind) {
        JobKind k = kinds.get(kind);
        if (k == null) throw new IllegalStateException("job kind not registered: " + kind);
        return k;
    }

    public Optional<Job> byId(long id) {
        return store.byId(id);
    }

    public Optional<Job> byDedupeKey(String kind, String key) {
        return store.byDedupeKey(kind, key);
    }

    /** The subject's newest job of {@code kind}. */
    public Optional<Job> latest(String kind, String subject) {
        return store.latest(kind, subject, null, null);
    }

    /** The subject's newest unfinished job among {@code actions}. */
    public Optional<Job> latestUnfinished(String kind, String subject, Collection<String> actions) {
        return store.latest(kind, subject, actions, Job.UNFINISHED);
    }

    public boolean anyFor(String kind, String subject) {
        return store.anyFor(kind, subject);
    }

    /** Every job of {@code kind} for these subjects, oldest first. */
    public List<Job> forSubjects(String kind, Collection<String> subjects) {
        return subjects.isEmpty() ? List.of() : store.forSubjects(kind, subjects);
    }

    /**
     * A condition for a query of the feature that owns the subjects: a job of {@code kind} and
     * {@code action} exists for the row's {@code subjectId} (with a status among {@code statuses},
     * or any when null). Lets a feature pick its rows without a job in one query, without
     * knowing the job table.
     */
    public static org.jooq.Condition jobExists(String kind, org.jooq.Field<Long> subjectId, String action, Collection<String> statuses) {
        org.jooq.Condition c = JobStore.KIND.eq(kind).and(JobStore.SUBJECT.eq(subjectId.cast(String.class))).and(JobStore.ACTION.eq(action));
        if (statuses != null) c = c.and(JobStore.STATUS.in(statuses));
        return org.jooq.impl.DSL.exists(org.jooq.impl.DSL.selectOne().from(JobStore.T).where(c));
    }

    /** Newest first; null filters match anything. */
    public List<Job> search(String kind, String status, String subject, String action, int page, int perPage) {
        return store.search(new JobStore.Filter(kind, status, subject, action), page, perPage);
    }

    public int count(String kind, String status, String subject, String action) {
        return store.count(new JobStore.Filter(kind, status, subject, action));
    }

    /** Staff retry of a dead or failed job: it runs again at once, with a fresh set of attempts. */
    public Job retry(long id) {
        return db.tx(() -> {
            Job job = store.byId(id).orElseThrow(() -> StewardException.notFound("Job not found"));
            int max = kind(job.kind()).map(JobKind::maxAttempts).orElse(job.maxAttempts());
            if (!store.requeue(id, max, Times.now(clock))) {
                throw StewardException.conflict("Only dead or failed jobs can be retried; this one is " + job.status());
            }
            return store.byId(id).orElseThrow();
        });
    }

    /** Staff cancel of a queued, failed or dead job: it never runs again. A running job cannot be cancelled. */
    public Job cancel(long id) {
        return db.tx(() -> {
            Job job = store.byId(id).orElseThrow(() -> StewardException.notFound("Job not found"));
            if (!store.cancel(id, Times.now(clock))) {
                throw StewardException.conflict("Only queued, failed or dead jobs can be cancelled; this one is " + job.status());
            }
            Job cancelled = store.byId(id).orElseThrow();
            kind(job.kind()).ifPresent(k -> k.handler().cancelled(cancelled));
            return cancelled;
        });
    }

    /** Runs every job of every registered kind due now (the scheduler's poll); answers how many ran. */
    public int runDue() {
        return runDue(k -> !manual.contains(k));
    }

    /**
     * Runs the due jobs of the kinds {@code which} accepts, on this node, and answers how many ran.
     * Jobs run concurrently, at most the kind's concurrency of one kind at a time; an ordered
     * kind's jobs of one subject run in order, so a job queued by another one's success runs in
     * the same call.
     */
    public int runDue(Predicate<String> which) {
        List<JobKind> selected = kinds.values().stream().filter(k -> which.test(k.name())).toList();
        for (JobKind k : selected) recoverStale(k);
        int total = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // Bounded so a job that requeues itself forever cannot keep one call running.
            for (int round = 0; round < 1000; round++) {
                var claims = new ArrayList<Claim>();
                for (JobKind k : selected) claims.addAll(claim(k.name(), BATCH));
                if (claims.isEmpty()) break;
                var running = new ArrayList<Future<?>>();
                for (Claim c : claims) running.add(pool.submit(() -> finish(c, call(c))));
                for (Future<?> f : running) await(f);
                total += claims.size();
            }
        }
        return total;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("job runner failed", e.getCause());
        }
    }

    /** A claimed job and the token that holds it. */
    public record Claim(Job job, String token) {}

    /**
     * Claims up to {@code max} due jobs of {@code kind}, fewer when the kind's concurrency limit
     * is reached by jobs already running. Public so a test can stand for a runner that dies after
     * {@link #call}: the claim is then left to the running timeout.
     */
    public List<Claim> claim(String kind, int max) {
        JobKind k = known(kind);
        synchronized (claimLocks.computeIfAbsent(kind, x -> new Object())) {
            return db.tx(() -> {
                int room = Math.min(max, k.concurrency() - store.running(kind));
                if (room <= 0) return List.<Claim>of();
                LocalDateTime now = Times.now(clock);
                var claims = new ArrayList<Claim>();
                for (long id : store.due(kind, k.ordered(), now, room)) {
                    // A fresh token per claim: a result comes back only to the claim that ran it,
                    // even when this node has since claimed the same (recovered) job again.
                    String token = node + "/" + Secrets.randomToken(6);
                    if (store.claim(id, token, now)) claims.add(new Claim(store.byId(id).orElseThrow(), token));
                }
                return List.copyOf(claims);
            });
        }
    }

    /** Calls the claimed job's handler, outside any transaction; a throw is a retryable failure. */
    public JobResult call(Claim c) {
        JobHandler h = known(c.job().kind()).handler();
        try {
            JobResult r = h.call(c.job());
            return r == null ? JobResult.retry("The handler answered nothing") : r;
        } catch (RuntimeException e) {
            return JobResult.retry(describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Records the result under the claim: done with the handler's {@code succeeded}, or a failed attempt. */
    void finish(Claim c, JobResult result) {
        JobKind k = known(c.job().kind());
        try {
            if (result.success()) {
                Object value = result.value();
                db.txRun(() -> {
                    if (store.done(c.job().id(), c.token(), Times.now(clock))) k.handler().succeeded(c.job(), value);
                    else LOG.warn("job {} finished as {} after it was taken back; its result is dropped", c.job().id(), c.token());
                });
                return;
            }
        } catch (RuntimeException e) {
            // What the handler writes on success rolled back with the job's done mark: the attempt failed.
            result = JobResult.retry(describe(e));
        }
        JobResult failure = result;
        try {
            db.txRun(() -> fail(k, c.job(), c.token(), failure.error(), failure.retryable()));
        } catch (RuntimeException e) {
            // The claim stays; the job is recovered as stale and tried again.
            LOG.error("could not record the failure of job {}", c.job().id(), e);
        }
    }

    /** Running jobs whose runner went quiet count as a failed attempt, so they are retried (or die). */
    private void recoverStale(JobKind k) {
        LocalDateTime now = Times.now(clock);
        for (Job job : store.stale(k.name(), now.minus(k.runningTimeout()))) {
            try {
                db.txRun(() -> fail(k, job, job.claimedBy(), "The runner " + job.claimedBy() + " stopped answering while running this job",
                        true));
            } catch (RuntimeException e) {
                LOG.error("could not recover stale job {}", job.id(), e);
            }
        }
    }

    private void fail(JobKind k, Job job, String token, String error, boolean retryable) {
        LocalDateTime now = Times.now(clock);
        String message = truncate(error == null || error.isBlank() ? "failed" : error);
        boolean last = !retryable || job.attempts() >= job.maxAttempts();
        LocalDateTime retryAt = last ? null : now.plus(k.backoff().delay(Math.max(job.attempts(), 1), random));
        if (!store.failed(job.id(), token, message, retryAt, now)) return;
        failures.get(k.name()).increment();
        if (last) {
            LOG.warn("job {} ({} {} of {}) is dead after {} attempt(s): {}", job.id(), k.name(), job.action(), job.subject(),
                    job.attempts(), message);
            k.handler().dead(job, message);
        } else {
            LOG.info("job {} ({} {} of {}) failed attempt {}; retry at {}: {}", job.id(), k.name(), job.action(), job.subject(),
                    job.attempts(), retryAt, message);
            k.handler().failed(job, message);
        }
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    /** One kind's queue as staff and {@code /metrics} see it. */
    public record Queue(String kind, int depth, Duration oldestDueAge, int running, int dead, int failedLastDay, long failures) {}

    /** Every registered kind's queue (and any kind with rows but no handler on this node). */
    public List<Queue> queues() {
        LocalDateTime now = Times.now(clock);
        var rows = new java.util.TreeMap<String, JobStore.QueueRow>();
        for (var r : store.queues(now, now.minusHours(24))) rows.put(r.kind(), r);
        for (String k : kinds.keySet()) rows.putIfAbsent(k, new JobStore.QueueRow(k, 0, null, 0, 0, 0));
        return rows.values().stream().map(r -> new Queue(r.kind(), r.waiting(),
                r.oldestDue() == null ? Duration.ZERO : Duration.between(r.oldestDue(), now), r.running(), r.dead(), r.failedSince(),
                failures.containsKey(r.kind()) ? failures.get(r.kind()).sum() : 0)).toList();
    }

    /** The queues in the Prometheus text format, for {@code /metrics}. */
    public String scrape() {
        List<Queue> qs = queues();
        var out = new StringBuilder(1024);
        metric(out, "steward_job_queue_depth", "gauge", "Jobs waiting to run (queued or failed awaiting a retry), by kind.", qs,
                q -> Long.toString(q.depth()));
        metric(out, "steward_job_oldest_due_age_seconds", "gauge", "Age of the oldest job due and not yet run, by kind.", qs,
                q -> Long.toString(q.oldestDueAge().toSeconds()));
        metric(out, "steward_job_running", "gauge", "Jobs running now, by kind.", qs, q -> Long.toString(q.running()));
        metric(out, "steward_job_dead", "gauge", "Jobs in the dead letter, by kind.", qs, q -> Long.toString(q.dead()));
        metric(out, "steward_job_failures_total", "counter", "Failed job attempts on this node since it started, by kind.", qs,
                q -> Long.toString(q.failures()));
        return out.toString();
    }

    private static void metric(StringBuilder out, String name, String type, String help, List<Queue> qs,
                               java.util.function.Function<Queue, String> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n').append("# TYPE ").append(name).append(' ')
                .append(type).append('\n');
        for (Queue q : qs) out.append(name).append("{kind=\"").append(q.kind()).append("\"} ").append(value.apply(q)).append('\n');
    }
}
