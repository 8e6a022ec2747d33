package io.steward.service.module;

import io.steward.db.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server modules of this node: every {@link ServerModuleFactory} on the class path, found by
 * {@link ServiceLoader}, initialised once and closed with the node.
 */
public final class ServerModules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerModules.class);

    private final Map<String, ServerModuleFactory> factories;

    private ServerModules(Map<String, ServerModuleFactory> factories) {
        this.factories = factories;
    }

    /** Discovers and initialises the factories; two with one id are a start-up error. */
    public static ServerModules discover(Db db, Clock clock, Function<String, Optional<String>> settings) {
        var found = new TreeMap<String, ServerModuleFactory>();
        for (ServerModuleFactory f : ServiceLoader.load(ServerModuleFactory.class, ServerModules.class.getClassLoader())) {
            ServerModuleFactory previous = found.put(f.id(), f);
            if (previous != null) {
                throw new IllegalStateException("two server modules with the id " + f.id() + ": "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        var initialised = new ArrayList<ServerModuleFactory>();
        try {
            for (ServerModuleFactory f : found.values()) {
                f.init(new ModuleEnvironment(f.id(), db, clock, settings));
                initialised.add(f);
            }
        } catch (RuntimeException e) {
            initialised.forEach(ServerModules::closeQuietly);
            throw e;
        }
        LOG.info("server modules: {}", found.keySet());
        return new ServerModules(found);
    }

    /** A module instance for one job, if a factory with this id is installed. */
    public Optional<ServerModule> module(String id) {
        ServerModuleFactory f = factories.get(id);
        return f == null ? Optional.empty() : Optional.of(f.create());
    }

    public boolean has(String id) {
        return factories.containsKey(id);
    }

    /** The installed factories in id order. */
    public List<ServerModuleFactory> list() {
        return List.copyOf(factories.values());
    }

    @Override
    public void close() {
        factories.values().forEach(ServerModules::closeQuietly);
    }

    private static void closeQuietly(ServerModuleFactory f) {
        try {
            f.close();
        } catch (RuntimeException e) {
            LOG.warn("server module {} failed to close: {}", f.id(), e.toString());
        }
    }
}
