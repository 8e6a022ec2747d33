package io.steward.staff;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.auth.AdminKeys;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The audit log of staff actions: every change made through the admin API (written by the admin
 * dialect once the call is answered, with its status, refusals included), sign-ins, and what the
 * console does on staff's behalf.
 */
public final class StaffAudit {
    static final Table<Record> T = table(name("staff_audit"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<LocalDateTime> AT = field(name("at"), LocalDateTime.class);
    static final Field<String> ACTOR_KIND = field(name("actor_kind"), String.class);
    static final Field<Long> ACTOR_ID = field(name("actor_id"), Long.class);
    static final Field<String> ACTOR_NAME = field(name("actor_name"), String.class);
    static final Field<String> IP = field(name("ip"), String.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> PATH = field(name("path"), String.class);
    static final Field<String> OBJECT_TYPE = field(name("object_type"), String.class);
    static final Field<String> OBJECT_ID = field(name("object_id"), String.class);
    static final Field<Integer> STATUS = field(name("status"), Integer.class);
    static final Field<String> DETAIL = field(name("detail"), String.class);

    /** Who acted: an admin key, a staff account, or nobody known (a failed sign-in names what was typed). */
    public record Actor(String kind, Long id, String name) {
        public static Actor of(AdminKeys.Staff staff) {
            return staff.isKey() ? new Actor("key", staff.keyId(), staff.name()) : new Actor("staff", staff.accountId(), staff.name());
        }

        public static Actor unknown(String typed) {
            return new Actor("anon", null, typed == null ? "" : typed);
        }
    }

    public record Entry(long id, LocalDateTime at, Actor actor, String ip, String action, String path, String objectType,
                        String objectId, int status, String detail) {}

    /** Filters for the log; null or empty ones do not filter. */
    public record Filter(String actorKind, Long actorId, String actorName, String action, String objectType, String objectId,
                         LocalDate from, LocalDate to, Long before, int limit) {}

    private final Db db;
    private final Clock clock;

    StaffAudit(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(Actor actor, String ip, String action, String path, String objectType, String objectId, int status, String detail) {
        db.dsl().insertInto(T).set(AT, Times.now(clock)).set(ACTOR_KIND, actor.kind()).set(ACTOR_ID, actor.id())
                .set(ACTOR_NAME, cut(actor.name(), 100)).set(IP, cut(ip, 64)).set(ACTION, cut(action, 200)).set(PATH, cut(path, 500))
                .set(OBJECT_TYPE, cut(objectType, 40)).set(OBJECT_ID, cut(objectId, 100)).set(STATUS, status)
                .set(DETAIL, cut(detail, 500)).execute();
    }

    /**
     * The object a route acts on, as the log names it: the route's first segment as the type and
     * the value of its first path parameter as the id ({@code /invoices/@id/payments} → invoices, 12).
     */
    public record Target(String type, String id) {
        public static Target of(String template, java.util.function.UnaryOperator<String> pathParam) {
            String[] segments = template.split("/");
            String id = null;
            for (String s : segments) {
                if (s.startsWith("@")) {
                    id = pathParam.apply(s.substring(1));
                    break;
                }
            }
            return new Target(segments.length > 1 ? segments[1] : null, id);
        }
    }

    /** Newest first. */
    public List<Entry> list(Filter f) {
        List<Condition> where = new ArrayList<>();
        if (present(f.actorKind())) where.add(ACTOR_KIND.eq(f.actorKind()));
        if (f.actorId() != null) where.add(ACTOR_ID.eq(f.actorId()));
        if (present(f.actorName())) where.add(ACTOR_NAME.eq(f.actorName()));
        if (present(f.action())) where.add(ACTION.eq(f.action()));
        if (present(f.objectType())) where.add(OBJECT_TYPE.eq(f.objectType()));
        if (present(f.objectId())) where.add(OBJECT_ID.eq(f.objectId()));
        if (f.from() != null) where.add(AT.ge(f.from().atStartOfDay()));
        if (f.to() != null) where.add(AT.lt(f.to().plusDays(1).atStartOfDay()));
        if (f.before() != null) where.add(ID.lt(f.before()));
        return db.dsl().select(ID, AT, ACTOR_KIND, ACTOR_ID, ACTOR_NAME, IP, ACTION, PATH, OBJECT_TYPE, OBJECT_ID, STATUS, DETAIL)
                .from(T).where(where).orderBy(ID.desc()).limit(f.limit())
                .fetch(r -> new Entry(r.get(ID), r.get(AT), new Actor(r.get(ACTOR_KIND), r.get(ACTOR_ID), r.get(ACTOR_NAME)), r.get(IP),
                        r.get(ACTION), r.get(PATH), r.get(OBJECT_TYPE), r.get(OBJECT_ID), r.get(STATUS), r.get(DETAIL)));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** The log keeps what fits: a long path or typed name is cut, never a reason to lose the entry. */
    private static String cut(String s, int max) {
        if (s == null) return null;
        s = s.replace("\0", "");
        return s.length() <= max ? s : s.substring(0, max);
    }
}
