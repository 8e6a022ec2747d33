package io.steward.server;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The server inventory's tables: {@code server}, {@code server_group}, {@code server_group_product}, {@code server_account}. */
final class ServerStore {
    static final Table<Record> S = table(name("server"));
    static final Field<Long> S_ID = field(name("server", "id"), Long.class);
    static final Field<Long> S_GROUP = field(name("group_id"), Long.class);
    static final Field<String> S_NAME = field(name("name"), String.class);
    static final Field<String> S_HOSTNAME = field(name("hostname"), String.class);
    static final Field<Long> S_INSTANCE = field(name("module_instance_id"), Long.class);
    static final Field<Integer> S_MAX = field(name("max_accounts"), Integer.class);
    static final Field<Integer> S_CPU = field(name("cpu_cores"), Integer.class);
    static final Field<Integer> S_RAM = field(name("ram_mb"), Integer.class);
    static final Field<Integer> S_DISK = field(name("disk_gb"), Integer.class);
    static final Field<String> S_STATUS = field(name("status"), String.class);
    static final Field<Boolean> S_MAINTENANCE = field(name("maintenance"), Boolean.class);
    static final Field<LocalDateTime> S_CREATED = field(name("server", "created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> S_UPDATED = field(name("server", "updated_at"), LocalDateTime.class);

    static final Table<Record> G = table(name("server_group"));
    static final Field<Long> G_ID = field(name("id"), Long.class);
    static final Field<String> G_NAME = field(name("name"), String.class);
    static final Field<String> G_STRATEGY = field(name("strategy"), String.class);
    static final Field<Long> G_LAST = field(name("last_server_id"), Long.class);
    static final Field<LocalDateTime> G_CREATED = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> G_UPDATED = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> GP = table(name("server_group_product"));
    static final Field<Long> GP_PRODUCT = field(name("product_id"), Long.class);
    static final Field<Long> GP_GROUP = field(name("group_id"), Long.class);

    static final Table<Record> A = table(name("server_account"));
    static final Field<Long> A_SERVICE = field(name("service_id"), Long.class);
    static final Field<Long> A_SERVER = field(name("server_id"), Long.class);
    static final Field<LocalDateTime> A_PLACED = field(name("placed_at"), LocalDateTime.class);

    /** A server's values as staff set them. */
    record ServerRow(String name, String hostname, Long groupId, long moduleInstanceId, Integer maxAccounts, Integer cpuCores, Integer ramMb,
                     Integer diskGb, String status, boolean maintenance) {}

    private final Db db;

    ServerStore(Db db) {
        this.db = db;
    }

    // servers

    private List<Server> servers(org.jooq.Condition where) {
        Map<Long, Integer> accounts = db.dsl().select(A_SERVER, count()).from(A).groupBy(A_SERVER).fetchMap(A_SERVER, count());
        return db.dsl().select(S_ID, S_GROUP, S_NAME, S_HOSTNAME, S_INSTANCE, S_MAX, S_CPU, S_RAM, S_DISK, S_STATUS, S_MAINTENANCE, S_CREATED,
                        S_UPDATED).from(S).where(where).orderBy(S_ID)
                .fetch(r -> new Server(r.get(S_ID), r.get(S_NAME), r.get(S_HOSTNAME), r.get(S_GROUP), r.get(S_INSTANCE), r.get(S_MAX),
                        r.get(S_CPU), r.get(S_RAM), r.get(S_DISK), r.get(S_STATUS), r.get(S_MAINTENANCE),
                        accounts.getOrDefault(r.get(S_ID), 0), r.get(S_CREATED), r.get(S_UPDATED)));
    }

    List<Server> servers(Long groupId) {
        return servers(groupId == null ? org.jooq.impl.DSL.trueCondition() : S_GROUP.eq(groupId));
    }

    Optional<Server> server(long id) {
        return servers(S_ID.eq(id)).stream().findFirst();
    }

    Optional<Long> instanceOf(long serverId) {
        return db.dsl().select(S_INSTANCE).from(S).where(S_ID.eq(serverId)).fetchOptional(S_INSTANCE);
    }

    /** The name of a server using the module instance, if any. */
    Optional<String> serverUsing(long instanceId) {
        return db.dsl().select(S_NAME).from(S).where(S_INSTANCE.eq(instanceId)).orderBy(S_ID).limit(1).fetchOptional(S_NAME);
    }

    boolean serverNameTaken(String name, Long except) {
        var c = org.jooq.impl.DSL.lower(S_NAME).eq(name.toLowerCase(java.util.Locale.ROOT));
        if (except != null) c = c.and(S_ID.ne(except));
        return db.dsl().fetchExists(S, c);
    }

    long insertServer(ServerRow s, LocalDateTime now) {
        return db.dsl().insertInto(S).set(values(s)).set(field(name("created_at"), LocalDateTime.class), now)
                .set(field(name("updated_at"), LocalDateTime.class), now).returningResult(field(name("id"), Long.class)).fetchOne().value1();
    }

    void updateServer(long id, ServerRow s, LocalDateTime now) {
        db.dsl().update(S).set(values(s)).set(field(name("updated_at"), LocalDateTime.class), now).where(S_ID.eq(id)).execute();
    }

    private static Map<Field<?>, Object> values(ServerRow s) {
        var m = new java.util.LinkedHashMap<Field<?>, Object>();
        m.put(S_NAME, s.name());
        m.put(S_HOSTNAME, s.hostname());
        m.put(S_GROUP, s.groupId());
        m.put(S_INSTANCE, s.moduleInstanceId());
        m.put(S_MAX, s.maxAccounts());
        m.put(S_CPU, s.cpuCores());
        m.put(S_RAM, s.ramMb());
        m.put(S_DISK, s.diskGb());
        m.put(S_STATUS, s.status());
        m.put(S_MAINTENANCE, s.maintenance());
        return m;
    }

    boolean deleteServer(long id) {
        return db.dsl().deleteFrom(S).where(S_ID.eq(id)).execute() == 1;
    }

    // groups

    private List<ServerGroup> groups(org.jooq.Condition where) {
        var products = new java.util.HashMap<Long, List<Long>>();
        db.dsl().select(GP_GROUP, GP_PRODUCT).from(GP).orderBy(GP_PRODUCT)
                .forEach(r -> products.computeIfAbsent(r.get(GP_GROUP), k -> new java.util.ArrayList<>()).add(r.get(GP_PRODUCT)));
        return db.dsl().select(G_ID, G_NAME, G_STRATEGY, G_LAST, G_CREATED, G_UPDATED).from(G).where(where).orderBy(G_ID)
                .fetch(r -> new ServerGroup(r.get(G_ID), r.get(G_NAME), FillStrategy.parse(r.get(G_STRATEGY)).orElseThrow(), r.get(G_LAST),
                        List.copyOf(products.getOrDefault(r.get(G_ID), List.of())), r.get(G_CREATED), r.get(G_UPDATED)));
    }

    List<ServerGroup> groups() {
        return groups(org.jooq.impl.DSL.trueCondition());
    }

    Optional<ServerGroup> group(long id) {
        return groups(G_ID.eq(id)).stream().findFirst();
    }

    /** Locks the group's row for the rest of the transaction: placements in one group are serialised. */
    Optional<ServerGroup> groupForUpdate(long id) {
        if (db.dsl().select(G_ID).from(G).where(G_ID.eq(id)).forUpdate().fetchOptional().isEmpty()) return Optional.empty();
        return group(id);
    }

    Optional<Long> groupOfProduct(long productId) {
        return db.dsl().select(GP_GROUP).from(GP).where(GP_PRODUCT.eq(productId)).fetchOptional(GP_GROUP);
    }

    boolean groupNameTaken(String name, Long except) {
        var c = org.jooq.impl.DSL.lower(G_NAME).eq(name.toLowerCase(java.util.Locale.ROOT));
        if (except != null) c = c.and(G_ID.ne(except));
        return db.dsl().fetchExists(G, c);
    }

    long insertGroup(String name, FillStrategy strategy, LocalDateTime now) {
        return db.dsl().insertInto(G).set(G_NAME, name).set(G_STRATEGY, strategy.code()).set(G_CREATED, now).set(G_UPDATED, now)
                .returningResult(G_ID).fetchOne().value1();
    }

    void updateGroup(long id, String name, FillStrategy strategy, LocalDateTime now) {
        db.dsl().update(G).set(G_NAME, name).set(G_STRATEGY, strategy.code()).set(G_UPDATED, now).where(G_ID.eq(id)).execute();
    }

    void setLastServer(long groupId, long serverId) {
        db.dsl().update(G).set(G_LAST, serverId).where(G_ID.eq(groupId)).execute();
    }

    /** Binds exactly these products to the group. */
    void bindProducts(long groupId, List<Long> productIds) {
        db.dsl().deleteFrom(GP).where(GP_GROUP.eq(groupId)).execute();
        for (long p : productIds) db.dsl().insertInto(GP).set(GP_PRODUCT, p).set(GP_GROUP, groupId).execute();
    }

    /** The group another group's product is bound to, for the products given. */
    Map<Long, Long> boundElsewhere(long groupId, List<Long> productIds) {
        if (productIds.isEmpty()) return Map.of();
        return db.dsl().select(GP_PRODUCT, GP_GROUP).from(GP).where(GP_PRODUCT.in(productIds)).and(GP_GROUP.ne(groupId))
                .fetchMap(GP_PRODUCT, GP_GROUP);
    }

    boolean deleteGroup(long id) {
        db.dsl().deleteFrom(GP).where(GP_GROUP.eq(id)).execute();
        return db.dsl().deleteFrom(G).where(G_ID.eq(id)).execute() == 1;
    }

    // accounts

    Optional<Long> accountServer(long serviceId) {
        return db.dsl().select(A_SERVER).from(A).where(A_SERVICE.eq(serviceId)).fetchOptional(A_SERVER);
    }

    void place(long serviceId, long serverId, LocalDateTime now) {
        db.dsl().insertInto(A).set(A_SERVICE, serviceId).set(A_SERVER, serverId).set(A_PLACED, now).execute();
    }

    void release(long serviceId) {
        db.dsl().deleteFrom(A).where(A_SERVICE.eq(serviceId)).execute();
    }
}
