package io.steward.ipam;

import io.steward.service.Service;
import java.util.List;

/**
 * Addresses handed to the parts of a service one by one (a cloud service's VMs), from the pools of
 * its product's IP policy. The service holds them like any other address (they show in
 * {@code /service/@id/ip} and cool down when released), the caller keeps which part has which.
 */
public interface AddressLeases {
    /** An address with what a guest needs to configure it. */
    record Lease(String address, int family, int prefix, String gateway) {}

    /**
     * Gives the service {@code v4} IPv4 and {@code v6} IPv6 addresses more, in the caller's
     * transaction: all or none (409 when a family ran out; 422 when the product has no IP policy).
     */
    List<Lease> take(Service service, int v4, int v6);

    /** The leases of addresses the service holds (to configure a guest again), in the order given. */
    List<Lease> describe(long serviceId, List<String> addresses);

    /** Releases these addresses of the service into the cool-down; ones it no longer holds are skipped. */
    void release(long serviceId, List<String> addresses);
}
