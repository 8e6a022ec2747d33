package io.steward.ipam;

import io.steward.account.Actor;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.db.Db;
import io.steward.dns.ReverseSubnet;
import io.steward.dns.ReverseZones;
import io.steward.service.Service;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.ServiceOperations;
import io.steward.service.module.IpAddresses;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ReverseDns;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A service's addresses and their reverse DNS, as its client (and staff) see them.
 *
 * <p>Rules: another client's service is not found (404); a contact needs the service's
 * {@code basic} privilege (403). A service whose module does not take addresses
 * ({@link IpAddresses}) and holds none answers 422. A client may set the PTR of exactly the
 * addresses its service holds: any other address — free, another client's, outside every pool — is
 * "not found", so nothing is learnt about other clients. The PTR is served by Steward's DNS
 * server whatever the module; a module that also keeps PTRs ({@link ReverseDns}) is told first,
 * and a refusal leaves every PTR of the request unchanged.
 */
final class ServiceIps {
    /** An address with what the client API shows of it. */
    record Ip(IpAddress address, IpPool pool, boolean main, String ptr) {}

    /** LDH labels (RFC 1123 §2.1): letters, digits and inner hyphens, 1 to 63 characters. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final Db db;
    private final IpamStore store;
    private final ReverseZones reverse;
    private final ServiceOperations services;
    private final ServiceModuleAccess modules;
    private final IpAssignments assignments;

    ServiceIps(Db db, IpamStore store, IpAssignments assignments, ReverseZones reverse, ServiceOperations services,
               ServiceModuleAccess modules) {
        this.db = db;
        this.assignments = assignments;
        this.store = store;
        this.reverse = reverse;
        this.services = services;
        this.modules = modules;
    }

    private Service service(Actor actor, long serviceId) {
        Service s = services.find(serviceId).filter(x -> x.clientId() == actor.clientId())
                .orElseThrow(() -> StewardException.notFound("Service not found"));
        actor.requireService(serviceId, "basic");
        return s;
    }

    /** The client's service's addresses, IPv4 first; the first is the main one. */
    List<Ip> ips(Actor actor, long serviceId) {
        Service s = service(actor, serviceId);
        var held = assignments.ofService(s.id());
        if (held.isEmpty() && !modules.has(s, IpAddresses.class)) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, "This service has no IP addresses");
        }
        return withPtrs(held);
    }

    /** The addresses with their PTRs, the first marked main. */
    List<Ip> withPtrs(List<IpAddress> held) {
        var out = new ArrayList<Ip>();
        for (IpAddress a : held) {
            IpPool pool = store.pool(a.poolId()).orElseThrow();
            String ptr = reverse.ptr(pool.reverse(), ReverseSubnet.literal(a.address())).orElse(null);
            out.add(new Ip(a, pool, out.isEmpty(), ptr));
        }
        return out;
    }

    /**
     * Sets the PTRs of the service's addresses: {@code ip → hostname}, an empty hostname removing
     * it. All or nothing.
     */
    void setRdns(Actor actor, long serviceId, Map<String, String> entries) {
        Service s = service(actor, serviceId);
        if (entries.isEmpty()) {
            throw StewardException.invalid(Map.of("ipaddress", List.of("Give ipaddress[<ip>]=<hostname> for at least one address")));
        }
        var held = new LinkedHashMap<String, IpAddress>();
        for (IpAddress a : store.ofService(s.id())) held.put(a.address(), a);
        if (held.isEmpty() && !modules.has(s, IpAddresses.class)) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, "This service has no IP addresses");
        }
        var changes = new LinkedHashMap<IpAddress, String>();
        for (var e : entries.entrySet()) {
            String text = IpNet.canonical(e.getKey());
            IpAddress a = text == null ? null : held.get(text);
            if (a == null) throw StewardException.notFound("IP address " + e.getKey().strip() + " not found on this service");
            changes.put(a, hostname(e.getValue(), "ipaddress[" + e.getKey() + "]"));
        }
        var module = modules.capability(s.id(), ReverseDns.class, "rdns");
        if (module.isPresent()) {
            var bound = module.get();
            for (var c : changes.entrySet()) {
                ModuleResult r;
                try {
                    r = bound.capability().ptrChanged(bound.request(), c.getKey().address(), c.getValue());
                } catch (RuntimeException e) {
                    // A module that throws answers as one that refused (ServerModule's contract), never a 500.
                    r = ModuleResult.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
                if (r == null || !r.success()) {
                    throw StewardException.conflict("The service's platform refused the reverse DNS of " + c.getKey().address()
                            + (r == null || r.error() == null ? "" : ": " + r.error()));
                }
            }
        }
        db.txRun(() -> changes.forEach(this::setPtr));
    }

    /** A staff change of a service's addresses, and the module's refusal of it (null when it took it or takes no addresses). */
    record StaffChange(IpAddress address, String moduleError) {}

    /** Staff hand the service an address of the pool ({@code ip}, or the lowest free one); its module is told after the commit. */
    StaffChange assignAsStaff(IpPool pool, Service s, String ip) {
        IpAddress a = assignments.assign(pool, s.id(), s.clientId(), ip);
        return new StaffChange(a, tell(s.id()));
    }

    /** Staff take a held address back; the module of the service that held it is told after the commit. */
    StaffChange releaseAsStaff(IpPool pool, String ip) {
        IpAddress a = assignments.release(pool, ip);
        return new StaffChange(a, a.lastServiceId() == null ? null : tell(a.lastServiceId()));
    }

    /**
     * Tells a module that takes addresses what the service holds now ({@link IpAddresses#addressesChanged}).
     * Outside any transaction, as every module call; the change is Steward's record either way, so a
     * refusal is answered to staff (to fix on the platform or undo) rather than rolled back.
     */
    private String tell(long serviceId) {
        var bound = modules.capability(serviceId, IpAddresses.class, "addresses");
        if (bound.isEmpty()) return null;
        var held = assignments.ofService(serviceId).stream().map(IpAddress::address).toList();
        ModuleResult r;
        try {
            r = bound.get().capability().addressesChanged(bound.get().request(), held);
        } catch (RuntimeException e) {
            r = ModuleResult.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return r != null && r.success() ? null : r == null || r.error() == null ? "The module answered nothing" : r.error();
    }

    /** The PTRs of addresses of one pool, by address text. */
    Map<String, String> ptrs(IpPool pool, List<IpAddress> addresses) {
        var out = new LinkedHashMap<String, String>();
        var found = reverse.ptrs(pool.reverse(), addresses.stream().map(a -> ReverseSubnet.literal(a.address())).toList());
        found.forEach((a, host) -> out.put(IpNet.text(a), host));
        return out;
    }

    /** Staff: the PTR of any address of any pool; null hostname removes it. 404 outside every pool. */
    void setPtrAsStaff(String ip, String hostname) {
        db.txRun(() -> {
            IpPool pool = poolOf(ip);
            reverse.setPtr(pool.reverse(), ReverseSubnet.literal(ip), hostname(hostname, "hostname"));
        });
    }

    /** Staff: the PTR of an address of a pool, and who holds the address. */
    record StaffView(String ip, IpPool pool, IpAddress address, String ptr) {}

    StaffView staffView(String ip) {
        IpPool pool = poolOf(ip);
        InetAddress a = ReverseSubnet.literal(ip);
        String text = IpNet.text(a);
        return new StaffView(text, pool, store.byAddress(text).orElse(null), reverse.ptr(pool.reverse(), a).orElse(null));
    }

    private IpPool poolOf(String ip) {
        InetAddress a = ReverseSubnet.literal(ip);
        if (a == null) throw StewardException.invalid(Map.of("ip", List.of("An IPv4 or IPv6 address is required")));
        return store.pools().stream().filter(p -> p.net().contains(a)).findFirst()
                .orElseThrow(() -> StewardException.notFound("No IP pool holds " + ip.strip()));
    }

    private void setPtr(IpAddress a, String hostname) {
        IpPool pool = store.pool(a.poolId()).orElseThrow();
        reverse.setPtr(pool.reverse(), ReverseSubnet.literal(a.address()), hostname);
    }

    /**
     * A PTR target: a fully qualified host name of LDH labels (at least two, the last not all
     * digits), at most 253 characters, a final dot allowed; empty is null (remove). 422 naming the field.
     */
    static String hostname(String raw, String field) {
        if (raw == null || raw.isBlank()) return null;
        String h = raw.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        String[] labels = h.split("\\.", -1);
        boolean ok = h.length() <= 253 && labels.length >= 2 && !labels[labels.length - 1].matches("[0-9]+");
        for (String l : labels) ok &= LABEL.matcher(l).matches();
        if (!ok) {
            throw StewardException.invalid(Map.of(field, List.of("A fully qualified host name is required, such as host.example.com "
                    + "(letters, digits and hyphens, labels of at most 63 characters, 253 in all)")));
        }
        return h;
    }
}
