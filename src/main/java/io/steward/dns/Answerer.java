package io.steward.dns;

import io.steward.dns.ZoneCache.Node;
import io.steward.dns.ZoneCache.ZoneData;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
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
 */
final class Answerer {
    /** How many CNAMEs one answer follows inside a zone; a loop stops here. */
    static final int MAX_CHASE = 8;

    private final ZoneCache cache;
    private final int maxUdpPayload;

    Answerer(ZoneCache cache, int maxUdpPayload) {
        this.cache = cache;
        this.maxUdpPayload = maxUdpPayload;
    }

    /** The wire answer to {@code query}, limited to the UDP size the client allows unless {@code tcp}. */
    byte[] answer(Message query, boolean tcp) {
        Message response = respond(query);
        OPTRecord opt = query.getOPT();
        int limit = tcp ? 65535 : opt == null ? 512 : Math.max(512, Math.min(maxUdpPayload, opt.getPayloadSize()));
        return response.toWire(limit);
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

    Message respond(Message query) {
        Header qh = query.getHeader();
        Message r = new Message(qh.getID());
        Header h = r.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(qh.getOpcode());
        if (qh.getFlag(Flags.RD)) h.setFlag(Flags.RD);
        OPTRecord qopt = query.getOPT();
        if (qopt != null) r.addRecord(new OPTRecord(maxUdpPayload, 0, 0), Section.ADDITIONAL);
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
        resolve(r, z, question.getName(), qtype);
        return r;
    }

    private void resolve(Message r, ZoneData z, Name qname, int qtype) {
        Name current = qname;
        for (int step = 0; step <= MAX_CHASE; step++) {
            Name cut = delegation(z, current);
            if (cut != null) {
                if (step == 0) referral(r, z, cut);
                return;
            }
            Node node = z.nodes.get(current);
            Name owner = current;
            if (node == null) {
                if (z.exists(current)) {
                    negative(r, z, false);
                    return;
                }
                node = wildcard(z, current);
                if (node == null) {
                    negative(r, z, true);
                    return;
                }
            }
            RRset cname = node.sets().get(Type.CNAME);
            if (cname != null && qtype != Type.CNAME && qtype != Type.ANY) {
                add(r, cname, owner);
                Name target = ((CNAMERecord) cname.first()).getTarget();
                if (!target.subdomain(z.origin)) return;
                current = target;
                continue;
            }
            boolean apex = owner.equals(z.origin);
            boolean any = false;
            if (qtype == Type.ANY) {
                if (apex && z.soa != null) r.addRecord(z.soa, Section.ANSWER);
                for (RRset set : node.sets().values()) add(r, set, owner);
                any = true;
            } else if (qtype == Type.SOA && apex && z.soa != null) {
                r.addRecord(z.soa, Section.ANSWER);
                any = true;
            } else {
                RRset set = node.sets().get(qtype);
                if (set != null) {
                    add(r, set, owner);
                    any = true;
                }
            }
            if (!any) negative(r, z, false);
            return;
        }
    }

    /** A name below the apex holding NS records between the apex and {@code name}: a delegation (RFC 1034 §4.2.1). */
    private static Name delegation(ZoneData z, Name name) {
        int extra = name.labels() - z.origin.labels();
        for (int skip = extra - 1; skip >= 0; skip--) {
            Name n = skip == 0 ? name : new Name(name, skip);
            Node node = z.nodes.get(n);
            if (node != null && node.sets().containsKey(Type.NS)) return n;
        }
        return null;
    }

    private static void referral(Message r, ZoneData z, Name cut) {
        r.getHeader().unsetFlag(Flags.AA);
        RRset ns = z.nodes.get(cut).sets().get(Type.NS);
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

    private static void negative(Message r, ZoneData z, boolean nxdomain) {
        if (nxdomain) r.getHeader().setRcode(Rcode.NXDOMAIN);
        var soa = z.negativeSoa();
        if (soa != null) r.addRecord(soa, Section.AUTHORITY);
    }

    /** Adds a set, renamed to {@code owner} when it came from a wildcard. */
    private static void add(Message r, RRset set, Name owner) {
        boolean synthesized = !set.getName().equals(owner);
        for (var rec : set.rrs(false)) r.addRecord(synthesized ? rec.withName(owner) : rec, Section.ANSWER);
    }

}
