package io.steward.engine;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * The {@code billing_event} table: what the billing run announced or did about an invoice, once
 * per invoice, kind and service. The support feature reads unsent rows and marks them sent.
 */
public final class BillingEvents {
    public static final String REMINDER = "reminder";
    public static final String OVERDUE = "overdue";
    public static final String LATE_FEE = "late_fee";
    public static final String SUSPENSION = "suspension";
    public static final String TERMINATION = "termination";

    /** One event row. {@code serviceId} is 0 for invoice-wide kinds. */
    public record Event(long id, String kind, long clientId, long invoiceId, long serviceId, LocalDate date, boolean sent,
                        String details) {}

    static final Table<Record> T = table(name("billing_event"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> KIND = field(name("kind"), String.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> INVOICE_ID = field(name("invoice_id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<LocalDate> EVENT_DATE = field(name("event_date"), LocalDate.class);
    static final Field<Boolean> SENT = field(name("sent"), Boolean.class);
    static final Field<String> DETAILS = field(name("details"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);

    private final Db db;
    private final Clock clock;

    public BillingEvents(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Records the event unless one of this kind exists for the invoice and service; true when this
     * call recorded it (and so should do what the event stands for). Joins the caller's
     * transaction; a concurrent recorder of the same event waits for it and then records nothing.
     */
    boolean record(String kind, long clientId, long invoiceId, long serviceId, LocalDate date, String details) {
        var insert = db.dsl().insertInto(T).set(KIND, kind).set(CLIENT_ID, clientId).set(INVOICE_ID, invoiceId)
                .set(SERVICE_ID, serviceId).set(EVENT_DATE, date).set(SENT, false)
                .set(DETAILS, details.length() > 500 ? details.substring(0, 500) : details).set(CREATED_AT, Times.now(clock));
        try {
            // Qualified: H2's MERGE emulation otherwise finds the names ambiguous.
            return insert.onConflict(field(name("billing_event", "invoice_id")), field(name("billing_event", "kind")),
                    field(name("billing_event", "service_id"))).doNothing().execute() == 1;
        } catch (DataAccessException e) {
            // H2 emulates ON CONFLICT with MERGE; a concurrent duplicate still surfaces as a unique violation.
            if ("23505".equals(e.sqlState())) return false;
            throw e;
        }
    }

    boolean exists(String kind, long invoiceId, long serviceId) {
        return db.dsl().fetchExists(db.dsl().selectOne().from(T).where(KIND.eq(kind)).and(INVOICE_ID.eq(invoiceId))
                .and(SERVICE_ID.eq(serviceId)));
    }

    /** The client's events, newest first. */
    public List<Event> forClient(long clientId) {
        return db.dsl().select(ID, KIND, CLIENT_ID, INVOICE_ID, SERVICE_ID, EVENT_DATE, SENT, DETAILS).from(T)
                .where(CLIENT_ID.eq(clientId)).orderBy(ID.desc()).fetch(BillingEvents::map);
    }

    /** Events not yet sent, oldest first: for the feature that mails them. */
    public List<Event> unsent(long afterId, int limit) {
        return db.dsl().select(ID, KIND, CLIENT_ID, INVOICE_ID, SERVICE_ID, EVENT_DATE, SENT, DETAILS).from(T)
                .where(SENT.isFalse()).and(ID.gt(afterId)).orderBy(ID.asc()).limit(limit).fetch(BillingEvents::map);
    }

    /** Marks an event sent; false when it already was. */
    public boolean markSent(long id) {
        return db.tx(() -> db.dsl().update(T).set(SENT, true).where(ID.eq(id)).and(SENT.isFalse()).execute() == 1);
    }

    private static Event map(Record r) {
        return new Event(r.get(ID), r.get(KIND), r.get(CLIENT_ID), r.get(INVOICE_ID), r.get(SERVICE_ID), r.get(EVENT_DATE),
                r.get(SENT), r.get(DETAILS));
    }
}
