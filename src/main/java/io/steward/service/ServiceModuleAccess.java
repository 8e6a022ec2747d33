package io.steward.service;

import io.steward.core.ErrorCode;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.service.module.IpAddresses;
import io.steward.service.module.PowerControl;
import io.steward.service.module.Rebuild;
import io.steward.service.module.Rescue;
import io.steward.service.module.ReverseDns;
import io.steward.service.module.TrafficCounters;
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

    /**
     * The service's module as {@code type}, for an action a client or staff asked for: a service
     * that does not exist is a 404, a module without the capability a 422 "This service's module
     * cannot ...". The caller has checked that the caller may touch the service.
     */
    public <T> Bound<T> require(long serviceId, Class<T> type) {
        return require(serviceId, type, action(type));
    }

    /** {@link #require(long, Class)} with the action's name for the request. */
    public <T> Bound<T> require(long serviceId, Class<T> type, String action) {
        Service s = services.byId(serviceId).orElseThrow(() -> StewardException.notFound("Service not found"));
        return modules.forService(s).flatMap(m -> m.capability(type)).map(c -> new Bound<>(s, c, request(s, action)))
                .orElseThrow(() -> new StewardException(ErrorCode.UNPROCESSABLE, "This service's module cannot " + what(type)));
    }

    private static String action(Class<?> type) {
        if (type == TrafficCounters.class) return "traffic";
        if (type == IpAddresses.class) return "addresses";
        if (type == ReverseDns.class) return "rdns";
        if (type == PowerControl.class) return "power";
        if (type == Rescue.class) return "rescue";
        if (type == Rebuild.class) return "rebuild";
        if (type == io.steward.service.module.CloudVms.class) return "vms";
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String what(Class<?> type) {
        if (type == TrafficCounters.class) return "report traffic";
        if (type == IpAddresses.class) return "take IP addresses";
        if (type == ReverseDns.class) return "set reverse DNS";
        if (type == PowerControl.class) return "start, stop or reboot the machine";
        if (type == Rescue.class) return "boot a rescue system";
        if (type == Rebuild.class) return "rebuild the machine";
        if (type == io.steward.service.module.CloudVms.class) return "run virtual machines";
        return "do this (" + type.getSimpleName() + ")";
    }

    /** The service's module, made once for a caller that asks it several things. */
    Optional<ServerModule> moduleOf(Service s) {
        return modules.forService(s);
    }

    /** The installed server modules (their default instances) that have the capability, by id. */
    public java.util.List<String> modulesWith(Class<?> type) {
        return modules.withCapability(type);
    }

    /** Whether the service's module has the capability, without building a request. */
    public boolean has(Service s, Class<?> type) {
        return modules.forService(s).flatMap(m -> m.capability(type)).isPresent();
    }

    private ModuleRequest request(Service s, String action) {
        String password = s.passwordSealed() == null ? null : secrets.decrypt(s.passwordSealed());
        return new ModuleRequest(0, 1, action, s.id(), s.clientId(), s.productId(), s.domain(), s.username(), password,
                s.cycle().code(), ProvisioningQueue.object(s.moduleConfig()), ProvisioningQueue.object(s.moduleState()),
                io.steward.core.Json.MAPPER.createObjectNode(), null);
    }
}
