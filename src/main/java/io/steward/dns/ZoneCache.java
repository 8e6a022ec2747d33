package io.steward.dns;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.SOARecord;

/**
 * The in-memory copy of every served zone, which the DNS server answers from without touching the
 * database. Readers never lock: a zone's names are in concurrent maps and each name's record sets
 * are replaced whole. Writers (the committing path on this node, the change-log poll for other
 * nodes' changes) refresh one zone under that zone's lock, reading the database inside it, so a
 * refresh that read older rows can never be applied after one that read newer ones.
 */
final class ZoneCache {
    /** A URL or FRAME forwarding at a name: where the forwarding listener sends visitors. */
    record Forward(String type, String target, int status) {}

    /** The record sets at one name, by type, and its forwarding if it has one. */
    record Node(Map<Integer, RRset> sets, Forward forward) {}

    /** One zone as served. */
    static final class ZoneData {
        final long id;
        final Name origin;
        volatile SOARecord soa;
        volatile DnsRecord soaRow;
        /** The zone's online signer, or null when it is not signed. */
        volatile ZoneSigner signer;
        /** The zone's NSEC3 chain when it is signed with hashed denial, else null. */
        volatile Nsec3Chain chain;
        /** The SOA as sets, made once per SOA so that their signatures are cached (by identity) with them. */
        private volatile RRset[] soaSets;
        /** Names holding records. */
        final ConcurrentHashMap<Name, Node> nodes = new ConcurrentHashMap<>();
        /** How many record-holding names lie strictly below each name: empty non-terminals exist (RFC 4592 §2.2.2). */
        final ConcurrentHashMap<Name, Integer> below = new ConcurrentHashMap<>();
        /** Moves after every refresh of this zone: {@link PacketCache} entries of this zone made before are not used. */
        final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

        ZoneData(long id, Name origin) {
            this.id = id;
            this.origin = origin;
        }

        boolean exists(Name n) {
            return nodes.containsKey(n) || below.containsKey(n);
        }

        long serial() {
            SOARecord s = soa;
            return s == null ? 0 : s.getSerial();
        }

        /** The SOA for negative answers: its TTL is the lesser of its own and its minimum (RFC 2308 §3). */
        SOARecord negativeSoa() {
            RRset set = negativeSoaSet();
            return set == null ? null : (SOARecord) set.first();
        }

        RRset soaSet() {
            RRset[] sets = soaSets();
            return sets == null ? null : sets[0];
        }

        RRset negativeSoaSet() {
            RRset[] sets = soaSets();
            return sets == null ? null : sets[1];
        }

        private RRset[] soaSets() {
            SOARecord s = soa;
            if (s == null) return null;
            RRset[] sets = soaSets;
            if (sets != null && sets[0].first() == s) return sets;
            SOARecord negative = s.getTTL() <= s.getMinimum() ? s : new SOARecord(s.getName(), s.getDClass(), s.getMinimum(), s.getHost(),
                    s.getAdmin(), s.getSerial(), s.getRefresh(), s.getRetry(), s.getExpire(), s.getMinimum());
            sets = new RRset[] {new RRset(s), new RRset(negative)};
            soaSets = sets;
            return sets;
        }

        void put(Name name, Node node) {
            Node old = node == null ? nodes.remove(name) : nodes.put(name, node);
            if ((old == null) == (node == null)) return;
            int delta = node == null ? -1 : 1;
            for (Name n = parent(name); n != null && n.subdomain(origin); n = parent(n)) {
                below.compute(n, (k, v) -> {
                    int c = (v == null ? 0 : v) + delta;
                    return c <= 0 ? null : c;
                });
                if (n.equals(origin)) break;
            }
        }
    }

    private final ConcurrentHashMap<Name, ZoneData> byOrigin = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ZoneData> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Object> locks = new ConcurrentHashMap<>();
    /**
     * Moves when a zone is loaded, replaced or dropped (the set of zones changes); a change within
     * a zone moves only that zone's {@link ZoneData#generation}. {@link PacketCache} entries made
     * under an older value of either are not used.
     */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final String forwardIpv4;
    private final String forwardIpv6;

    ZoneCache(String forwardIpv4, String forwardIpv6) {
        this.forwardIpv4 = forwardIpv4;
        this.forwardIpv6 = forwardIpv6;
    }

    static Name parent(Name n) {
        return n.labels() <= 1 ? null : new Name(n, 1);
    }

    /** The zone authoritative for {@code qname}: the closest enclosing origin. */
    ZoneData find(Name qname) {
        for (int skip = 0; skip < qname.labels() - 1; skip++) {
            ZoneData z = byOrigin.get(skip == 0 ? qname : new Name(qname, skip));
            if (z != null) return z;
        }
        return null;
    }

    long generation() {
        return generation.get();
    }

    ZoneData byId(long id) {
        return byId.get(id);
    }

    Collection<ZoneData> zones() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    /** The lock a refresh of zone {@code id} holds while it reads and applies. */
    Object lock(long zoneId) {
        return locks.computeIfAbsent(zoneId, k -> new Object());
    }

