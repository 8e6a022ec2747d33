package io.steward.ipam;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The staff API's IP pools, their addresses, products' address policies and PTRs of any pool address. */
public final class IpamAdminHandlers {
    private final IpPools pools;
    private final IpAssignments assignments;
    private final ServiceIps serviceIps;
    private final ServiceOperations services;

    IpamAdminHandlers(IpPools pools, IpAssignments assignments, ServiceIps serviceIps, ServiceOperations services) {
        this.pools = pools;
        this.assignments = assignments;
        this.serviceIps = serviceIps;
        this.services = services;
    }

    public Object pools(Call call) {
        return obj("pools", pools.list().stream().map(this::pool).toList());
    }

    public Object pool(Call call) {
        return obj("pool", pool(pools.get(call.pathId("id"))));
    }

    public Object createPool(Call call) {
        return Reply.json(201, obj("pool", pool(pools.create(input(call.params())))));
    }

    public Object updatePool(Call call) {
        return obj("pool", pool(pools.update(call.pathId("id"), input(call.params()))));
    }

    public Object deletePool(Call call) {
        pools.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    private static IpPools.Input input(Params p) {
        Boolean classless = p.has("rdns_classless") ? p.flag("rdns_classless", false) : null;
        return new IpPools.Input(p.string("name").orElse(null), p.string("cidr").orElse(null), p.string("gateway").orElse(null),
                p.list("reserved").orElse(null), classless, p.string("notes").orElse(null));
    }

    private Map<String, Object> pool(IpPool p) {
        IpNet net = p.net();
        var u = pools.utilisation(p);
        var zones = new ArrayList<>(p.reverse().zones());
        p.reverse().parent().ifPresent(parent -> zones.add(0, parent));
        return obj("id", p.id(), "name", p.name(), "family", p.family(), "cidr", p.cidr(), "network", p.network(), "prefix", p.prefix(),
                "netmask", net.netmask(), "gateway", p.gateway(), "reserved", p.reserved(), "rdns_classless", p.classless(),
                "rdns_zones", zones, "notes", p.notes(), "created_at", Times.stamp(p.createdAt()),
                "utilisation", obj("usable", u.usable().toString(), "assigned", Long.toString(u.assigned()),
                        "cooling", Long.toString(u.cooling()), "free", u.free().toString()));
    }

    // Addresses.

    public Object addresses(Call call) {
        IpPool p = pools.get(call.pathId("id"));
        var inUse = assignments.inUse(p.id());
        var ptrs = serviceIps.ptrs(p, inUse);
        return obj("pool_id", p.id(), "cooldown_days", assignments.cooldown().toDays(),
                "addresses", inUse.stream().map(a -> address(a, ptrs.get(a.address()))).toList());
    }

    /** Staff hand a service an address of the pool: {@code ip}, or the lowest free one. */
    public Object assign(Call call) {
        IpPool p = pools.get(call.pathId("id"));
        var params = call.params();
        long serviceId = params.id("service_id").orElseThrow(() -> Params.missing("service_id"));
        Service s = services.find(serviceId).filter(x -> !x.isClosed()).orElseThrow(() -> StewardException.invalid(
                Map.of("service_id", List.of("No open service " + serviceId))));
        var change = serviceIps.assignAsStaff(p, s, params.string("ip").filter(x -> !x.isBlank()).orElse(null));
        return Reply.json(201, obj("address", address(change.address(), null), "module_error", change.moduleError()));
    }

    public Object release(Call call) {
        IpPool p = pools.get(call.pathId("id"));
        var change = serviceIps.releaseAsStaff(p, call.pathParam("ip"));
        return obj("address", address(change.address(), null), "module_error", change.moduleError());
    }

    private static Map<String, Object> address(IpAddress a, String ptr) {
        return obj("ip", a.address(), "status", a.held() ? "assigned" : "cooling", "service_id", a.serviceId(), "client_id", a.clientId(),
                "assigned_at", stamp(a.held() ? a.assignedAt() : null), "last_service_id", a.lastServiceId(),
                "released_at", stamp(a.held() ? null : a.releasedAt()), "cooling_until", stamp(a.held() ? null : a.coolingUntil()),
                "hostname", ptr);
    }

    private static String stamp(LocalDateTime t) {
        return t == null ? null : Times.stamp(t);
    }

    // Products' policies.

    public Object policy(Call call) {
        return obj("policy", policy(pools.policy(call.pathId("id"))));
    }

    public Object setPolicy(Call call) {
        var p = call.params();
        int v4 = p.intValue("ipv4_count", 0, 0, 64);
        int v6 = p.intValue("ipv6_count", 0, 0, 64);
        var ids = new ArrayList<Long>();
        for (String s : p.list("pool_ids").orElse(List.of())) {
            ids.add(io.steward.core.Ids.parse(s).stream().boxed().findFirst().orElseThrow(() -> StewardException.badRequest(
                    "Parameter 'pool_ids' must be a list of ids (digits 0-9)")));
        }
        return obj("policy", policy(pools.putPolicy(call.pathId("id"), v4, v6, ids)));
    }

    public Object deletePolicy(Call call) {
        pools.deletePolicy(call.pathId("id"));
        return obj("deleted", true);
    }

    private static Map<String, Object> policy(IpPolicy p) {
        return obj("product_id", p.productId(), "ipv4_count", p.ipv4Count(), "ipv6_count", p.ipv6Count(), "pool_ids", p.poolIds());
    }

    // PTRs of any pool address.

    public Object ptr(Call call) {
        var v = serviceIps.staffView(call.params().required("ip"));
        return obj("ip", v.ip(), "pool_id", v.pool().id(), "service_id", v.address() == null ? null : v.address().serviceId(),
                "hostname", v.ptr());
    }

    public Object setPtr(Call call) {
        var p = call.params();
        String ip = p.required("ip");
        if (!p.has("hostname")) throw Params.missing("hostname");
        serviceIps.setPtrAsStaff(ip, p.string("hostname").orElse(""));
        var v = serviceIps.staffView(ip);
        return obj("ip", v.ip(), "pool_id", v.pool().id(), "service_id", v.address() == null ? null : v.address().serviceId(),
                "hostname", v.ptr());
    }
}
