package io.steward.status;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code status_event}, {@code status_update} and {@code status_affected} tables. */
final class StatusStore {
    static final Table<Record> T = table(name("status_event"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> TYPE = field(name("type"), String.class);
    static final Field<String> TITLE = field(name("title"), String.class);
    static final Field<String> DESCRIPTION = field(name("description"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<LocalDateTime> STARTS = field(name("starts_at"), LocalDateTime.class);
    static final Field<LocalDateTime> ENDS = field(name("ends_at"), LocalDateTime.class);
    static final Field<LocalDateTime> RESOLVED = field(name("resolved_at"), LocalDateTime.class);
    static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, TYPE, TITLE, DESCRIPTION, STATUS, STARTS, ENDS, RESOLVED, CREATED, UPDATED);

    static final Table<Record> U = table(name("status_update"));
    static final Field<Long> U_ID = field(name("id"), Long.class);
    static final Field<Long> U_EVENT = field(name("event_id"), Long.class);
    static final Field<String> U_STATUS = field(name("status"), String.class);
    static final Field<String> U_MESSAGE = field(name("message"), String.class);
    static final Field<LocalDateTime> U_CREATED = field(name("created_at"), LocalDateTime.class);

    static final Table<Record> A = table(name("status_affected"));
    static final Field<Long> A_EVENT = field(name("event_id"), Long.class);
    static final Field<String> A_KIND = field(name("kind"), String.class);
    static final Field<String> A_REF = field(name("ref"), String.class);

    private final Db db;

    StatusStore(Db db) {
        this.db = db;
    }

    /** Events (newest start first), with their affected objects and updates read in bulk. */
    List<StatusEvent> list(Condition where) {
        var rows = db.dsl().select(COLUMNS).from(T).where(where).orderBy(STARTS.desc(), ID.desc()).fetch();
        if (rows.isEmpty()) return List.of();
        var ids = rows.stream().map(r -> r.get(ID)).toList();
        Map<Long, Set<Long>> products = new HashMap<>();
        Map<Long, Set<String>> servers = new HashMap<>();
        db.dsl().select(A_EVENT, A_KIND, A_REF).from(A).where(A_EVENT.in(ids)).orderBy(A_REF).fetch().forEach(r -> {
            if (r.get(A_KIND).equals("product")) products.computeIfAbsent(r.get(A_EVENT), k -> new TreeSet<>()).add(Long.parseLong(r.get(A_REF)));
            else servers.computeIfAbsent(r.get(A_EVENT), k -> new TreeSet<>()).add(r.get(A_REF));
        });
        Map<Long, List<StatusEvent.Update>> updates = new HashMap<>();
        db.dsl().select(U_ID, U_EVENT, U_STATUS, U_MESSAGE, U_CREATED).from(U).where(U_EVENT.in(ids)).orderBy(U_ID).fetch()
                .forEach(r -> updates.computeIfAbsent(r.get(U_EVENT), k -> new ArrayList<>())
                        .add(new StatusEvent.Update(r.get(U_ID), r.get(U_STATUS), r.get(U_MESSAGE), r.get(U_CREATED))));
        return rows.stream().map(r -> new StatusEvent(r.get(ID), r.get(TYPE), r.get(TITLE), r.get(DESCRIPTION), r.get(STATUS), r.get(STARTS),
                r.get(ENDS), r.get(RESOLVED), r.get(CREATED), r.get(UPDATED), products.getOrDefault(r.get(ID), Set.of()),
                servers.getOrDefault(r.get(ID), Set.of()), updates.getOrDefault(r.get(ID), List.of()))).toList();
    }

    static Condition byStatus(String status, Boolean resolved) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(STATUS.eq(status));
        if (resolved != null) c = c.and(resolved ? STATUS.eq(StatusEvent.RESOLVED) : STATUS.ne(StatusEvent.RESOLVED));
        return c;
    }

    Optional<StatusEvent> byId(long id) {
        return list(ID.eq(id)).stream().findFirst();
    }

    void lock(long id) {
        db.dsl().select(ID).from(T).where(ID.eq(id)).forUpdate().fetchOptional();
    }

    long insert(String type, String title, String description, String status, LocalDateTime starts, LocalDateTime ends, LocalDateTime now) {
        return db.dsl().insertInto(T).set(TYPE, type).set(TITLE, title).set(DESCRIPTION, description).set(STATUS, status)
                .set(STARTS, starts).set(ENDS, ends).set(RESOLVED, status.equals(StatusEvent.RESOLVED) ? now : null)
                .set(CREATED, now).set(UPDATED, now).returningResult(ID).fetchOne().value1();
    }

    void update(StatusEvent e, LocalDateTime now) {
        db.dsl().update(T).set(TYPE, e.type()).set(TITLE, e.title()).set(DESCRIPTION, e.description()).set(STATUS, e.status())
                .set(STARTS, e.startsAt()).set(ENDS, e.endsAt()).set(RESOLVED, e.resolvedAt()).set(UPDATED, now).where(ID.eq(e.id())).execute();
    }

    void setAffected(long id, Collection<Long> productIds, Collection<String> servers) {
        db.dsl().deleteFrom(A).where(A_EVENT.eq(id)).execute();
        for (long p : new TreeSet<>(productIds)) db.dsl().insertInto(A).set(A_EVENT, id).set(A_KIND, "product").set(A_REF, Long.toString(p)).execute();
        for (String s : new LinkedHashSet<>(servers)) db.dsl().insertInto(A).set(A_EVENT, id).set(A_KIND, "server").set(A_REF, s).execute();
    }

    void insertUpdate(long id, String status, String message, LocalDateTime now) {
        db.dsl().insertInto(U).set(U_EVENT, id).set(U_STATUS, status).set(U_MESSAGE, message).set(U_CREATED, now).execute();
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }
}
