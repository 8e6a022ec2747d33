package io.steward.service;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;

/**
 * A module action for one service: a job of the engine's {@code provisioning} kind, written in the
 * transaction that caused it. Status: {@code queued} → {@code running} → {@code done}; a failed attempt
 * goes to {@code failed} with a retry due at {@code nextAttemptAt}, and after {@code maxAttempts}
 * attempts to {@code dead} (the dead letter staff see and can retry); staff may cancel it
 * ({@code cancelled}).
 *
 * @param params the action's parameters as JSON (a suspension's reason, a termination's final status)
 */
public record ProvisioningJob(long id, long serviceId, Action action, String status, String params, int attempts, int maxAttempts,
                              LocalDateTime nextAttemptAt, String claimedBy, LocalDateTime claimedAt, String lastError,
                              LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime finishedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    public static final java.util.List<String> STATUSES = io.steward.jobs.Job.STATUSES;

    /** The engine's row as a provisioning job (its subject is the service id). */
    static ProvisioningJob of(io.steward.jobs.Job j) {
        return new ProvisioningJob(j.id(), j.subjectId(), Action.parse(j.action()).orElseThrow(), j.status(), j.payload(), j.attempts(),
                j.maxAttempts(), j.nextAttemptAt(), j.claimedBy(), j.claimedAt(), j.lastError(), j.createdAt(), j.updatedAt(),
                j.finishedAt());
    }

    /** What the job asks of the service's module. */
    public enum Action {
        CREATE("create"), SUSPEND("suspend"), UNSUSPEND("unsuspend"), TERMINATE("terminate"), RENEW("renew"),
        CHANGE_PACKAGE("change_package");

        private final String code;

        Action(String code) {
            this.code = code;
        }

        public String code() { return code; }

        public static Optional<Action> parse(String code) {
            return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
        }
    }

    /** Not finished: it will still run (again). */
    public boolean pending() {
        return status.equals(QUEUED) || status.equals(RUNNING) || status.equals(FAILED);
    }
}
