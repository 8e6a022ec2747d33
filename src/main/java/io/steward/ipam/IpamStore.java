package io.steward.ipam;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code ip_pool}, {@code ip_address}, {@code product_ip_policy} and {@code product_ip_pool} tables. */
final class IpamStore {
    static final Table<Record> POOL = table(name("ip_pool"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<Integer> FAMILY = field(name("family"), Integer.class);
    static final Field<String> NETWORK = field(name("network"), String.class);
    static final Field<Integer> PREFIX = field(name("prefix"), Integer.class);
    static final Field<String> GATEWAY = field(name("gateway"), String.class);
    static final Field<String> RESERVED = field(name("reserved"), String.class);
    static final Field<Boolean> CLASSLESS = field(name("rdns_classless"), Boolean.class);
    static final Field<String> NOTES = field(name("notes"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> ADDRESS = table(name("ip_address"));
    static final Field<Long> POOL_ID = field(name("pool_id"), Long.class);
    static final Field<String> ADDRESS_TEXT = field(name("address"), String.class);
    static final Field<Long> POSITION = field(name("position"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<LocalDateTime> ASSIGNED_AT = field(name("assigned_at"), LocalDateTime.class);
    static final Field<Long> LAST_SERVICE_ID = field(name("last_service_id"), Long.class);
    static final Field<LocalDateTime> RELEASED_AT = field(name("released_at"), LocalDateTime.class);
    static final Field<LocalDateTime> COOLING_UNTIL = field(name("cooling_until"), LocalDateTime.class);

    static final Table<Record> POLICY = table(name("product_ip_policy"));
    static final Field<Long> PRODUCT_ID = field(name("product_id"), Long.class);
    static final Field<Integer> IPV4_COUNT = field(name("ipv4_count"), Integer.class);
    static final Field<Integer> IPV6_COUNT = field(name("ipv6_count"), Integer.class);
    static final Table<Record> POLICY_POOL = table(name("product_ip_pool"));
    static final Field<Integer> POLICY_POSITION = field(name("position"), Integer.class);

    private static final List<Field<?>> POOL_COLUMNS = List.of(ID, NAME, FAMILY, NETWORK, PREFIX, GATEWAY, RESERVED, CLASSLESS, NOTES, CREATED_AT);
    private static final List<Field<?>> ADDRESS_COLUMNS = List.of(ID, POOL_ID, ADDRESS_TEXT, POSITION, SERVICE_ID, CLIENT_ID, ASSIGNED_AT,
            LAST_SERVICE_ID, RELEASED_AT, COOLING_UNTIL);

    private final Db db;

    IpamStore(Db db) {
        this.db = db;
    }

    private static IpPool pool(Record r) {
        String reserved = r.get(RESERVED);
        return new IpPool(r.get(ID), r.get(NAME), r.get(FAMILY), r.get(NETWORK), r.get(PREFIX), r.get(GATEWAY),
                reserved == null || reserved.isEmpty() ? List.of() : Arrays.asList(reserved.split(",")),
                Boolean.TRUE.equals(r.get(CLASSLESS)), r.get(NOTES), r.get(CREATED_AT));
    }

    private static IpAddress address(Record r) {
        return new IpAddress(r.get(ID), r.get(POOL_ID), r.get(ADDRESS_TEXT), r.get(POSITION), r.get(SERVICE_ID), r.get(CLIENT_ID),
                r.get(ASSIGNED_AT), r.get(LAST_SERVICE_ID), r.get(RELEASED_AT), r.get(COOLING_UNTIL));
    }

    // Pools.

    List<IpPool> pools() {
        return db.dsl().select(POOL_COLUMNS).from(POOL).orderBy(ID).fetch(IpamStore::pool);
    }

    Optional<IpPool> pool(long id) {
        return db.dsl().select(POOL_COLUMNS).from(POOL).where(ID.eq(id)).fetchOptional(IpamStore::pool);
    }

    /** Locks the pool's row: assignments from one pool queue, so the free address each picks is still free when it writes. */
    Optional<IpPool> poolForUpdate(long id) {
        return db.dsl().select(POOL_COLUMNS).from(POOL).where(ID.eq(id)).forUpdate().fetchOptional(IpamStore::pool);
    }

    long insertPool(IpPool p, LocalDateTime now) {
        return db.dsl().insertInto(POOL).set(NAME, p.name()).set(FAMILY, p.family()).set(NETWORK, p.network()).set(PREFIX, p.prefix())
                .set(GATEWAY, p.gateway()).set(RESERVED, String.join(",", p.reserved())).set(CLASSLESS, p.classless())
                .set(NOTES, p.notes()).set(CREATED_AT, now).set(UPDATED_AT, now).returningResult(ID).fetchOne().value1();
    }

    void updatePool(IpPool p, LocalDateTime now) {
        db.dsl().update(POOL).set(NAME, p.name()).set(GATEWAY, p.gateway()).set(RESERVED, String.join(",", p.reserved()))
                .set(NOTES, p.notes()).set(UPDATED_AT, now).where(ID.eq(p.id())).execute();
    }

    void deletePool(long id) {
        db.dsl().deleteFrom(ADDRESS).where(POOL_ID.eq(id)).execute();
        db.dsl().deleteFrom(POOL).where(ID.eq(id)).execute();
    }

    // Addresses.

    private List<IpAddress> addresses(Condition where) {
        return db.dsl().select(ADDRESS_COLUMNS).from(ADDRESS).where(where).orderBy(POOL_ID, POSITION).fetch(IpamStore::address);
    }

    /** The pool's addresses held, or released and cooling down at {@code now}. */
    List<IpAddress> inUse(long poolId, LocalDateTime now) {
        return addresses(POOL_ID.eq(poolId).and(SERVICE_ID.isNotNull().or(COOLING_UNTIL.gt(now))));
    }

    /** Positions of the pool's addresses held or cooling down, in order. */
    List<Long> positionsInUse(long poolId, LocalDateTime now) {
        return db.dsl().select(POSITION).from(ADDRESS).where(POOL_ID.eq(poolId)).and(SERVICE_ID.isNotNull().or(COOLING_UNTIL.gt(now)))
                .orderBy(POSITION).fetch(POSITION);
    }

    Optional<IpAddress> byPosition(long poolId, long position) {
        return addresses(POOL_ID.eq(poolId).and(POSITION.eq(position))).stream().findFirst();
    }

    Optional<IpAddress> byAddress(String address) {
        return addresses(ADDRESS_TEXT.eq(address)).stream().findFirst();
    }

    List<IpAddress> ofService(long serviceId) {
        return addresses(SERVICE_ID.eq(serviceId));
    }

    int countHeld(long poolId) {
        return db.dsl().fetchCount(ADDRESS, POOL_ID.eq(poolId).and(SERVICE_ID.isNotNull()));
    }

    int countCooling(long poolId, LocalDateTime now) {
        return db.dsl().fetchCount(ADDRESS, POOL_ID.eq(poolId).and(SERVICE_ID.isNull()).and(COOLING_UNTIL.gt(now)));
    }

    void insertHeld(long poolId, String address, long position, long serviceId, long clientId, LocalDateTime now) {
        db.dsl().insertInto(ADDRESS).set(POOL_ID, poolId).set(ADDRESS_TEXT, address).set(POSITION, position).set(SERVICE_ID, serviceId)
                .set(CLIENT_ID, clientId).set(ASSIGNED_AT, now).execute();
    }

    /** Gives a free address (no holder, cooled down) to the service; false when it is not free. */
    boolean take(long addressId, long serviceId, long clientId, LocalDateTime now) {
        return db.dsl().update(ADDRESS).set(SERVICE_ID, serviceId).set(CLIENT_ID, clientId).set(ASSIGNED_AT, now)
                .set(COOLING_UNTIL, (LocalDateTime) null).where(ID.eq(addressId)).and(SERVICE_ID.isNull())
                .and(COOLING_UNTIL.isNull().or(COOLING_UNTIL.le(now))).execute() == 1;
    }

    /** The addresses leave their holder and cool down until {@code until}. */
    void release(Collection<Long> addressIds, LocalDateTime now, LocalDateTime until) {
        if (addressIds.isEmpty()) return;
        db.dsl().update(ADDRESS).set(LAST_SERVICE_ID, SERVICE_ID).set(SERVICE_ID, (Long) null).set(CLIENT_ID, (Long) null)
                .set(RELEASED_AT, now).set(COOLING_UNTIL, until).where(ID.in(addressIds)).and(SERVICE_ID.isNotNull()).execute();
    }

    // Product policies.

    Optional<IpPolicy> policy(long productId) {
        var row = db.dsl().select(PRODUCT_ID, IPV4_COUNT, IPV6_COUNT).from(POLICY).where(PRODUCT_ID.eq(productId)).fetchOptional();
        if (row.isEmpty()) return Optional.empty();
        List<Long> pools = db.dsl().select(POOL_ID).from(POLICY_POOL).where(PRODUCT_ID.eq(productId)).orderBy(POLICY_POSITION).fetch(POOL_ID);
        var r = row.get();
        return Optional.of(new IpPolicy(productId, r.get(IPV4_COUNT), r.get(IPV6_COUNT), pools));
    }

    void putPolicy(IpPolicy p, LocalDateTime now) {
        db.dsl().deleteFrom(POLICY_POOL).where(PRODUCT_ID.eq(p.productId())).execute();
        db.dsl().deleteFrom(POLICY).where(PRODUCT_ID.eq(p.productId())).execute();
        db.dsl().insertInto(POLICY).set(PRODUCT_ID, p.productId()).set(IPV4_COUNT, p.ipv4Count()).set(IPV6_COUNT, p.ipv6Count())
                .set(UPDATED_AT, now).execute();
        int position = 0;
        for (long pool : p.poolIds()) {
            db.dsl().insertInto(POLICY_POOL).set(PRODUCT_ID, p.productId()).set(POOL_ID, pool).set(POLICY_POSITION, position++).execute();
        }
    }

    boolean deletePolicy(long productId) {
        db.dsl().deleteFrom(POLICY_POOL).where(PRODUCT_ID.eq(productId)).execute();
        return db.dsl().deleteFrom(POLICY).where(PRODUCT_ID.eq(productId)).execute() > 0;
    }
}
