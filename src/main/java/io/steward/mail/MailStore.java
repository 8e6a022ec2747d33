package io.steward.mail;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
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

/** The {@code mail_outbox} table. */
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
    static final Field<Integer> ATTEMPTS = field(name("attempts"), Integer.class);
    static final Field<Integer> MAX_ATTEMPTS = field(name("max_attempts"), Integer.class);
    static final Field<LocalDateTime> NEXT_ATTEMPT_AT = field(name("next_attempt_at"), LocalDateTime.class);
    static final Field<String> CLAIMED_BY = field(name("claimed_by"), String.class);
    static final Field<LocalDateTime> CLAIMED_AT = field(name("claimed_at"), LocalDateTime.class);
    static final Field<String> LAST_ERROR = field(name("last_error"), String.class);
    static final Field<String> MESSAGE_ID = field(name("message_id"), String.class);
    static final Field<Long> RESENT_FROM = field(name("resent_from"), Long.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> SENT_AT = field(name("sent_at"), LocalDateTime.class);
    static final Field<Boolean> SEALED = field(name("sealed"), Boolean.class);
    /** The mail as sent, sealed with the node secret; null for mail without secrets and once sent or dead. */
    static final Field<String> SEALED_CONTENT = field(name("sealed_content"), String.class);

    static final List<Field<?>> COLUMNS = List.of(ID, CLIENT_ID, CONTACT_ID, RECIPIENT, RECIPIENT_NAME, TEMPLATE, LANGUAGE, SUBJECT,
            BODY_TEXT, BODY_HTML, STATUS, ATTEMPTS, MAX_ATTEMPTS, NEXT_ATTEMPT_AT, LAST_ERROR, MESSAGE_ID, RESENT_FROM, CREATED_AT,
            UPDATED_AT, SENT_AT, SEALED);

    /**
     * What to insert: one rendered mail for one recipient; {@code sealedContent} is the mail as
     * sent, sealed, when {@code rendered} shows secrets redacted (else null).
     */
    record NewMail(Long clientId, Long contactId, String recipient, String recipientName, String template,
                   Templates.Rendered rendered, Long resentFrom, String sealedContent) {}

    private final Db db;

    MailStore(Db db) {
        this.db = db;
    }

    static Mail map(Record r) {
        return new Mail(r.get(ID), r.get(CLIENT_ID), r.get(CONTACT_ID), r.get(RECIPIENT), r.get(RECIPIENT_NAME), r.get(TEMPLATE),
                r.get(LANGUAGE), r.get(SUBJECT), r.get(BODY_TEXT), r.get(BODY_HTML), r.get(STATUS), r.get(ATTEMPTS),
                r.get(MAX_ATTEMPTS), r.get(NEXT_ATTEMPT_AT), r.get(LAST_ERROR), r.get(MESSAGE_ID), r.get(RESENT_FROM),
                r.get(CREATED_AT), r.get(UPDATED_AT), r.get(SENT_AT), Boolean.TRUE.equals(r.get(SEALED)));
    }

    long insert(NewMail m, int maxAttempts, LocalDateTime now) {
        return db.dsl().insertInto(T).set(CLIENT_ID, m.clientId()).set(CONTACT_ID, m.contactId()).set(RECIPIENT, m.recipient())
                .set(RECIPIENT_NAME, clip(m.recipientName(), 200)).set(TEMPLATE, m.template()).set(LANGUAGE, m.rendered().language())
                .set(SUBJECT, clip(m.rendered().subject(), 500)).set(BODY_TEXT, m.rendered().text()).set(BODY_HTML, m.rendered().html())
                .set(STATUS, Mail.QUEUED).set(ATTEMPTS, 0).set(MAX_ATTEMPTS, maxAttempts).set(NEXT_ATTEMPT_AT, now)
                .set(RESENT_FROM, m.resentFrom()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .set(SEALED, m.sealedContent() != null).set(SEALED_CONTENT, m.sealedContent())
                .returningResult(ID).fetchOne().value1();
    }

    /** Inserts many rows with multi-row statements (500 rows each). */
    void insertAll(List<NewMail> mails, int maxAttempts, LocalDateTime now) {
        for (int from = 0; from < mails.size(); from += 500) {
            var insert = db.dsl().insertInto(T, CLIENT_ID, CONTACT_ID, RECIPIENT, RECIPIENT_NAME, TEMPLATE, LANGUAGE, SUBJECT, BODY_TEXT,
                    BODY_HTML, STATUS, ATTEMPTS, MAX_ATTEMPTS, NEXT_ATTEMPT_AT, RESENT_FROM, CREATED_AT, UPDATED_AT, SEALED,
                    SEALED_CONTENT);
            for (NewMail m : mails.subList(from, Math.min(mails.size(), from + 500))) {
                insert = insert.values(m.clientId(), m.contactId(), m.recipient(), clip(m.recipientName(), 200), m.template(),
                        m.rendered().language(), clip(m.rendered().subject(), 500), m.rendered().text(), m.rendered().html(), Mail.QUEUED,
                        0, maxAttempts, now, m.resentFrom(), now, now, m.sealedContent() != null, m.sealedContent());
            }
            insert.execute();
        }
    }

    Optional<Mail> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(MailStore::map);
    }

    /** The sealed content of a mail, if it still has one. */
    Optional<String> sealedContent(long id) {
        return db.dsl().select(SEALED_CONTENT).from(T).where(ID.eq(id)).fetchOptional(SEALED_CONTENT).filter(s -> s != null);
    }

    /** Newest first, optionally by status, client and template. */
    List<Mail> list(String status, Long clientId, String template, String recipient, int offset, int limit) {
        return db.dsl().select(COLUMNS).from(T).where(filter(status, clientId, template, recipient)).orderBy(ID.desc())
                .offset(offset).limit(limit).fetch(MailStore::map);
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

    /** Ids of mails due now, oldest first. A row left {@code sending} past the timeout is due again. */
    List<Long> due(LocalDateTime now, LocalDateTime staleBefore, int limit) {
        return db.dsl().select(ID).from(T)
                .where(STATUS.in(Mail.QUEUED, Mail.FAILED).and(NEXT_ATTEMPT_AT.le(now))
                        .or(STATUS.eq(Mail.SENDING).and(CLAIMED_AT.lt(staleBefore))))
                .orderBy(ID.asc()).limit(limit).fetch(ID);
    }

    /**
     * Claims a due mail for one runner: of any number of concurrent runners (threads or nodes)
     * exactly one update matches. A {@code sending} row whose claim is stale (its node died while
     * sending) is claimed again and sent again: delivery is at least once.
     */
    boolean claim(long id, String token, LocalDateTime now, LocalDateTime staleBefore) {
        return db.dsl().update(T).set(STATUS, Mail.SENDING).set(CLAIMED_BY, token).set(CLAIMED_AT, now).set(UPDATED_AT, now)
                .where(ID.eq(id))
                .and(STATUS.in(Mail.QUEUED, Mail.FAILED).and(NEXT_ATTEMPT_AT.le(now))
                        .or(STATUS.eq(Mail.SENDING).and(CLAIMED_AT.lt(staleBefore))))
                .execute() == 1;
    }

    /** Records a delivery under the claim, dropping its sealed content; false if the claim was lost meanwhile. */
    boolean markSent(long id, String token, String messageId, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, Mail.SENT).set(ATTEMPTS, ATTEMPTS.plus(1)).set(SENT_AT, now).set(UPDATED_AT, now)
                .set(MESSAGE_ID, messageId).set(LAST_ERROR, (String) null).set(CLAIMED_BY, (String) null)
                .set(SEALED_CONTENT, (String) null)
                .where(ID.eq(id)).and(CLAIMED_BY.eq(token)).execute() == 1;
    }

    /** Records a failed attempt under the claim: retried at {@code next}, or dead (its sealed content dropped). */
    boolean markFailed(long id, String token, String error, boolean dead, LocalDateTime next, LocalDateTime now) {
        var update = db.dsl().update(T).set(STATUS, dead ? Mail.DEAD : Mail.FAILED).set(ATTEMPTS, ATTEMPTS.plus(1))
                .set(LAST_ERROR, clip(error, 1000)).set(NEXT_ATTEMPT_AT, next).set(UPDATED_AT, now).set(CLAIMED_BY, (String) null);
        if (dead) update = update.set(SEALED_CONTENT, (String) null);
        return update
                .where(ID.eq(id)).and(CLAIMED_BY.eq(token)).execute() == 1;
    }

    static String clip(String s, int max) {
        if (s == null) return "";
        return s.length() > max ? s.substring(0, max) : s;
    }
}
