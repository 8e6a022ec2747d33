package io.steward.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modules of this node: every {@link ModuleFactory} on the class path, found by
 * {@link ServiceLoader}, initialised once in (kind, id) order and closed with the node. The one
 * loader for every kind.
 */
public final class Modules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Modules.class);

    private final ModuleContext context;
    private final Map<ModuleKind, Map<String, ModuleFactory<?>>> factories;

    private Modules(ModuleContext context, Map<ModuleKind, Map<String, ModuleFactory<?>>> factories) {
        this.context = context;
        this.factories = factories;
    }

    /** Discovers and initialises every factory; two of one kind with one id are a start-up error. */
    @SuppressWarnings("rawtypes")
    public static Modules discover(ModuleContext context) {
        var found = new ArrayList<ModuleFactory<?>>();
        for (ModuleFactory f : ServiceLoader.load(ModuleFactory.class, Modules.class.getClassLoader())) found.add(f);
        return of(context, found);
    }

    /** Initialises the given factories (tests pass their own). */
    public static Modules of(ModuleContext context, List<ModuleFactory<?>> list) {
        var byKind = new TreeMap<ModuleKind, Map<String, ModuleFactory<?>>>();
        for (ModuleFactory<?> f : list) {
            ModuleFactory<?> previous = byKind.computeIfAbsent(f.kind(), k -> new TreeMap<>()).put(f.id(), f);
            if (previous != null) {
                throw new IllegalStateException("two " + f.kind().code() + " modules with the id " + f.id() + ": "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        var initialised = new ArrayList<ModuleFactory<?>>();
        try {
            for (var kind : byKind.values()) {
                for (ModuleFactory<?> f : kind.values()) {
                    f.init(context);
                    initialised.add(f);
                }
            }
        } catch (RuntimeException e) {
            initialised.forEach(Modules::closeQuietly);
            throw e;
        }
        byKind.forEach((k, m) -> LOG.info("{} modules: {}", k.code(), m.keySet()));
        return new Modules(context, byKind);
    }

    public ModuleContext context() { return context; }

    public Optional<ModuleFactory<?>> factory(ModuleKind kind, String id) {
        return Optional.ofNullable(factories.getOrDefault(kind, Map.of()).get(id));
    }

    public boolean has(ModuleKind kind, String id) {
        return factory(kind, id).isPresent();
    }

    /** The kind's factories in id order. */
    public List<ModuleFactory<?>> ofKind(ModuleKind kind) {
        return List.copyOf(factories.getOrDefault(kind, Map.of()).values());
    }

    /** Every factory, by kind then id. */
    public List<ModuleFactory<?>> all() {
        return factories.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** A provider of {@code type} from {@code factory} with these settings. */
    public static <T> T create(ModuleFactory<?> factory, ModuleSettings settings, Class<T> type) {
        Object provider = factory.create(settings);
        if (!type.isInstance(provider)) {
            throw new IllegalStateException("the " + factory.kind().code() + " module " + factory.id() + " does not make a "
                    + type.getSimpleName());
        }
        return type.cast(provider);
    }

    @Override
    public void close() {
        all().forEach(Modules::closeQuietly);
    }

    private static void closeQuietly(ModuleFactory<?> f) {
        try {
            f.close();
        } catch (RuntimeException e) {
            LOG.warn("{} module {} failed to close: {}", f.kind().code(), f.id(), e.toString());
        }
    }
}
