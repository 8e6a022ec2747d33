package io.steward.ipam;

import java.time.LocalDateTime;

/**
 * An address that is or was handed out.
 *
 * @param position      its offset in the pool
 * @param serviceId     the service holding it, or null when it is free or cooling down
 * @param lastServiceId the service that held it before its release
 * @param coolingUntil  a released address is not handed out again before this
 */
record IpAddress(long id, long poolId, String address, long position, Long serviceId, Long clientId, LocalDateTime assignedAt,
                 Long lastServiceId, LocalDateTime releasedAt, LocalDateTime coolingUntil) {
    boolean held() {
        return serviceId != null;
    }
}
