package io.steward.server;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.modules.Check;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/** Servers and server groups: staff's inventory, and the choice of a server for a new account. */
public final class ServerInventory {
    private static final Pattern HOSTNAME = Pattern.compile("^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    /** What staff send for a server; null fields are left as they are on update (a capacity of -1... is refused, not cleared). */
    public record ServerInput(String name, String hostname, Optional<Long> groupId, Long moduleInstanceId, Optional<Integer> maxAccounts,
                              Optional<Integer> cpuCores, Optional<Integer> ramMb, Optional<Integer> diskGb, String status, Boolean maintenance) {}

    /** What staff send for a group; null fields are left as they are on update. */
    public record GroupInput(String name, String strategy, List<Long> productIds) {}

    /** A server chosen for a service. */
    public record Placement(Server server, boolean fresh) {}

    private final Db db;
    private final Clock clock;
    private final ServerStore store;
    private final ModuleInstances instances;
    private final LongPredicate productExists;

    ServerInventory(Db db, Clock clock, ServerStore store, ModuleInstances instances, LongPredicate productExists) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.instances = instances;
        this.productExists = productExists;
    }

    // servers

    public List<Server> servers(Long groupId) {
        return store.servers(groupId);
    }

    public Server server(long id) {
        return store.server(id).orElseThrow(() -> StewardException.notFound("Server not found"));
    }

    public Server createServer(ServerInput in) {
        return db.tx(() -> {
            var row = row(in, null);
            return server(store.insertServer(row, Times.now(clock)));
        });
    }

    public Server updateServer(long id, ServerInput in) {
        return db.tx(() -> {
            var row = row(in, server(id));
            store.updateServer(id, row, Times.now(clock));
            return server(id);
        });
    }

    public void deleteServer(long id) {
        db.txRun(() -> {
            Server s = server(id);
            if (s.accounts() > 0) {
                throw StewardException.conflict("The server holds " + s.accounts() + " account(s); move or terminate them first");
            }
            store.deleteServer(id);
        });
    }

    /** Tests the connection of the server's module instance (outside any transaction). */
    public Check test(long id) {
        return instances.test(server(id).moduleInstanceId());
    }

    public String moduleOf(Server s) {
        return instances.get(s.moduleInstanceId()).module();
    }

    private ServerStore.ServerRow row(ServerInput in, Server current) {
        var v = new Validation();
        String name = in.name() != null ? in.name().trim() : current == null ? "" : current.name();
        v.check(!name.isEmpty() && name.length() <= 100, "name", "Name must be 1-100 characters");
        if (!name.isEmpty() && store.serverNameTaken(name, current == null ? null : current.id())) v.add("name", "Another server has this name");
        String hostname = in.hostname() != null ? in.hostname().trim() : current == null ? "" : current.hostname();
        v.check(HOSTNAME.matcher(hostname).matches(), "hostname", "Hostname must be a host name (letters, digits, hyphens and dots)");
        Long groupId = in.groupId() != null ? in.groupId().orElse(null) : current == null ? null : current.groupId();
        if (groupId != null && store.group(groupId).isEmpty()) v.add("group_id", "No such server group");
        Long instance = in.moduleInstanceId() != null ? in.moduleInstanceId() : current == null ? null : current.moduleInstanceId();
        if (instance == null) v.add("module_instance_id", "A module instance of kind server is required");
        else if (!instances.usable(instance, ModuleKind.SERVER)) {
            v.add("module_instance_id", "No module instance of kind server with an installed module has this id");
        }
        Integer max = capacity(v, "max_accounts", in.maxAccounts(), current == null ? null : current.maxAccounts());
        Integer cpu = capacity(v, "cpu_cores", in.cpuCores(), current == null ? null : current.cpuCores());
        Integer ram = capacity(v, "ram_mb", in.ramMb(), current == null ? null : current.ramMb());
        Integer disk = capacity(v, "disk_gb", in.diskGb(), current == null ? null : current.diskGb());
        String status = in.status() != null ? in.status().trim() : current == null ? Server.ACTIVE : current.status();
        v.check(status.equals(Server.ACTIVE) || status.equals(Server.OFFLINE), "status", "Status must be active or offline");
        boolean maintenance = in.maintenance() != null ? in.maintenance() : current != null && current.maintenance();
        v.throwIfAny();
        return new ServerStore.ServerRow(name, hostname.toLowerCase(java.util.Locale.ROOT), groupId, instance, max, cpu, ram, disk, status,
                maintenance);
    }

    private static Integer capacity(Validation v, String field, Optional<Integer> given, Integer current) {
        if (given == null) return current;
        Integer value = given.orElse(null);
        v.check(value == null || value >= 0, field, field + " must not be negative");
        return value;
    }

