package io.steward.server;

import io.steward.db.Db;
import io.steward.modules.ModuleInstances;
import io.steward.service.ProvisioningHook;
import io.steward.service.Service;
import io.steward.service.ServiceFeature;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The server inventory assembled: servers and groups, and its part in provisioning. Before a
 * service's create job calls its module, it is placed on a server of its product's group (that
 * server's module instance then serves it, and the module hears the server in
 * {@code params.server}); its termination frees its place.
 */
public final class ServerFeature {
    private final ServerInventory inventory;
    private final ServerAdminHandlers adminHandlers;
    private final ServerDemo demo;

    public ServerFeature(Db db, Clock clock, ModuleInstances instances, ServiceFeature services, LongPredicate productExists) {
        var store = new ServerStore(db);
        this.inventory = new ServerInventory(db, clock, store, instances, productExists);
        services.useServers(inventory::instanceOf);
        instances.registerDependents(id -> inventory.serverUsing(id).map(name -> "the server " + name));
        services.addHook(new ProvisioningHook() {
            @Override
            public Map<String, Object> beforeCreate(Service s) {
                Optional<ServerInventory.Placement> placed = inventory.place(s.id(), s.productId());
                if (placed.isEmpty()) return Map.of();
                Server server = placed.get().server();
                services.services().placeOnServer(s.id(), server.id());
                return Map.of("server", Map.of("id", server.id(), "name", server.name(), "hostname", server.hostname()));
            }

            @Override
            public void terminated(Service s) {
                inventory.release(s.id());
            }
        });
        this.adminHandlers = new ServerAdminHandlers(inventory);
        this.demo = new ServerDemo(instances, inventory, services.services());
    }

    public ServerInventory inventory() { return inventory; }

    public ServerAdminHandlers adminHandlers() { return adminHandlers; }

    public ServerDemo demo() { return demo; }
}
