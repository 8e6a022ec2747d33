package io.steward.dns;

import io.steward.db.ColumnLimits;
import io.steward.db.Db;
import io.steward.db.HotStatements;
import io.steward.db.HotStatements.Step;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The statements of a record change while the zone's row is locked, as few round trips as the
 * rules allow: the lock and the reads the change's checks need in one, the writes (the record,
 * the serial and count, the journal step, the change-log rows and, on PostgreSQL, their NOTIFY)
 * in another, then the commit. Changes to one zone queue on that lock, so the time it is held
 * bounds a zone's changes per second; on PostgreSQL each round trip is a wake-up of this thread
 * and of the backend on a busy machine. The SQL is written out and prepared once per connection
 * rather than rendered by jOOQ per change; the values are checked against the columns first
 * ({@link ColumnLimits}), so a value too long is still a 422 before anything is written.
 */
final class DnsWrites {
    private static final String ZONE_COLUMNS = "id, client_id, service_id, name, serial, suspended, record_count";
    private static final String RECORD_COLUMNS = "id, zone_id, name, type, ttl, priority, content";
    private static final String LOCK_ZONE = "SELECT " + ZONE_COLUMNS + " FROM dns_zone WHERE id = ? FOR UPDATE";
    private static final String RECORD = "SELECT " + RECORD_COLUMNS + " FROM dns_record WHERE zone_id = ? AND id = ?";
    private static final String AT_NAME = "SELECT " + RECORD_COLUMNS + " FROM dns_record WHERE zone_id = ? AND name = ? ORDER BY id";
    private static final String UPDATE_RECORD = "UPDATE dns_record SET name = ?, type = ?, ttl = ?, priority = ?, content = ?, updated_at = ? WHERE id = ?";
    private static final String DELETE_RECORD = "DELETE FROM dns_record WHERE id = ?";
    private static final String TOUCH = "UPDATE dns_zone SET serial = ?, record_count = record_count + ?, updated_at = ? WHERE id = ?";
    private static final String JOURNAL = "INSERT INTO dns_journal (zone_id, serial_from, serial_to, op, name, type, ttl, priority, content, changed_ms) VALUES ";
    private static final String JOURNAL_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String CHANGE = "INSERT INTO dns_change (zone_id, name, changed_ms) VALUES ";
    private static final String CHANGE_ROW = "(?, ?, ?)";

    private final Db db;
    private final DnsStore store;
    private final HotStatements statements;
    private final ColumnLimits limits;

    DnsWrites(Db db, DnsStore store) {
        this.db = db;
        this.store = store;
        this.statements = db.statements();
        this.limits = db.columnLimits();
    }

    /** The locked zone with its record count, the record asked for (if any) and the records at the name asked for (if any). */
    record Locked(Zone zone, int recordCount, Optional<DnsRecord> record, List<DnsRecord> atName) {}

    /**
     * Locks the zone's row ({@code SELECT ... FOR UPDATE}) and reads, after the lock is held, the
     * record {@code recordId} (0: none) and the records at {@code name} (null: none): one round
     * trip on PostgreSQL. Empty when the zone does not exist. In the caller's transaction.
     */
    Optional<Locked> lock(long zoneId, long recordId, String name) {
        var steps = new ArrayList<Step>(3);
        steps.add(new Step(LOCK_ZONE, zoneId));
        if (recordId != 0) steps.add(new Step(RECORD, zoneId, recordId));
        if (name != null) steps.add(new Step(AT_NAME, zoneId, name));
        var results = statements.run(c -> statements.pipeline(c, steps));
        var zoneRows = rows(results.get(0));
        if (zoneRows.isEmpty()) return Optional.empty();
        Object[] z = zoneRows.get(0);
        Long client = (Long) z[1];
        var zone = new Zone((Long) z[0], client == null ? Zone.PROVIDER : client, (Long) z[2], (String) z[3], (Long) z[4],
                Boolean.TRUE.equals(z[5]));
        int i = 1;
        Optional<DnsRecord> record = Optional.empty();
        if (recordId != 0) record = rows(results.get(i++)).stream().findFirst().map(DnsWrites::record);
        List<DnsRecord> atName = name == null ? List.of() : rows(results.get(i)).stream().map(DnsWrites::record).toList();
        return Optional.of(new Locked(zone, ((Number) z[6]).intValue(), record, atName));
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Object result) {
        return (List<Object[]>) result;
    }

