package io.steward.domain;

import io.steward.core.StewardException;
import io.steward.dns.DnsRecord;
import io.steward.dns.DnsZones;
import io.steward.dns.RecordInput;
import io.steward.dns.RecordRules;
import io.steward.dns.Zone;
import io.steward.names.NameClaims;
import java.util.List;
import java.util.Optional;

/**
 * A domain's DNS records and URL forwarding, through the DNS feature's {@link DnsZones}: the
 * records live in the zone of the domain's name (created on the first record), and Steward's DNS
 * server answers them when the domain is delegated to Steward's nameservers. URL and FRAME records
 * are answered with the address of the DNS feature's forwarding listener.
 */
final class DomainDns {
    private final DnsZones zones;
    private final NameClaims names;

    DomainDns(DnsZones zones, NameClaims names) {
        this.zones = zones;
        this.names = names;
    }

    /** The references' list, in their order; the DNS feature's other types follow. */
    private static final List<String> LISTED_FIRST = List.of("A", "CNAME", "URL", "FRAME", "MX", "MXE", "TXT");

    /** Record types a domain's zone takes (the DNS feature's, without the managed SOA). */
    List<String> types() {
        var out = new java.util.ArrayList<>(LISTED_FIRST.stream().filter(RecordRules.CREATABLE::contains).toList());
        RecordRules.TYPES.stream().filter(t -> !t.equals("SOA") && !out.contains(t)).forEach(out::add);
        return out;
    }

    /** The caller found {@code d} with the route's privilege; its DNS changes only while it is Active. */
    private static void requireManageable(Domain d) {
        if (!d.manageable()) throw StewardException.conflict("Domain is " + d.status() + "; its DNS can be managed once it is Active");
    }

    /**
     * The domain's zone. Another account's zone of the name was made without the registry's word
     * (the caller found {@code d} manageable: the registry holds the name for its client): it is
     * not the domain's, and creating the domain's zone releases it (the registrant wins).
     */
    private Optional<Zone> zone(Domain d, boolean create) {
        Optional<Zone> z = zones.zoneByName(d.name());
        if (z.isPresent() && z.get().clientId() != d.clientId()) {
            if (!create) return Optional.empty();
            names.registered(d.clientId(), d.name());
            z = zones.zoneByName(d.name()).filter(x -> x.clientId() == d.clientId());
        }
        if (z.isEmpty() && create) return Optional.of(zones.createZone(d.clientId(), null, d.name()));
        return z;
    }

    List<DnsRecord> records(Domain d) {
        requireManageable(d);
        return zone(d, false).map(z -> zones.records(z.id()).stream().filter(r -> !r.type().equals("SOA")).toList()).orElse(List.of());
    }

    /** Every record of the domain's zone, the SOA first among them; none while it has no zone. */
    List<DnsRecord> allRecords(Domain d) {
        requireManageable(d);
        return zone(d, false).map(z -> zones.records(z.id())).orElse(List.of());
    }

    /** The domain's zone, if it has one. */
    Optional<Zone> zoneOf(Domain d) {
        return zone(d, false);
    }

    DnsRecord add(Domain d, RecordInput input) {
        requireManageable(d);
        return zones.addRecord(zone(d, true).orElseThrow().id(), input);
    }

    DnsRecord update(Domain d, long recordId, RecordInput input) {
        requireManageable(d);
        Zone z = zone(d, false).orElseThrow(() -> StewardException.notFound("Record not found"));
        return zones.updateRecord(z.id(), recordId, input);
    }

    void delete(Domain d, long recordId) {
        requireManageable(d);
        Zone z = zone(d, false).orElseThrow(() -> StewardException.notFound("Record not found"));
        zones.deleteRecord(z.id(), recordId);
    }

    /** Points {@code name} (default the domain itself) at {@code target}: URL redirects with {@code status}, FRAME frames; no target removes it. */
    Optional<DnsRecord> forwarding(Domain d, String name, String type, String target, int status) {
        requireManageable(d);
        String t = type == null || type.isBlank() ? "URL" : type.trim().toUpperCase(java.util.Locale.ROOT);
        if (!t.equals("URL") && !t.equals("FRAME")) throw StewardException.invalid(java.util.Map.of("type", List.of("Type must be URL or FRAME")));
        if (status != 301 && status != 302) throw StewardException.invalid(java.util.Map.of("status", List.of("Status must be 301 or 302")));
        String target1 = target == null || target.isBlank() ? null : target.trim();
        Zone z = target1 == null ? zone(d, false).orElse(null) : zone(d, true).orElseThrow();
        if (z == null) return Optional.empty();
        return zones.setForwarding(z.id(), name == null || name.isBlank() ? "@" : name.trim(), t, target1, status);
    }

    /** A record's owner relative to the domain, as the references show it ({@code @} for the domain itself). */
    static String relative(String owner, String domain) {
        if (owner.equals(domain)) return "@";
        return owner.endsWith("." + domain) ? owner.substring(0, owner.length() - domain.length() - 1) : owner;
    }
}
