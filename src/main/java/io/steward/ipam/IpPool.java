package io.steward.ipam;

import io.steward.dns.ReverseSubnet;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An IP pool as stored.
 *
 * @param network   the subnet's first address, canonical text
 * @param gateway   the subnet's gateway (never handed out), or null
 * @param reserved  further addresses never handed out, canonical text
 * @param classless the PTRs live in an RFC 2317 zone of their own (IPv4 longer than /24)
 */
record IpPool(long id, String name, int family, String network, int prefix, String gateway, List<String> reserved, boolean classless,
              String notes, LocalDateTime createdAt) {
    IpNet net() {
        return new IpNet(ReverseSubnet.literal(network), prefix);
    }

    ReverseSubnet reverse() {
        return new ReverseSubnet(ReverseSubnet.literal(network), prefix, classless);
    }

    String cidr() {
        return network + "/" + prefix;
    }
}
