package io.steward.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Failed-login limits per account (login name) and per address, kept in the database so all nodes
 * count together. After {@code max} failures within {@code window} the scope is locked for
 * {@code lock}; while locked even the right password is refused, so guessing gains nothing.
 */
public final class LoginThrottle {
    static final Table<Record> T = table(name("login_throttle"));
    static final Field<String> SCOPE = field(name("scope"), String.class);
    static final Field<Integer> FAILURES = field(name("failures"), Integer.class);
    static final Field<LocalDateTime> WINDOW_START = field(name("window_start"), LocalDateTime.class);
    static final Field<LocalDateTime> LOCKED_UNTIL = field(name("locked_until"), LocalDateTime.class);

    /** Limits; the same for Basic auth and {@code POST /login}. */
    public record Limits(int maxPerAccount, int maxPerAddress, Duration window, Duration lock) {}

    private final Db db;
    private final Clock clock;
    private final Limits limits;

    public LoginThrottle(Db db, Clock clock, Limits limits) {
        this.db = db;
        this.clock = clock;
        this.limits = limits;
    }

    static String accountScope(String email) {
        return "acct:" + LoginStore.normalize(email);
    }

    static String addressScope(String ip) {
        return "ip:" + ip;
    }

    /** Refuses with 429 if either scope is locked now. */
    public void checkAllowed(String email, String ip) {
        LocalDateTime now = Times.now(clock);
        var locked = db.dsl().select(LOCKED_UNTIL).from(T)
                .where(SCOPE.in(accountScope(email), addressScope(ip))).and(LOCKED_UNTIL.gt(now))
                .fetch(LOCKED_UNTIL);
        if (!locked.isEmpty()) {
            LocalDateTime until = locked.stream().max(LocalDateTime::compareTo).orElseThrow();
            // Rounded up: a client waiting exactly this long finds the lock over.
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
            throw StewardException.tooManyRequests("Too many failed login attempts, try again in " + seconds + " seconds", seconds);
        }
    }

    public void recordFailure(String email, String ip) {
        db.txRun(() -> {
            bump(accountScope(email), limits.maxPerAccount());
            bump(addressScope(ip), limits.maxPerAddress());
        });
        // Every guessed name leaves a row; now and then sweep the ones whose window and lock are over.
        if (java.util.concurrent.ThreadLocalRandom.current().nextInt(64) == 0) purgeStale();
    }

    /** Deletes counters whose window and lock have both ended; they no longer affect anything. */
    public int purgeStale() {
        LocalDateTime now = Times.now(clock);
        return db.dsl().deleteFrom(T).where(WINDOW_START.lt(now.minus(limits.window())))
                .and(LOCKED_UNTIL.isNull().or(LOCKED_UNTIL.lt(now))).execute();
    }

    public void recordSuccess(String email) {
        db.dsl().deleteFrom(T).where(SCOPE.eq(accountScope(email))).execute();
    }

    private void bump(String scope, int max) {
        LocalDateTime now = Times.now(clock);
        var dsl = db.dsl();
        // Explicit, qualified conflict column: jOOQ cannot emulate ON DUPLICATE KEY for H2 without
        // knowing the key, and its MERGE emulation would find a bare "scope" ambiguous.
        try {
            dsl.insertInto(T).set(SCOPE, scope).set(FAILURES, 0).set(WINDOW_START, now)
                    .onConflict(field(name("login_throttle", "scope"))).doNothing().execute();
        } catch (IntegrityConstraintViolationException raced) {
            // H2's MERGE is not atomic: a concurrent first failure inserted the row, which is all
            // this needs. (PostgreSQL's ON CONFLICT never gets here, so its transaction is intact.)
        }
        var row = dsl.select(FAILURES, WINDOW_START, LOCKED_UNTIL).from(T).where(SCOPE.eq(scope)).forUpdate().fetchOne();
        if (row == null) return;
        boolean windowOver = row.get(WINDOW_START).plus(limits.window()).isBefore(now)
                || (row.get(LOCKED_UNTIL) != null && !row.get(LOCKED_UNTIL).isAfter(now));
        int failures = windowOver ? 1 : row.get(FAILURES) + 1;
        LocalDateTime windowStart = windowOver ? now : row.get(WINDOW_START);
        LocalDateTime lockedUntil = failures >= max ? now.plus(limits.lock()) : null;
        dsl.update(T).set(FAILURES, failures).set(WINDOW_START, windowStart).set(LOCKED_UNTIL, lockedUntil)
                .where(SCOPE.eq(scope)).execute();
    }
}
