package io.steward.domain.registrar;

import io.steward.core.Secrets;
import io.steward.db.Db;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** The registrar modules of this node, found by {@link ServiceLoader}, initialised once, closed with the node. */
public final class Registrars implements AutoCloseable {
    private final Map<String, RegistrarModuleFactory> factories;

    private Registrars(Map<String, RegistrarModuleFactory> factories) {
        this.factories = factories;
    }

    /** {@code settings} answers the full key ({@code modules.registrar.<id>.<key>}). */
    public static Registrars discover(Db db, Clock clock, Secrets secrets, Function<String, Optional<String>> settings) {
        var found = new TreeMap<String, RegistrarModuleFactory>();
        for (RegistrarModuleFactory f : ServiceLoader.load(RegistrarModuleFactory.class, Registrars.class.getClassLoader())) {
            if (found.put(f.id(), f) != null) throw new IllegalStateException("two registrar modules with the id " + f.id());
        }
        for (RegistrarModuleFactory f : found.values()) {
            f.init(new RegistrarEnvironment(db, clock, secrets, key -> settings.apply("modules.registrar." + f.id() + "." + key)));
        }
        return new Registrars(found);
    }

    public Optional<RegistrarModuleFactory> factory(String id) {
        return Optional.ofNullable(factories.get(id));
    }

    public boolean has(String id) {
        return factories.containsKey(id);
    }

    public List<RegistrarModuleFactory> list() {
        return List.copyOf(factories.values());
    }

    /** The sandbox registry, when the sandbox module is installed. */
    public Optional<SandboxRegistry> sandbox() {
        return factory(SandboxRegistrarFactory.ID).map(f -> ((SandboxRegistrarFactory) f).registry());
    }

    @Override
    public void close() {
        factories.values().forEach(RegistrarModuleFactory::close);
    }
}
