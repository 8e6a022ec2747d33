package io.steward.dns;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reverse DNS as the IP address feature uses it. Reverse zones are the provider's (a zone without
 * a client): clients never create, see or claim them through the DNS hosting API; only the PTR of
 * an address they hold is theirs to set, through the IP feature. Like {@link DnsZones}, each method
 * joins the caller's transaction when there is one.
 */
public interface ReverseZones {
    /**
     * Makes sure the zones holding the subnet's PTRs exist (with the configured SOA and NS records);
     * for a classless subnet also its /24 zone with the RFC 2317 CNAMEs. Answers the zone names.
     * A client's zone of such a name is a conflict (409).
     */
    List<String> ensure(ReverseSubnet subnet);

    /**
     * Deletes the subnet's zones that none of {@code remaining} needs (a /24 shared with another pool
     * stays), and a classless subnet's CNAMEs in its /24 zone.
     */
    void drop(ReverseSubnet subnet, Collection<ReverseSubnet> remaining);

    /** The PTR target of each of the addresses that has one. */
    Map<InetAddress, String> ptrs(ReverseSubnet subnet, Collection<InetAddress> addresses);

    default Optional<String> ptr(ReverseSubnet subnet, InetAddress address) {
        return Optional.ofNullable(ptrs(subnet, List.of(address)).get(address));
    }

    /**
     * Sets the address's PTR to {@code hostname} (a host name, checked as a PTR target: 422 naming
     * {@code hostname} otherwise), replacing any other; null removes it.
     */
    void setPtr(ReverseSubnet subnet, InetAddress address, String hostname);
}
