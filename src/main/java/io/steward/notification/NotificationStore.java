package io.steward.notification;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code notification} and {@code notification_broadcast} tables. */
final class NotificationStore {
    static final Table<Record> T = table(name("notification"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> REL_TYPE = field(name("rel_type"), String.class);
    static final Field<Long> REL_ID = field(name("rel_id"), Long.class);
    static final Field<String> SUBJECT = field(name("subject"), String.class);
    static final Field<String> MESSAGE = field(name("message"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> ACKED_AT = field(name("acked_at"), LocalDateTime.class);
    static final List<Field<?>> COLUMNS = List.of(ID, CLIENT_ID, REL_TYPE, REL_ID, SUBJECT, MESSAGE, CREATED_AT, ACKED_AT);

    static final Table<Record> B = table(name("notification_broadcast"));
    static final Field<Long> B_ID = field(name("id"), Long.class);
    static final Field<String> B_TARGET = field(name("target"), String.class);
    static final Field<Long> B_TARGET_ID = field(name("target_id"), Long.class);
    static final Field<String> B_SUBJECT = field(name("subject"), String.class);
    static final Field<String> B_MESSAGE = field(name("message"), String.class);
    static final Field<Boolean> B_MAIL = field(name("mail"), Boolean.class);
    static final Field<Integer> B_RECIPIENTS = field(name("recipients"), Integer.class);
    static final Field<LocalDateTime> B_CREATED_AT = field(name("created_at"), LocalDateTime.class);

    private final Db db;

    NotificationStore(Db db) {
        this.db = db;
    }

    static Notification map(Record r) {
        return new Notification(r.get(ID), r.get(CLIENT_ID), r.get(REL_TYPE), r.get(REL_ID), r.get(SUBJECT), r.get(MESSAGE),
                r.get(CREATED_AT), r.get(ACKED_AT));
    }

    long insert(long clientId, String relType, long relId, String subject, String message, LocalDateTime now) {
        return db.dsl().insertInto(T).set(CLIENT_ID, clientId).set(REL_TYPE, relType).set(REL_ID, relId)
                .set(SUBJECT, clip(subject, 255)).set(MESSAGE, clip(message, 4000)).set(CREATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    /** One row per client in one statement (broadcasts reach thousands of clients). */
    void insertMany(Collection<Long> clientIds, String relType, long relId, String subject, String message, LocalDateTime now) {
        if (clientIds.isEmpty()) return;
        var insert = db.dsl().insertInto(T, CLIENT_ID, REL_TYPE, REL_ID, SUBJECT, MESSAGE, CREATED_AT);
        for (long id : clientIds) insert = insert.values(id, relType, relId, clip(subject, 255), clip(message, 4000), now);
        insert.execute();
    }

    /** The client's notifications, newest first; {@code onlyNew} leaves out acknowledged ones. */
    List<Notification> list(long clientId, boolean onlyNew, String relType, Long relId, int limit) {
        Condition c = CLIENT_ID.eq(clientId);
        if (onlyNew) c = c.and(ACKED_AT.isNull());
        if (relType != null) c = c.and(REL_TYPE.eq(relType));
        if (relId != null) c = c.and(REL_ID.eq(relId));
        return db.dsl().select(COLUMNS).from(T).where(c).orderBy(ID.desc()).limit(limit).fetch(NotificationStore::map);
    }

    Optional<Notification> byId(long clientId, long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).and(CLIENT_ID.eq(clientId)).fetchOptional(NotificationStore::map);
    }

    void ack(long id, LocalDateTime now) {
        db.dsl().update(T).set(ACKED_AT, now).where(ID.eq(id)).and(ACKED_AT.isNull()).execute();
    }

    long insertBroadcast(String target, Long targetId, String subject, String message, boolean mail, int recipients,
                         LocalDateTime now) {
        return db.dsl().insertInto(B).set(B_TARGET, target).set(B_TARGET_ID, targetId).set(B_SUBJECT, clip(subject, 255))
                .set(B_MESSAGE, clip(message, 4000)).set(B_MAIL, mail).set(B_RECIPIENTS, recipients).set(B_CREATED_AT, now)
                .returningResult(B_ID).fetchOne().value1();
    }

    List<Broadcast> broadcasts(int limit) {
        return db.dsl().select(B_ID, B_TARGET, B_TARGET_ID, B_SUBJECT, B_MESSAGE, B_MAIL, B_RECIPIENTS, B_CREATED_AT).from(B)
                .orderBy(B_ID.desc()).limit(limit)
                .fetch(r -> new Broadcast(r.get(B_ID), r.get(B_TARGET), r.get(B_TARGET_ID), r.get(B_SUBJECT), r.get(B_MESSAGE),
                        r.get(B_MAIL), r.get(B_RECIPIENTS), r.get(B_CREATED_AT)));
    }

    static String clip(String s, int max) {
        if (s == null) return "";
        return s.length() > max ? s.substring(0, max) : s;
    }
}
