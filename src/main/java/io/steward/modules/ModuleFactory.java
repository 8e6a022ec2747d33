package io.steward.modules;

import java.util.Map;
import java.util.Set;

/**
 * A module: the one plug-in shape for every {@link ModuleKind}. One factory per node, found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/io.steward.modules.ModuleFactory},
 * so a third-party module is a jar with a factory, its provider and that one line.
 *
 * <p>Lifecycle (Keycloak's ProviderFactory model): the node constructs the factory (public
 * no-argument constructor), calls {@link #init} once before anything uses it, {@link #create} for
 * each use with the validated settings of one module instance (configured in the admin API, or the
 * node's default instance built from {@link #configured}), and {@link #close} once when it stops.
 * {@link #create} may be called from several threads at once and must be cheap.
 *
 * @param <T> the kind's provider interface
 */
public interface ModuleFactory<T extends ModuleProvider> {
    /** Unique within its kind and stable forever: instances, services and TLDs name it ({@code recording}). */
    String id();

    ModuleKind kind();

    /** One line for staff: what the module drives. */
    String label();

    /** A sandbox keeps its state in Steward and touches nothing real; staff see the flag. */
    default boolean sandbox() {
        return false;
    }

    /** The settings an instance of this module takes; the admin API shows it and validates against it. */
    default SettingsSchema schema() {
        return SettingsSchema.EMPTY;
    }

    /** The capabilities its providers have, by name, for staff to read (the APIs ask the provider itself). */
    default Set<String> capabilities() {
        return Set.of();
    }

    /** Node-wide set-up; reads the node configuration where the module has node-wide settings. */
    default void init(ModuleContext context) {}

    /**
     * The settings of this module's configuration-made instance, from the node's configuration
     * (the keys it read before instances existed); the node re-applies them on every start.
     */
    default Map<String, String> configured(ModuleContext context) {
        return Map.of();
    }

    /** A provider for one use, from an instance's validated settings (secrets in clear). */
    T create(ModuleSettings settings);

    default void close() {}
}
