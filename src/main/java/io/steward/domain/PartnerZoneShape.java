package io.steward.domain;

import static io.steward.core.Json.obj;

import io.steward.dns.DnsRecord;
import io.steward.dns.Zone;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A zone in the shape of the partner API's {@code GET domains/{domain}/records}: records grouped
 * by type, the zone, and whether the records Microsoft 365 and Google Workspace need are there
 * (checked against their published targets). {@code RecordType} is the DNS type code (RFC 1035
 * and successors); {@code ChangeDate} is 0, as Steward keeps no per-record change time.
 */
final class PartnerZoneShape {
    private PartnerZoneShape() {}

    static Map<String, Object> zone(String domain, Zone zone, List<DnsRecord> records) {
        var grouped = new LinkedHashMap<String, Object>();
        for (String t : List.of("SOA", "A", "AAAA", "CNAME", "ANAME", "MX", "TXT", "SRV", "CAA", "NS", "DS")) {
            grouped.put(t, records.stream().filter(r -> r.type().equals(t)).map(PartnerZoneShape::record).toList());
        }
        String serial = zone == null ? "0" : Long.toString(zone.serial());
        var z = obj("Id", zone == null ? 0 : zone.id(), "IsMaster", true, "IsSecure", false, "Master", null, "Name", domain,
                "NotifiedSerial", serial, "NsType", "MASTER", "Nsec3Param", null, "Subdomains", List.of());
        var result = obj("Records", grouped, "Zone", z, "Office365HaveRecords", office365(domain, records),
                "GoogleHaveRecords", google(domain, records));
        return obj("ResultCode", 200, "ResultMessage", "Here is zone '" + domain + "'", "Success", true, "Result", result);
    }

    private static Map<String, Object> record(DnsRecord r) {
        return obj("ChangeDate", 0, "Id", r.id(), "Priority", r.priority(), "RecordData", r.content(), "RecordMetaType", 0,
                "RecordMetaTypeName", "Regular", "RecordName", r.name(), "RecordType", org.xbill.DNS.Type.value(r.type()),
                "RecordTypeName", r.type(), "TTL", r.ttl(), "ZoneId", r.zoneId());
    }

    private static boolean has(List<DnsRecord> records, String type, String name, Predicate<String> content) {
        return records.stream().anyMatch(r -> r.type().equals(type) && r.name().equals(name)
                && content.test(r.content().toLowerCase(Locale.ROOT)));
    }

    private static Predicate<String> pointsAt(String target) {
        return c -> c.equals(target) || c.equals(target + ".") || c.endsWith(" " + target) || c.endsWith(" " + target + ".");
    }

    private static Map<String, Object> office365(String d, List<DnsRecord> r) {
        return obj("mx", obj("mail", has(r, "MX", d, c -> c.contains("mail.protection.outlook.com"))),
                "cname", obj("autodiscover", has(r, "CNAME", "autodiscover." + d, pointsAt("autodiscover.outlook.com")),
                        "sip", has(r, "CNAME", "sip." + d, pointsAt("sipdir.online.lync.com")),
                        "lyncdiscover", has(r, "CNAME", "lyncdiscover." + d, pointsAt("webdir.online.lync.com")),
                        "msoid", has(r, "CNAME", "msoid." + d, pointsAt("clientconfig.microsoftonline-p.net")),
                        "enterpriseregistration", has(r, "CNAME", "enterpriseregistration." + d, pointsAt("enterpriseregistration.windows.net")),
                        "enterpriseenrollment", has(r, "CNAME", "enterpriseenrollment." + d, pointsAt("enterpriseenrollment.manage.microsoft.com"))),
                "txt", obj("spf", has(r, "TXT", d, c -> c.contains("include:spf.protection.outlook.com"))),
                "srv", obj("sip", has(r, "SRV", "_sip._tls." + d, pointsAt("sipdir.online.lync.com")),
                        "sipfederationtls", has(r, "SRV", "_sipfederationtls._tcp." + d, pointsAt("sipfed.online.lync.com"))));
    }

    private static Map<String, Object> google(String d, List<DnsRecord> r) {
        return obj("mx", obj("aspmx", has(r, "MX", d, pointsAt("aspmx.l.google.com")),
                        "alt1", has(r, "MX", d, pointsAt("alt1.aspmx.l.google.com")),
                        "alt2", has(r, "MX", d, pointsAt("alt2.aspmx.l.google.com")),
                        "alt3", has(r, "MX", d, pointsAt("alt3.aspmx.l.google.com")),
                        "alt4", has(r, "MX", d, pointsAt("alt4.aspmx.l.google.com"))),
                "txt", obj("spf", has(r, "TXT", d, c -> c.contains("include:_spf.google.com"))));
    }
}
