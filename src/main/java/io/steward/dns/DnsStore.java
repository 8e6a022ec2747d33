package io.steward.dns;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code dns_zone}, {@code dns_record}, {@code dns_change} and {@code dns_template} tables. */
final class DnsStore {
    static final Table<Record> ZONE = table(name("dns_zone"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<Long> SERIAL = field(name("serial"), Long.class);
    static final Field<Boolean> SUSPENDED = field(name("suspended"), Boolean.class);
    static final Field<Integer> NEXT_ORDINAL = field(name("next_ordinal"), Integer.class);
    static final Field<Integer> RECORD_COUNT = field(name("record_count"), Integer.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> RECORD = table(name("dns_record"));
    static final Field<Long> ZONE_ID = field(name("zone_id"), Long.class);
    static final Field<String> TYPE = field(name("type"), String.class);
    static final Field<Integer> TTL = field(name("ttl"), Integer.class);
    static final Field<Integer> PRIORITY = field(name("priority"), Integer.class);
    static final Field<String> CONTENT = field(name("content"), String.class);
    static final Field<Integer> ORDINAL = field(name("ordinal"), Integer.class);

    static final Table<Record> CHANGE = table(name("dns_change"));
    static final Field<Long> CHANGED_MS = field(name("changed_ms"), Long.class);

    static final Table<Record> TEMPLATE = table(name("dns_template"));

    private static final List<Field<?>> ZONE_COLUMNS = List.of(ID, CLIENT_ID, SERVICE_ID, NAME, SERIAL, SUSPENDED);
    private static final List<Field<?>> RECORD_COLUMNS = List.of(ID, ZONE_ID, NAME, TYPE, TTL, PRIORITY, CONTENT);

    private final Db db;
    /** This node, in its change notices: a node skips the notices of changes it applied itself. */
    private final String node = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    private volatile String channel;

    // The queries every record change runs (the zone, then its row locked, then the record): rendered
    // once, as rendering a jOOQ query costs about as much as H2 answering it (see HotQuery).
    private final io.steward.db.HotQuery zoneById;
    private final io.steward.db.HotQuery zoneByIdForUpdate;
    private final io.steward.db.HotQuery recordById;
    private final io.steward.db.HotQuery recordsAtName;

    DnsStore(Db db) {
        this.db = db;
        this.zoneById = db.prepare(db.dsl().select(ZONE_COLUMNS).from(ZONE).where(ID.eq(DSL.param("id", Long.class))));
        this.zoneByIdForUpdate = db.prepare(db.dsl().select(ZONE_COLUMNS).from(ZONE).where(ID.eq(DSL.param("id", Long.class))).forUpdate());
        this.recordById = db.prepare(db.dsl().select(RECORD_COLUMNS).from(RECORD)
                .where(ZONE_ID.eq(DSL.param("zone", Long.class))).and(ID.eq(DSL.param("id", Long.class))));
        this.recordsAtName = db.prepare(db.dsl().select(RECORD_COLUMNS).from(RECORD)
                .where(ZONE_ID.eq(DSL.param("zone", Long.class))).and(NAME.eq(DSL.param("name", String.class))));
    }

    String node() { return node; }

    /**
     * The PostgreSQL NOTIFY channel of this database schema's DNS changes: channels are per
     * database, so installations (and test schemas) sharing one database must not hear each other.
     */
    String channel() {
        String c = channel;
        if (c == null) {
            String schema = db.dsl().fetchValue("select current_schema()").toString();
            c = ("steward_dns_" + schema).toLowerCase(java.util.Locale.ROOT);
            if (c.length() > 63) c = c.substring(0, 63);
            channel = c;
        }
        return c;
    }

    private static Zone zone(Record r) {
        Long client = r.get(CLIENT_ID);
        return new Zone(r.get(ID), client == null ? Zone.PROVIDER : client, r.get(SERVICE_ID), r.get(NAME), r.get(SERIAL), Boolean.TRUE.equals(r.get(SUSPENDED)));
    }

    private static DnsRecord record(Record r) {
        return new DnsRecord(r.get(ID), r.get(ZONE_ID), r.get(NAME), r.get(TYPE), r.get(TTL), r.get(PRIORITY), r.get(CONTENT));
    }

    private List<Zone> zones(Condition where) {
        return db.dsl().select(ZONE_COLUMNS).from(ZONE).where(where).orderBy(ID).fetch(DnsStore::zone);
    }

    Optional<Zone> zone(long id) {
        return zoneById.fetchOptional(DnsStore::zone, id);
    }

    /** Locks the zone row: changes to one zone queue, so exclusivity checks and serials hold. */
    Optional<Zone> zoneForUpdate(long id) {
        return zoneByIdForUpdate.fetchOptional(DnsStore::zone, id);
    }

    Optional<Zone> zoneByName(String name) {
        return zones(NAME.eq(name)).stream().findFirst();
    }

    List<Zone> zonesOfClient(long clientId) {
        return zones(CLIENT_ID.eq(clientId));
    }

    List<Zone> zonesOfService(long serviceId) {
        return zones(SERVICE_ID.eq(serviceId));
    }

    List<Zone> allZones() {
        return zones(DSL.trueCondition());
    }

    List<Zone> search(Long clientId, String query) {
        Condition c = DSL.trueCondition();
        if (clientId != null) c = c.and(CLIENT_ID.eq(clientId));
        if (query != null && !query.isBlank()) c = c.and(NAME.like(Db.containing(query.strip().toLowerCase(java.util.Locale.ROOT)), '\\'));
        return zones(c);
    }

    int countZonesOfService(long serviceId) {
        return db.dsl().fetchCount(ZONE, SERVICE_ID.eq(serviceId));
    }

    int countZonesOfClient(long clientId) {
        return db.dsl().fetchCount(ZONE, CLIENT_ID.eq(clientId));
    }

    /** A zone that is the name, an ancestor of it or below it (one name has one authoritative zone here). */
    Optional<String> overlapping(String name) {
        var names = new java.util.ArrayList<String>();
        for (String n = name; n.contains("."); n = n.substring(n.indexOf('.') + 1)) names.add(n);
        return db.dsl().select(NAME).from(ZONE).where(NAME.in(names).or(NAME.like("%." + name.replace("_", "\\_"), '\\')))
                .limit(1).fetchOptional(NAME);
    }

    /** Zones that are the name, an ancestor of it or below it. */
    List<Zone> overlappingZones(String name) {
        var names = new java.util.ArrayList<String>();
        for (String n = name; n.contains("."); n = n.substring(n.indexOf('.') + 1)) names.add(n);
        return zones(NAME.in(names).or(NAME.like("%." + name.replace("_", "\\_"), '\\')));
    }

    /** Zones of {@code name} and below it. */
    List<Zone> zonesAtOrBelow(String name) {
        return zones(NAME.eq(name).or(NAME.like("%." + name.replace("_", "\\_"), '\\')));
    }

    /** Gives a zone to another client; it no longer counts against the old client's service. */
    void moveZone(long zoneId, long clientId, LocalDateTime now) {
        db.dsl().update(ZONE).set(CLIENT_ID, clientId).set(SERVICE_ID, (Long) null).set(UPDATED_AT, now).where(ID.eq(zoneId)).execute();
    }

    /** Counts a zone against one of its client's DNS hosting services. */
    void attachZone(long zoneId, long serviceId, LocalDateTime now) {
        db.dsl().update(ZONE).set(SERVICE_ID, serviceId).set(UPDATED_AT, now).where(ID.eq(zoneId)).execute();
    }

    /** {@code clientId} {@link Zone#PROVIDER}: the provider's zone (stored without a client). */
    long insertZone(long clientId, Long serviceId, String name, long serial, LocalDateTime now) {
        return db.dsl().insertInto(ZONE).set(CLIENT_ID, clientId == Zone.PROVIDER ? null : clientId).set(SERVICE_ID, serviceId).set(NAME, name).set(SERIAL, serial)
                .set(SUSPENDED, false).set(CREATED_AT, now).set(UPDATED_AT, now).returningResult(ID).fetchOne().value1();
    }

    /** Sets the serial and moves the record count by {@code countDelta} (the zone row is locked by the caller). */
    void touch(long zoneId, long serial, int countDelta, LocalDateTime now) {
        db.dsl().update(ZONE).set(SERIAL, serial).set(RECORD_COUNT, RECORD_COUNT.plus(countDelta)).set(UPDATED_AT, now)
                .where(ID.eq(zoneId)).execute();
    }

    /** Suspends or resumes every zone of a service; answers the zones changed. */
    List<Long> setSuspended(long serviceId, boolean suspended) {
        var ids = db.dsl().select(ID).from(ZONE).where(SERVICE_ID.eq(serviceId)).and(SUSPENDED.ne(suspended)).fetch(ID);
        if (!ids.isEmpty()) db.dsl().update(ZONE).set(SUSPENDED, suspended).where(ID.in(ids)).execute();
        return ids;
    }

    void deleteZone(long zoneId) {
        db.dsl().deleteFrom(RECORD).where(ZONE_ID.eq(zoneId)).execute();
        db.dsl().deleteFrom(ZONE).where(ID.eq(zoneId)).execute();
    }

    List<DnsRecord> records(long zoneId) {
        return db.dsl().select(RECORD_COLUMNS).from(RECORD).where(ZONE_ID.eq(zoneId)).orderBy(ID).fetch(DnsStore::record);
    }

    /**
     * The zone's records at {@code names}, in id order: one (zone_id, name) index lookup per name.
     * Not {@code name IN (...)}: H2 evaluates an IN list of bound values row by row over every
     * record of the zone, which made each change cost in proportion to the zone's size.
     */
    List<DnsRecord> recordsAt(long zoneId, Collection<String> names) {
        var out = new java.util.ArrayList<DnsRecord>();
        for (String n : new java.util.LinkedHashSet<>(names)) {
            out.addAll(recordsAtName.fetch(DnsStore::record, zoneId, n));
        }
        out.sort(java.util.Comparator.comparingLong(DnsRecord::id));
        return out;
    }

    /** The zone's records in the order of their positions in the client API's listing (see V18). */
    List<PositionedRecord> positioned(long zoneId) {
        var columns = new java.util.ArrayList<Field<?>>(RECORD_COLUMNS);
        columns.add(ORDINAL);
        columns.add(UPDATED_AT);
        return db.dsl().select(columns).from(RECORD).where(ZONE_ID.eq(zoneId)).orderBy(ORDINAL)
                .fetch(r -> new PositionedRecord(r.get(ORDINAL), record(r), r.get(UPDATED_AT)));
    }

    Optional<DnsRecord> record(long zoneId, long recordId) {
        return recordById.fetchOptional(DnsStore::record, zoneId, recordId);
    }

    /** The zone's record count as kept by {@link #touch}: one row read, whatever the zone's size. */
    int recordCount(long zoneId) {
        Integer n = db.dsl().select(RECORD_COUNT).from(ZONE).where(ID.eq(zoneId)).fetchOne(RECORD_COUNT);
        return n == null ? 0 : n;
    }

    int countApex(long zoneId, String zoneName, String type) {
        return db.dsl().fetchCount(RECORD, ZONE_ID.eq(zoneId).and(NAME.eq(zoneName)).and(TYPE.eq(type)));
    }

    /**
     * Hands out {@code count} new positions of the zone's listing and answers the first. The update
     * takes the zone row's lock (callers changing a zone hold it already), so positions are unique
     * and never handed out twice, even after the records holding them are deleted.
     */
    private int takeOrdinals(long zoneId, int count) {
        db.dsl().update(ZONE).set(NEXT_ORDINAL, NEXT_ORDINAL.plus(count)).where(ID.eq(zoneId)).execute();
        return db.dsl().select(NEXT_ORDINAL).from(ZONE).where(ID.eq(zoneId)).fetchOne().value1() - count;
    }

    long insertRecord(long zoneId, DnsRecord r, LocalDateTime now) {
        int ordinal = takeOrdinals(zoneId, 1);
        return db.dsl().insertInto(RECORD).set(ZONE_ID, zoneId).set(NAME, r.name()).set(TYPE, r.type()).set(TTL, r.ttl())
                .set(PRIORITY, r.priority()).set(CONTENT, r.content()).set(ORDINAL, ordinal).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    /** Many records in one statement (a new zone's defaults, bulk loads), positioned in list order. */
    void insertRecords(long zoneId, List<DnsRecord> records, LocalDateTime now) {
        if (records.isEmpty()) return;
        int ordinal = takeOrdinals(zoneId, records.size());
        var insert = db.dsl().insertInto(RECORD, ZONE_ID, NAME, TYPE, TTL, PRIORITY, CONTENT, ORDINAL, CREATED_AT, UPDATED_AT);
        for (DnsRecord r : records) insert = insert.values(zoneId, r.name(), r.type(), r.ttl(), r.priority(), r.content(), ordinal++, now, now);
        insert.execute();
    }

    void updateRecord(long recordId, DnsRecord r, LocalDateTime now) {
        db.dsl().update(RECORD).set(NAME, r.name()).set(TYPE, r.type()).set(TTL, r.ttl()).set(PRIORITY, r.priority())
                .set(CONTENT, r.content()).set(UPDATED_AT, now).where(ID.eq(recordId)).execute();
    }

    void deleteRecord(long recordId) {
        db.dsl().deleteFrom(RECORD).where(ID.eq(recordId)).execute();
    }

    // The change log.

    /**
     * Logs a committed-to-be change of {@code names} (null: the whole zone) and, on PostgreSQL,
     * announces it with {@code pg_notify} in the same transaction, so other nodes hear of it at
     * commit and never of a rolled-back one. {@code appliedHere}: this node applies it itself after
     * commit (its listener then skips the notice). Answers the change-log ids.
     */
    List<Long> logChanges(long zoneId, Collection<String> names, boolean appliedHere) {
        long now = System.currentTimeMillis();
        var changes = new java.util.LinkedHashMap<Long, String>();
        for (String n : names == null ? java.util.Collections.<String>singletonList(null) : names) {
            long id = db.dsl().insertInto(CHANGE).set(ZONE_ID, zoneId).set(NAME, n).set(CHANGED_MS, now)
                    .returningResult(ID).fetchOne().value1();
            changes.put(id, n);
        }
        if (db.isPostgres()) {
            String payload = new ChangeNotice(node, appliedHere, zoneId, changes).payload();
            db.dsl().execute("select pg_notify(?, ?)", channel(), payload);
        }
        return List.copyOf(changes.keySet());
    }

    record Change(long id, long zoneId, String name) {}

    /**
     * Changes after {@code afterId}, and any committed in the last {@code lookBackMs} (ids can
     * commit out of order). Two index range reads rather than one {@code OR}, which both databases
     * may answer by reading the whole log.
     */
    List<Change> changesSince(long afterId, long sinceMs) {
        var byId = new java.util.TreeMap<Long, Change>();
        for (Condition c : List.of(ID.gt(afterId), CHANGED_MS.ge(sinceMs))) {
            for (Change ch : db.dsl().select(ID, ZONE_ID, NAME).from(CHANGE).where(c).fetch(r -> new Change(r.get(ID), r.get(ZONE_ID), r.get(NAME)))) {
                byId.put(ch.id(), ch);
            }
        }
        return List.copyOf(byId.values());
    }

    long lastChangeId() {
        Long id = db.dsl().select(DSL.max(ID)).from(CHANGE).fetchOne().value1();
        return id == null ? 0 : id;
    }

    int sweepChanges(long beforeMs) {
        return db.dsl().deleteFrom(CHANGE).where(CHANGED_MS.lt(beforeMs)).execute();
    }

    // Templates.

    List<DnsRecord> templates() {
        return db.dsl().select(ID, NAME, TYPE, TTL, PRIORITY, CONTENT).from(TEMPLATE).orderBy(ID)
                .fetch(r -> new DnsRecord(r.get(ID), 0, r.get(NAME), r.get(TYPE), r.get(TTL), r.get(PRIORITY), r.get(CONTENT)));
    }

    long insertTemplate(DnsRecord r, LocalDateTime now) {
        return db.dsl().insertInto(TEMPLATE).set(NAME, r.name()).set(TYPE, r.type()).set(TTL, r.ttl()).set(PRIORITY, r.priority())
                .set(CONTENT, r.content()).set(CREATED_AT, now).returningResult(ID).fetchOne().value1();
    }

    boolean deleteTemplate(long id) {
        return db.dsl().deleteFrom(TEMPLATE).where(ID.eq(id)).execute() > 0;
    }
}
