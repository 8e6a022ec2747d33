package io.steward.dns;

import io.steward.dns.ZoneCache.Node;
import io.steward.dns.ZoneCache.ZoneData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A served zone as a whole, the way a secondary must hold it: every record set and, when the zone
 * is signed, its RRSIGs, the apex's DNSKEY, CDS, CDNSKEY and NSEC3PARAM, and the NSEC3 chain with
 * its signatures (RFC 4035 §2, RFC 5155 §7.1). Signatures come from the zone's {@link ZoneSigner},
 * so walking a zone also signs whatever is not signed yet: the same walk answers AXFR and pre-signs
 * a zone ahead of its first queries ({@link Presigner}).
 *
 * <p>What is signed follows RFC 4035 §2.2: the zone's authoritative sets; at a delegation only the
 * DS (the NS set there and the glue below are the child's data and are sent unsigned). A zone
 * signed with compact denial (RFC 9824) has no chain: its denials exist only per question, so its
 * transfer carries no denial records.
 */
final class ZoneContent {
    private ZoneContent() {}

    /** The records of an AXFR (RFC 5936 §2.2): the SOA, every record (signed when the zone is), the SOA again. */
    static List<Record> transfer(ZoneData z) {
        SOARecord soa = z.soa; // read once: a change applied meanwhile must not put two serials in one transfer
        var out = new ArrayList<Record>();
        out.add(soa);
        walk(z, null, r -> {
            if (!(r instanceof SOARecord)) out.add(r);
        });
        out.add(soa);
        return out;
    }

    /**
     * Emits the sets at {@code names} (every name of the zone when null) with their signatures,
     * and the NSEC3 links those names touch: their own, the one before each (whose next hash moves
     * when a name comes or goes) and their ancestors' (which may become or stop being empty
     * non-terminals). Answers how many sets it went through.
     */
    static int walk(ZoneData z, Collection<Name> names, Consumer<Record> out) {
        ZoneSigner signer = z.signer;
        int sets = 0;
        if (names == null || names.contains(z.origin)) {
            RRset soa = z.soaSet();
            if (soa != null) sets += emit(soa, z.origin, signer, out);
            // Negative answers carry the SOA at its minimum TTL (RFC 2308 §3): a set of its own, signed but not transferred.
            if (soa != null && signer != null) signer.sign(z.negativeSoaSet(), z.origin);
            if (signer != null) for (int t : signer.apexTypes()) sets += emit(signer.apexSet(t), z.origin, signer, out);
        }
        for (Name n : names == null ? z.nodes.keySet() : names) {
            Node node = z.nodes.get(n);
            if (node == null) continue;
            boolean apex = n.equals(z.origin);
            Name cut = signer == null || apex ? null : Answerer.delegation(z, n);
            for (RRset set : node.sets().values()) {
                // At the apex the signer's key sets are served in place of stored ones (see Answerer).
                if (apex && signer != null && signer.apexSet(set.getType()) != null) continue;
                boolean authoritative = cut == null || (cut.equals(n) && set.getType() == Type.DS);
                sets += emit(set, n, authoritative ? signer : null, out);
            }
        }
        Nsec3Chain chain = z.chain;
        if (signer != null && chain != null) {
            var soa = z.negativeSoa();
            long ttl = soa == null ? 300 : soa.getTTL(); // as Answerer denies, so that its answers find these signatures
            for (Nsec3Chain.Link link : names == null ? chain.links() : links(z, chain, names)) {
                Node node = z.nodes.get(link.name());
                int[] types = Nsec3Chain.types(z, link.name(), node, Answerer.types(z, link.name(), node));
                var denial = signer.hashedDenial(link.owner(), chain.next(link.hash()), types, ttl);
                sets += emit(denial.nsec(), denial.signed(), out);
            }
        }
        return sets;
    }

    private static Collection<Nsec3Chain.Link> links(ZoneData z, Nsec3Chain chain, Collection<Name> names) {
        Set<Name> all = new HashSet<>();
        for (Name n : names) {
            for (Name a = n; a != null && a.subdomain(z.origin); a = ZoneCache.parent(a)) {
                if (!all.add(a) || a.equals(z.origin)) break;
            }
        }
        var links = new java.util.LinkedHashMap<Name, Nsec3Chain.Link>();
        for (Name n : all) {
            Nsec3Chain.Link own = chain.matching(n);
            if (own != null) links.put(own.owner(), own);
            Nsec3Chain.Link before = chain.covering(Nsec3Chain.hash(n));
            if (before != null) links.put(before.owner(), before);
        }
        return links.values();
    }

    private static int emit(RRset set, Name owner, ZoneSigner signer, Consumer<Record> out) {
        for (Record r : set.rrs(false)) out.accept(r);
        if (signer != null) for (Record sig : signer.sign(set, owner).sigs()) out.accept(sig);
        return 1;
    }

    private static int emit(RRset set, ZoneSigner.Signed signed, Consumer<Record> out) {
        for (Record r : set.rrs(false)) out.accept(r);
        for (Record sig : signed.sigs()) out.accept(sig);
        return 1;
    }
}
