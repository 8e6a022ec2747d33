package io.steward.jobs;

/**
 * Runs the jobs of one kind. The engine claims a job, calls {@link #call} outside any database
 * transaction (a module, a registrar, an SMTP server may take seconds), then, only if its claim
 * still holds, records the result in one transaction together with {@link #succeeded} or
 * {@link #dead}, so what the handler writes there commits with the job's new status or not at all.
 *
 * <p>A call that throws counts as a retryable failure. A {@code succeeded} that throws rolls its
 * transaction back and counts as a failed attempt too, so the job runs again: handlers whose work
 * is all in {@code succeeded} (telling listeners) get exactly-once delivery from that.
 */
public interface JobHandler {
    /** Does the work, outside any transaction. {@link Job#idempotencyKey} is the same on every attempt. */
    JobResult call(Job job);

    /** Records a success, in the transaction that marks the job done. */
    default void succeeded(Job job, Object value) {}

    /** Records a failed attempt that will be retried, in the transaction that notes it. */
    default void failed(Job job, String error) {}

    /** Told when the job goes dead, in the transaction that parks it (a staff ticket commits with it). */
    default void dead(Job job, String error) {}

    /** Told when staff cancel the job, in the transaction that cancels it: it will never run. */
    default void cancelled(Job job) {}
}
