package io.steward.jobs;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One row of the {@code job} table: an action of a registered {@link JobKind} on a subject (a
 * service id, a domain id, a mail id...), written in the transaction that caused it.
 *
 * <p>Status: {@code queued} → {@code running} → {@code done}; a failed attempt goes to
 * {@code failed} with a retry due at {@code nextAttemptAt}; after {@code maxAttempts} attempts, or
 * a failure no retry can fix, to {@code dead} (the dead letter staff see, retry or cancel). Staff
 * may cancel a queued, failed or dead job: {@code cancelled} never runs.
 *
 * @param payload        the action's parameters as JSON text
 * @param idempotencyKey stable across every attempt of this job; handed to the handler (and by
 *                       provisioning to the module) so a retry after a crash never acts twice
 */
public record Job(long id, String kind, String subject, String action, String status, String payload, String dedupeKey,
                  String idempotencyKey, int attempts, int maxAttempts, LocalDateTime nextAttemptAt, String claimedBy,
                  LocalDateTime claimedAt, String lastError, LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime finishedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    public static final String CANCELLED = "cancelled";
    public static final List<String> STATUSES = List.of(QUEUED, RUNNING, DONE, FAILED, DEAD, CANCELLED);
    /** Statuses of a job that will still run (again). */
    public static final List<String> UNFINISHED = List.of(QUEUED, RUNNING, FAILED);

    /** Not finished: it will still run (again). */
    public boolean pending() {
        return UNFINISHED.contains(status);
    }

    /** The subject as a number, for kinds whose subjects are row ids. */
    public long subjectId() {
        return Long.parseLong(subject);
    }
}
