package io.steward.service;

import io.steward.core.Secrets;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ServerModule;
import java.util.Optional;

/**
 * A service's module capability with the request to call it with, for features that call modules
 * outside provisioning jobs (traffic sampling, reverse DNS, power actions). Calls made through it
 * are not jobs: the caller decides about retries.
 */
public final class ServiceModuleAccess {
    /** A capability bound to one service. */
    public record Bound<T>(Service service, T capability, ModuleRequest request) {}

    private final ServiceStore services;
    private final ServiceModules modules;
    private final Secrets secrets;

    ServiceModuleAccess(ServiceStore services, ServiceModules modules, Secrets secrets) {
        this.services = services;
        this.modules = modules;
        this.secrets = secrets;
    }

    /** The service's module as {@code type}, if the service exists and its module has that capability. */
    public <T> Optional<Bound<T>> capability(long serviceId, Class<T> type, String action) {
        Optional<Service> found = services.byId(serviceId);
        if (found.isEmpty()) return Optional.empty();
        Service s = found.get();
        Optional<ServerModule> module = modules.forService(s);
        if (module.isEmpty()) return Optional.empty();
        return module.get().capability(type).map(c -> new Bound<>(s, c, request(s, action)));
    }

    /** Whether the service's module has the capability, without building a request. */
    public boolean has(Service s, Class<?> type) {
        return modules.forService(s).flatMap(m -> m.capability(type)).isPresent();
    }

    private ModuleRequest request(Service s, String action) {
        String password = s.passwordSealed() == null ? null : secrets.decrypt(s.passwordSealed());
        return new ModuleRequest(0, 1, action, s.id(), s.clientId(), s.productId(), s.domain(), s.username(), password,
                s.cycle().code(), ProvisioningQueue.object(s.moduleConfig()), ProvisioningQueue.object(s.moduleState()),
                io.steward.core.Json.MAPPER.createObjectNode());
    }
}
