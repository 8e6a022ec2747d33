package io.steward.domain;

import io.steward.jobs.Backoff;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobKind;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import io.steward.core.StewardException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Registrar jobs (register, transfer, renew): the {@value #KIND} kind of the job engine. A job is
 * queued in the transaction that caused it ({@link #enqueue}, with a dedupe key so a term is
 * registered or renewed once); the registrar is called outside any transaction and the result
 * recorded by the {@link Runner} in the transaction that marks the job done. A registrar's refusal
 * ({@link io.steward.domain.registrar.RegistrarException} not retryable) parks the job as dead at once.
 * A domain's jobs run in the order they were queued.
 */
final class DomainJobs implements JobHandler {
    static final String KIND = "domain";

    /** One job, as the domain feature and its admin view see it. */
    record Job(long id, long domainId, String action, String status, String params, int attempts, int maxAttempts,
               LocalDateTime nextAttemptAt, String lastError, LocalDateTime createdAt, LocalDateTime finishedAt) {
        static Job of(io.steward.jobs.Job j) {
            return new Job(j.id(), j.subjectId(), j.action(), j.status(), j.payload(), j.attempts(), j.maxAttempts(), j.nextAttemptAt(),
                    j.lastError(), j.createdAt(), j.finishedAt());
        }
    }

    /** Runs one claimed job: the registrar call outside a transaction, then {@code succeeded} in one. */
    interface Runner {
        Object call(Job job);

        void succeeded(Job job, Object result);
    }

    private final Jobs jobs;
    private Runner runner;

    DomainJobs(Jobs jobs, int maxAttempts, Backoff backoff, Duration runningTimeout) {
        this.jobs = jobs;
        jobs.register(JobKind.of(KIND, this).maxAttempts(maxAttempts).backoff(backoff).runningTimeout(runningTimeout).concurrency(4)
                .orderedBySubject());
    }

    void runWith(Runner r) {
        this.runner = r;
    }

    /** Queues a job in the caller's transaction; a job ever queued under {@code dedupeKey} is not queued again. */
    void enqueue(long domainId, String action, String params, String dedupeKey) {
        jobs.enqueue(KIND, Long.toString(domainId), action, params, dedupeKey);
    }

    /** Newest first, at most 500. */
    List<Job> search(String status, Long domainId) {
        return jobs.search(KIND, status, domainId == null ? null : domainId.toString(), null, 1, 500).stream().map(Job::of).toList();
    }

    Optional<Job> byId(long id) {
        return jobs.byId(id).filter(j -> j.kind().equals(KIND)).map(Job::of);
    }

    Optional<Job> latest(long domainId) {
        return jobs.latest(KIND, Long.toString(domainId)).map(Job::of);
    }

    /** Staff retry of a dead or failed job, with a fresh set of attempts. */
    Job retry(long id) {
        byId(id).orElseThrow(() -> StewardException.notFound("Domain job not found"));
        return Job.of(jobs.retry(id));
    }

    /** Runs every due registrar job on this node (the engine's poll does it on every node; tests call it directly). */
    int runDueJobsNow() {
        return jobs.runDue(KIND::equals);
    }

    @Override
    public JobResult call(io.steward.jobs.Job job) {
        try {
            return JobResult.done(runner.call(Job.of(job)));
        } catch (io.steward.domain.registrar.RegistrarException e) {
            return e.retryable() ? JobResult.retry(e.getMessage()) : JobResult.fatal(e.getMessage());
        }
    }

    @Override
    public void succeeded(io.steward.jobs.Job job, Object result) {
        runner.succeeded(Job.of(job), result);
    }
}
