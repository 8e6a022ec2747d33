package io.steward.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of invoices the billing run issued whose listeners have not been told yet (the
 * {@code invoice_issued_event} table). {@link #queue} runs in the issuing transaction;
 * {@link #deliver} tells the listeners, each row in one transaction that first deletes it, so a
 * row is told by exactly one transaction (a concurrent deliverer waits for the row lock and then
 * finds it gone) and what the listeners write commits with the deletion.
 */
final class IssuedEvents {
    private static final Logger LOG = LoggerFactory.getLogger(IssuedEvents.class);
    private static final Duration RETRY_CAP = Duration.ofHours(6);
    static final int PER_ROW = 1000;
    private static final Table<Record> T = table(name("invoice_issued_event"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<String> IDS = field(name("invoice_ids"), String.class);
    private static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    private static final Field<Integer> ATTEMPTS = field(name("attempts"), Integer.class);
    private static final Field<LocalDateTime> NEXT_ATTEMPT_AT = field(name("next_attempt_at"), LocalDateTime.class);
    private static final Field<String> LAST_ERROR = field(name("last_error"), String.class);

    /** A pending row: its id, invoices and failed attempts so far. */
    record Pending(long id, List<Long> invoiceIds, int attempts) {}

    private final Db db;
    private final Clock clock;
    private final InvoiceStore invoices;
    private final List<BillingListener> listeners;

    IssuedEvents(Db db, Clock clock, InvoiceStore invoices, List<BillingListener> listeners) {
        this.db = db;
        this.clock = clock;
        this.invoices = invoices;
        this.listeners = listeners;
    }

    /**
     * Tells the listeners about every due row, oldest first. A row whose listeners fail is rolled
     * back, kept with its error and tried again after 1 minute, doubling, at most 6 hours; the
     * other rows go on. Answers how many invoices were told.
     */
    int deliver() {
        int told = 0;
        long after = 0;
        for (List<Pending> page; !(page = due(Times.now(clock), after, 20)).isEmpty(); ) {
            for (Pending row : page) {
                after = row.id();
                try {
                    told += db.tx(() -> {
                        if (!claim(row.id())) return 0;
                        List<Invoice> issued = invoices.byIds(row.invoiceIds());
                        if (!issued.isEmpty()) for (BillingListener l : listeners) l.invoicesIssued(issued);
                        return issued.size();
                    });
                } catch (RuntimeException e) {
                    int attempts = row.attempts() + 1;
                    Duration retry = Duration.ofMinutes(1L << Math.min(attempts - 1, 20));
                    Duration in = retry.compareTo(RETRY_CAP) > 0 ? RETRY_CAP : retry;
                    LOG.warn("issued invoices row {}: listeners failed (attempt {}), next try in {}", row.id(), attempts, in, e);
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    db.txRun(() -> failed(row.id(), attempts, error, Times.now(clock), in));
                }
            }
        }
        return told;
    }

    /** Records the issued invoices, in rows of at most {@link #PER_ROW} ids. */
    void queue(Collection<Long> invoiceIds, LocalDateTime now) {
        List<Long> ids = invoiceIds.stream().sorted().toList();
        var insert = db.dsl().insertInto(T, IDS, CREATED_AT, NEXT_ATTEMPT_AT);
        for (int from = 0; from < ids.size(); from += PER_ROW) {
            var text = new StringBuilder();
            for (Long id : ids.subList(from, Math.min(ids.size(), from + PER_ROW))) {
                if (!text.isEmpty()) text.append(',');
                text.append(id);
            }
            insert = insert.values(text.toString(), now, now);
        }
        insert.execute();
    }

    /** Rows due for delivery at {@code now}, oldest first, after id {@code afterId}. */
    private List<Pending> due(LocalDateTime now, long afterId, int limit) {
        return db.dsl().select(ID, IDS, ATTEMPTS).from(T).where(NEXT_ATTEMPT_AT.le(now)).and(ID.gt(afterId))
                .orderBy(ID).limit(limit)
                .fetch(r -> new Pending(r.get(ID), Arrays.stream(r.get(IDS).split(",")).map(Long::valueOf).toList(), r.get(ATTEMPTS)));
    }

    /** Takes the row for this transaction; false when another delivery took it first. */
    private boolean claim(long id) {
        return db.dsl().deleteFrom(T).where(ID.eq(id)).execute() == 1;
    }

    /** Notes a failed delivery; the row is tried again after {@code retryIn}. */
    private void failed(long id, int attempts, String error, LocalDateTime now, Duration retryIn) {
        db.dsl().update(T).set(ATTEMPTS, attempts).set(LAST_ERROR, error.length() > 1000 ? error.substring(0, 1000) : error)
                .set(NEXT_ATTEMPT_AT, now.plus(retryIn)).where(ID.eq(id)).execute();
    }

    /** How many rows wait (for the admin API's and the tests' view). */
    int pending() {
        return db.dsl().fetchCount(T);
    }
}
