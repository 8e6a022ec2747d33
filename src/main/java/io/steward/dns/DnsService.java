package io.steward.dns;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.names.NameClaims;
import io.steward.names.NameHolder;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Zones and records: validation against the zone's other records, the SOA serial, the change log,
 * and the refresh of this node's DNS server after commit. Client-facing checks (the caller's
 * service, quotas) are {@link DnsClientService}'s; this class trusts its caller.
 */
public final class DnsService implements DnsZones, NameHolder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DnsService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Db db;
    private final Clock clock;
    private final DnsStore store;
    private final RecordRules rules;
    private final DnsSettings settings;
    private final DnsJournal journal;
    private final ZoneSync sync;
    private final NameClaims claims;
    private final DnsWrites writes;

    DnsService(Db db, Clock clock, DnsStore store, DnsJournal journal, RecordRules rules, DnsSettings settings, ZoneSync sync,
               NameClaims claims) {
        this.claims = claims;
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.journal = journal;
        this.rules = rules;
        this.settings = settings;
        this.sync = sync;
        this.writes = new DnsWrites(db, store);
    }

    RecordRules rules() { return rules; }

    /** What a change touched: the owner names (null: the whole zone), its change-log rows and its result. */
    private record Changed<T>(long zoneId, Set<String> names, List<Long> changeIds, T result) {}

    /** A change's work; {@code appliedHere}: this node applies it right after commit (no caller's transaction). */
    private interface Work<T> {
        Changed<T> run(boolean appliedHere);
    }

    /**
     * Runs a change in a transaction and, when that transaction is ours, applies it to this node's
     * DNS server after commit. Inside a caller's transaction the change log (and, on PostgreSQL,
     * its NOTIFY at the caller's commit) carries it instead.
     */
    private <T> T change(Work<T> work) {
        boolean outer = db.inTransaction();
        Changed<T> c = db.tx(() -> work.run(!outer));
        if (!outer) {
            sync.apply(c.zoneId(), c.names());
            sync.applied(c.changeIds());
        }
        return c.result();
    }

    /** Date-based serial (RFC 1912 §2.2): today's YYYYMMDD00, or one more than the last if that is later. */
    long nextSerial(long current) {
        long today = Long.parseLong(Times.now(clock).toLocalDate().format(DAY)) * 100;
        return Math.max(current + 1, today);
    }

    private Zone locked(long zoneId) {
        return store.zoneForUpdate(zoneId).orElseThrow(() -> StewardException.notFound("Zone not found"));
    }

    /**
     * In the changing transaction: bumps the serial, moves the record count, journals the step for
     * IXFR (a change of the whole zone, {@code names} null, clears the journal instead) and logs the
     * change. Answers the change-log ids.
     */
    private List<Long> touched(Zone z, Set<String> names, LocalDateTime now, boolean appliedHere,
                               List<DnsRecord> removed, List<DnsRecord> added) {
        return touched(z, names, now, appliedHere, new DnsWrites.RecordWrite.None(), removed, added);
    }

    /** As above, with the record's own write ({@code write}) sent with the rest (see {@link DnsWrites#changed}). */
    private List<Long> touched(Zone z, Set<String> names, LocalDateTime now, boolean appliedHere, DnsWrites.RecordWrite write,
                               List<DnsRecord> removed, List<DnsRecord> added) {
        long serial = nextSerial(z.serial());
        if (names != null) return writes.changed(z, serial, names, now, appliedHere, write, removed, added);
        store.touch(z.id(), serial, added.size() - removed.size(), now);
        journal.clear(z.id());
        return store.logChanges(z.id(), null, appliedHere);
    }

    /** A zone only for a client that may hold its name ({@link NameClaims#requireClaim}): 403/422 otherwise. */
    @Override
    public Zone createZone(long clientId, Long serviceId, String rawName) {
        return create(clientId, serviceId, rawName, false);
    }

    /** Staff's zone: instead of being checked, the name is given to the client (recorded as a staff claim). */
    Zone createZoneAsStaff(long clientId, Long serviceId, String rawName) {
        return create(clientId, serviceId, rawName, true);
    }

    private Zone create(long clientId, Long serviceId, String rawName, boolean staff) {
        var v = new Validation();
        String name = RecordRules.zoneName(rawName, v);
        if (name != null && isReverse(name)) {
            v.add("name", "Reverse zones (in-addr.arpa, ip6.arpa) are made from the IP pools; set a PTR through the service's rDNS");
        }
        v.throwIfAny();
        return change(appliedHere -> {
            var now = Times.now(clock);
            store.overlapping(name).ifPresent(other -> {
                throw new StewardException(ErrorCode.CONFLICT, other.equals(name)
                        ? "The zone " + name + " already exists" : "The zone " + name + " overlaps the existing zone " + other);
            });
            // The one ownership check, in the creating transaction (after the overlap, so an existing zone still answers 409).
            if (staff) claims.assign(clientId, name);
            else claims.requireClaim(clientId, name);
            long serial = nextSerial(0);
            long id;
            try {
                id = store.insertZone(clientId, serviceId, name, serial, now);
            } catch (RuntimeException e) {
                if (Db.isConstraintViolation(e)) throw StewardException.conflict("The zone " + name + " already exists");
                throw e;
            }
            var records = new ArrayList<DnsRecord>();
            records.add(new DnsRecord(0, id, name, "SOA", settings.soaTtl(), 0, settings.nameservers().get(0) + " "
                    + settings.hostmaster() + " " + settings.refresh() + " " + settings.retry() + " " + settings.expire() + " " + settings.minimum()));
            for (String ns : settings.nameservers()) records.add(new DnsRecord(0, id, name, "NS", settings.nsTtl(), 0, ns));
            for (DnsRecord t : store.templates()) {
                // Templates were valid when staff saved them; the zone's name fills {zone}.
                var r = rules.normalise(name, new RecordInput(t.name(), t.type(), t.ttl(), t.priority(),
                        t.content().replace("{zone}", name), null));
                if (records.stream().noneMatch(x -> x.name().equals(r.name()) && x.type().equals(r.type()) && x.content().equals(r.content()))) {
                    records.add(r);
                }
            }
            store.insertRecords(id, records, now);
            store.touch(id, serial, records.size(), now);
            var changes = store.logChanges(id, null, appliedHere);
            return new Changed<>(id, null, changes, new Zone(id, clientId, serviceId, name, serial, false));
        });
    }

    static boolean isReverse(String name) {
        return name.equals("in-addr.arpa") || name.endsWith(".in-addr.arpa") || name.equals("ip6.arpa") || name.endsWith(".ip6.arpa");
    }

    /**
     * The provider's reverse zone of that name, made (SOA and NS from configuration, no templates:
     * they are written for forward zones) unless it exists. Provider zones may nest (an RFC 2317
     * zone under its /24 zone: the server answers from the closest enclosing zone); a client's zone
     * at, above or below the name is a conflict.
     */
    Zone reverseZone(String name) {
        if (!isReverse(name)) throw new IllegalArgumentException("not a reverse zone: " + name);
        return change(appliedHere -> {
            var now = Times.now(clock);
            for (Zone other : store.overlappingZones(name)) {
                if (other.name().equals(name) && other.provider()) return new Changed<>(other.id(), Set.of(), List.of(), other);
                if (!other.provider()) {
                    throw StewardException.conflict("The reverse zone " + name + " overlaps client " + other.clientId() + "'s zone " + other.name());
                }
            }
            long serial = nextSerial(0);
            long id = store.insertZone(Zone.PROVIDER, null, name, serial, now);
            var records = new ArrayList<DnsRecord>();
            records.add(new DnsRecord(0, id, name, "SOA", settings.soaTtl(), 0, settings.nameservers().get(0) + " "
                    + settings.hostmaster() + " " + settings.refresh() + " " + settings.retry() + " " + settings.expire() + " " + settings.minimum()));
            for (String ns : settings.nameservers()) records.add(new DnsRecord(0, id, name, "NS", settings.nsTtl(), 0, ns));
            store.insertRecords(id, records, now);
            store.touch(id, serial, records.size(), now);
            return new Changed<>(id, null, store.logChanges(id, null, appliedHere), new Zone(id, Zone.PROVIDER, null, name, serial, false));
        });
    }

    /**
     * Makes the records of {@code type} at {@code owner} exactly {@code contents} (none: removes
     * them), checked as {@link #addRecord} checks a record. Nothing changes when they already are.
     */
    void replaceAt(long zoneId, String owner, String type, List<String> contents) {
        change(appliedHere -> {
            Zone z = locked(zoneId);
            var removed = store.recordsAt(zoneId, List.of(owner)).stream().filter(r -> r.type().equals(type)).toList();
            var wanted = new ArrayList<DnsRecord>();
            for (String c : contents) wanted.add(rules.normalise(z.name(), new RecordInput(owner + ".", type, null, null, c, null)));
            if (removed.stream().map(DnsRecord::content).toList().equals(wanted.stream().map(DnsRecord::content).toList())) {
                return new Changed<>(zoneId, Set.of(), List.of(), null);
            }
            for (DnsRecord r : removed) store.deleteRecord(r.id());
            var now = Times.now(clock);
            var added = new ArrayList<DnsRecord>();
            for (DnsRecord r : wanted) {
                checkAgainstNeighbours(z, r, 0);
                added.add(withId(r, store.insertRecord(zoneId, r, now), zoneId));
            }
            var changes = touched(z, Set.of(owner), now, appliedHere, removed, added);
            return new Changed<>(zoneId, Set.of(owner), changes, null);
        });
    }

    /** The records at the names, in id order. */
    List<DnsRecord> recordsAt(long zoneId, java.util.Collection<String> names) {
        return store.recordsAt(zoneId, names);
    }

    /**
     * A name changed hands: other clients' zones at or under it move to the client (staff), or are
     * deleted (the client registered the name through Steward: a zone made without the registry's
     * word stops answering). Runs in the caller's transaction, so the servers follow the change log.
     */
    @Override
    public void handOver(String name, long clientId, Handover how) {
        for (Zone z : store.zonesAtOrBelow(name)) {
            // The provider's reverse zones are no client's to take (nor can a client claim an arpa name).
            if (z.clientId() == clientId || z.provider()) continue;
            if (how == Handover.RELEASE) {
                LOG.warn("zone {} ({}) of client {} released: {} is now client {}'s", z.id(), z.name(), z.clientId(), name, clientId);
                deleteZone(z.id());
            } else {
                store.moveZone(z.id(), clientId, Times.now(clock));
            }
        }
    }

    /**
     * Counts the zone against the service (its client's DNS hosting service, checked by the
     * caller) if the service's zone quota ({@code limit}, 0 for none) has room; the DNS server's
     * answers do not change. Under the zone's lock, so two attachments of one zone do not cross.
     */
    Zone attachZone(long zoneId, long serviceId, int limit) {
        return db.tx(() -> {
            Zone z = locked(zoneId);
            if (z.serviceId() != null && z.serviceId() == serviceId) return z;
            if (limit > 0 && store.countZonesOfService(serviceId) >= limit) {
                String m = "The DNS hosting service allows " + limit + " zone" + (limit == 1 ? "" : "s") + " and holds as many";
                throw new StewardException(ErrorCode.UNPROCESSABLE, List.of(m), Map.of("service_id", List.of(m)));
            }
            store.attachZone(zoneId, serviceId, Times.now(clock));
            return new Zone(z.id(), z.clientId(), serviceId, z.name(), z.serial(), z.suspended());
        });
    }

    @Override
    public List<Held> held() {
        return store.allZones().stream().filter(z -> !z.provider()).map(z -> new Held(z.id(), z.clientId(), z.name())).toList();
    }

    @Override
    public void release(Held held) {
        deleteZone(held.id());
    }

    @Override
    public Optional<Zone> zone(long zoneId) {
        return store.zone(zoneId);
    }

    @Override
    public Optional<Zone> zoneByName(String name) {
        return store.zoneByName(name.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", ""));
    }

    @Override
    public List<Zone> zonesOfClient(long clientId) {
        return store.zonesOfClient(clientId);
    }

    List<Zone> zonesOfService(long serviceId) {
        return store.zonesOfService(serviceId);
    }

    int countZonesOfService(long serviceId) {
        return store.countZonesOfService(serviceId);
    }

    List<Zone> search(Long clientId, String q) {
        return store.search(clientId, q);
    }

    @Override
    public List<DnsRecord> records(long zoneId) {
        return store.records(zoneId);
    }

    /** The zone's records with their listing positions, in position order. */
    List<PositionedRecord> positioned(long zoneId) {
        return store.positioned(zoneId);
    }

    @Override
    public DnsRecord addRecord(long zoneId, RecordInput input) {
        return addRecord(zoneId, input, settings.maxRecords());
    }

    /** Adds a record if the zone holds fewer than {@code maxRecords}. */
    DnsRecord addRecord(long zoneId, RecordInput input, int maxRecords) {
        return addRecord(store.zone(zoneId).orElseThrow(() -> StewardException.notFound("Zone not found")), input, maxRecords);
    }

    /** As above, {@code unlocked} the zone as its caller read it (for its name, which never changes). */
    DnsRecord addRecord(Zone unlocked, RecordInput input, int maxRecords) {
        long zoneId = unlocked.id();
        // Checked before the zone's lock, so the lock is held for the lock, the reads of the
        // record count and the name's records, and the writes.
        DnsRecord r = rules.normalise(unlocked.name(), input);
        return change(appliedHere -> {
            var held = writes.lock(zoneId, 0, r.name()).orElseThrow(() -> StewardException.notFound("Zone not found"));
            Zone z = held.zone();
            if (held.recordCount() >= maxRecords) {
                String m = "The zone already holds its maximum of " + maxRecords + " records";
                throw new StewardException(ErrorCode.UNPROCESSABLE, List.of(m), Map.of("type", List.of(m)));
            }
            checkAgainst(r, name -> name.equals(r.name()) ? held.atName() : store.recordsAt(z.id(), List.of(name)));
            var now = Times.now(clock);
            long id = store.insertRecord(zoneId, r, now);
            var changes = touched(z, Set.of(r.name()), now, appliedHere, List.of(), List.of(r));
            return new Changed<>(zoneId, Set.of(r.name()), changes, withId(r, id, zoneId));
        });
    }

    @Override
    public DnsRecord updateRecord(long zoneId, long recordId, RecordInput input) {
        return updateRecord(store.zone(zoneId).orElseThrow(() -> StewardException.notFound("Zone not found")), recordId, input);
    }

    /** As above, {@code unlocked} the zone as its caller read it (for its name, which never changes). */
    DnsRecord updateRecord(Zone unlocked, long recordId, RecordInput input) {
        long zoneId = unlocked.id();
        // The record is read and the edit checked before the zone's lock; under the lock the record
        // is read again with the lock and the name's records (one round trip on PostgreSQL), and
        // the edit is checked again from that row if another change got there first.
        DnsRecord before = store.record(zoneId, recordId).orElseThrow(() -> StewardException.notFound("Record not found"));
        if (before.type().equals("SOA")) throw managedSoa();
        DnsRecord edited = edited(unlocked.name(), before, input);
        return change(appliedHere -> {
            var held = writes.lock(zoneId, recordId, edited.name()).orElseThrow(() -> StewardException.notFound("Zone not found"));
            Zone z = held.zone();
            DnsRecord old = held.record().orElseThrow(() -> StewardException.notFound("Record not found"));
            DnsRecord r = edited;
            List<DnsRecord> atName = held.atName();
            if (!old.equals(before)) {
                if (old.type().equals("SOA")) throw managedSoa();
                r = edited(z.name(), old, input);
                if (!r.name().equals(edited.name())) atName = store.recordsAt(zoneId, List.of(r.name()));
            }
            if (old.type().equals("NS") && old.name().equals(z.name()) && !(r.type().equals("NS") && r.name().equals(z.name()))) {
                lastApexNs(z);
            }
            DnsRecord to = r;
            List<DnsRecord> others = atName;
            checkAgainst(to, name -> (name.equals(to.name()) ? others : store.recordsAt(zoneId, List.of(name))).stream()
                    .filter(o -> o.id() != recordId).toList());
            var now = Times.now(clock);
            Set<String> names = new HashSet<>(List.of(old.name(), to.name()));
            var changes = touched(z, names, now, appliedHere, new DnsWrites.RecordWrite.Update(recordId, to), List.of(old), List.of(to));
            return new Changed<>(zoneId, names, changes, withId(to, recordId, zoneId));
        });
    }

    /** The record as an edit leaves it: fields left out keep their values, so a client may send only what changes. */
    private DnsRecord edited(String zoneName, DnsRecord old, RecordInput input) {
        boolean noContent = input.content() == null && input.parts() == null;
        return rules.normalise(zoneName, new RecordInput(input.name() != null ? input.name() : old.name() + ".",
                input.type() != null ? input.type() : old.type(), input.ttl() != null ? input.ttl() : old.ttl(),
                input.priority() != null ? input.priority() : old.priority(), noContent ? old.content() : input.content(), input.parts()));
    }

    @Override
    public void deleteRecord(long zoneId, long recordId) {
        change(appliedHere -> {
            var held = writes.lock(zoneId, recordId, null).orElseThrow(() -> StewardException.notFound("Zone not found"));
            Zone z = held.zone();
            DnsRecord old = held.record().orElseThrow(() -> StewardException.notFound("Record not found"));
            if (old.type().equals("SOA")) throw managedSoa();
            if (old.type().equals("NS") && old.name().equals(z.name())) lastApexNs(z);
            var now = Times.now(clock);
            var changes = touched(z, Set.of(old.name()), now, appliedHere, new DnsWrites.RecordWrite.Delete(recordId), List.of(old), List.of());
            return new Changed<>(zoneId, Set.of(old.name()), changes, null);
        });
    }

    @Override
    public void deleteZone(long zoneId) {
        boolean outer = db.inTransaction();
        Zone deleted = change(appliedHere -> {
            Zone z = locked(zoneId);
            store.deleteZone(z.id());
            var changes = store.logChanges(z.id(), null, appliedHere);
            return new Changed<>(zoneId, null, changes, z);
        });
        // Inside a caller's transaction the deletion may still roll back: the DNSSEC job picks up
        // zones that are gone for good instead (its DS withdrawal reaches the registry at once).
        if (!outer) afterDeletion.accept(deleted);
    }

    /** Told of a zone deleted in its own transaction, after the commit (DNSSEC withdraws the DS). */
    private volatile java.util.function.Consumer<Zone> afterDeletion = z -> { };

    void afterDeletion(java.util.function.Consumer<Zone> hook) {
        this.afterDeletion = hook;
    }

    @Override
    public Optional<DnsRecord> setForwarding(long zoneId, String name, String type, String target, int status) {
        return change(appliedHere -> {
            Zone z = locked(zoneId);
            var v = new Validation();
            String owner = RecordRules.ownerName(z.name(), name, v);
            v.throwIfAny();
            var now = Times.now(clock);
            var removed = new ArrayList<DnsRecord>();
            for (DnsRecord r : store.recordsAt(zoneId, List.of(owner))) {
                if (r.type().equals("URL") || r.type().equals("FRAME")) {
                    store.deleteRecord(r.id());
                    removed.add(r);
                }
            }
            DnsRecord added = null;
            if (target != null) {
                DnsRecord r = rules.normalise(z.name(), new RecordInput(owner, type, null, status, target, null));
                checkAgainstNeighbours(z, r, 0);
                added = withId(r, store.insertRecord(zoneId, r, now), zoneId);
            }
            var changes = touched(z, Set.of(owner), now, appliedHere, removed, added == null ? List.of() : List.of(added));
            return new Changed<>(zoneId, Set.of(owner), changes, Optional.ofNullable(added));
        });
    }

    /** Rules that need the other records at the name: CNAME stands alone, forwarding owns the name's addresses, no duplicates. */
    private void checkAgainstNeighbours(Zone z, DnsRecord r, long exceptId) {
        checkAgainst(r, name -> store.recordsAt(z.id(), List.of(name)).stream().filter(o -> o.id() != exceptId).toList());
    }

    /** {@code at} answers the zone's other records at a name (without the one being changed). */
    private static void checkAgainst(DnsRecord r, java.util.function.Function<String, List<DnsRecord>> at) {
        List<DnsRecord> others = at.apply(r.name());
        checkMxe(r, others, at);
        for (DnsRecord o : others) {
            if (o.type().equals(r.type()) && o.content().equalsIgnoreCase(r.content()) && o.priority() == r.priority()) {
                throw StewardException.conflict("The same " + r.type() + " record already exists at " + r.name());
            }
        }
        var v = new Validation();
        if (r.type().equals("CNAME") && !others.isEmpty()) {
            v.add("type", "A CNAME must be the only record at its name (RFC 1034 §3.6.2); " + r.name() + " has other records");
        } else if (others.stream().anyMatch(o -> o.type().equals("CNAME"))) {
            v.add("type", r.name() + " has a CNAME, which must be the only record at its name");
        }
        Set<String> addressing = Set.of("A", "AAAA", "URL", "FRAME");
        boolean forwarding = r.type().equals("URL") || r.type().equals("FRAME");
        if (forwarding && others.stream().anyMatch(o -> addressing.contains(o.type()))) {
            v.add("type", "A forwarding answers the name's addresses itself: remove its A, AAAA, URL or FRAME records first");
        } else if (addressing.contains(r.type()) && others.stream().anyMatch(o -> o.type().equals("URL") || o.type().equals("FRAME"))) {
            v.add("type", r.name() + " is forwarded (URL/FRAME), which answers its addresses");
        }
        v.throwIfAny();
    }

    /**
     * MXE serves the A of its mail exchanger {@code mx.NAME} itself: one MXE per name, and
     * {@code mx.NAME} holds no records of its own while the MXE exists (nor gets any).
     */
    private static void checkMxe(DnsRecord r, List<DnsRecord> others, java.util.function.Function<String, List<DnsRecord>> at) {
        if (r.type().equals("MXE")) {
            if (others.stream().anyMatch(o -> o.type().equals("MXE"))) {
                throw StewardException.conflict(r.name() + " already has an MXE record; add further mail exchangers as MX records");
            }
            String host = RecordRules.mxeHost(r.name());
            if (!at.apply(host).isEmpty()) {
                throw StewardException.conflict("An MXE record answers " + host + " itself; remove the records at " + host + " first");
            }
        }
        String owner = RecordRules.mxeOwner(r.name());
        if (owner != null && at.apply(owner).stream().anyMatch(o -> o.type().equals("MXE"))) {
            throw StewardException.conflict(r.name() + " is the mail exchanger of the MXE record at " + owner + ", which answers it");
        }
    }

    private void lastApexNs(Zone z) {
        if (store.countApex(z.id(), z.name(), "NS") <= 1) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("The zone apex must keep at least one NS record"),
                    Map.of("type", List.of("The zone apex must keep at least one NS record")));
        }
    }

    private static StewardException managedSoa() {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of("The SOA record is managed by the zone"),
                Map.of("type", List.of("The SOA record is managed by the zone")));
    }

    private static DnsRecord withId(DnsRecord r, long id, long zoneId) {
        return new DnsRecord(id, zoneId, r.name(), r.type(), r.ttl(), r.priority(), r.content());
    }

    // Templates (staff).

    List<DnsRecord> templates() {
        return store.templates();
    }

    /** A template is checked as a record of a sample zone; its name stays relative. */
    DnsRecord addTemplate(RecordInput in) {
        String sample = "template.invalid";
        DnsRecord r = rules.normalise(sample, new RecordInput(in.name(), in.type(), in.ttl(), in.priority(),
                in.content() == null ? null : in.content().replace("{zone}", sample), in.parts()));
        String relative = r.name().equals(sample) ? "@" : r.name().substring(0, r.name().length() - sample.length() - 1);
        String content = in.parts() != null ? r.content() : in.content().trim();
        var t = new DnsRecord(0, 0, relative, r.type(), r.ttl(), r.priority(), content);
        return db.tx(() -> withId(t, store.insertTemplate(t, Times.now(clock)), 0));
    }

    void deleteTemplate(long id) {
        if (!db.tx(() -> store.deleteTemplate(id))) throw StewardException.notFound("Template not found");
    }

    /**
     * Adds many records in one transaction (a zone moved from elsewhere): each is validated as
     * {@link #addRecord} would, against the zone and the records before it; all or none are added.
     * Errors name the record's position: {@code records[3].content}.
     */
    public int importRecords(long zoneId, List<RecordInput> inputs) {
        return change(appliedHere -> {
            Zone z = locked(zoneId);
            List<DnsRecord> existing = store.records(zoneId);
            var atName = new java.util.HashMap<String, List<DnsRecord>>();
            for (DnsRecord r : existing) atName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
            int count = existing.size();
            if (count + inputs.size() > settings.maxRecords()) {
                String m = "The zone would hold more than its maximum of " + settings.maxRecords() + " records";
                throw new StewardException(ErrorCode.UNPROCESSABLE, List.of(m), Map.of("records", List.of(m)));
            }
            var out = new ArrayList<DnsRecord>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    DnsRecord r = rules.normalise(z.name(), inputs.get(i));
                    checkAgainst(r, n -> atName.getOrDefault(n, List.of()));
                    atName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
                    out.add(r);
                } catch (StewardException e) {
                    var fields = new java.util.LinkedHashMap<String, List<String>>();
                    String prefix = "records[" + i + "]";
                    if (e.fields().isEmpty()) fields.put(prefix, e.messages());
                    e.fields().forEach((k, v) -> fields.put(prefix + "." + k, v));
                    throw new StewardException(e.code() == ErrorCode.CONFLICT ? ErrorCode.CONFLICT : ErrorCode.UNPROCESSABLE,
                            e.messages().stream().map(m -> prefix + ": " + m).toList(), fields);
                }
            }
            var now = Times.now(clock);
            for (int i = 0; i < out.size(); i += 1000) store.insertRecords(zoneId, out.subList(i, Math.min(out.size(), i + 1000)), now);
            var changes = touched(z, null, now, appliedHere, List.of(), out);
            return new Changed<>(zoneId, null, changes, out.size());
        });
    }
}
