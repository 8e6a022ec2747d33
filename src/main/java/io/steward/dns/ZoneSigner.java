package io.steward.dns;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Online signing of one zone (RFC 4033-4035), built from its keys whenever they change. Signatures
 * are made on demand and kept: per RRset of the zone (reused while the RRset object is the one
 * served and the signature is fresh) and, for what exists only per question — denials and wildcard
 * expansions — in a bounded LRU. A signature is valid for {@code validity} from an inception
 * back-dated by {@code inceptionOffset}, and made again once less than a third of it remains.
 *
 * <p>Denial of existence is "compact" (RFC 9824, the "black lies" of online signers): a name
 * that does not exist is answered NOERROR with an NSEC at the name itself whose next name is
 * {@code \000.name} (so it covers no other name) and whose types are RRSIG, NSEC and NXNAME; a
 * name without the type asked gets the same NSEC listing its types. No zone walk, no precomputed
 * chain, one signature per asked name. Wildcard answers are signed as if the name existed.
 *
 * <p>With hashed denial ({@code dns.dnssec.denial = nsec3}, the default) the zone's denials are
 * the NSEC3 records of its {@link Nsec3Chain}, a finite set: each is signed once and kept until
 * its link changes or its signature is due, so names that do not exist cost no signature. The
 * apex then also publishes NSEC3PARAM (RFC 5155 §4).
 */
final class ZoneSigner {
    /** RFC 9824's NXNAME meta type, set in the bitmap of a compact denial of a name that does not exist. */
    static final int NXNAME = 128;
    static final int ALGORITHM = DNSSEC.Algorithm.ECDSAP256SHA256;

    /** Signatures of one answer part and the time (ms, by the signer's clock) after which they are made again. */
    record Signed(List<RRSIGRecord> sigs, long refreshAt) {}

    /** A compact denial: the NSEC and its signatures. */
    record Denial(RRset nsec, Signed signed) {}

    private static final Name ZERO = Name.fromConstantString("\\000");

    private record Key(SigningKey row, DNSKEYRecord dnskey, PrivateKey privateKey) {}

    private record SetKey(Name owner, int type, long ttl) {}

    private record DenialKey(Name name, long ttl, String types) {}

    private record Cached(Object source, RRset set, Signed signed) {}

    private final Name origin;
    private final Clock clock;
    private final DnssecSettings settings;
    private final List<Key> keys;
    private final List<Key> zoneSigners;
    private final Map<Integer, RRset> apex;
    private final ConcurrentHashMap<SetKey, Cached> sets = new ConcurrentHashMap<>();
    private final Map<Object, Cached> perName;
    /** Signed NSEC3 records by owner (hashed denial). */
    private final ConcurrentHashMap<Name, Cached> hashed = new ConcurrentHashMap<>();
    private final boolean hashedDenial;
    /** Signature sets made so far (what pre-signing saves answers from is visible in tests). */
    private final java.util.concurrent.atomic.AtomicLong made = new java.util.concurrent.atomic.AtomicLong();

    /** What a kept NSEC3 was made from; compared by content on every denial (no strings built on that path). */
    private record HashedKey(byte[] next, int[] types, long ttl) {
        @Override public boolean equals(Object o) {
            return o instanceof HashedKey k && k.ttl == ttl && Arrays.equals(k.next, next) && Arrays.equals(k.types, types);
        }

        @Override public int hashCode() {
            return 31 * Arrays.hashCode(next) + Arrays.hashCode(types);
        }
    }

