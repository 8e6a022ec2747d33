package io.steward.ipam;

import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.dns.ReverseZones;
import io.steward.service.ProvisioningHook;
import io.steward.service.Service;
import io.steward.service.ServiceListener;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.ServiceOperations;
import io.steward.service.module.IpAddresses;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * IP address management assembled: pools, products' policies, assignment by the provisioning job
 * (this feature is a {@link ProvisioningHook}), release into a cool-down when a service ends (the
 * hook's {@code terminated}, and as a {@link ServiceListener} for services ending without a job), the
 * client API's {@code /service/@id/ip} and {@code /service/@id/rdns}, and the staff API.
 * PTR records live in the DNS feature's reverse zones ({@link ReverseZones}).
 *
 * <p>Configuration: {@code ipam.cooldown} (7 days), how long a released address stays out of use.
 */
public final class IpamFeature implements ProvisioningHook, ServiceListener, AddressLeases {
    private final IpamStore store;
    private final IpPools pools;
    private final IpAssignments assignments;
    private final ServiceIps serviceIps;
    private final ServiceModuleAccess modules;
    private final ServiceOperations services;
    private final IpamClientHandlers clientHandlers;
    private final IpamAdminHandlers adminHandlers;

    /** {@code productExists} asks the catalog (policies are keyed by product id). */
    public IpamFeature(Db db, Clock clock, Config config, ReverseZones reverse, ServiceOperations services, ServiceModuleAccess modules,
                       LongPredicate productExists) {
        Duration cooldown = config.getDuration("ipam.cooldown", Duration.ofDays(7));
        if (cooldown.isNegative()) throw new IllegalArgumentException("ipam.cooldown must not be negative");
        this.store = new IpamStore(db);
        this.modules = modules;
        this.services = services;
        this.pools = new IpPools(db, clock, store, reverse, productExists);
        this.assignments = new IpAssignments(db, clock, store, reverse, cooldown);
        this.serviceIps = new ServiceIps(db, store, assignments, reverse, services, modules);
        this.clientHandlers = new IpamClientHandlers(serviceIps);
        this.adminHandlers = new IpamAdminHandlers(pools, assignments, serviceIps, services);
    }

    /**
     * Before every create attempt of a service whose module takes addresses: the addresses its
     * product's policy asks for (those it holds already are answered again), as {@code addresses}.
     * A pool that ran out fails the attempt with a clear error; the job retries and, at the last
     * attempt, goes to the dead letter.
     */
    @Override
    public Map<String, Object> beforeCreate(Service s) {
        if (!modules.has(s, IpAddresses.class)) return Map.of();
        Optional<IpPolicy> policy = s.productId() == null ? Optional.empty() : store.policy(s.productId());
        return Map.of("addresses", assignments.assignFor(s, policy).stream().map(IpAddress::address).toList());
    }

    /** A terminated service's addresses cool down, then are free again; their PTRs go at once. */
    @Override
    public void terminated(Service s) {
        assignments.releaseAll(s.id());
    }

    /**
     * A service that ends without a terminate job (a Pending one never provisioned, to which staff
     * may have given addresses) releases them too; after a terminate job this finds nothing left.
     */
    @Override
    public void statusChanged(Service s, String from, String to, String reason) {
        if (List.of(Service.TERMINATED, Service.CANCELLED, Service.FRAUD).contains(to)) assignments.releaseAll(s.id());
    }

    @Override
    public List<AddressLeases.Lease> take(Service s, int v4, int v6) {
        IpPolicy policy = (s.productId() == null ? Optional.<IpPolicy>empty() : store.policy(s.productId()))
                .orElseThrow(() -> new io.steward.core.StewardException(io.steward.core.ErrorCode.UNPROCESSABLE,
                        "This service's product has no IP pools"));
        return assignments.assignMore(s, policy, v4, v6).stream().map(this::lease).toList();
    }

    @Override
    public List<AddressLeases.Lease> describe(long serviceId, List<String> addresses) {
        var held = assignments.ofService(serviceId);
        var out = new java.util.ArrayList<AddressLeases.Lease>();
        for (String a : addresses) held.stream().filter(h -> h.address().equals(a)).findFirst().map(this::lease).ifPresent(out::add);
        return out;
    }

    @Override
    public void release(long serviceId, List<String> addresses) {
        if (!addresses.isEmpty()) assignments.release(serviceId, addresses);
    }

    private AddressLeases.Lease lease(IpAddress a) {
        IpPool pool = store.pool(a.poolId()).orElseThrow();
        return new AddressLeases.Lease(a.address(), pool.family(), pool.prefix(), pool.gateway());
    }

    public IpamClientHandlers clientHandlers() { return clientHandlers; }

    public IpamAdminHandlers adminHandlers() { return adminHandlers; }

    public IpamDemo demo() {
        return new IpamDemo(pools, assignments, serviceIps, services);
    }
}
