package io.steward.cloud;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One VM of a cloud service, as stored. {@code name} is the hypervisor's name for it; the root
 * password stays sealed here.
 */
record CloudVm(long id, long serviceId, long clientId, String name, String ref, String label, String template, String flavor, int cores,
               int memoryMb, int diskGb, List<String> addresses, String sshKey, String passwordSealed, String status, String lastError,
               LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime deletedAt) {

    static final String CREATING = "creating";
    static final String RUNNING = "running";
    static final String STOPPED = "stopped";
    static final String RESCUE = "rescue";
    static final String ERROR = "error";
    static final String DELETING = "deleting";
    static final String DELETED = "deleted";
    /** States of a VM no action is running on: a client may ask for the next one. */
    static final List<String> IDLE = List.of(RUNNING, STOPPED, RESCUE, ERROR);

    boolean idle() {
        return IDLE.contains(status);
    }

    boolean deleted() {
        return DELETED.equals(status);
    }
}
