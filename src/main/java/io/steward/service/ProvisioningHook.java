package io.steward.service;

import java.util.Map;

/**
 * What other features do around a service's module calls (IP assignment, server choice...).
 * Registered with {@link ServiceFeature#addHook}; the service feature does not know who listens.
 */
public interface ProvisioningHook {
    /**
     * Runs in its own transaction before every attempt of a create job's module call, so it must be
     * idempotent (an address already assigned to the service is answered again). What it answers is
     * merged into the request's {@code params} ({@code addresses}...).
     */
    default Map<String, Object> beforeCreate(Service service) {
        return Map.of();
    }

    /** Runs in the transaction that records a service's termination (its status now closed). */
    default void terminated(Service service) {}
}
