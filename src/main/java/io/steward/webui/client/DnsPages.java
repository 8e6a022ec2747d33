package io.steward.webui.client;

import io.steward.account.Actor;
import io.steward.dns.DnsClientService;
import io.steward.dns.RecordInput;
import io.steward.dns.RecordRules;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.util.List;

/**
 * The DNS zone editor of a DNS hosting service: its zones, a new zone, a zone's records with every
 * record type, adding and deleting records. The DNS feature checks that the service is the
 * caller's, the "basic" privilege on it and the ownership of the zone's name, as for the client API;
 * a change reaches Steward's DNS server at once.
 */
final class DnsPages {
    /** Every type a client may add (the SOA is Steward's to keep). */
    static final List<String> TYPES = RecordRules.TYPES.stream().filter(t -> !t.equals("SOA")).toList();

    private final WebKit kit;
    private final DnsClientService dns;

    DnsPages(WebKit kit, DnsClientService dns) {
        this.kit = kit;
        this.dns = dns;
    }

    Reply zones(WebRequest r) {
        long serviceId = r.call().pathId("id");
        var zones = dns.zones(r.get(Actor.class), serviceId);
        return kit.render(200, "client/dns-zones.jte", r.page("dns.title"), "serviceId", serviceId, "zones", zones);
    }

    Reply createZone(WebRequest r) {
        long serviceId = r.call().pathId("id");
        var zone = dns.createZone(r.get(Actor.class), serviceId, r.params().string("name").orElse("").trim());
        return WebKit.redirect("/services/" + serviceId + "/dns/" + zone.id());
    }

    Reply zone(WebRequest r) {
        long serviceId = r.call().pathId("id");
        var zone = dns.zone(r.get(Actor.class), serviceId, r.call().pathId("zone"));
        return kit.render(200, "client/dns-zone.jte", r.page("dns.zone_title", zone.name()), "serviceId", serviceId, "zone", zone,
                "records", dns.records(zone.id()), "types", TYPES, "done", r.params().string("done").orElse(null));
    }

    Reply addRecord(WebRequest r) {
        long serviceId = r.call().pathId("id");
        long zoneId = r.call().pathId("zone");
        dns.addRecord(r.get(Actor.class), serviceId, zoneId, RecordInput.from(r.params(), "@"));
        return WebKit.redirect("/services/" + serviceId + "/dns/" + zoneId + "?done=added");
    }

    Reply deleteRecord(WebRequest r) {
        long serviceId = r.call().pathId("id");
        long zoneId = r.call().pathId("zone");
        dns.deleteRecord(r.get(Actor.class), serviceId, zoneId, r.call().pathId("record"));
        return WebKit.redirect("/services/" + serviceId + "/dns/" + zoneId + "?done=deleted");
    }
}
