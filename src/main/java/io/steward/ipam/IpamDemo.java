package io.steward.ipam;

import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import java.util.List;

/**
 * The demo's IP space: an IPv4 pool in the documentation range 192.0.2.0/24 (RFC 5737) and an
 * IPv6 pool 2001:db8:100::/64 (RFC 3849), the Starter Hosting product giving one address of each,
 * and the demo hosting service holding one of each (handed out as staff would: its demo module
 * does not take addresses) with a PTR for its IPv4 address. Idempotent.
 */
public final class IpamDemo {
    public static final String IPV4_POOL = "192.0.2.0/24";
    public static final String IPV6_POOL = "2001:db8:100::/64";

    private final IpPools pools;
    private final IpAssignments assignments;
    private final ServiceIps serviceIps;
    private final ServiceOperations services;

    IpamDemo(IpPools pools, IpAssignments assignments, ServiceIps serviceIps, ServiceOperations services) {
        this.pools = pools;
        this.assignments = assignments;
        this.serviceIps = serviceIps;
        this.services = services;
    }

    /** {@code serviceDomain} names the demo hosting service among the client's services. */
    public void load(long clientId, Long starterProductId, String serviceDomain) {
        IpPool v4 = pool("Documentation IPv4", IPV4_POOL, "192.0.2.1", List.of("192.0.2.2"));
        IpPool v6 = pool("Documentation IPv6", IPV6_POOL, "2001:db8:100::1", List.of());
        if (starterProductId != null) pools.putPolicy(starterProductId, 1, 1, List.of(v4.id(), v6.id()));
        Service s = services.byClient(clientId).stream().filter(x -> serviceDomain.equals(x.domain()) && !x.isClosed())
                .findFirst().orElse(null);
        if (s == null || !assignments.ofService(s.id()).isEmpty()) return;
        IpAddress a = assignments.assign(v4, s.id(), s.clientId(), "192.0.2.10");
        assignments.assign(v6, s.id(), s.clientId(), null);
        serviceIps.setPtrAsStaff(a.address(), serviceDomain);
    }

    /** Gives the product's services addresses from the demo pools (the cloud demo's product: its VMs lease them one by one). */
    public void policy(long productId, int ipv4, int ipv6) {
        IpPool v4 = pool("Documentation IPv4", IPV4_POOL, "192.0.2.1", List.of("192.0.2.2"));
        IpPool v6 = pool("Documentation IPv6", IPV6_POOL, "2001:db8:100::1", List.of());
        pools.putPolicy(productId, ipv4, ipv6, List.of(v4.id(), v6.id()));
    }

    private IpPool pool(String name, String cidr, String gateway, List<String> reserved) {
        return pools.list().stream().filter(p -> p.cidr().equals(cidr)).findFirst()
                .orElseGet(() -> pools.create(new IpPools.Input(name, cidr, gateway, reserved, false,
                        "Demo pool in a range reserved for documentation (" + (cidr.contains(":") ? "RFC 3849" : "RFC 5737") + ")")));
    }
}
