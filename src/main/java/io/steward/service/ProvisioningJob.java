package io.steward.service;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;

/**
 * A module action for one service: a row written in the transaction that caused it, run later by
 * the provisioning queue. Status: {@code queued} → {@code running} → {@code done}; a failed attempt
 * goes to {@code failed} with a retry due at {@code nextAttemptAt}, and after {@code maxAttempts}
 * attempts to {@code dead} (the dead letter staff see and can retry).
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
    public static final java.util.List<String> STATUSES = java.util.List.of(QUEUED, RUNNING, DONE, FAILED, DEAD);

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