    private static DnsRecord record(Object[] r) {
        return new DnsRecord((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                ((Number) r[5]).intValue(), (String) r[6]);
    }

    /** What a change does to the record row itself, before the zone's bookkeeping. */
    sealed interface RecordWrite {
        /** The record rewritten in place (same id). */
        record Update(long recordId, DnsRecord to) implements RecordWrite {}
        /** The record removed. */
        record Delete(long recordId) implements RecordWrite {}
        /** Written already by the caller (an insert, which needs its generated id and position). */
        record None() implements RecordWrite {}
    }

    /**
     * In the changing transaction, under the zone's lock: the record write, the new serial and the
     * count moved by {@code added - removed}, one journal step (for IXFR) and a change-log row per
     * name, announced on PostgreSQL by NOTIFY at commit; one round trip on PostgreSQL. Every value
     * is checked against its column before anything runs. Answers the change-log ids.
     */
    List<Long> changed(Zone z, long serial, Set<String> names, LocalDateTime now, boolean appliedHere, RecordWrite write,
                       List<DnsRecord> removed, List<DnsRecord> added) {
        if (write instanceof RecordWrite.Update u) {
            DnsRecord r = u.to();
            check("dns_record", r);
        }
        for (DnsRecord r : removed) check("dns_journal", r);
        for (DnsRecord r : added) check("dns_journal", r);
        for (String n : names) limits.check("dns_change", "name", n);

        long ms = System.currentTimeMillis();
        var steps = new ArrayList<Step>(4);
        switch (write) {
            case RecordWrite.Update u -> steps.add(new Step(UPDATE_RECORD, u.to().name(), u.to().type(), u.to().ttl(), u.to().priority(),
                    u.to().content(), now, u.recordId()));
            case RecordWrite.Delete d -> steps.add(new Step(DELETE_RECORD, d.recordId()));
            case RecordWrite.None n -> { }
        }
        steps.add(new Step(TOUCH, serial, added.size() - removed.size(), now, z.id()));
        var journal = new StringBuilder(JOURNAL).append(JOURNAL_ROW);
        var journalBinds = new ArrayList<Object>(java.util.Arrays.asList(z.id(), z.serial(), serial, "=", null, null, null, null, null, ms));
        for (DnsRecord r : removed) journalRow(journal, journalBinds, z, serial, "-", r, ms);
        for (DnsRecord r : added) journalRow(journal, journalBinds, z, serial, "+", r, ms);
        // H2 takes an untyped null here; PostgreSQL infers each parameter's type from its column.
        steps.add(new Step(journal.toString(), journalBinds.toArray()));

        var change = new StringBuilder(CHANGE);
        var changeBinds = new ArrayList<Object>();
        for (String n : names) {
            if (!changeBinds.isEmpty()) change.append(", ");
            change.append(CHANGE_ROW);
            changeBinds.addAll(java.util.Arrays.asList(z.id(), n, ms));
        }
        String notice = new ChangeNotice(store.node(), appliedHere, z.id(), java.util.Map.of()).payload();
        boolean notify = db.isPostgres();
        if (notify && notice.length() + names.stream().mapToInt(n -> n.length() + 22).sum() > ChangeNotice.MAX) {
            // Too many names for one notice: the rows here, the notice (meaning the whole zone) by the store's path.
            return fallback(z, serial, names, now, appliedHere, write, removed, added);
        }
        if (notify) {
            // The rows and their notice in one statement: the notice lists the ids the INSERT generated.
            changeBinds.add(store.channel());
            changeBinds.add(notice);
            steps.add(new Step("WITH c AS (" + change + " RETURNING id, name), "
                    + "n AS (SELECT pg_notify(?, ? || string_agg(c.id || ':' || COALESCE(c.name, ''), ',' ORDER BY c.id)) FROM c) "
                    + "SELECT c.id FROM c CROSS JOIN n ORDER BY c.id", changeBinds.toArray()));
        } else {
            steps.add(new Step("SELECT id FROM FINAL TABLE (" + change + ") ORDER BY id", changeBinds.toArray()));
        }
        var results = statements.run(c -> statements.pipeline(c, steps));
        var ids = new ArrayList<Long>();
        for (Object[] row : rows(results.get(results.size() - 1))) ids.add(((Number) row[0]).longValue());
        return ids;
    }

    /** The store's jOOQ writes, for a change naming more owners than one notice holds. */
    private List<Long> fallback(Zone z, long serial, Set<String> names, LocalDateTime now, boolean appliedHere, RecordWrite write,
                                List<DnsRecord> removed, List<DnsRecord> added) {
        switch (write) {
            case RecordWrite.Update u -> store.updateRecord(u.recordId(), u.to(), now);
            case RecordWrite.Delete d -> store.deleteRecord(d.recordId());
            case RecordWrite.None n -> { }
        }
        store.touch(z.id(), serial, added.size() - removed.size(), now);
        new DnsJournal(db).step(z.id(), z.serial(), serial, removed, added);
        return store.logChanges(z.id(), names, appliedHere);
    }

    private static void journalRow(StringBuilder sql, List<Object> binds, Zone z, long serial, String op, DnsRecord r, long ms) {
        sql.append(", ").append(JOURNAL_ROW);
        binds.addAll(java.util.Arrays.asList(z.id(), z.serial(), serial, op, r.name(), r.type(), r.ttl(), r.priority(), r.content(), ms));
    }

    private void check(String table, DnsRecord r) {
        limits.check(table, "name", r.name());
        limits.check(table, "type", r.type());
        limits.check(table, "ttl", r.ttl());
        limits.check(table, "priority", r.priority());
        limits.check(table, "content", r.content());
    }

}