    // groups

    public List<ServerGroup> groups() {
        return store.groups();
    }

    public ServerGroup group(long id) {
        return store.group(id).orElseThrow(() -> StewardException.notFound("Server group not found"));
    }

    public ServerGroup createGroup(GroupInput in) {
        return db.tx(() -> {
            var v = new Validation();
            String name = groupName(v, in.name(), null);
            FillStrategy strategy = strategy(v, in.strategy(), FillStrategy.LEAST_USED);
            List<Long> products = products(v, in.productIds() == null ? List.of() : in.productIds(), 0);
            v.throwIfAny();
            long id = store.insertGroup(name, strategy, Times.now(clock));
            store.bindProducts(id, products);
            return group(id);
        });
    }

    public ServerGroup updateGroup(long id, GroupInput in) {
        return db.tx(() -> {
            ServerGroup g = store.groupForUpdate(id).orElseThrow(() -> StewardException.notFound("Server group not found"));
            var v = new Validation();
            String name = in.name() == null ? g.name() : groupName(v, in.name(), id);
            FillStrategy strategy = strategy(v, in.strategy(), g.strategy());
            List<Long> products = in.productIds() == null ? g.productIds() : products(v, in.productIds(), id);
            v.throwIfAny();
            store.updateGroup(id, name, strategy, Times.now(clock));
            store.bindProducts(id, products);
            return group(id);
        });
    }

    public void deleteGroup(long id) {
        db.txRun(() -> {
            group(id);
            if (!store.servers(id).isEmpty()) throw StewardException.conflict("The group still has servers; move or delete them first");
            store.deleteGroup(id);
        });
    }

    private String groupName(Validation v, String given, Long except) {
        String name = given == null ? "" : given.trim();
        v.check(!name.isEmpty() && name.length() <= 100, "name", "Name must be 1-100 characters");
        if (!name.isEmpty() && store.groupNameTaken(name, except)) v.add("name", "Another server group has this name");
        return name;
    }

    private static FillStrategy strategy(Validation v, String given, FillStrategy fallback) {
        if (given == null || given.isBlank()) return fallback;
        Optional<FillStrategy> s = FillStrategy.parse(given.trim());
        if (s.isEmpty()) v.add("strategy", "Strategy must be one of least_used, fill_first, round_robin");
        return s.orElse(fallback);
    }

    private List<Long> products(Validation v, List<Long> given, long groupId) {
        List<Long> ids = given.stream().distinct().toList();
        for (long p : ids) {
            if (!productExists.test(p)) v.add("product_ids", "No product " + p);
        }
        store.boundElsewhere(groupId, ids).forEach((p, g) -> v.add("product_ids", "Product " + p + " is bound to server group " + g));
        return ids;
    }

    // placement

    /**
     * The server of a service about to be created: the one it was placed on before (a retried
     * create), else one of its product's group chosen by the group's strategy under the group's
     * lock; empty when the product is bound to no group. No server with room is a 409.
     */
    Optional<Placement> place(long serviceId, Long productId) {
        Optional<Long> before = store.accountServer(serviceId);
        if (before.isPresent()) return store.server(before.get()).map(s -> new Placement(s, false));
        if (productId == null) return Optional.empty();
        Optional<Long> groupId = store.groupOfProduct(productId);
        if (groupId.isEmpty()) return Optional.empty();
        ServerGroup g = store.groupForUpdate(groupId.get()).orElseThrow();
        List<Server> servers = store.servers(g.id());
        long chosen = g.strategy().pick(servers.stream().map(Server::candidate).toList(), g.lastServerId())
                .orElseThrow(() -> new StewardException(ErrorCode.CONFLICT, "No server of the group " + g.name()
                        + " has room (every server is full, offline or in maintenance)"));
        store.place(serviceId, chosen, Times.now(clock));
        store.setLastServer(g.id(), chosen);
        return Optional.of(new Placement(servers.stream().filter(s -> s.id() == chosen).findFirst().orElseThrow(), true));
    }

    /** Records a service already provisioned elsewhere (demo data, imports) as an account of the server. */
    void placeExisting(long serviceId, long serverId) {
        db.txRun(() -> {
            if (store.accountServer(serviceId).isEmpty()) store.place(serviceId, serverId, Times.now(clock));
        });
    }

    /** A terminated service's account no longer counts against its server. */
    void release(long serviceId) {
        store.release(serviceId);
    }

    Optional<Long> instanceOf(long serverId) {
        return store.instanceOf(serverId);
    }

    Optional<String> serverUsing(long instanceId) {
        return store.serverUsing(instanceId);
    }

}
