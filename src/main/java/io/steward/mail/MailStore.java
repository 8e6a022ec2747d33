package io.steward.mail;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import io.steward.jobs.Job;
import io.steward.jobs.Jobs;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The {@code mail_outbox} table: the mails and where each is ({@code queued}, {@code failed},
 * {@code sent}, {@code dead}). Each mail is sent by one job of the engine's {@value #KIND} kind,
 * queued with it; its attempts, next attempt and last error are the job's.
 */
final class MailStore {
    static final Table<Record> T = table(name("mail_outbox"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> CONTACT_ID = field(name("contact_id"), Long.class);
    static final Field<String> RECIPIENT = field(name("recipient"), String.class);
    static final Field<String> RECIPIENT_NAME = field(name("recipient_name"), String.class);
    static final Field<String> TEMPLATE = field(name("template"), String.class);
    static final Field<String> LANGUAGE = field(name("language"), String.class);
    static final Field<String> SUBJECT = field(name("subject"), String.class);
    static final Field<String> BODY_TEXT = field(name("body_text"), String.class);
    static final Field<String> BODY_HTML = field(name("body_html"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> MESSAGE_ID = field(name("message_id"), String.class);
    static final Field<Long> RESENT_FROM = field(name("resent_from"), Long.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> SENT_AT = field(name("sent_at"), LocalDateTime.class);
    static final Field<Boolean> SEALED = field(name("sealed"), Boolean.class);
    /** The mail as sent, sealed with the node secret; null for mail without secrets and once sent or dead. */
    static final Field<String> SEALED_CONTENT = field(name("sealed_content"), String.class);

    static final List<Field<?>> COLUMNS = List.of(ID, CLIENT_ID, CONTACT_ID, RECIPIENT, RECIPIENT_NAME, TEMPLATE, LANGUAGE, SUBJECT,
            BODY_TEXT, BODY_HTML, STATUS, MESSAGE_ID, RESENT_FROM, CREATED_AT, UPDATED_AT, SENT_AT, SEALED);

    /**
     * What to insert: one rendered mail for one recipient; {@code sealedContent} is the mail as
     * sent, sealed, when {@code rendered} shows secrets redacted (else null).
     */
    record NewMail(Long clientId, Long contactId, String recipient, String recipientName, String template,
                   Templates.Rendered rendered, Long resentFrom, String sealedContent) {}

    static final String KIND = "mail";

    private final Db db;
    private final Jobs jobs;

    MailStore(Db db, Jobs jobs) {
        this.db = db;
        this.jobs = jobs;
    }

    /** The rows with their sending jobs' attempts, next attempt and last error. */
    private List<Mail> withJobs(List<Record> rows) {
        var byMail = new java.util.HashMap<String, Job>();
        for (Job j : jobs.forSubjects(KIND, rows.stream().map(r -> r.get(ID).toString()).toList())) byMail.put(j.subject(), j);
        return rows.stream().map(r -> {
            Job j = byMail.get(r.get(ID).toString());
            return new Mail(r.get(ID), r.get(CLIENT_ID), r.get(CONTACT_ID), r.get(RECIPIENT), r.get(RECIPIENT_NAME), r.get(TEMPLATE),
                    r.get(LANGUAGE), r.get(SUBJECT), r.get(BODY_TEXT), r.get(BODY_HTML), r.get(STATUS), j == null ? 0 : j.attempts(),
                    j == null ? 0 : j.maxAttempts(), j == null ? r.get(CREATED_AT) : j.nextAttemptAt(), j == null ? null : j.lastError(),
                    r.get(MESSAGE_ID), r.get(RESENT_FROM), r.get(CREATED_AT), r.get(UPDATED_AT), r.get(SENT_AT),
                    Boolean.TRUE.equals(r.get(SEALED)));
        }).toList();
    }

    /** Inserts a mail and its sending job. */
    long insert(NewMail m, LocalDateTime now) {
        long id = db.dsl().insertInto(T).set(CLIENT_ID, m.clientId()).set(CONTACT_ID, m.contactId()).set(RECIPIENT, m.recipient())
                .set(RECIPIENT_NAME, clip(m.recipientName(), 200)).set(TEMPLATE, m.template()).set(LANGUAGE, m.rendered().language())
                .set(SUBJECT, clip(m.rendered().subject(), 500)).set(BODY_TEXT, m.rendered().text()).set(BODY_HTML, m.rendered().html())
                .set(STATUS, Mail.QUEUED)
                .set(RESENT_FROM, m.resentFrom()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .set(SEALED, m.sealedContent() != null).set(SEALED_CONTENT, m.sealedContent())
                .returningResult(ID).fetchOne().value1();
        jobs.enqueue(KIND, Long.toString(id), "send", null, null);
        return id;
    }

    /** Inserts many rows with multi-row statements (500 rows each), and their sending jobs likewise. */
    void insertAll(List<NewMail> mails, LocalDateTime now) {
        for (int from = 0; from < mails.size(); from += 500) {
            var insert = db.dsl().insertInto(T, CLIENT_ID, CONTACT_ID, RECIPIENT, RECIPIENT_NAME, TEMPLATE, LANGUAGE, SUBJECT, BODY_TEXT,
                    BODY_HTML, STATUS, RESENT_FROM, CREATED_AT, UPDATED_AT, SEALED, SEALED_CONTENT);
            for (NewMail m : mails.subList(from, Math.min(mails.size(), from + 500))) {
                insert = insert.values(m.clientId(), m.contactId(), m.recipient(), clip(m.recipientName(), 200), m.template(),
                        m.rendered().language(), clip(m.rendered().subject(), 500), m.rendered().text(), m.rendered().html(), Mail.QUEUED,
                        m.resentFrom(), now, now, m.sealedContent() != null, m.sealedContent());
            }
            List<String> ids = insert.returningResult(ID).fetch(ID).stream().map(String::valueOf).toList();
            jobs.enqueueAll(KIND, "send", ids);
        }
    }

    Optional<Mail> byId(long id) {
        return withJobs(db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetch()).stream().findFirst();
    }

    /** The sealed content of a mail, if it still has one. */
    Optional<String> sealedContent(long id) {
        return db.dsl().select(SEALED_CONTENT).from(T).where(ID.eq(id)).fetchOptional(SEALED_CONTENT).filter(s -> s != null);
    }

    /** Newest first, optionally by status, client and template. */
    List<Mail> list(String status, Long clientId, String template, String recipient, int offset, int limit) {
        return withJobs(db.dsl().select(COLUMNS).from(T).where(filter(status, clientId, template, recipient)).orderBy(ID.desc())
                .offset(offset).limit(limit).fetch());
    }

    int count(String status, Long clientId, String template, String recipient) {
        return db.dsl().fetchCount(T, filter(status, clientId, template, recipient));
    }

    private static Condition filter(String status, Long clientId, String template, String recipient) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(STATUS.eq(status));
        if (clientId != null) c = c.and(CLIENT_ID.eq(clientId));
        if (template != null) c = c.and(TEMPLATE.eq(template));
        if (recipient != null) c = c.and(RECIPIENT.equalIgnoreCase(recipient));
        return c;
    }

    /** Records a delivery, dropping the sealed content (in the transaction that marks the mail's job done). */
    void markSent(long id, String messageId, LocalDateTime now) {
        db.dsl().update(T).set(STATUS, Mail.SENT).set(SENT_AT, now).set(UPDATED_AT, now).set(MESSAGE_ID, messageId)
                .set(SEALED_CONTENT, (String) null).where(ID.eq(id)).execute();
    }

    /** Records a failed attempt that will be retried. */
    void markFailed(long id, LocalDateTime now) {
        db.dsl().update(T).set(STATUS, Mail.FAILED).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Gives the mail up, dropping its sealed content. */
    void markDead(long id, LocalDateTime now) {
        db.dsl().update(T).set(STATUS, Mail.DEAD).set(UPDATED_AT, now).set(SEALED_CONTENT, (String) null).where(ID.eq(id)).execute();
    }

    static String clip(String s, int max) {
        if (s == null) return "";
        return s.length() > max ? s.substring(0, max) : s;
    }
}
