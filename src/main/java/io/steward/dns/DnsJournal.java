package io.steward.dns;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The {@code dns_journal} table: what each serial change of a zone removed and added, for IXFR
 * (RFC 1995). Written in the changing transaction, read by the DNS server when a secondary asks for
 * the changes since its serial.
 */
final class DnsJournal {
    static final Table<Record> JOURNAL = table(name("dns_journal"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> ZONE_ID = field(name("zone_id"), Long.class);
    static final Field<Long> SERIAL_FROM = field(name("serial_from"), Long.class);
    static final Field<Long> SERIAL_TO = field(name("serial_to"), Long.class);
    static final Field<String> OP = field(name("op"), String.class);
    static final Field<Long> CHANGED_MS = field(name("changed_ms"), Long.class);

    /** One serial change: the records it removed and those it added, as stored. */
    record Step(long from, long to, List<DnsRecord> removed, List<DnsRecord> added) {}

    private final Db db;

    DnsJournal(Db db) {
        this.db = db;
    }

    /** Records a step of the zone from serial {@code from} to {@code to}, in the caller's transaction. */
    void step(long zoneId, long from, long to, List<DnsRecord> removed, List<DnsRecord> added) {
        long now = System.currentTimeMillis();
        var insert = db.dsl().insertInto(JOURNAL, ZONE_ID, SERIAL_FROM, SERIAL_TO, OP, DnsStore.NAME, DnsStore.TYPE, DnsStore.TTL,
                DnsStore.PRIORITY, DnsStore.CONTENT, CHANGED_MS).values(zoneId, from, to, "=", null, null, null, null, null, now);
        for (DnsRecord r : removed) insert = insert.values(zoneId, from, to, "-", r.name(), r.type(), r.ttl(), r.priority(), r.content(), now);
        for (DnsRecord r : added) insert = insert.values(zoneId, from, to, "+", r.name(), r.type(), r.ttl(), r.priority(), r.content(), now);
        insert.execute();
    }

    /** Forgets the zone's steps: after a change of the whole zone, older serials get the full zone. */
    void clear(long zoneId) {
        db.dsl().deleteFrom(JOURNAL).where(ZONE_ID.eq(zoneId)).execute();
    }

    /**
     * The steps leading from serial {@code from} to {@code to}, in order, or an empty list when the
     * journal does not hold an unbroken chain between them (swept, cleared, or never journalled) or
     * when it holds more than {@code maxRows} rows for them (the full zone is then the smaller
     * answer, RFC 1995 §4).
     */
    List<Step> steps(long zoneId, long from, long to, int maxRows) {
        var rows = db.dsl().select(SERIAL_FROM, SERIAL_TO, OP, DnsStore.NAME, DnsStore.TYPE, DnsStore.TTL, DnsStore.PRIORITY, DnsStore.CONTENT)
                .from(JOURNAL).where(ZONE_ID.eq(zoneId)).and(SERIAL_FROM.ge(from)).and(SERIAL_TO.le(to))
                .orderBy(SERIAL_TO, ID).limit(maxRows + 1).fetch();
        if (rows.size() > maxRows) return List.of();
        var steps = new ArrayList<Step>();
        long at = from;
        Step current = null;
        for (var r : rows) {
            if (r.get(OP).equals("=")) {
                if (r.get(SERIAL_FROM) != at) return List.of();
                current = new Step(r.get(SERIAL_FROM), r.get(SERIAL_TO), new ArrayList<>(), new ArrayList<>());
                steps.add(current);
                at = current.to();
            } else if (current != null && r.get(SERIAL_TO) == current.to()) {
                var rec = new DnsRecord(0, zoneId, r.get(DnsStore.NAME), r.get(DnsStore.TYPE), r.get(DnsStore.TTL),
                        r.get(DnsStore.PRIORITY), r.get(DnsStore.CONTENT));
                (r.get(OP).equals("-") ? current.removed() : current.added()).add(rec);
            } else {
                return List.of();
            }
        }
        return at == to && !steps.isEmpty() ? steps : List.of();
    }

    int sweep(long beforeMs) {
        return db.dsl().deleteFrom(JOURNAL).where(CHANGED_MS.lt(beforeMs)).execute();
    }
}
