package io.steward.activity;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A client's activity history: logins, failed logins, token revocations, profile and contact
 * changes. Written inside the transaction of the change it records, so history and state agree.
 */
public final class ActivityLog {
    static final Table<Record> T = table(name("activity_log"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> CONTACT_ID = field(name("contact_id"), Long.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<String> IP = field(name("ip"), String.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> DESCRIPTION = field(name("description"), String.class);

    /** One history line. {@code contactId} is null for the account holder. */
    public record Entry(long id, long clientId, Long contactId, LocalDateTime at, String ip, String action, String description) {}

    /** A page of entries, newest first, and the total count. */
    public record Page(List<Entry> entries, int total) {}

    private final Db db;
    private final Clock clock;

    public ActivityLog(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(long clientId, Long contactId, String ip, String action, String description) {
        String d = description.length() > 1000 ? description.substring(0, 1000) : description;
        db.dsl().insertInto(T)
                .set(CLIENT_ID, clientId)
                .set(CONTACT_ID, contactId)
                .set(CREATED_AT, Times.now(clock))
                .set(IP, ip == null ? "" : ip)
                .set(ACTION, action)
                .set(DESCRIPTION, d)
                .execute();
    }

    public Page list(long clientId, int page, int perPage) {
        var dsl = db.dsl();
        int total = dsl.fetchCount(T, CLIENT_ID.eq(clientId));
        var entries = dsl.select(ID, CLIENT_ID, CONTACT_ID, CREATED_AT, IP, ACTION, DESCRIPTION).from(T)
                .where(CLIENT_ID.eq(clientId))
                .orderBy(ID.desc())
                .limit(perPage).offset((page - 1) * perPage)
                .fetch(r -> new Entry(r.get(ID), r.get(CLIENT_ID), r.get(CONTACT_ID), r.get(CREATED_AT), r.get(IP), r.get(ACTION), r.get(DESCRIPTION)));
        return new Page(entries, total);
    }
}
