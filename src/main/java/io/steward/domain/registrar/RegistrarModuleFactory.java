package io.steward.domain.registrar;

import java.util.Set;

/**
 * A registrar module kind, found by {@link java.util.ServiceLoader}: one factory per node,
 * {@link #init} once with its environment, {@link #create} a module per use, {@link #close} on
 * shutdown. A third-party registrar is this factory, its module and a
 * {@code META-INF/services/io.steward.domain.registrar.RegistrarModuleFactory} line.
 */
public interface RegistrarModuleFactory extends AutoCloseable {
    String id();

    /** Shown to staff; a sandbox says so. */
    String label();

    /** What the module supports; the client API refuses (422) actions outside this set. */
    Set<Capability> capabilities();

    void init(RegistrarEnvironment environment);

    RegistrarModule create();

    @Override
    default void close() {}
}
