package io.steward.service;

/**
 * Told when a provisioning job goes dead (its last attempt failed, or the module answered a fatal
 * error), inside the transaction that parks it, so what the listener writes (a staff ticket)
 * commits with the dead letter or not at all. A listener that throws leaves the job as it was; it
 * is then recovered as a stale run and fails again later.
 */
@FunctionalInterface
public interface DeadJobListener {
    /** What staff need to know about the dead job. */
    record DeadJob(long jobId, String action, int attempts, String error, long serviceId, long clientId, String serviceName,
                   String domain) {}

    void jobDead(DeadJob job);
}
