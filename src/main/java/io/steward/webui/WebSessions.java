package io.steward.webui;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Browser sessions, kept in the database so every node sees them. The cookie carries a random
 * value; only its SHA-256 is stored. A session ends when idle for {@code idle}, at the latest
 * {@code absolute} after it began, or at sign-out (the row is deleted). A realm separates the
 * client area's sessions from the staff console's: a cookie of one never opens the other.
 */
public final class WebSessions {
    static final Table<Record> T = table(name("web_session"));
    static final Field<String> ID_HASH = field(name("id_hash"), String.class);
    static final Field<String> REALM = field(name("realm"), String.class);
    static final Field<Long> SUBJECT = field(name("subject_id"), Long.class);
    static final Field<Integer> CRED_VERSION = field(name("cred_version"), Integer.class);
    static final Field<String> CSRF = field(name("csrf_token"), String.class);
    static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> SEEN = field(name("last_seen_at"), LocalDateTime.class);
    /** Last-seen is written at most this often, so a page view is not always a write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A live session: {@code subject} is null until the visitor signs in. */
    public record Session(String idHash, String realm, Long subject, int credVersion, String csrfToken,
                          LocalDateTime createdAt, LocalDateTime lastSeenAt) {
        public boolean signedIn() { return subject != null; }
    }

    /** A new session and the cookie value that names it (shown once, to be set as the cookie). */
    public record Started(String cookieValue, Session session) {}

    private final Db db;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public WebSessions(Db db, Clock clock, Duration idle, Duration absolute) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    public Duration absolute() { return absolute; }

    /** Starts a session in {@code realm}, for a subject or (null) for a visitor. */
    public Started start(String realm, Long subject, int credVersion) {
        String value = Secrets.randomToken(32);
        LocalDateTime now = Times.now(clock);
        var session = new Session(Secrets.sha256Hex(value), realm, subject, credVersion, Secrets.randomToken(24), now, now);
        db.dsl().insertInto(T).set(ID_HASH, session.idHash()).set(REALM, realm).set(SUBJECT, subject)
                .set(CRED_VERSION, credVersion).set(CSRF, session.csrfToken()).set(CREATED, now).set(SEEN, now).execute();
        // Expired rows affect nothing; now and then sweep them (every node does its share).
        if (java.util.concurrent.ThreadLocalRandom.current().nextInt(64) == 0) purgeExpired();
        return new Started(value, session);
    }

    /** The live session a cookie value names in {@code realm}; an expired one is deleted. */
    public Optional<Session> find(String realm, String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) return Optional.empty();
        String hash = Secrets.sha256Hex(cookieValue);
        var row = db.dsl().select(SUBJECT, CRED_VERSION, CSRF, CREATED, SEEN).from(T)
                .where(ID_HASH.eq(hash)).and(REALM.eq(realm)).fetchOne();
        if (row == null) return Optional.empty();
        LocalDateTime now = Times.now(clock);
        if (!row.get(SEEN).plus(idle).isAfter(now) || !row.get(CREATED).plus(absolute).isAfter(now)) {
            db.dsl().deleteFrom(T).where(ID_HASH.eq(hash)).execute();
            return Optional.empty();
        }
        if (!row.get(SEEN).plus(TOUCH_EVERY).isAfter(now)) {
            db.dsl().update(T).set(SEEN, now).where(ID_HASH.eq(hash)).execute();
        }
        return Optional.of(new Session(hash, realm, row.get(SUBJECT), row.get(CRED_VERSION), row.get(CSRF), row.get(CREATED), now));
    }

    /** Ends a session (sign-out, or the old session of a visitor who just signed in). */
    public void end(String idHash) {
        db.dsl().deleteFrom(T).where(ID_HASH.eq(idHash)).execute();
    }

    /** Ends every session of a subject in a realm (e.g. after a password change elsewhere). */
    public int endAll(String realm, long subject) {
        return db.dsl().deleteFrom(T).where(REALM.eq(realm)).and(SUBJECT.eq(subject)).execute();
    }

    /** Deletes sessions past their idle or absolute limit. */
    public int purgeExpired() {
        LocalDateTime now = Times.now(clock);
        return db.dsl().deleteFrom(T).where(SEEN.le(now.minus(idle))).or(CREATED.le(now.minus(absolute))).execute();
    }
}
