package io.steward.support;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code ticket_department} and {@code ticket_predefined_reply} tables. */
final class DepartmentStore {
    static final Table<Record> T = table(name("ticket_department"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> DESCRIPTION = field(name("description"), String.class);
    static final Field<String> EMAIL = field(name("email"), String.class);
    static final Field<Boolean> PUBLIC = field(name("is_public"), Boolean.class);
    static final Field<Boolean> ALLOW_REOPEN = field(name("allow_reopen"), Boolean.class);
    static final Field<Integer> SORT = field(name("sort_order"), Integer.class);
    static final Field<String> IMAP_HOST = field(name("imap_host"), String.class);
    static final Field<Integer> IMAP_PORT = field(name("imap_port"), Integer.class);
    static final Field<Boolean> IMAP_TLS = field(name("imap_tls"), Boolean.class);
    static final Field<String> IMAP_USER = field(name("imap_user"), String.class);
    static final Field<String> IMAP_PASSWORD = field(name("imap_password_sealed"), String.class);
    static final Field<String> IMAP_FOLDER = field(name("imap_folder"), String.class);
    static final Field<String> UNKNOWN = field(name("unknown_senders"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, DESCRIPTION, EMAIL, PUBLIC, ALLOW_REOPEN, SORT, IMAP_HOST, IMAP_PORT,
            IMAP_TLS, IMAP_USER, IMAP_PASSWORD, IMAP_FOLDER, UNKNOWN, CREATED_AT, UPDATED_AT);

    static final Table<Record> P = table(name("ticket_predefined_reply"));
    static final Field<Long> P_ID = field(name("id"), Long.class);
    static final Field<String> P_NAME = field(name("name"), String.class);
    static final Field<String> P_BODY = field(name("body"), String.class);
    static final Field<Long> P_DEPT = field(name("department_id"), Long.class);
    static final Field<LocalDateTime> P_CREATED = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> P_UPDATED = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> P_COLUMNS = List.of(P_ID, P_NAME, P_BODY, P_DEPT, P_CREATED, P_UPDATED);

    private final Db db;

    DepartmentStore(Db db) {
        this.db = db;
    }

    private static Department map(Record r) {
        String host = r.get(IMAP_HOST);
        var mailbox = host == null || host.isBlank() ? null : new Department.Mailbox(host, r.get(IMAP_PORT) == null ? 0 : r.get(IMAP_PORT),
                Boolean.TRUE.equals(r.get(IMAP_TLS)), r.get(IMAP_USER), r.get(IMAP_PASSWORD), r.get(IMAP_FOLDER));
        return new Department(r.get(ID), r.get(NAME), r.get(DESCRIPTION), r.get(EMAIL), Boolean.TRUE.equals(r.get(PUBLIC)),
                Boolean.TRUE.equals(r.get(ALLOW_REOPEN)), r.get(SORT), mailbox,
                Department.UnknownSenders.valueOf(r.get(UNKNOWN).toUpperCase(Locale.ROOT)), r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    List<Department> list(boolean publicOnly) {
        var q = db.dsl().select(COLUMNS).from(T);
        return (publicOnly ? q.where(PUBLIC.isTrue()) : q.where(org.jooq.impl.DSL.trueCondition()))
                .orderBy(SORT, NAME, ID).fetch(DepartmentStore::map);
    }

    List<Department> withMailbox() {
        return db.dsl().select(COLUMNS).from(T).where(IMAP_HOST.isNotNull()).and(IMAP_HOST.ne("")).orderBy(ID).fetch(DepartmentStore::map);
    }

    Optional<Department> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(DepartmentStore::map);
    }

    Optional<Department> byName(String name) {
        return db.dsl().select(COLUMNS).from(T).where(org.jooq.impl.DSL.lower(NAME).eq(name.toLowerCase(Locale.ROOT)))
                .fetchOptional(DepartmentStore::map);
    }

    private static Map<Field<?>, Object> values(Department d) {
        var m = new LinkedHashMap<Field<?>, Object>();
        m.put(NAME, d.name());
        m.put(DESCRIPTION, d.description());
        m.put(EMAIL, d.email());
        m.put(PUBLIC, d.isPublic());
        m.put(ALLOW_REOPEN, d.allowReopen());
        m.put(SORT, d.sortOrder());
        var mb = d.mailbox();
        m.put(IMAP_HOST, mb == null ? null : mb.host());
        m.put(IMAP_PORT, mb == null ? null : mb.port());
        m.put(IMAP_TLS, mb != null && mb.tls());
        m.put(IMAP_USER, mb == null ? null : mb.user());
        m.put(IMAP_PASSWORD, mb == null ? null : mb.passwordSealed());
        m.put(IMAP_FOLDER, mb == null ? "INBOX" : mb.folder());
        m.put(UNKNOWN, d.unknownSenders().wire());
        return m;
    }

    long insert(Department d, LocalDateTime now) {
        return db.dsl().insertInto(T).set(values(d)).set(CREATED_AT, now).set(UPDATED_AT, now).returningResult(ID).fetchOne().value1();
    }

    void update(Department d, LocalDateTime now) {
        db.dsl().update(T).set(values(d)).set(UPDATED_AT, now).where(ID.eq(d.id())).execute();
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }

    // Predefined replies.

    private static PredefinedReply mapReply(Record r) {
        return new PredefinedReply(r.get(P_ID), r.get(P_NAME), r.get(P_BODY), r.get(P_DEPT), r.get(P_CREATED), r.get(P_UPDATED));
    }

    List<PredefinedReply> replies(Long departmentId) {
        var c = departmentId == null ? org.jooq.impl.DSL.trueCondition() : P_DEPT.isNull().or(P_DEPT.eq(departmentId));
        return db.dsl().select(P_COLUMNS).from(P).where(c).orderBy(P_NAME, P_ID).fetch(DepartmentStore::mapReply);
    }

    Optional<PredefinedReply> reply(long id) {
        return db.dsl().select(P_COLUMNS).from(P).where(P_ID.eq(id)).fetchOptional(DepartmentStore::mapReply);
    }

    long insertReply(String name, String body, Long departmentId, LocalDateTime now) {
        return db.dsl().insertInto(P).set(P_NAME, name).set(P_BODY, body).set(P_DEPT, departmentId).set(P_CREATED, now)
                .set(P_UPDATED, now).returningResult(P_ID).fetchOne().value1();
    }

    void updateReply(long id, String name, String body, Long departmentId, LocalDateTime now) {
        db.dsl().update(P).set(P_NAME, name).set(P_BODY, body).set(P_DEPT, departmentId).set(P_UPDATED, now).where(P_ID.eq(id)).execute();
    }

    void deleteReply(long id) {
        db.dsl().deleteFrom(P).where(P_ID.eq(id)).execute();
    }
}
