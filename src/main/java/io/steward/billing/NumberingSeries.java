package io.steward.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Numbering series ({@code invoice_series}): gapless document numbers. {@link #next} locks the
 * series row and advances it in the caller's transaction, so concurrent issuers queue on the row
 * and a rolled-back issue hands its number back.
 */
public final class NumberingSeries {
    static final Table<Record> T = table(name("invoice_series"));
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> FORMAT = field(name("format"), String.class);
    static final Field<Long> NEXT = field(name("next_number"), Long.class);
    static final Field<String> RESET = field(name("reset_every"), String.class);
    static final Field<String> PERIOD = field(name("period_key"), String.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    /** The series every invoice is numbered in unless its draft names another. */
    public static final String INVOICES = "invoice";
    /** The series of credit notes. */
    public static final String CREDIT_NOTES = "creditnote";

    /** A series as staff see it. */
    public record Series(String name, String format, long nextNumber, String resetEvery, String periodKey) {}

    private final Db db;
    private final Clock clock;

    NumberingSeries(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private static Series map(Record r) {
        return new Series(r.get(NAME), r.get(FORMAT), r.get(NEXT), r.get(RESET), r.get(PERIOD));
    }

    public List<Series> list() {
        return db.dsl().select(NAME, FORMAT, NEXT, RESET, PERIOD).from(T).orderBy(NAME).fetch(NumberingSeries::map);
    }

    public Optional<Series> get(String name) {
        return db.dsl().select(NAME, FORMAT, NEXT, RESET, PERIOD).from(T).where(NAME.eq(name)).fetchOptional(NumberingSeries::map);
    }

    boolean exists(String name) {
        return db.dsl().fetchExists(T, NAME.eq(name));
    }

    /** Numbers taken from a series in one step, and its counter before them (to give them back). */
    record Taken(String series, List<String> numbers, DocumentNumbers.Counter before) {}

    /** Takes the next number of {@code series} for a document dated {@code date}. Call inside the issuing transaction. */
    String next(String series, LocalDate date) {
        return take(series, date, 1).numbers().get(0);
    }

    /**
     * Takes the next {@code count} numbers of {@code series} for documents dated {@code date}, in
     * order, with one lock and one update. The lock is held until the caller's transaction ends, so
     * a rollback hands every number back. Lock order: a caller that also locks a billing account
     * locks it first, and takes numbers before it writes invoice rows (see {@link BatchIssuer}).
     */
    Taken take(String series, LocalDate date, int count) {
        var query = db.dsl().select(NAME, FORMAT, NEXT, RESET, PERIOD).from(T).where(NAME.eq(series));
        // On PostgreSQL an invoice insert takes FOR KEY SHARE on this row (its foreign key check);
        // FOR NO KEY UPDATE is compatible with key-share locks and still serialises counter updates,
        // where FOR UPDATE would make two issuers that inserted first deadlock. H2 takes no lock for
        // foreign key checks and knows only FOR UPDATE.
        var row = (db.isPostgres() ? query.forNoKeyUpdate() : query.forUpdate()).fetchOptional(NumberingSeries::map)
                .orElseThrow(() -> StewardException.invalid(Map.of("series", List.of("No numbering series " + series))));
        var before = new DocumentNumbers.Counter(row.nextNumber(), row.periodKey());
        var counter = before;
        var out = new java.util.ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            var assigned = DocumentNumbers.assign(row.format(), row.resetEvery(), counter, date);
            out.add(assigned.number());
            counter = assigned.after();
        }
        store(series, counter);
        return new Taken(series, out, before);
    }

    /**
     * Gives back numbers taken in this transaction that no document will carry (an issue that lost
     * all its lines to a concurrent one). Only for the last take of the series in this transaction:
     * the row lock it holds means no one else numbered since.
     */
    void giveBack(Taken taken) {
        store(taken.series(), taken.before());
    }

    private void store(String series, DocumentNumbers.Counter counter) {
        db.dsl().update(T).set(NEXT, counter.next()).set(PERIOD, counter.periodKey()).set(UPDATED_AT, Times.now(clock))
                .where(NAME.eq(series)).execute();
    }

    /**
     * Creates a series or changes its format and reset rule. A new series starts at {@code start}
     * (default 1); an existing one keeps its counter. Changing the format of a series in use does
     * not renumber what is issued.
     */
    public Series define(String name, String format, String resetEvery, Long start) {
        var problems = new java.util.LinkedHashMap<String, List<String>>();
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,40}")) problems.put("name", List.of("Name must be 1-40 letters, digits, - or _"));
        String reset = resetEvery == null ? "never" : resetEvery;
        var formatProblems = DocumentNumbers.problems(format, reset);
        if (!formatProblems.isEmpty()) problems.put("format", formatProblems);
        if (start != null && start < 1) problems.put("next_number", List.of("The next number must be at least 1"));
        if (!problems.isEmpty()) throw StewardException.invalid(problems);
        return db.tx(() -> {
            var now = Times.now(clock);
            var existing = db.dsl().select(NAME).from(T).where(NAME.eq(name)).forUpdate().fetchOptional();
            if (existing.isPresent()) {
                // Moving an existing counter would leave a gap or repeat numbers.
                if (start != null) throw StewardException.invalid(Map.of("next_number", List.of("The next number can only be set when a series is created")));
                db.dsl().update(T).set(FORMAT, format).set(RESET, reset).set(UPDATED_AT, now).where(NAME.eq(name)).execute();
            } else {
                db.dsl().insertInto(T).set(NAME, name).set(FORMAT, format).set(NEXT, start == null ? 1L : start).set(RESET, reset)
                        .set(PERIOD, DocumentNumbers.periodKey(reset, Times.now(clock).toLocalDate())).set(UPDATED_AT, now).execute();
            }
            return get(name).orElseThrow();
        });
    }
}
