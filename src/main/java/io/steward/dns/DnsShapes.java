package io.steward.dns;

import static io.steward.core.Json.obj;

import io.steward.web.Params;
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

    /** A record in a zone's listing: string id, full name, numeric TTL and priority. */
    static Map<String, Object> listed(DnsRecord r, long serial) {
        return obj("id", Long.toString(r.id()), "name", r.name(), "ttl", r.ttl(), "priority", r.priority(),
                "content", content(r, serial), "type", r.type());
    }

    static Map<String, Object> zoneSummary(Zone z) {
        return obj("domain_id", Long.toString(z.id()), "name", z.name(), "service_id", z.serviceId() == null ? "0" : Long.toString(z.serviceId()));
    }
}