    /** Replaces the whole zone, unsigned (null or suspended: stop serving it). Call under {@link #lock}. */
    void replace(long zoneId, Zone zone, List<DnsRecord> records) {
        replace(zoneId, zone, records, null);
    }

    /** Replaces the whole zone (null or suspended: stop serving it), signed by {@code signer} if not null. Call under {@link #lock}. */
    void replace(long zoneId, Zone zone, List<DnsRecord> records, ZoneSigner signer) {
        ZoneData old = byId.get(zoneId);
        if (zone == null || zone.suspended()) {
            if (old != null) {
                byId.remove(zoneId);
                byOrigin.remove(old.origin, old);
            }
            generation.incrementAndGet();
            return;
        }
        var z = new ZoneData(zone.id(), Wire.name(zone.name()));
        z.signer = signer;
        for (DnsRecord r : records) if (r.type().equals("SOA")) setSoa(z, r, zone.serial());
        nodes(records, zone.serial()).forEach(z::put);
        if (signer != null && signer.hashedDenial()) z.chain = Nsec3Chain.of(z);
        if (old != null && !old.origin.equals(z.origin)) byOrigin.remove(old.origin, old);
        byOrigin.put(z.origin, z);
        byId.put(zoneId, z);
        generation.incrementAndGet();
    }

    /**
     * Replaces the records at {@code names} with {@code records} (those now stored there) and
     * sets the serial. Answers false when the zone is not loaded (the caller loads it whole).
     * Call under {@link #lock}.
     */
    boolean refresh(Zone zone, Collection<String> names, List<DnsRecord> records) {
        ZoneData z = byId.get(zone.id());
        if (z == null) return false;
        for (DnsRecord r : records) if (r.type().equals("SOA") && names.contains(r.name())) z.soaRow = r;
        Map<Name, Node> built = nodes(records, zone.serial());
        // Sets that are gone or now hold other records: their cached signatures go (a set rebuilt
        // with the same records keeps its signatures, see ZoneSigner#sign).
        var stale = new java.util.ArrayList<RRset>();
        var touched = new java.util.ArrayList<Name>();
        boolean delegationChanged = false;
        for (String name : names) {
            Name n = Wire.name(name);
            Node before = z.nodes.get(n);
            Node after = built.get(n);
            touched.add(n);
            if (!n.equals(z.origin) && (hasNs(before) || hasNs(after))) delegationChanged = true;
            if (before != null) {
                for (var e : before.sets().entrySet()) {
                    RRset now = after == null ? null : after.sets().get(e.getKey());
                    if (now == null || !ZoneSigner.sameContent(e.getValue(), now)) stale.add(e.getValue());
                }
            }
            z.put(n, after);
        }
        ZoneSigner signer = z.signer;
        if (signer != null) signer.forget(stale);
        Nsec3Chain chain = z.chain;
        if (chain != null) {
            var gone = chain.update(z, touched, delegationChanged);
            if (signer != null) signer.forgetHashed(gone);
        }
        if (z.soaRow != null) setSoa(z, z.soaRow, zone.serial());
        z.generation.incrementAndGet();
        return true;
    }

    private static boolean hasNs(Node node) {
        return node != null && node.sets().containsKey(org.xbill.DNS.Type.NS);
    }

    private static void setSoa(ZoneData z, DnsRecord row, long serial) {
        z.soaRow = row;
        z.soa = (SOARecord) Wire.records(row, serial, null, null).get(0);
    }

    /**
     * The served names of {@code rows}, grouped by the wire records' owners rather than the rows':
     * an MXE row also puts the A of its mail exchanger at {@code mx.OWNER}.
     */
    private Map<Name, Node> nodes(List<DnsRecord> rows, long serial) {
        var sets = new HashMap<Name, Map<Integer, RRset>>();
        var forwards = new HashMap<Name, Forward>();
        for (DnsRecord r : rows) {
            if (r.type().equals("SOA")) continue;
            if (r.type().equals("URL") || r.type().equals("FRAME")) forwards.put(Wire.name(r.name()), new Forward(r.type(), r.content(), r.priority()));
            for (org.xbill.DNS.Record rec : Wire.records(r, serial, forwardIpv4, forwardIpv6)) {
                sets.computeIfAbsent(rec.getName(), k -> new HashMap<>()).computeIfAbsent(rec.getType(), t -> new RRset()).addRR(rec);
            }
        }
        var out = new HashMap<Name, Node>();
        // A name whose only row is the SOA still holds a node (its sets come from the zone's SOA).
        for (DnsRecord r : rows) out.putIfAbsent(Wire.name(r.name()), new Node(Map.of(), null));
        sets.forEach((n, s) -> out.put(n, new Node(Map.copyOf(s), forwards.get(n))));
        return out;
    }

    /** The forwarding of a host name, for the forwarding listener. */
    Forward forward(Name host) {
        ZoneData z = find(host);
        if (z == null) return null;
        Node n = z.nodes.get(host);
        return n == null ? null : n.forward();
    }

}
