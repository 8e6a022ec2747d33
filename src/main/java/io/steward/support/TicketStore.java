package io.steward.support;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code ticket}, {@code ticket_reply}, {@code ticket_note}, {@code ticket_attachment} and {@code ticket_inbound_mail} tables. */
final class TicketStore {
    static final Table<Record> T = table(name("ticket"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Integer> NUMBER = field(name("ticket_number"), Integer.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> CONTACT_ID = field(name("contact_id"), Long.class);
    static final Field<Long> DEPT_ID = field(name("department_id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> EMAIL = field(name("email"), String.class);
    static final Field<String> SUBJECT = field(name("subject"), String.class);
    static final Field<String> BODY = field(name("body"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> PRIORITY = field(name("priority"), String.class);
    static final Field<Boolean> CLIENT_READ = field(name("client_read"), Boolean.class);
    static final Field<Boolean> CLIENT_VISIBLE = field(name("client_visible"), Boolean.class);
    static final Field<String> SOURCE = field(name("source"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> LAST_REPLY_AT = field(name("last_reply_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    /** The department's name, read with the ticket (departments are few; a subquery keeps the columns unambiguous). */
    static final Field<String> DEPT_NAME = field(select(DepartmentStore.NAME).from(DepartmentStore.T)
            .where(DepartmentStore.ID.eq(field(name("ticket", "department_id"), Long.class)))).as("deptname");
    private static final List<Field<?>> COLUMNS = List.of(ID, NUMBER, CLIENT_ID, CONTACT_ID, DEPT_ID, DEPT_NAME, SERVICE_ID, NAME, EMAIL,
            SUBJECT, BODY, STATUS, PRIORITY, CLIENT_READ, CLIENT_VISIBLE, SOURCE, CREATED_AT, LAST_REPLY_AT, UPDATED_AT);

    static final Table<Record> R = table(name("ticket_reply"));
    static final Field<Long> R_ID = field(name("id"), Long.class);
    static final Field<Long> R_TICKET = field(name("ticket_id"), Long.class);
    static final Field<String> R_TYPE = field(name("type"), String.class);
    static final Field<String> R_NAME = field(name("name"), String.class);
    static final Field<String> R_EMAIL = field(name("email"), String.class);
    static final Field<Long> R_CONTACT = field(name("contact_id"), Long.class);
    static final Field<String> R_BODY = field(name("body"), String.class);
    static final Field<String> R_SOURCE = field(name("source"), String.class);
    static final Field<LocalDateTime> R_CREATED = field(name("created_at"), LocalDateTime.class);

    static final Table<Record> N = table(name("ticket_note"));
    static final Field<Long> N_ID = field(name("id"), Long.class);
    static final Field<Long> N_TICKET = field(name("ticket_id"), Long.class);
    static final Field<String> N_AUTHOR = field(name("author"), String.class);
    static final Field<String> N_BODY = field(name("body"), String.class);
    static final Field<LocalDateTime> N_CREATED = field(name("created_at"), LocalDateTime.class);

    static final Table<Record> A = table(name("ticket_attachment"));
    static final Field<Long> A_ID = field(name("id"), Long.class);
    static final Field<Long> A_TICKET = field(name("ticket_id"), Long.class);
    static final Field<Long> A_REPLY = field(name("reply_id"), Long.class);
    static final Field<String> A_KEY = field(name("file_key"), String.class);
    static final Field<String> A_NAME = field(name("filename"), String.class);
    static final Field<String> A_TYPE = field(name("content_type"), String.class);
    static final Field<Long> A_SIZE = field(name("size_bytes"), Long.class);
    static final Field<String> A_SHA = field(name("sha256"), String.class);
    static final Field<LocalDateTime> A_CREATED = field(name("created_at"), LocalDateTime.class);
    private static final List<Field<?>> A_COLUMNS = List.of(A_ID, A_TICKET, A_REPLY, A_KEY, A_NAME, A_TYPE, A_SIZE, A_SHA, A_CREATED);

    static final Table<Record> M = table(name("ticket_inbound_mail"));
    static final Field<Long> M_DEPT = field(name("department_id"), Long.class);
    static final Field<String> M_MESSAGE_ID = field(name("message_id"), String.class);
    static final Field<String> M_SENDER = field(name("sender"), String.class);
    static final Field<String> M_OUTCOME = field(name("outcome"), String.class);
    static final Field<Long> M_TICKET = field(name("ticket_id"), Long.class);
    static final Field<LocalDateTime> M_CREATED = field(name("created_at"), LocalDateTime.class);

    private final Db db;

    TicketStore(Db db) {
        this.db = db;
    }

    private static Ticket map(Record r) {
        return new Ticket(r.get(ID), r.get(NUMBER), r.get(CLIENT_ID), r.get(CONTACT_ID), r.get(DEPT_ID), r.get(DEPT_NAME), r.get(SERVICE_ID),
                r.get(NAME), r.get(EMAIL), r.get(SUBJECT), r.get(BODY), r.get(STATUS), r.get(PRIORITY), Boolean.TRUE.equals(r.get(CLIENT_READ)),
                Boolean.TRUE.equals(r.get(CLIENT_VISIBLE)), r.get(SOURCE), r.get(CREATED_AT), r.get(LAST_REPLY_AT), r.get(UPDATED_AT));
    }

    /** What staff filter the ticket list by; null fields do not filter. */
    record Filter(String status, Long departmentId, Long clientId, String priority, String query, boolean openOnly) {}

    private static Condition where(Filter f) {
        Condition c = DSL.trueCondition();
        if (f.status() != null) c = c.and(STATUS.eq(f.status()));
        if (f.openOnly()) c = c.and(STATUS.ne(Ticket.CLOSED));
        if (f.departmentId() != null) c = c.and(DEPT_ID.eq(f.departmentId()));
        if (f.clientId() != null) c = c.and(CLIENT_ID.eq(f.clientId()));
        if (f.priority() != null) c = c.and(PRIORITY.eq(f.priority()));
        if (f.query() != null && !f.query().isBlank()) {
            String like = Db.containing(f.query().strip().toLowerCase(java.util.Locale.ROOT));
            c = c.and(DSL.lower(SUBJECT).like(like, '\\').or(DSL.lower(EMAIL).like(like, '\\')));
        }
        return c;
    }

    List<Ticket> search(Filter f, int page, int perPage) {
        return db.dsl().select(COLUMNS).from(T).where(where(f)).orderBy(LAST_REPLY_AT.desc(), ID.desc())
                .limit(perPage).offset((page - 1) * perPage).fetch(TicketStore::map);
    }

    int count(Filter f) {
        return db.dsl().fetchCount(T, where(f));
    }

    /** The tickets a client sees: its own, not the ones opened for staff; latest activity first. */
    List<Ticket> ofClient(long clientId) {
        return db.dsl().select(COLUMNS).from(T).where(CLIENT_ID.eq(clientId)).and(CLIENT_VISIBLE.isTrue())
                .orderBy(LAST_REPLY_AT.desc(), ID.desc()).fetch(TicketStore::map);
    }

    Optional<Ticket> byNumber(int number) {
        return db.dsl().select(COLUMNS).from(T).where(NUMBER.eq(number)).fetchOptional(TicketStore::map);
    }

    Optional<Ticket> byNumberForUpdate(int number) {
        // Lock first (FOR UPDATE cannot carry the department subquery on every database), then read.
        Optional<Long> id = db.dsl().select(ID).from(T).where(NUMBER.eq(number)).forUpdate().fetchOptional(ID);
        return id.isEmpty() ? Optional.empty() : byNumber(number);
    }

    Optional<Ticket> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(TicketStore::map);
    }

    boolean numberTaken(int number) {
        return db.dsl().fetchExists(T, NUMBER.eq(number));
    }

    record NewTicket(int number, Long clientId, Long contactId, long departmentId, Long serviceId, String name, String email,
                     String subject, String body, String priority, boolean clientVisible, String source) {}

    long insert(NewTicket t, LocalDateTime now) {
        return db.dsl().insertInto(T).set(NUMBER, t.number()).set(CLIENT_ID, t.clientId()).set(CONTACT_ID, t.contactId())
                .set(DEPT_ID, t.departmentId()).set(SERVICE_ID, t.serviceId()).set(NAME, t.name()).set(EMAIL, t.email())
                .set(SUBJECT, t.subject()).set(BODY, t.body()).set(STATUS, Ticket.OPEN).set(PRIORITY, t.priority())
                .set(CLIENT_READ, true).set(CLIENT_VISIBLE, t.clientVisible()).set(SOURCE, t.source())
                .set(CREATED_AT, now).set(LAST_REPLY_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void setState(long id, String status, Boolean clientRead, LocalDateTime lastReplyAt, LocalDateTime now) {
        var u = db.dsl().update(T).set(STATUS, status).set(UPDATED_AT, now);
        if (clientRead != null) u = u.set(CLIENT_READ, clientRead);
        if (lastReplyAt != null) u = u.set(LAST_REPLY_AT, lastReplyAt);
        u.where(ID.eq(id)).execute();
    }

    void setPriorityAndDepartment(long id, String priority, long departmentId, LocalDateTime now) {
        db.dsl().update(T).set(PRIORITY, priority).set(DEPT_ID, departmentId).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Marks the last staff reply seen; answers whether anything changed. */
    boolean markRead(long id) {
        return db.dsl().update(T).set(CLIENT_READ, true).where(ID.eq(id)).and(CLIENT_READ.isFalse()).execute() == 1;
    }

    int countByDepartment(long departmentId) {
        return db.dsl().fetchCount(T, DEPT_ID.eq(departmentId));
    }

    // Replies and notes.

    long insertReply(long ticketId, String type, String name, String email, Long contactId, String body, String source, LocalDateTime now) {
        return db.dsl().insertInto(R).set(R_TICKET, ticketId).set(R_TYPE, type).set(R_NAME, name).set(R_EMAIL, email)
                .set(R_CONTACT, contactId).set(R_BODY, body).set(R_SOURCE, source).set(R_CREATED, now)
                .returningResult(R_ID).fetchOne().value1();
    }

    List<Ticket.Reply> replies(long ticketId) {
        return db.dsl().select(R_ID, R_TICKET, R_TYPE, R_NAME, R_EMAIL, R_BODY, R_SOURCE, R_CREATED).from(R).where(R_TICKET.eq(ticketId))
                .orderBy(R_ID).fetch(r -> new Ticket.Reply(r.get(R_ID), r.get(R_TICKET), r.get(R_TYPE), r.get(R_NAME), r.get(R_EMAIL),
                        r.get(R_BODY), r.get(R_SOURCE), r.get(R_CREATED)));
    }

    long insertNote(long ticketId, String author, String body, LocalDateTime now) {
        return db.dsl().insertInto(N).set(N_TICKET, ticketId).set(N_AUTHOR, author).set(N_BODY, body).set(N_CREATED, now)
                .returningResult(N_ID).fetchOne().value1();
    }

    List<Ticket.Note> notes(long ticketId) {
        return db.dsl().select(N_ID, N_TICKET, N_AUTHOR, N_BODY, N_CREATED).from(N).where(N_TICKET.eq(ticketId)).orderBy(N_ID)
                .fetch(r -> new Ticket.Note(r.get(N_ID), r.get(N_TICKET), r.get(N_AUTHOR), r.get(N_BODY), r.get(N_CREATED)));
    }

    // Attachments.

    private static Ticket.Attachment mapAttachment(Record r) {
        return new Ticket.Attachment(r.get(A_ID), r.get(A_TICKET), r.get(A_REPLY), r.get(A_KEY), r.get(A_NAME), r.get(A_TYPE),
                r.get(A_SIZE), r.get(A_SHA), r.get(A_CREATED));
    }

    void insertAttachment(long ticketId, Long replyId, AttachmentStore.Stored f, LocalDateTime now) {
        db.dsl().insertInto(A).set(A_TICKET, ticketId).set(A_REPLY, replyId).set(A_KEY, f.key()).set(A_NAME, f.filename())
                .set(A_TYPE, f.contentType()).set(A_SIZE, f.size()).set(A_SHA, f.sha256()).set(A_CREATED, now).execute();
    }

    List<Ticket.Attachment> attachments(long ticketId) {
        return db.dsl().select(A_COLUMNS).from(A).where(A_TICKET.eq(ticketId)).orderBy(A_ID).fetch(TicketStore::mapAttachment);
    }

    Optional<Ticket.Attachment> attachment(String key) {
        return db.dsl().select(A_COLUMNS).from(A).where(A_KEY.eq(key)).fetchOptional(TicketStore::mapAttachment);
    }

    // Inbound mail already handled.

    boolean inboundSeen(long departmentId, String messageId) {
        return db.dsl().fetchExists(M, M_DEPT.eq(departmentId).and(M_MESSAGE_ID.eq(messageId)));
    }

    void recordInbound(long departmentId, String messageId, String sender, String outcome, Long ticketId, LocalDateTime now) {
        db.dsl().insertInto(M).set(M_DEPT, departmentId).set(M_MESSAGE_ID, messageId).set(M_SENDER, sender).set(M_OUTCOME, outcome)
                .set(M_TICKET, ticketId).set(M_CREATED, now).execute();
    }
}
