package io.steward.account;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Json;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import io.steward.db.Db;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code contact} table. Privileges are stored as the JSON shape the API speaks. */
final class ContactStore {
    static final Table<Record> T = table(name("contact"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> PRIVILEGES = field(name("privileges"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> LASTLOGIN_AT = field(name("lastlogin_at"), LocalDateTime.class);

    static final java.util.List<Field<?>> COLUMNS;

    static {
        var cols = new java.util.ArrayList<Field<?>>(java.util.List.of(ID, CLIENT_ID, PRIVILEGES, CREATED_AT, UPDATED_AT, LASTLOGIN_AT));
        cols.addAll(java.util.List.of(ProfileColumns.ALL));
        COLUMNS = java.util.List.copyOf(cols);
    }

    private final Db db;

    ContactStore(Db db) {
        this.db = db;
    }

    private static Contact map(Record r) {
        Privileges p;
        try {
            p = PrivilegeCatalog.stored(Json.MAPPER.readTree(r.get(PRIVILEGES)));
        } catch (Exception e) {
            p = Privileges.NONE; // unreadable privileges grant nothing
        }
        return new Contact(r.get(ID), r.get(CLIENT_ID), ProfileColumns.read(r), p, r.get(CREATED_AT), r.get(LASTLOGIN_AT));
    }

    /** The contact if it belongs to the client: another client's contact is simply absent. */
    Optional<Contact> byId(long clientId, long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).and(CLIENT_ID.eq(clientId)).fetchOptional(ContactStore::map);
    }

    /** Contacts (of any client) whose profile email is {@code email}, case-insensitively. */
    List<Contact> byEmail(String email) {
        return db.dsl().select(COLUMNS).from(T)
                .where(org.jooq.impl.DSL.lower(ProfileColumns.EMAIL).eq(email.trim().toLowerCase(java.util.Locale.ROOT)))
                .orderBy(ID.asc()).fetch(ContactStore::map);
    }

    List<Contact> list(long clientId) {
        return db.dsl().select(COLUMNS).from(T).where(CLIENT_ID.eq(clientId)).orderBy(ID.asc()).fetch(ContactStore::map);
    }

    /** The contacts of many clients, read 1000 clients at a time; clients without contacts are absent. */
    java.util.Map<Long, List<Contact>> byClients(java.util.Collection<Long> clientIds) {
        var distinct = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(clientIds));
        var out = new java.util.HashMap<Long, List<Contact>>();
        for (int from = 0; from < distinct.size(); from += 1000) {
            db.dsl().select(COLUMNS).from(T).where(CLIENT_ID.in(distinct.subList(from, Math.min(distinct.size(), from + 1000))))
                    .orderBy(ID.asc()).fetch(ContactStore::map)
                    .forEach(c -> out.computeIfAbsent(c.clientId(), k -> new java.util.ArrayList<>()).add(c));
        }
        return out;
    }

    int count(long clientId) {
        return db.dsl().fetchCount(T, CLIENT_ID.eq(clientId));
    }

    long insert(long clientId, Profile p, Privileges privileges, LocalDateTime now) {
        return db.dsl().insertInto(T).set(ProfileColumns.values(p)).set(CLIENT_ID, clientId)
                .set(PRIVILEGES, Json.text(privileges.toJson())).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void update(long id, Profile p, Privileges privileges, LocalDateTime now) {
        db.dsl().update(T).set(ProfileColumns.values(p)).set(PRIVILEGES, Json.text(privileges.toJson()))
                .set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void stampLogin(long id, LocalDateTime now) {
        db.dsl().update(T).set(LASTLOGIN_AT, now).where(ID.eq(id)).execute();
    }

    void delete(long clientId, long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).and(CLIENT_ID.eq(clientId)).execute();
    }
}
