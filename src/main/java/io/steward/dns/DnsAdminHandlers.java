package io.steward.dns;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.core.Validation;
import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;
import java.util.function.LongPredicate;

/** Staff handlers for {@code /admin/api/dns/...}: any client's zones and records, default records of new zones. */
public final class DnsAdminHandlers {
    private final DnsService dns;
    private final DnsClientService hosting;
    private final ServiceOperations services;
    private final LongPredicate clientExists;

    DnsAdminHandlers(DnsService dns, DnsClientService hosting, ServiceOperations services, LongPredicate clientExists) {
        this.dns = dns;
        this.hosting = hosting;
        this.services = services;
        this.clientExists = clientExists;
    }

    public Object zones(Call call) {
        var p = call.params();
        Long clientId = p.id("client_id").orElse(null);
        return obj("zones", dns.search(clientId, p.string("q").orElse(null)).stream().map(DnsAdminHandlers::zone).toList());
    }

    public Object createZone(Call call) {
        var p = call.params();
        var v = new Validation();
        Long clientId = p.id("client_id").orElse(null);
        v.check(clientId != null && clientExists.test(clientId), "client_id", "No such client");
        Long serviceId = p.id("service_id").orElse(null);
        if (serviceId != null && clientId != null) {
            Service s = services.find(serviceId).orElse(null);
            v.check(s != null && s.clientId() == clientId && DnsClientService.MODULE.equals(s.module()), "service_id",
                    "Not a DNS hosting service of this client");
        }
        v.throwIfAny();
        // Staff may give any name (not a public suffix) to a client: recorded as the client's claim.
        Zone z = dns.createZoneAsStaff(clientId, serviceId, p.string("name").orElse(null));
        return Reply.json(201, obj("zone", zone(z)));
    }

    public Object zoneDetails(Call call) {
        Zone z = found(call);
        var m = zone(z);
        m.put("records", dns.records(z.id()).stream().map(r -> record(r, z.serial())).toList());
        return obj("zone", m);
    }

    /** {@code service_id}: counts the zone against that DNS hosting service of its client. */
    public Object updateZone(Call call) {
        Zone z = found(call);
        var p = call.params();
        var v = new Validation();
        Long serviceId = p.id("service_id").orElse(null);
        v.check(serviceId != null, "service_id", "The id of a DNS hosting service of the zone's client is required");
        v.throwIfAny();
        return obj("zone", zone(hosting.attach(z, serviceId)));
    }

    public Object deleteZone(Call call) {
        dns.deleteZone(found(call).id());
        return obj("deleted", true);
    }

    public Object addRecord(Call call) {
        Zone z = found(call);
        return Reply.json(201, obj("record", record(dns.addRecord(z.id(), DnsShapes.input(call.params())), 0)));
    }

    /** {@code {"records": [{name, type, ttl, priority, content}, ...]}}: all added, or none. */
    public Object importRecords(Call call) {
        Zone z = found(call);
        var node = call.params().node("records");
        if (node == null || !node.isArray()) {
            throw StewardException.invalid(Map.of("records", java.util.List.of("An array of records is required")));
        }
        var inputs = new java.util.ArrayList<RecordInput>();
        for (var item : node) {
            if (!item.isObject()) throw StewardException.invalid(Map.of("records", java.util.List.of("Each record is an object")));
            inputs.add(DnsShapes.input(io.steward.web.Params.of((com.fasterxml.jackson.databind.node.ObjectNode) item)));
        }
        return Reply.json(201, obj("imported", dns.importRecords(z.id(), inputs)));
    }

    public Object updateRecord(Call call) {
        Zone z = found(call);
        return obj("record", record(dns.updateRecord(z.id(), call.pathId("record_id"), DnsShapes.input(call.params())), 0));
    }

    public Object deleteRecord(Call call) {
        Zone z = found(call);
        dns.deleteRecord(z.id(), call.pathId("record_id"));
        return obj("deleted", true);
    }

    public Object templates(Call call) {
        return obj("templates", dns.templates().stream().map(DnsAdminHandlers::template).toList());
    }

    public Object addTemplate(Call call) {
        return Reply.json(201, obj("template", template(dns.addTemplate(DnsShapes.input(call.params())))));
    }

    public Object deleteTemplate(Call call) {
        dns.deleteTemplate(call.pathId("id"));
        return obj("deleted", true);
    }

    private Zone found(Call call) {
        return dns.zone(call.pathId("id")).orElseThrow(() -> StewardException.notFound("Zone not found"));
    }

    private static Map<String, Object> zone(Zone z) {
        return obj("id", z.id(), "client_id", z.provider() ? null : z.clientId(), "service_id", z.serviceId(), "name", z.name(), "serial", z.serial(),
                "suspended", z.suspended());
    }

    private static Map<String, Object> record(DnsRecord r, long serial) {
        return obj("id", r.id(), "name", r.name(), "type", r.type(), "ttl", r.ttl(), "priority", r.priority(),
                "content", DnsShapes.content(r, serial));
    }

    private static Map<String, Object> template(DnsRecord t) {
        return obj("id", t.id(), "name", t.name(), "type", t.type(), "ttl", t.ttl(), "priority", t.priority(), "content", t.content());
    }
}