    /**
     * @param keys         the zone's keys (every one is in the DNSKEY set)
     * @param withdrawing  signing is being switched off: CDS and CDNSKEY ask the parent to delete the DS (RFC 8078 §4)
     * @param unseal       opens a sealed private key
     */
    ZoneSigner(Name origin, Clock clock, DnssecSettings settings, List<SigningKey> keys, boolean withdrawing, Function<String, String> unseal) {
        this.origin = origin;
        this.clock = clock;
        this.settings = settings;
        var loaded = new ArrayList<Key>();
        try {
            var factory = KeyFactory.getInstance("EC");
            for (SigningKey k : keys) {
                var dnskey = new DNSKEYRecord(origin, DClass.IN, settings.dnskeyTtl(), k.flags(), DNSKEYRecord.Protocol.DNSSEC, k.algorithm(),
                        Base64.getDecoder().decode(k.publicKey()));
                byte[] pkcs8 = Base64.getDecoder().decode(unseal.apply(k.sealedPrivate()));
                loaded.add(new Key(k, dnskey, factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8))));
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the signing keys of " + origin, e);
        }
        this.keys = List.copyOf(loaded);
        var active = loaded.stream().filter(k -> k.row().state().equals(SigningKey.ACTIVE)).toList();
        this.zoneSigners = active.isEmpty() ? this.keys : active;
        var dnskeys = new RRset();
        var cds = new RRset();
        var cdnskey = new RRset();
        for (Key k : loaded) dnskeys.addRR(k.dnskey());
        int ttl = settings.dnskeyTtl();
        if (withdrawing) {
            cds.addRR(new CDSRecord(origin, DClass.IN, ttl, 0, 0, 0, new byte[] {0}));
            cdnskey.addRR(new CDNSKEYRecord(origin, DClass.IN, ttl, 0, DNSKEYRecord.Protocol.DNSSEC, 0, new byte[] {0}));
        } else {
            for (Key k : active) {
                cds.addRR(new CDSRecord(origin, DClass.IN, ttl, DNSSEC.Digest.SHA256, k.dnskey()));
                cdnskey.addRR(new CDNSKEYRecord(origin, DClass.IN, ttl, k.dnskey().getFlags(), DNSKEYRecord.Protocol.DNSSEC,
                        k.dnskey().getAlgorithm(), k.dnskey().getKey()));
            }
        }
        var a = new LinkedHashMap<Integer, RRset>();
        if (dnskeys.size() > 0) a.put(Type.DNSKEY, dnskeys);
        if (cds.size() > 0) a.put(Type.CDS, cds);
        if (cdnskey.size() > 0) a.put(Type.CDNSKEY, cdnskey);
        this.hashedDenial = settings.hashedDenial();
        if (hashedDenial) {
            // TTL 0, as BIND publishes it: the record tells the zone's own servers the chain's parameters, resolvers never need it cached.
            a.put(Type.NSEC3PARAM, new RRset(new NSEC3PARAMRecord(origin, DClass.IN, 0, Nsec3Chain.SHA1, 0, 0, Nsec3Chain.NO_SALT)));
        }
        this.apex = Map.copyOf(a);
        int max = settings.denialCache();
        this.perName = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Object, Cached> eldest) {
                return size() > max;
            }
        });
    }

    /** DNSKEY, CDS or CDNSKEY at the apex, or null. */
    RRset apexSet(int type) {
        return apex.get(type);
    }

    Collection<Integer> apexTypes() {
        return apex.keySet();
    }

    /** The signatures of a set as served at {@code owner} (a wildcard's set is served renamed). */
    Signed sign(RRset set, Name owner) {
        long now = clock.millis();
        if (set.getName().equals(owner)) {
            var key = new SetKey(owner, set.getType(), set.getTTL());
            Cached e = sets.get(key);
            if (e == null || !sameContent(e.source(), set) || now >= e.signed().refreshAt()) {
                e = new Cached(set, set, signNow(set));
                sets.put(key, e);
            } else if (e.source() != set) {
                sets.put(key, new Cached(set, set, e.signed()));
            }
            return e.signed();
        }
        var key = new SetKey(owner, set.getType(), set.getTTL());
        Cached e = perName.get(key);
        if (e == null || !sameContent(e.source(), set) || now >= e.signed().refreshAt()) {
            var renamed = new RRset();
            for (var r : set.rrs(false)) renamed.addRR(r.withName(owner));
            e = new Cached(set, renamed, signNow(renamed));
            perName.put(key, e);
        }
        return e.signed();
    }

    /**
     * Whether a cached signature still covers {@code set}: the same object, or a set rebuilt with the
     * same records (a name refreshed again, e.g. by the change log re-applying this node's own
     * change) — signing again would only churn signatures that resolvers already hold.
     */
    static boolean sameContent(Object cached, RRset set) {
        if (cached == set) return true;
        return cached instanceof RRset c && c.getTTL() == set.getTTL() && c.rrs(false).equals(set.rrs(false));
    }

    /** A compact denial at {@code name}: the types it has, or that it does not exist ({@code nxname}), with its signature. */
    Denial deny(Name name, int[] types, boolean nxname, long ttl) {
        int[] bitmap = Arrays.copyOf(types, types.length + 2);
        bitmap[types.length] = Type.RRSIG;
        bitmap[types.length + 1] = Type.NSEC;
        if (nxname) {
            bitmap = Arrays.copyOf(bitmap, bitmap.length + 1);
            bitmap[bitmap.length - 1] = NXNAME;
        }
        Arrays.sort(bitmap);
        var key = new DenialKey(name, ttl, Arrays.toString(bitmap));
        long now = clock.millis();
        Cached e = perName.get(key);
        if (e == null || now >= e.signed().refreshAt()) {
            var nsec = new RRset(new NSECRecord(name, DClass.IN, ttl, next(name), bitmap));
            e = new Cached(key, nsec, signNow(nsec));
            perName.put(key, e);
        }
        return new Denial(e.set(), e.signed());
    }

    /** {@code \000.name}: the first name after {@code name} in canonical order (RFC 4034 §6.1), so the NSEC covers nothing else. */
    private static Name next(Name name) {
        try {
            return Name.concatenate(ZERO, name);
        } catch (org.xbill.DNS.NameTooLongException e) {
            // A name of the maximum length has no \000 child: the NSEC names itself (names that long are not served in practice).
            return name;
        }
    }

    /** Whether denials are hashed (NSEC3 chain) rather than compact. */
    boolean hashedDenial() {
        return hashedDenial;
    }

    /**
     * The NSEC3 record at {@code owner} (the hashed owner of a link) pointing at {@code next} with
     * {@code types}, and its signatures: made once and kept while the link is unchanged and fresh.
     */
    Denial hashedDenial(Name owner, byte[] next, int[] types, long ttl) {
        var key = new HashedKey(next, types, ttl);
        long now = clock.millis();
        Cached e = hashed.get(owner);
        if (e == null || !e.source().equals(key) || now >= e.signed().refreshAt()) {
            var nsec3 = new RRset(new NSEC3Record(owner, DClass.IN, ttl, Nsec3Chain.SHA1, 0, 0, Nsec3Chain.NO_SALT, next, types));
            e = new Cached(key, nsec3, signNow(nsec3));
            hashed.put(owner, e);
        }
        return new Denial(e.set(), e.signed());
    }

    /** Forgets the signed NSEC3 records at {@code owners} (links that left the chain). */
    void forgetHashed(Collection<Name> owners) {
        for (Name o : owners) hashed.remove(o);
    }

    /** Forgets the cached signatures of {@code stale} sets (gone, or holding other records now). */
    void forget(Collection<RRset> stale) {
        for (RRset set : stale) sets.remove(new SetKey(set.getName(), set.getType(), set.getTTL()));
    }

    /** How many times this signer has signed a set (each time one signature per signing key). */
    long signaturesMade() {
        return made.get();
    }

    private Signed signNow(RRset set) {
        made.incrementAndGet();
        Instant now = clock.instant();
        Instant inception = now.minus(settings.inceptionOffset());
        Instant expiration = now.plus(settings.validity());
        boolean keySet = set.getName().equals(origin) && apex.containsKey(set.getType());
        var sigs = new ArrayList<RRSIGRecord>();
        try {
            for (Key k : keySet ? keys : zoneSigners) sigs.add(DNSSEC.sign(set, k.dnskey(), k.privateKey(), inception, expiration));
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalStateException("signing " + set.getName() + " failed", e);
        }
        return new Signed(List.copyOf(sigs), expiration.minus(settings.refreshBefore()).toEpochMilli());
    }
}
