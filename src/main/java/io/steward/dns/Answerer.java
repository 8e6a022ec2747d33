package io.steward.dns;

import io.steward.dns.ZoneCache.Node;
import io.steward.dns.ZoneCache.ZoneData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Builds the answer to one query from the in-memory zones, following RFC 1034 §4.3.2: authoritative
 * answers (AA), referrals at delegations, in-zone CNAME chasing, wildcards (RFC 4592), NXDOMAIN and
 * NODATA with the SOA in the authority section (RFC 2308), REFUSED outside our zones, EDNS0 (RFC
 * 6891) with the response limited to the client's advertised size and truncated (TC) beyond it.
 *
 * <p>A signed zone asked with the DO bit (RFC 3225) answers with RRSIGs (RFC 4035 §3.1) from its
 * {@link ZoneSigner}; its denials are the zone's NSEC3 chain (RFC 5155, {@link Nsec3Chain}) or,
 * when so configured, compact (RFC 9824): NOERROR and a signed NSEC at the asked name, never NXDOMAIN. Without DO the answers are those of an unsigned zone, plus DNSKEY, CDS
 * and CDNSKEY at the apex.
 */
final class Answerer {
    /** How many CNAMEs one answer follows inside a zone; a loop stops here. */
    static final int MAX_CHASE = 8;

    /** An answer's bytes, and until when (ms, signer's clock) its signatures may be served; {@link Long#MAX_VALUE} if unsigned. */
    record Answer(byte[] wire, long freshUntil) {}

    /** What one response is being built with: the zone's signer when it is signed and DO was set, and the earliest refresh. */
    private static final class Signing {
        final ZoneSigner signer;
        long freshUntil = Long.MAX_VALUE;

        Signing(ZoneSigner signer) {
            this.signer = signer;
        }

        void add(Message r, RRset set, Name owner, int section) {
            boolean synthesized = !set.getName().equals(owner);
            for (var rec : set.rrs(false)) r.addRecord(synthesized ? rec.withName(owner) : rec, section);
            if (signer == null) return;
            note(signer.sign(set, owner), r, section);
        }

        void note(ZoneSigner.Signed signed, Message r, int section) {
            for (var sig : signed.sigs()) r.addRecord(sig, section);
            freshUntil = Math.min(freshUntil, signed.refreshAt());
        }
    }

    private final ZoneCache cache;
    private final int maxUdpPayload;

    Answerer(ZoneCache cache, int maxUdpPayload) {
        this.cache = cache;
        this.maxUdpPayload = maxUdpPayload;
    }

    /** The wire answer to {@code query}, limited to the UDP size the client allows unless {@code tcp}. */
    byte[] answer(Message query, boolean tcp) {
        return answerWithExpiry(query, tcp).wire();
    }

    /** The wire answer and how long it may be reused. */
    Answer answerWithExpiry(Message query, boolean tcp) {
        var signing = new Signing[1];
        Message response = respond(query, signing);
        OPTRecord opt = query.getOPT();
        int limit = tcp ? 65535 : opt == null ? 512 : Math.max(512, Math.min(maxUdpPayload, opt.getPayloadSize()));
        return new Answer(response.toWire(limit), signing[0] == null ? Long.MAX_VALUE : signing[0].freshUntil);
    }

    /** FORMERR for a query that could not be parsed beyond its header. */
    static byte[] formErr(byte[] query) {
        if (query.length < 12) return null;
        var h = new Header(((query[0] & 0xff) << 8) | (query[1] & 0xff));
        h.setFlag(Flags.QR);
        h.setRcode(Rcode.FORMERR);
        var m = new Message();
        m.setHeader(h);
        return m.toWire();
    }

