package io.steward.dns;

import io.steward.dns.ZoneCache.Node;
import io.steward.dns.ZoneCache.ZoneData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The hashed denial chain of a signed zone (RFC 5155) with the parameters RFC 9276 asks for: SHA-1,
 * no additional iterations, no salt, no opt-out. Every name of the zone's authoritative data —
 * names holding records, empty non-terminals, delegation points, but not the glue below a
 * delegation (RFC 5155 §7.1) — is one link, ordered by the hash of its name.
 *
 * <p>Unlike compact denial, the set of denial records is finite and changes only with the zone,
 * so each one is signed once and its signature kept ({@link ZoneSigner#hashedDenial}): a question
 * for a name that does not exist costs two SHA-1 hashes and three lookups, not a signature. A
 * change updates only the links of the names it touched (and their ancestors, which may become or
 * stop being empty non-terminals); a change of a delegation below the apex re-reads the whole chain,
 * as it hides or reveals every name below it.
 *
 * <p>Readers never lock; writers update under the zone's lock ({@link ZoneCache#lock}).
 */
final class Nsec3Chain {
    /** RFC 5155 §11: hash algorithm 1, SHA-1. */
    static final int SHA1 = 1;
    static final byte[] NO_SALT = new byte[0];
    private static final base32 B32 = new base32(base32.Alphabet.BASE32HEX, false, false);

    /** A link: the hash of a name, the name, and the owner of its NSEC3 record. */
    record Link(byte[] hash, Name name, Name owner) {}

    private final Name origin;
    private final ConcurrentSkipListMap<byte[], Link> byHash = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final ConcurrentHashMap<Name, Link> byName = new ConcurrentHashMap<>();

    private Nsec3Chain(Name origin) {
        this.origin = origin;
    }

    /** The chain of every name of {@code z}. */
    static Nsec3Chain of(ZoneData z) {
        var c = new Nsec3Chain(z.origin);
        var names = new HashSet<Name>(z.nodes.keySet());
        names.addAll(z.below.keySet());
        for (Name n : names) if (member(z, n)) c.add(n);
        return c;
    }

    /** RFC 5155 §5: H(name) = SHA-1(canonical wire form of the name), no salt, no extra iteration. */
    static byte[] hash(Name name) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(name.toWireCanonical());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** The owner of the NSEC3 record of a hash: {@code <base32hex(hash)>.<origin>}. */
    private Name owner(byte[] hash) {
        try {
            return Name.fromString(B32.toString(hash), origin);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code n} belongs in the chain: it exists in the zone and is not below a delegation. */
    static boolean member(ZoneData z, Name n) {
        if (!n.subdomain(z.origin) || !z.exists(n)) return false;
        Name cut = Answerer.delegation(z, n);
        return cut == null || cut.equals(n);
    }

    /**
     * Brings the links of {@code touched} names (and their ancestors) in line with the zone, after
     * their nodes were replaced. Answers the owners of the NSEC3 records that went, whose kept
     * signatures are of no further use.
     */
    List<Name> update(ZoneData z, Collection<Name> touched, boolean delegationChanged) {
        var gone = new ArrayList<Name>();
        if (delegationChanged) {
            var wanted = new HashSet<Name>(z.nodes.keySet());
            wanted.addAll(z.below.keySet());
            wanted.removeIf(n -> !member(z, n));
            for (Name n : List.copyOf(byName.keySet())) if (!wanted.contains(n)) gone.add(remove(n));
            for (Name n : wanted) if (!byName.containsKey(n)) add(n);
            return gone;
        }
        Set<Name> names = new HashSet<>();
        for (Name n : touched) {
            for (Name a = n; a != null && a.subdomain(origin); a = ZoneCache.parent(a)) {
                if (!names.add(a) || a.equals(origin)) break;
            }
        }
        for (Name n : names) {
            boolean in = byName.containsKey(n);
            boolean should = member(z, n);
            if (should && !in) add(n);
            else if (!should && in) gone.add(remove(n));
        }
        return gone;
    }

    private void add(Name n) {
        byte[] h = hash(n);
        var link = new Link(h, n, owner(h));
        byName.put(n, link);
        byHash.put(h, link);
    }

    private Name remove(Name n) {
        Link link = byName.remove(n);
        byHash.remove(link.hash());
        return link.owner();
    }

    int size() {
        return byHash.size();
    }

    /** Every link, in hash order (the chain as a zone transfer carries it). */
    Collection<Link> links() {
        return byHash.values();
    }

    /** The link of {@code name}, or null when the name is not in the chain. */
    Link matching(Name name) {
        return byName.get(name);
    }

    /** The link whose NSEC3 covers {@code hash}: the last hash before it, the chain wrapping around. */
    Link covering(byte[] hash) {
        Map.Entry<byte[], Link> e = byHash.lowerEntry(hash);
        if (e == null) e = byHash.lastEntry();
        return e == null ? null : e.getValue();
    }

    /** The hash after {@code hash} in the chain, the first one after the last. */
    byte[] next(byte[] hash) {
        byte[] n = byHash.higherKey(hash);
        return n != null ? n : byHash.firstKey();
    }

    /**
     * The types of an NSEC3 bitmap at {@code name} (RFC 5155 §3.2.1): those present, RRSIG where
     * anything is signed; at a delegation only NS and DS (the rest is the child's or glue).
     */
    static int[] types(ZoneData z, Name name, Node node, int[] present) {
        boolean cut = !name.equals(z.origin) && node != null && node.sets().containsKey(Type.NS);
        var out = new ArrayList<Integer>();
        for (int t : present) if (!cut || t == Type.NS || t == Type.DS) out.add(t);
        boolean signed = cut ? node.sets().containsKey(Type.DS) : !out.isEmpty();
        if (signed) out.add(Type.RRSIG);
        return out.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
    }
}
