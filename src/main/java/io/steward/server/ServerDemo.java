package io.steward.server;

import io.steward.core.StewardException;
import io.steward.modules.ModuleInstance;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.service.ServiceManager;
import java.util.List;
import java.util.Optional;

/**
 * The demo inventory: a server group "Sandbox servers" of two servers, bound to the demo hosting
 * product, on a module instance of the {@code sandbox} server module when it is installed (else
 * the {@code recording} one); the demo client's service of that product is placed on the first.
 * Loaded once: a node that finds the group leaves it alone.
 */
public final class ServerDemo {
    public static final String GROUP = "Sandbox servers";

    private final ModuleInstances instances;
    private final ServerInventory inventory;
    private final ServiceManager services;

    ServerDemo(ModuleInstances instances, ServerInventory inventory, ServiceManager services) {
        this.instances = instances;
        this.inventory = inventory;
        this.services = services;
    }

    public void load(long clientId, Long hostingProductId) {
        if (hostingProductId == null || inventory.groups().stream().anyMatch(g -> g.name().equals(GROUP))) return;
        ModuleInstance instance = instance("sandbox").or(() -> instance("recording")).orElse(null);
        if (instance == null) return;
        ServerGroup group = inventory.createGroup(new ServerInventory.GroupInput(GROUP, "least_used", List.of(hostingProductId)));
        Server first = null;
        for (int n = 1; n <= 2; n++) {
            Server s = inventory.createServer(new ServerInventory.ServerInput("sandbox-" + n, "sandbox" + n + ".steward.test",
                    Optional.of(group.id()), instance.id(), Optional.of(200), Optional.of(16), Optional.of(65536), Optional.of(1000),
                    "active", false));
            if (first == null) first = s;
        }
        for (long serviceId : services.idsOf(clientId)) {
            var s = services.details(serviceId).service();
            if (hostingProductId.equals(s.productId()) && !s.isClosed()) {
                inventory.placeExisting(serviceId, first.id());
                services.placeOnServer(serviceId, first.id());
            }
        }
    }

    /** A staff instance of the server module for the demo servers; empty when the module is absent or needs settings. */
    private Optional<ModuleInstance> instance(String module) {
        if (!instances.modules().has(ModuleKind.SERVER, module)) return Optional.empty();
        try {
            return Optional.of(instances.create(new ModuleInstances.Draft("server", module, "Sandbox servers (" + module + ")", null, null)));
        } catch (StewardException e) {
            return Optional.empty();
        }
    }
}
