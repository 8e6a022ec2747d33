package io.steward.dns;

import static io.steward.core.Json.obj;

import io.steward.web.Params;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsing record parameters and shaping records, shared by the client and admin handlers. */
final class DnsShapes {
    private DnsShapes() {}

    /** A record from {@code name, type, ttl, priority, content} (content a string, or SRV's array). */
    static RecordInput input(Params p) {
        return RecordInput.from(p, null);
    }

    /** Content as the client API shows it: SRV and SOA as arrays of their fields, others as text. */
    static Object content(DnsRecord r, long serial) {
        String[] p = r.content().split(" ");
        return switch (r.type()) {
            case "SRV" -> List.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), p[2]);
            case "SOA" -> List.of(p[0], p[1], serial, Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]), Long.parseLong(p[5]));
            default -> r.content();
        };
    }

    /**
     * A zone's records as the real service lists them: an object keyed by each record's position
     * (gaps where records were deleted; clients iterate its entries), in position order.
     */
    static Map<String, Object> positioned(List<PositionedRecord> records, Zone z) {
        var out = new LinkedHashMap<String, Object>();
        for (PositionedRecord p : records) out.put(Integer.toString(p.position()), detailed(p, z));
        return out;
    }

    /**
     * One record of a zone's details, every field a string as the real service answers: {@code prio}
     * and {@code priority} both the priority, {@code change_date} the Unix time of its last change,
     * TXT content in double quotes (as a zone file writes it), SOA content its seven fields, SRV
     * content {@code [weight, port, target]} as everywhere in the client API.
     */
    static Map<String, Object> detailed(PositionedRecord p, Zone z) {
        DnsRecord r = p.record();
        String priority = Integer.toString(r.priority());
        Object content = switch (r.type()) {
            case "TXT" -> quoted(r.content());
            case "SOA" -> {
                String[] f = r.content().split(" ");
                yield List.of(f[0], f[1], Long.toString(z.serial()), f[2], f[3], f[4], f[5]);
            }
            default -> content(r, z.serial());
        };
        // domain_id before id: acme.sh finds a record's id by splitting the raw JSON at ',' and
        // cutting the fourth '"'-field of the piece holding "id":"N"; were id first, that piece
        // would start with the position key ("3":{"id":"15") and yield the word id instead.
        return obj("domain_id", Long.toString(z.id()), "id", Long.toString(r.id()), "name", r.name(), "type", r.type(), "content", content,
                "ttl", Integer.toString(r.ttl()), "prio", priority, "change_date", Long.toString(p.changedAt().toEpochSecond(ZoneOffset.UTC)),
                "priority", priority);
    }

    /** TXT text in double quotes, with {@code "} and {@code \} escaped (RFC 1035 §5.1 character-string). */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Map<String, Object> zoneSummary(Zone z) {
        return obj("domain_id", Long.toString(z.id()), "name", z.name(), "service_id", z.serviceId() == null ? "0" : Long.toString(z.serviceId()));
    }
}
