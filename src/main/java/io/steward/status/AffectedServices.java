package io.steward.status;

import java.util.Collection;
import java.util.List;

/** The status page's view of services: which open services run a product or on a server. Served by the service feature. */
@FunctionalInterface
public interface AffectedServices {
    record Affected(long serviceId, long clientId) {}

    /**
     * Open (not closed) services of any of {@code productIds} or on any of {@code servers} (server
     * module ids): every client's, or only {@code clientId}'s when it is given.
     */
    List<Affected> openOn(Long clientId, Collection<Long> productIds, Collection<String> servers);
}
