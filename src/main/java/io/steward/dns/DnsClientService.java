package io.steward.dns;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.account.Actor;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import java.util.List;

/**
 * DNS hosting as the client sees it: zones belong to the caller's DNS hosting services (module
 * {@code dns}), count against the product's {@code zones} setting (and {@code records} per zone, else
 * {@code dns.max-records}), and are changed only while the service is Active. Another client's
 * service or zone is not found; a contact needs the service's {@code basic} privilege.
 */
public final class DnsClientService {
    /** The server module of DNS hosting services. */
    public static final String MODULE = DnsModuleFactory.ID;

    private final DnsService dns;
    private final ServiceOperations services;
    private final DnsSettings settings;

    DnsClientService(DnsService dns, ServiceOperations services, DnsSettings settings) {
        this.dns = dns;
        this.services = services;
        this.settings = settings;
    }

    /** The caller's DNS hosting services it may see, and their zones. */
    public record Overview(List<Service> services, List<Zone> zones) {}

    public Overview overview(Actor actor) {
        var mine = services.byClient(actor.clientId()).stream()
                .filter(s -> MODULE.equals(s.module()) && !s.isClosed())
                .filter(s -> actor.privileges().services().allows(s.id(), "basic")).toList();
        var ids = mine.stream().map(Service::id).toList();
        var zones = dns.zonesOfClient(actor.clientId()).stream().filter(z -> z.serviceId() != null && ids.contains(z.serviceId())).toList();
        return new Overview(mine, zones);
    }

    Service service(Actor actor, long serviceId) {
        Service s = services.find(serviceId).filter(x -> x.clientId() == actor.clientId())
                .orElseThrow(() -> StewardException.notFound("Service not found"));
        actor.requireService(serviceId, "basic");
        if (!MODULE.equals(s.module())) throw StewardException.notFound("Service " + serviceId + " is not a DNS hosting service");
        return s;
    }

    private static void requireActive(Service s) {
        if (!Service.ACTIVE.equals(s.status())) {
            throw new StewardException(ErrorCode.CONFLICT, "The DNS hosting service is " + s.status() + "; zones can be changed while it is Active");
        }
    }

    public List<Zone> zones(Actor actor, long serviceId) {
        service(actor, serviceId);
        return dns.zonesOfService(serviceId);
    }

    public Zone createZone(Actor actor, long serviceId, String name) {
        Service s = service(actor, serviceId);
        requireActive(s);
        int limit = setting(s, "zones", 0);
        if (limit > 0 && dns.countZonesOfService(serviceId) >= limit) {
            String m = "Your DNS hosting plan allows " + limit + " zone" + (limit == 1 ? "" : "s") + "; delete one or upgrade to add another";
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of(m), java.util.Map.of("name", List.of(m)));
        }
        // The caller's own zone that counts against no service (a domain registered with Steward's
        // nameservers gets one at registration) joins this service instead of answering "exists".
        var own = name == null ? java.util.Optional.<Zone>empty() : dns.zoneByName(name)
                .filter(z -> z.clientId() == actor.clientId() && z.serviceId() == null);
        if (own.isPresent()) return dns.attachZone(own.get().id(), serviceId, limit);
        return dns.createZone(actor.clientId(), serviceId, name);
    }

    /**
     * Counts a zone against one of its client's DNS hosting services (staff: a zone moved to the
     * client, or made without a service), so the client manages it through that service. 422 naming
     * {@code service_id} when the service is not an open DNS hosting service of the zone's client
     * or its zone quota is full.
     */
    public Zone attach(Zone zone, long serviceId) {
        Service s = services.find(serviceId).orElse(null);
        if (s == null || s.clientId() != zone.clientId() || !MODULE.equals(s.module()) || s.isClosed()) {
            throw StewardException.invalid(java.util.Map.of("service_id", List.of("Not an open DNS hosting service of the zone's client")));
        }
        return dns.attachZone(zone.id(), serviceId, setting(s, "zones", 0));
    }

    public Zone zone(Actor actor, long serviceId, long zoneId) {
        service(actor, serviceId);
        return zoneOf(actor, serviceId, zoneId);
    }

    /** The zone of a service already found and checked with {@link #service}. */
    private Zone zoneOf(Actor actor, long serviceId, long zoneId) {
        return dns.zone(zoneId).filter(z -> z.clientId() == actor.clientId() && z.serviceId() != null && z.serviceId() == serviceId)
                .orElseThrow(() -> StewardException.notFound("Zone not found"));
    }

    /** The zone's records with their positions in the zone listing (the zone found with {@link #zone}). */
    public List<PositionedRecord> records(long zoneId) {
        return dns.positioned(zoneId);
    }

    public Zone deleteZone(Actor actor, long serviceId, long zoneId) {
        Zone z = zone(actor, serviceId, zoneId);
        dns.deleteZone(z.id());
        return z;
    }

    public DnsRecord addRecord(Actor actor, long serviceId, long zoneId, RecordInput in) {
        Service s = service(actor, serviceId);
        Zone z = zoneOf(actor, serviceId, zoneId);
        requireActive(s);
        return dns.addRecord(z, in, setting(s, "records", settings.maxRecords()));
    }

    public DnsRecord updateRecord(Actor actor, long serviceId, long zoneId, long recordId, RecordInput in) {
        Service s = service(actor, serviceId);
        Zone z = zoneOf(actor, serviceId, zoneId);
        requireActive(s);
        return dns.updateRecord(z, recordId, in);
    }

    public void deleteRecord(Actor actor, long serviceId, long zoneId, long recordId) {
        Service s = service(actor, serviceId);
        Zone z = zoneOf(actor, serviceId, zoneId);
        requireActive(s);
        dns.deleteRecord(z.id(), recordId);
    }

    /** A zone of the caller's service that may be changed now (the service Active): for settings such as DNSSEC. */
    public Zone changeableZone(Actor actor, long serviceId, long zoneId) {
        Service s = service(actor, serviceId);
        Zone z = zoneOf(actor, serviceId, zoneId);
        requireActive(s);
        return z;
    }

    /** A positive whole number from the product's module settings, else {@code fallback}. */
    static int setting(Service s, String key, int fallback) {
        try {
            JsonNode n = Json.MAPPER.readTree(s.moduleConfig() == null || s.moduleConfig().isBlank() ? "{}" : s.moduleConfig()).get(key);
            return n != null && (n.isNumber() || n.isTextual()) && n.asInt() > 0 ? n.asInt() : fallback;
        } catch (java.io.IOException e) {
            return fallback;
        }
    }
}
