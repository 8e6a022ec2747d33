package io.steward.modules;

import java.util.Optional;

/**
 * What a {@link ModuleFactory} creates from one instance's settings: the kind's interface
 * ({@code ServerModule}, {@code RegistrarModule}...) extends this. Providers are cheap and made
 * per use; what must live as long as the node (connections pools, a sandbox's state) belongs to
 * the factory.
 */
public interface ModuleProvider {
    /**
     * Tries the settings against the platform (log in, list something) and says how it went. May
     * take as long as a call to the platform; never called inside a transaction.
     */
    default Check testConnection() {
        return Check.ok("Built in: nothing to connect to");
    }

    /** A cheap look at the instance (no call to the platform unless it is quick): shown with its details. */
    default Check health() {
        return Check.ok("ok");
    }

    /**
     * A capability of this provider (for server modules: {@code TrafficCounters}, {@code IpAddresses},
     * {@code ReverseDns}, {@code PowerControl}, {@code Rescue}, {@code Rebuild}...), or empty. The
     * APIs ask here and answer 4xx for an action the module cannot do.
     */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