    private Message respond(Message query, Signing[] signing) {
        Header qh = query.getHeader();
        Message r = new Message(qh.getID());
        Header h = r.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(qh.getOpcode());
        if (qh.getFlag(Flags.RD)) h.setFlag(Flags.RD);
        OPTRecord qopt = query.getOPT();
        boolean dnssecOk = qopt != null && (qopt.getFlags() & ExtendedFlags.DO) != 0;
        // The DO bit is echoed (RFC 3225 §3).
        if (qopt != null) r.addRecord(new OPTRecord(maxUdpPayload, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        var question = query.getQuestion();
        if (qh.getOpcode() != Opcode.QUERY) {
            if (question != null) r.addRecord(question, Section.QUESTION);
            h.setRcode(Rcode.NOTIMP);
            return r;
        }
        if (question == null || qh.getCount(Section.QUESTION) != 1) {
            h.setRcode(Rcode.FORMERR);
            return r;
        }
        r.addRecord(question, Section.QUESTION);
        int qtype = question.getType();
        ZoneData z = cache.find(question.getName());
        if (z == null || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)
                || qtype == Type.AXFR || qtype == Type.IXFR) {
            // Not ours; zone transfers are served over TCP by DnsServer only.
            h.setRcode(Rcode.REFUSED);
            return r;
        }
        h.setFlag(Flags.AA);
        ZoneSigner signer = z.signer;
        Signing s = new Signing(dnssecOk ? signer : null);
        signing[0] = s;
        resolve(r, z, question.getName(), qtype, s);
        return r;
    }

    private void resolve(Message r, ZoneData z, Name qname, int qtype, Signing s) {
        Name current = qname;
        for (int step = 0; step <= MAX_CHASE; step++) {
            Name cut = delegation(z, current);
            // The DS of a delegation is the parent's: answered here, not referred (RFC 4035 §3.1.4.1).
            if (cut != null && !(qtype == Type.DS && cut.equals(current))) {
                if (step == 0) referral(r, z, cut, s);
                return;
            }
            Node node = z.nodes.get(current);
            Name owner = current;
            if (node == null) {
                if (z.exists(current)) {
                    negative(r, z, current, null, false, s);
                    return;
                }
                node = wildcard(z, current);
                if (node == null) {
                    negative(r, z, current, null, true, s);
                    return;
                }
            }
            RRset cname = node.sets().get(Type.CNAME);
            if (cname != null && qtype != Type.CNAME && qtype != Type.ANY) {
                s.add(r, cname, owner, Section.ANSWER);
                Name target = ((CNAMERecord) cname.first()).getTarget();
                if (!target.subdomain(z.origin)) return;
                current = target;
                continue;
            }
            boolean apex = owner.equals(z.origin);
            ZoneSigner keys = z.signer;
            boolean any = false;
            if (qtype == Type.ANY) {
                if (apex && z.soa != null) s.add(r, z.soaSet(), owner, Section.ANSWER);
                for (RRset set : node.sets().values()) s.add(r, set, owner, Section.ANSWER);
                if (apex && keys != null) for (int t : keys.apexTypes()) s.add(r, keys.apexSet(t), owner, Section.ANSWER);
                any = true;
            } else if (qtype == Type.SOA && apex && z.soa != null) {
                s.add(r, z.soaSet(), owner, Section.ANSWER);
                any = true;
            } else {
                RRset set = apex && keys != null && keys.apexSet(qtype) != null ? keys.apexSet(qtype) : node.sets().get(qtype);
                if (set != null) {
                    s.add(r, set, owner, Section.ANSWER);
                    any = true;
                }
            }
            if (!any) negative(r, z, current, node, false, s);
            return;
        }
    }

    /** A name below the apex holding NS records between the apex and {@code name}: a delegation (RFC 1034 §4.2.1). */
    static Name delegation(ZoneData z, Name name) {
        int extra = name.labels() - z.origin.labels();
        for (int skip = extra - 1; skip >= 0; skip--) {
            Name n = skip == 0 ? name : new Name(name, skip);
            Node node = z.nodes.get(n);
            if (node != null && node.sets().containsKey(Type.NS)) return n;
        }
        return null;
    }

    private static void referral(Message r, ZoneData z, Name cut, Signing s) {
        r.getHeader().unsetFlag(Flags.AA);
        RRset ns = z.nodes.get(cut).sets().get(Type.NS);
        Nsec3Chain chain = z.chain;
        if (s.signer != null && chain != null) {
            // An unsigned delegation: the NSEC3 matching the cut shows there is no DS (RFC 5155 §7.2.7).
            var soa = z.negativeSoa();
            hashedLink(r, z, chain, chain.matching(cut), s, soa == null ? 300 : soa.getTTL(), new HashSet<>());
        } else if (s.signer != null) {
            // An unsigned delegation: the NSEC at the cut shows there is no DS (RFC 4035 §3.1.4).
            var soa = z.negativeSoa();
            var denial = s.signer.deny(cut, types(z, cut, z.nodes.get(cut)), false, soa == null ? 300 : soa.getTTL());
            for (var rec : denial.nsec().rrs(false)) r.addRecord(rec, Section.AUTHORITY);
            s.note(denial.signed(), r, Section.AUTHORITY);
        }
        for (var rec : ns.rrs(false)) {
            r.addRecord(rec, Section.AUTHORITY);
            Name target = ((NSRecord) rec).getTarget();
            Node glue = target.subdomain(z.origin) ? z.nodes.get(target) : null;
            if (glue == null) continue;
            for (int t : new int[] {Type.A, Type.AAAA}) {
                RRset g = glue.sets().get(t);
                if (g != null) for (var gr : g.rrs(false)) r.addRecord(gr, Section.ADDITIONAL);
            }
        }
    }

    /** The wildcard node matching a name that does not exist: {@code *.<closest encloser>} (RFC 4592 §3.3.1). */
    private static Node wildcard(ZoneData z, Name name) {
        Name encloser = ZoneCache.parent(name);
        while (encloser != null && encloser.subdomain(z.origin) && !z.exists(encloser)) encloser = ZoneCache.parent(encloser);
        if (encloser == null || !encloser.subdomain(z.origin)) return null;
        try {
            return z.nodes.get(Name.concatenate(Name.fromConstantString("*"), encloser));
        } catch (org.xbill.DNS.NameTooLongException e) {
            return null;
        }
    }

    /**
     * NXDOMAIN or NODATA with the SOA (RFC 2308). Signed: NOERROR with the SOA, and a compact
     * denial at {@code name} listing the types of {@code node} (null: the name does not exist, or
     * is an empty non-terminal when it {@link ZoneData#exists exists}).
     */
    private static void negative(Message r, ZoneData z, Name name, Node node, boolean nxdomain, Signing s) {
        var soa = z.negativeSoa();
        if (s.signer == null) {
            if (nxdomain) r.getHeader().setRcode(Rcode.NXDOMAIN);
            if (soa != null) r.addRecord(soa, Section.AUTHORITY);
            return;
        }
        if (soa != null) s.add(r, z.negativeSoaSet(), z.origin, Section.AUTHORITY);
        Nsec3Chain chain = z.chain;
        if (chain != null) {
            hashedDenial(r, z, chain, name, nxdomain, s, soa == null ? 300 : soa.getTTL());
            return;
        }
        var denial = s.signer.deny(name, nxdomain ? new int[0] : types(z, name, node), nxdomain, soa == null ? 300 : soa.getTTL());
        for (var rec : denial.nsec().rrs(false)) r.addRecord(rec, Section.AUTHORITY);
        s.note(denial.signed(), r, Section.AUTHORITY);
    }

    /**
     * Hashed denial (RFC 5155 §7.2): NODATA at a name of the chain is its NSEC3; a name that does
     * not exist gets the closest encloser proof (the NSEC3 matching the closest encloser, the one
     * covering the next closer name) and the NSEC3 covering the wildcard at the closest encloser
     * (NXDOMAIN, §7.2.2) or matching it (NODATA through a wildcard, §7.2.5).
     */
    private static void hashedDenial(Message r, ZoneData z, Nsec3Chain chain, Name name, boolean nxdomain, Signing s, long ttl) {
        var seen = new HashSet<Name>();
        Nsec3Chain.Link match = chain.matching(name);
        if (match != null) {
            hashedLink(r, z, chain, match, s, ttl, seen);
            return;
        }
        Name nextCloser = name;
        Name encloser = ZoneCache.parent(name);
        while (encloser != null && chain.matching(encloser) == null && encloser.subdomain(z.origin)) {
            nextCloser = encloser;
            encloser = ZoneCache.parent(encloser);
        }
        Nsec3Chain.Link ce = encloser == null ? null : chain.matching(encloser);
        if (ce == null) return; // the apex is always in the chain; nothing to prove with an empty one
        hashedLink(r, z, chain, ce, s, ttl, seen);
        hashedLink(r, z, chain, chain.covering(Nsec3Chain.hash(nextCloser)), s, ttl, seen);
        Name wildcard;
        try {
            wildcard = Name.concatenate(Name.fromConstantString("*"), encloser);
        } catch (org.xbill.DNS.NameTooLongException e) {
            wildcard = null;
        }
        if (wildcard != null) {
            Nsec3Chain.Link w = chain.matching(wildcard);
            hashedLink(r, z, chain, w != null ? w : chain.covering(Nsec3Chain.hash(wildcard)), s, ttl, seen);
        }
        if (nxdomain) r.getHeader().setRcode(Rcode.NXDOMAIN);
    }

    /** Adds the signed NSEC3 record of {@code link} to the authority section, once per answer. */
    private static void hashedLink(Message r, ZoneData z, Nsec3Chain chain, Nsec3Chain.Link link, Signing s, long ttl, Set<Name> seen) {
        if (link == null || !seen.add(link.owner())) return;
        Node node = z.nodes.get(link.name());
        int[] types = Nsec3Chain.types(z, link.name(), node, types(z, link.name(), node));
        var denial = s.signer.hashedDenial(link.owner(), chain.next(link.hash()), types, ttl);
        for (var rec : denial.nsec().rrs(false)) r.addRecord(rec, Section.AUTHORITY);
        s.note(denial.signed(), r, Section.AUTHORITY);
    }

    /** The types present at a name (for an NSEC bitmap): its sets, the apex's SOA and keys. */
    static int[] types(ZoneData z, Name name, Node node) {
        var out = new ArrayList<Integer>();
        if (node != null) out.addAll(node.sets().keySet());
        if (name.equals(z.origin)) {
            if (z.soa != null) out.add(Type.SOA);
            if (z.signer != null) out.addAll(z.signer.apexTypes());
        }
        return out.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

}
