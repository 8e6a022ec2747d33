package io.steward.dns;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.web.Call;
import java.util.List;

/** The client API's DNS routes ({@code /dns}, {@code /service/@service_id/dns...}) in the references' shapes. */
public final class DnsClientHandlers {
    private final DnsClientService dns;
    private final DnssecService dnssec;

    DnsClientHandlers(DnsClientService dns, DnssecService dnssec) {
        this.dns = dns;
        this.dnssec = dnssec;
    }

    public Object list(Call call) {
        var o = dns.overview(call.get(Actor.class));
        return obj("service_ids", o.services().stream().map(s -> Long.toString(s.id())).toList(),
                "zones", o.zones().stream().map(DnsShapes::zoneSummary).toList());
    }

    public Object createZone(Call call) {
        long serviceId = call.pathId("service_id");
        Zone z = dns.createZone(call.get(Actor.class), serviceId, call.params().string("name").orElse(null));
        return obj("success", true, "info", List.of("Domain zone " + z.name() + " was created successfully."), "zone", DnsShapes.zoneSummary(z));
    }

    public Object zones(Call call) {
        long serviceId = call.pathId("service_id");
        var zones = dns.zones(call.get(Actor.class), serviceId);
        return obj("service_id", Long.toString(serviceId), "zones", zones.stream().map(DnsShapes::zoneSummary).toList());
    }

    public Object zone(Call call) {
        long serviceId = call.pathId("service_id");
        Zone z = dns.zone(call.get(Actor.class), serviceId, call.pathId("zone_id"));
        // Records keyed by position, as the real service answers (the reference's array is what that
        // object looks like without gaps); dns-lexicon iterates records.items().
        return obj("service_id", serviceId, "name", z.name(), "records", DnsShapes.positioned(dns.records(z.id()), z),
                "dnssec", DnssecClientHandlers.shape(dnssec.status(z.id())));
    }

    public Object deleteZone(Call call) {
        Zone z = dns.deleteZone(call.get(Actor.class), call.pathId("service_id"), call.pathId("zone_id"));
        return obj("success", true, "info", List.of("Domain zone " + z.name() + " was deleted successfully."));
    }

    public Object addRecord(Call call) {
        DnsRecord r = dns.addRecord(call.get(Actor.class), call.pathId("service_id"), call.pathId("zone_id"), DnsShapes.input(call.params()));
        // The reference's answer: TTL and priority as strings here (numbers in the zone listing).
        var record = obj("id", Long.toString(r.id()), "name", r.name(), "type", r.type(), "ttl", Integer.toString(r.ttl()),
                "priority", Integer.toString(r.priority()), "content", DnsShapes.content(r, 0));
        return obj("success", true, "record", record, "info", List.of("dnsnewrecordadded", r.type()));
    }

    public Object updateRecord(Call call) {
        DnsRecord r = dns.updateRecord(call.get(Actor.class), call.pathId("service_id"), call.pathId("zone_id"), call.pathId("record_id"),
                DnsShapes.input(call.params()));
        // The reference's answer: TTL a string, priority a number.
        var record = obj("id", Long.toString(r.id()), "type", r.type(), "ttl", Integer.toString(r.ttl()), "name", r.name(),
                "priority", r.priority(), "content", DnsShapes.content(r, 0));
        return obj("success", true, "record", record, "info", List.of("The record was updated successfully."));
    }

    public Object deleteRecord(Call call) {
        dns.deleteRecord(call.get(Actor.class), call.pathId("service_id"), call.pathId("zone_id"), call.pathId("record_id"));
        return obj("success", true);
    }
}
