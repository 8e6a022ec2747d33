package io.steward.jobs;

/**
 * What a {@link JobHandler}'s call answered: done (with a value handed to
 * {@link JobHandler#succeeded}), a failure worth retrying, or a failure no retry can fix (straight
 * to the dead letter).
 */
public record JobResult(boolean success, boolean retryable, String error, Object value) {
    public static JobResult done() {
        return new JobResult(true, false, null, null);
    }

    public static JobResult done(Object value) {
        return new JobResult(true, false, null, value);
    }

    public static JobResult retry(String error) {
        return new JobResult(false, true, error, null);
    }

    public static JobResult fatal(String error) {
        return new JobResult(false, false, error, null);
    }
}
