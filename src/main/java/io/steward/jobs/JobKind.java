package io.steward.jobs;

import java.time.Duration;

/**
 * A kind of job a feature registers at start-up ({@link Jobs#register}): who runs it and how.
 *
 * @param name           the kind's name, e.g. {@code provisioning}; stored with every job
 * @param handler        runs the jobs
 * @param maxAttempts    attempts before a job goes dead
 * @param backoff        the wait before each retry
 * @param concurrency    how many jobs of this kind run at once on a node
 * @param ordered        whether a subject's jobs run one after another in the order queued (a
 *                       service's suspension never overtakes the creation it follows)
 * @param runningTimeout after this long without a result, a running job's runner counts as dead
 *                       and the attempt as failed
 */
public record JobKind(String name, JobHandler handler, int maxAttempts, Backoff backoff, int concurrency, boolean ordered,
                      Duration runningTimeout) {
    public JobKind {
        if (name == null || !name.matches("[a-z][a-z0-9_.-]{0,63}")) throw new IllegalArgumentException("bad job kind name: " + name);
        if (maxAttempts < 1) throw new IllegalArgumentException(name + ": max attempts must be at least 1");
        if (concurrency < 1) throw new IllegalArgumentException(name + ": concurrency must be at least 1");
        if (runningTimeout.isNegative() || runningTimeout.isZero()) throw new IllegalArgumentException(name + ": running timeout must be positive");
    }

    /** A kind with defaults: 5 attempts, 30 s backoff capped at 1 h with 10 % jitter, 8 at once, unordered, 15 min timeout. */
    public static JobKind of(String name, JobHandler handler) {
        return new JobKind(name, handler, 5, new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.1), 8, false,
                Duration.ofMinutes(15));
    }

    public JobKind maxAttempts(int n) {
        return new JobKind(name, handler, n, backoff, concurrency, ordered, runningTimeout);
    }

    public JobKind backoff(Backoff b) {
        return new JobKind(name, handler, maxAttempts, b, concurrency, ordered, runningTimeout);
    }

    public JobKind concurrency(int n) {
        return new JobKind(name, handler, maxAttempts, backoff, n, ordered, runningTimeout);
    }

    /** A subject's jobs run one at a time, in the order they were queued. */
    public JobKind orderedBySubject() {
        return new JobKind(name, handler, maxAttempts, backoff, concurrency, true, runningTimeout);
    }

    public JobKind runningTimeout(Duration d) {
        return new JobKind(name, handler, maxAttempts, backoff, concurrency, ordered, d);
    }
}
