package io.steward.cdn;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code cdn_resource} and {@code cdn_purge} tables. */
final class CdnStore {
    static final Table<Record> R = table(name("cdn_resource"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<Long> INSTANCE_ID = field(name("module_instance_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> ORIGIN = field(name("origin"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);

    static final Table<Record> P = table(name("cdn_purge"));
    static final Field<Long> P_ID = field(name("id"), Long.class);
    static final Field<Long> P_RESOURCE = field(name("resource_id"), Long.class);
    static final Field<String> P_BY = field(name("requested_by"), String.class);
    static final Field<LocalDateTime> P_AT = field(name("requested_at"), LocalDateTime.class);
    static final Field<Integer> P_NODES = field(name("nodes"), Integer.class);
    static final Field<Boolean> P_SUCCESS = field(name("success"), Boolean.class);
    static final Field<String> P_MESSAGE = field(name("message"), String.class);

    /** One purge as logged. */
    record PurgeRow(long id, long resourceId, String by, LocalDateTime at, int nodes, boolean success, String message) {}

    private final Db db;

    CdnStore(Db db) {
        this.db = db;
    }

    long insert(long serviceId, long instanceId, String name, String origin, LocalDateTime now) {
        return db.dsl().insertInto(R).set(SERVICE_ID, serviceId).set(INSTANCE_ID, instanceId).set(NAME, name).set(ORIGIN, origin)
                .set(CREATED_AT, now).returningResult(ID).fetchOne().value1();
    }

    Optional<CdnResource> byId(long id) {
        return db.dsl().select(ID, SERVICE_ID, INSTANCE_ID, NAME, ORIGIN, CREATED_AT).from(R).where(ID.eq(id)).fetchOptional().map(CdnStore::map);
    }

    Optional<CdnResource> byName(String name) {
        return db.dsl().select(ID, SERVICE_ID, INSTANCE_ID, NAME, ORIGIN, CREATED_AT).from(R).where(NAME.eq(name)).fetchOptional().map(CdnStore::map);
    }

    List<CdnResource> ofService(long serviceId) {
        return db.dsl().select(ID, SERVICE_ID, INSTANCE_ID, NAME, ORIGIN, CREATED_AT).from(R).where(SERVICE_ID.eq(serviceId)).orderBy(ID).fetch().map(CdnStore::map);
    }

    List<CdnResource> ofInstance(long instanceId) {
        return db.dsl().select(ID, SERVICE_ID, INSTANCE_ID, NAME, ORIGIN, CREATED_AT).from(R).where(INSTANCE_ID.eq(instanceId)).orderBy(ID).fetch().map(CdnStore::map);
    }

    List<CdnResource> all() {
        return db.dsl().select(ID, SERVICE_ID, INSTANCE_ID, NAME, ORIGIN, CREATED_AT).from(R).orderBy(ID).fetch().map(CdnStore::map);
    }

    boolean usesInstance(long instanceId) {
        return db.dsl().fetchExists(R, INSTANCE_ID.eq(instanceId));
    }

    void delete(long id) {
        db.dsl().deleteFrom(R).where(ID.eq(id)).execute();
    }

    long logPurge(long resourceId, String by, LocalDateTime at, int nodes, boolean success, String message) {
        String m = message.length() > 1000 ? message.substring(0, 1000) : message;
        return db.dsl().insertInto(P).set(P_RESOURCE, resourceId).set(P_BY, by).set(P_AT, at).set(P_NODES, nodes).set(P_SUCCESS, success)
                .set(P_MESSAGE, m).returningResult(P_ID).fetchOne().value1();
    }

    List<PurgeRow> purges(long resourceId, int limit) {
        return db.dsl().select(P_ID, P_RESOURCE, P_BY, P_AT, P_NODES, P_SUCCESS, P_MESSAGE).from(P).where(P_RESOURCE.eq(resourceId)).orderBy(P_ID.desc()).limit(limit).fetch()
                .map(r -> new PurgeRow(r.get(P_ID), r.get(P_RESOURCE), r.get(P_BY), r.get(P_AT), r.get(P_NODES), r.get(P_SUCCESS), r.get(P_MESSAGE)));
    }

    private static CdnResource map(Record r) {
        return new CdnResource(r.get(ID), r.get(SERVICE_ID), r.get(INSTANCE_ID), r.get(NAME), r.get(ORIGIN), r.get(CREATED_AT));
    }
}
