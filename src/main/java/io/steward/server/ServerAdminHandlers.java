package io.steward.server;

import static io.steward.core.Json.obj;

import io.steward.core.Ids;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.modules.Check;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Staff handlers for servers and server groups ({@code /admin/api/servers}, {@code /admin/api/server-groups}); ids are JSON numbers. */
public final class ServerAdminHandlers {
    private final ServerInventory inventory;

    ServerAdminHandlers(ServerInventory inventory) {
        this.inventory = inventory;
    }

    public Object listServers(Call call) {
        Long group = call.params().id("group_id").orElse(null);
        return obj("servers", inventory.servers(group).stream().map(this::server).toList());
    }

    public Object getServer(Call call) {
        return obj("server", server(inventory.server(call.pathId("id"))));
    }

    public Object createServer(Call call) {
        return Reply.json(201, obj("server", server(inventory.createServer(serverInput(call.params())))));
    }

    public Object updateServer(Call call) {
        return obj("server", server(inventory.updateServer(call.pathId("id"), serverInput(call.params()))));
    }

    public Object deleteServer(Call call) {
        inventory.deleteServer(call.pathId("id"));
        return obj("deleted", true);
    }

    public Object testServer(Call call) {
        long id = call.pathId("id");
        Check c = inventory.test(id);
        return obj("test", obj("ok", c.ok(), "message", c.message()), "server", server(inventory.server(id)));
    }

    public Object listGroups(Call call) {
        return obj("groups", inventory.groups().stream().map(this::group).toList());
    }

    public Object getGroup(Call call) {
        return obj("group", group(inventory.group(call.pathId("id"))));
    }

    public Object createGroup(Call call) {
        return Reply.json(201, obj("group", group(inventory.createGroup(groupInput(call.params())))));
    }

    public Object updateGroup(Call call) {
        return obj("group", group(inventory.updateGroup(call.pathId("id"), groupInput(call.params()))));
    }

    public Object deleteGroup(Call call) {
        inventory.deleteGroup(call.pathId("id"));
        return obj("deleted", true);
    }

    private static ServerInventory.ServerInput serverInput(Params p) {
        return new ServerInventory.ServerInput(p.string("name").orElse(null), p.string("hostname").orElse(null), optionalId(p, "group_id"),
                p.id("module_instance_id").orElse(null), count(p, "max_accounts"), count(p, "cpu_cores"), count(p, "ram_mb"),
                count(p, "disk_gb"), p.string("status").orElse(null), p.optionalFlag("maintenance").orElse(null));
    }

    /** Absent: leave as it is (null); given as null or empty: clear it; else the id. */
    private static Optional<Long> optionalId(Params p, String name) {
        if (!p.tree().has(name)) return null;
        return p.id(name);
    }

    private static Optional<Integer> count(Params p, String name) {
        if (!p.tree().has(name)) return null;
        return p.longValue(name).map(v -> {
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw StewardException.invalid(Map.of(name, List.of(name + " is too large")));
            }
            return v.intValue();
        });
    }

    private static ServerInventory.GroupInput groupInput(Params p) {
        List<Long> products = p.list("product_ids").map(l -> l.stream().filter(s -> !s.isBlank()).map(s -> Ids.parse(s.trim())
                .orElseThrow(() -> StewardException.badRequest("Parameter 'product_ids' must be a list of ids")))
                .toList()).orElse(null);
        return new ServerInventory.GroupInput(p.string("name").orElse(null), p.string("strategy").orElse(null), products);
    }

    private Map<String, Object> server(Server s) {
        return obj("id", s.id(), "name", s.name(), "hostname", s.hostname(), "group_id", s.groupId(),
                "module_instance_id", s.moduleInstanceId(), "module", inventory.moduleOf(s),
                "capacity", obj("max_accounts", s.maxAccounts(), "cpu_cores", s.cpuCores(), "ram_mb", s.ramMb(), "disk_gb", s.diskGb()),
                "status", s.status(), "maintenance", s.maintenance(),
                "utilisation", obj("accounts", s.accounts(), "max_accounts", s.maxAccounts(), "percent", percent(s.accounts(), s.maxAccounts())),
                "created_at", Times.stamp(s.createdAt()), "updated_at", Times.stamp(s.updatedAt()));
    }

    private Map<String, Object> group(ServerGroup g) {
        List<Server> servers = inventory.servers(g.id());
        int accounts = servers.stream().mapToInt(Server::accounts).sum();
        // A group's capacity is known only when every server has a limit.
        Integer max = servers.stream().anyMatch(s -> s.maxAccounts() == null) ? null : servers.stream().mapToInt(Server::maxAccounts).sum();
        return obj("id", g.id(), "name", g.name(), "strategy", g.strategy().code(), "product_ids", g.productIds(),
                "server_ids", servers.stream().map(Server::id).toList(),
                "utilisation", obj("servers", servers.size(), "available_servers", servers.stream().filter(s -> s.candidate().hasRoom()).count(),
                        "accounts", accounts, "max_accounts", max, "percent", percent(accounts, max)),
                "created_at", Times.stamp(g.createdAt()), "updated_at", Times.stamp(g.updatedAt()));
    }

    /** Accounts held as a percentage of the limit, two decimals; null without a limit. */
    private static BigDecimal percent(int accounts, Integer max) {
        if (max == null) return null;
        if (max == 0) return accounts == 0 ? BigDecimal.ZERO : new BigDecimal("100.00");
        return BigDecimal.valueOf(accounts * 100L).divide(BigDecimal.valueOf(max), 2, RoundingMode.HALF_UP);
    }
}
