package io.steward.dns;

import io.steward.dns.ZoneCache.ZoneData;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Incremental zone transfer (RFC 1995) from the journal: the records of the answer to an IXFR
 * query. The secondary's serial is the SOA in the query's authority section (§3). At or beyond
 * the zone's serial: the current SOA alone (§2, "up to date"). Otherwise, when the journal holds
 * every step from that serial to the served one: the current SOA, then per step the SOA at the old
 * serial, the records removed, the SOA at the new serial and the records added, and the current
 * SOA again (§4). Else, and always for a signed zone, {@code null}: the caller answers with the
 * full zone, as AXFR (§4).
 */
final class Ixfr {
    /** The journal's steps from one serial to another, empty when it cannot tell them all. */
    interface Journal {
        List<DnsJournal.Step> steps(long zoneId, long fromSerial, long toSerial, int maxRows);
    }

    private final Journal journal;
    private final String forwardIpv4;
    private final String forwardIpv6;

    Ixfr(Journal journal, String forwardIpv4, String forwardIpv6) {
        this.journal = journal;
        this.forwardIpv4 = forwardIpv4;
        this.forwardIpv6 = forwardIpv6;
    }

    /** The secondary's serial from an IXFR query, or null when the query carries no SOA for the zone. */
    static Long askedSerial(Message query) {
        for (var r : query.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa && soa.getName().equals(query.getQuestion().getName())) return soa.getSerial();
        }
        return null;
    }

    /** The records of the IXFR answer, in order, or null to send the full zone. */
    List<org.xbill.DNS.Record> records(Message query, ZoneData z) {
        Long asked = askedSerial(query);
        SOARecord current = z.soa;
        if (asked == null || current == null) return null;
        if (asked >= current.getSerial()) return List.of(current);
        // The journal keeps stored rows, not the signatures and NSEC3 links a step changed (those are
        // made per node, on demand): a signed zone's differences would leave a secondary with stale
        // or missing signatures, so it gets the whole signed zone instead (RFC 1995 §4).
        if (z.signer != null) return null;
        // More journal rows than the zone has names is a transfer bigger than the zone itself.
        int maxRows = Math.max(1000, 4 * z.nodes.size());
        var steps = journal.steps(z.id, asked, current.getSerial(), maxRows);
        if (steps.isEmpty()) return null;
        var out = new ArrayList<org.xbill.DNS.Record>();
        out.add(current);
        for (DnsJournal.Step step : steps) {
            out.add(withSerial(current, step.from()));
            for (DnsRecord r : step.removed()) out.addAll(Wire.records(r, step.from(), forwardIpv4, forwardIpv6));
            out.add(withSerial(current, step.to()));
            for (DnsRecord r : step.added()) out.addAll(Wire.records(r, step.to(), forwardIpv4, forwardIpv6));
        }
        out.add(current);
        return out;
    }

    private static SOARecord withSerial(SOARecord s, long serial) {
        return new SOARecord(s.getName(), s.getDClass(), s.getTTL(), s.getHost(), s.getAdmin(), serial,
                s.getRefresh(), s.getRetry(), s.getExpire(), s.getMinimum());
    }
}
