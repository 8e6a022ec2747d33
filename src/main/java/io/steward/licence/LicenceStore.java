package io.steward.licence;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code licence} table: a service's licence, its key sealed. */
final class LicenceStore {
    static final Table<Record> L = table(name("licence"));
    static final Field<Long> SERVICE = field(name("service_id"), Long.class);
    static final Field<Long> CLIENT = field(name("client_id"), Long.class);
    static final Field<String> VENDOR = field(name("vendor"), String.class);
    static final Field<String> BOUND = field(name("bound_to"), String.class);
    static final Field<String> KEY = field(name("key_sealed"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);

    record Licence(long serviceId, long clientId, String vendor, String boundTo, String keySealed, String status) {}

    private final Db db;

    LicenceStore(Db db) {
        this.db = db;
    }

    private static Licence map(Record r) {
        return new Licence(r.get(SERVICE), r.get(CLIENT), r.get(VENDOR), r.get(BOUND), r.get(KEY), r.get(STATUS));
    }

    Optional<Licence> byService(long serviceId) {
        return db.dsl().select(SERVICE, CLIENT, VENDOR, BOUND, KEY, STATUS).from(L).where(SERVICE.eq(serviceId)).fetchOptional(LicenceStore::map);
    }

    List<Licence> ofClients(Collection<Long> clientIds) {
        return db.dsl().select(SERVICE, CLIENT, VENDOR, BOUND, KEY, STATUS).from(L).where(CLIENT.in(clientIds)).orderBy(SERVICE).fetch(LicenceStore::map);
    }

    List<Licence> all() {
        return db.dsl().select(SERVICE, CLIENT, VENDOR, BOUND, KEY, STATUS).from(L).orderBy(SERVICE).fetch(LicenceStore::map);
    }

    void insert(long serviceId, long clientId, String vendor, String boundTo, LocalDateTime now) {
        db.dsl().insertInto(L).set(SERVICE, serviceId).set(CLIENT, clientId).set(VENDOR, vendor).set(BOUND, boundTo).set(STATUS, "pending")
                .set(CREATED, now).set(UPDATED, now).execute();
    }

    void set(long serviceId, String status, String keySealed, String boundTo, LocalDateTime now) {
        var q = db.dsl().update(L).set(STATUS, status).set(UPDATED, now);
        if (keySealed != null) q = q.set(KEY, keySealed);
        if (boundTo != null) q = q.set(BOUND, boundTo);
        q.where(SERVICE.eq(serviceId)).execute();
    }
}
