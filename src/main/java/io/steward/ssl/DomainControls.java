package io.steward.ssl;

import io.steward.dns.DnsRecord;
import io.steward.dns.DnsZones;
import io.steward.dns.RecordInput;
import io.steward.dns.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link DomainControl} over the DNS feature's {@link DnsZones}: a name counts as hosted when its
 * closest enclosing zone in Steward belongs to the certificate's client and is not suspended.
 * Records are written outside any transaction, so Steward's DNS serves them once the call returns.
 */
final class DomainControls {
    /** Challenge records are short-lived: the smallest TTL the DNS feature accepts by default. */
    private static final int TTL = 60;

    private final DnsZones zones;

    DomainControls(DnsZones zones) {
        this.zones = zones;
    }

    DomainControl forClient(long clientId) {
        return new DomainControl() {
            @Override
            public boolean hosted(String domain) {
                return zoneOf(clientId, domain).isPresent();
            }

            @Override
            public Optional<Published> publishTxt(String fqdn, String value) {
                return zoneOf(clientId, fqdn).map(z -> {
                    DnsRecord r = zones.addRecord(z.id(), new RecordInput(fqdn + ".", "TXT", TTL, null, value, null));
                    return new Published(z.id(), r.id(), fqdn, value);
                });
            }

            @Override
            public void remove(Published p) {
                try {
                    zones.deleteRecord(p.zoneId(), p.recordId());
                } catch (io.steward.core.StewardException e) {
                    // Gone already (a repeated attempt, or the client removed it): nothing to do.
                }
            }

            @Override
            public List<String> txt(String fqdn) {
                var out = new ArrayList<String>();
                zoneOf(clientId, fqdn).ifPresent(z -> {
                    for (DnsRecord r : zones.records(z.id())) {
                        if (r.type().equals("TXT") && strip(r.name()).equalsIgnoreCase(fqdn)) out.add(unquote(r.content()));
                    }
                });
                return out;
            }
        };
    }

    /** The closest enclosing zone of {@code name} hosted for the client, serving. */
    private Optional<Zone> zoneOf(long clientId, String name) {
        String n = strip(name.toLowerCase(Locale.ROOT));
        while (n.contains(".")) {
            var z = zones.zoneByName(n);
            if (z.isPresent()) return z.filter(zone -> zone.clientId() == clientId && !zone.suspended());
            n = n.substring(n.indexOf('.') + 1);
        }
        return Optional.empty();
    }

    private static String strip(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
