package io.steward.dns;

import io.steward.core.StewardException;
import io.steward.db.Db;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ReverseZones} on the DNS feature's zones: provider zones, PTR and RFC 2317 CNAME records. */
final class ReverseZoneService implements ReverseZones {
    private final Db db;
    private final DnsService dns;

    ReverseZoneService(Db db, DnsService dns) {
        this.db = db;
        this.dns = dns;
    }

    @Override
    public List<String> ensure(ReverseSubnet subnet) {
        return db.tx(() -> {
            var names = new ArrayList<String>();
            if (subnet.parent().isPresent()) {
                Zone parent = dns.reverseZone(subnet.parent().get());
                names.add(parent.name());
                var have = new HashSet<String>();
                for (DnsRecord r : dns.recordsAt(parent.id(), subnet.cnames().keySet())) if (r.type().equals("CNAME")) have.add(r.name());
                var missing = new ArrayList<RecordInput>();
                subnet.cnames().forEach((owner, target) -> {
                    if (!have.contains(owner)) missing.add(new RecordInput(owner + ".", "CNAME", null, null, target + ".", null));
                });
                if (!missing.isEmpty()) dns.importRecords(parent.id(), missing);
            }
            for (String z : subnet.zones()) names.add(dns.reverseZone(z).name());
            return names;
        });
    }

    @Override
    public void drop(ReverseSubnet subnet, Collection<ReverseSubnet> remaining) {
        db.txRun(() -> {
            var needed = new HashSet<String>();
            for (ReverseSubnet r : remaining) {
                needed.addAll(r.zones());
                r.parent().ifPresent(needed::add);
            }
            var mine = new ArrayList<>(subnet.zones());
            subnet.parent().ifPresent(mine::add);
            for (String name : mine) {
                if (needed.contains(name)) continue;
                dns.zoneByName(name).filter(Zone::provider).ifPresent(z -> dns.deleteZone(z.id()));
            }
            // A parent kept for other pools loses this pool's CNAMEs.
            subnet.parent().filter(needed::contains).flatMap(dns::zoneByName).ifPresent(parent -> {
                for (String owner : subnet.cnames().keySet()) dns.replaceAt(parent.id(), owner, "CNAME", List.of());
            });
        });
    }

    /** The provider zone that holds the owner name: the longest of the subnet's zones it falls in. */
    private Zone zoneOf(ReverseSubnet subnet, String owner) {
        String best = null;
        for (String z : subnet.zones()) {
            if ((owner.equals(z) || owner.endsWith("." + z)) && (best == null || z.length() > best.length())) best = z;
        }
        String name = best;
        return name == null ? null : dns.zoneByName(name).filter(Zone::provider).orElse(null);
    }

    @Override
    public Map<InetAddress, String> ptrs(ReverseSubnet subnet, Collection<InetAddress> addresses) {
        var byZone = new HashMap<Long, Map<String, InetAddress>>();
        for (InetAddress a : addresses) {
            String owner = subnet.ptrOwner(a);
            Zone z = zoneOf(subnet, owner);
            if (z != null) byZone.computeIfAbsent(z.id(), k -> new LinkedHashMap<>()).put(owner, a);
        }
        var out = new LinkedHashMap<InetAddress, String>();
        byZone.forEach((zoneId, owners) -> {
            for (DnsRecord r : dns.recordsAt(zoneId, owners.keySet())) {
                if (r.type().equals("PTR")) out.putIfAbsent(owners.get(r.name()), r.content());
            }
        });
        return out;
    }

    @Override
    public void setPtr(ReverseSubnet subnet, InetAddress address, String hostname) {
        String owner = subnet.ptrOwner(address);
        db.txRun(() -> {
            Zone z = zoneOf(subnet, owner);
            if (z == null) {
                if (hostname == null) return;
                // Staff deleted the zone by hand: the pool's zones come back with the first PTR.
                ensure(subnet);
                z = zoneOf(subnet, owner);
                if (z == null) throw StewardException.conflict("The reverse zone of " + address.getHostAddress() + " could not be made");
            }
            dns.replaceAt(z.id(), owner, "PTR", hostname == null ? List.of() : List.of(hostname + "."));
        });
    }
}
