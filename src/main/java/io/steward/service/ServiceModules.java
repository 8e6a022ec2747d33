package io.steward.service;

import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.service.module.ServerModule;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Which server module serves a service: the module instance of the server it was placed on, or,
 * for a service on no server, the default instance of the module it names.
 */
final class ServiceModules {
    private final ModuleInstances instances;
    private final ServiceStore services;
    private volatile LongFunction<Optional<Long>> serverInstance = id -> Optional.empty();

    ServiceModules(ModuleInstances instances, ServiceStore services) {
        this.instances = instances;
        this.services = services;
    }

    /** The seam the server inventory answers: a server's module instance. */
    void useServers(LongFunction<Optional<Long>> serverInstance) {
        this.serverInstance = serverInstance;
    }

    /** The service's module, made for one use; empty when its module is not installed on this node. */
    Optional<ServerModule> forService(Service s) {
        Optional<Long> server = services.serverOf(s.id());
        if (server.isPresent()) {
            Optional<Long> instance = serverInstance.apply(server.get());
            if (instance.isPresent() && instances.usable(instance.get(), ModuleKind.SERVER)) {
                return Optional.of(instances.open(instance.get(), ServerModule.class));
            }
            return Optional.empty();
        }
        return instances.openDefault(ModuleKind.SERVER, s.module(), ServerModule.class);
    }

    boolean has(String module) {
        return instances.modules().has(ModuleKind.SERVER, module);
    }

    /** Ids of installed server modules whose default instance has the capability. */
    List<String> withCapability(Class<?> type) {
        var ids = new java.util.ArrayList<String>();
        for (ModuleFactory<?> f : list()) {
            if (instances.openDefault(ModuleKind.SERVER, f.id(), ServerModule.class).flatMap(m -> m.capability(type)).isPresent()) {
                ids.add(f.id());
            }
        }
        return ids;
    }

    List<ModuleFactory<?>> list() {
        return instances.modules().ofKind(ModuleKind.SERVER);
    }
}
