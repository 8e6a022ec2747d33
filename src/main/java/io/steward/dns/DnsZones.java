package io.steward.dns;

import java.util.List;
import java.util.Optional;

/**
 * The DNS feature as other features use it (domains, partner API, rDNS): every DNS-facing write in
 * Steward goes through here. Each method runs in the caller's transaction when there is one (the
 * change then reaches this node's DNS server at the caller's commit by NOTIFY on PostgreSQL, else
 * through the change log within {@code dns.poll-ms}), else in its own, after whose commit the
 * change is served at once. Errors are
 * {@code StewardException}s: validation (422 with fields), not found, conflict.
 */
public interface DnsZones {
    /**
     * Creates a zone with the SOA and NS records from configuration and the staff's default
     * records. {@code serviceId} names the DNS hosting service it counts against, or null.
     */
    Zone createZone(long clientId, Long serviceId, String name);

    Optional<Zone> zone(long zoneId);

    Optional<Zone> zoneByName(String name);

    List<Zone> zonesOfClient(long clientId);

    /** The zone's records in id order, the SOA among them. */
    List<DnsRecord> records(long zoneId);

    DnsRecord addRecord(long zoneId, RecordInput record);

    DnsRecord updateRecord(long zoneId, long recordId, RecordInput record);

    void deleteRecord(long zoneId, long recordId);

    void deleteZone(long zoneId);

    /**
     * Points {@code name} in the zone at {@code target} through the forwarding listener: replaces
     * any URL or FRAME record there by one of {@code type} ({@code URL} redirects with
     * {@code status} 301 or 302, {@code FRAME} frames the target); a null target removes it.
     */
    Optional<DnsRecord> setForwarding(long zoneId, String name, String type, String target, int status);
}
