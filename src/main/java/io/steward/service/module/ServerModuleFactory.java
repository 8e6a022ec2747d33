package io.steward.service.module;

/**
 * A server module's factory: the plug-in point for hosting control panels, dedicated-server
 * inventories and cloud platforms. One instance per node, found by {@link java.util.ServiceLoader}
 * through {@code META-INF/services/io.steward.service.module.ServerModuleFactory}, so a third-party
 * module is a jar holding a factory, a module and that file.
 *
 * <p>Lifecycle: the node constructs the factory (public no-argument constructor), calls {@link
 * #init} once before any job runs, {@link #create} for every job it runs, and {@link #close} once
 * when it stops. {@link #create} may be called from several threads at once.
 */
public interface ServerModuleFactory {
    /** The id services name in their {@code module} column, e.g. {@code recording}; unique per node. */
    String id();

    /** One line for staff: what the module drives. */
    default String description() { return id(); }

    /** Reads settings ({@code modules.server.<id>.<key>}) and opens what the module needs. */
    void init(ModuleEnvironment environment);

    /** A module instance for one job. Cheap; may return a shared instance if the module is thread-safe. */
    ServerModule create();

    /** Releases what {@link #init} opened. */
    void close();
}
