package io.steward.ipam;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.dns.ReverseSubnet;
import io.steward.dns.ReverseZones;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Staff's pools and products' address policies. A pool's reverse zones are made with it, in the
 * same transaction, and go with it when no other pool needs them.
 */
final class IpPools {
    /** What staff send for a pool; nulls keep the stored value on update. */
    record Input(String name, String cidr, String gateway, List<String> reserved, Boolean classless, String notes) {}

    /**
     * A pool's figures. {@code usable}: addresses it can hand out (without network, broadcast,
     * gateway and reserved ones); IPv6 pools count in the quintillions, hence {@code BigInteger}.
     */
    record Utilisation(BigInteger usable, long assigned, long cooling, BigInteger free) {}

    private final Db db;
    private final Clock clock;
    private final IpamStore store;
    private final ReverseZones reverse;
    private final LongPredicate productExists;

    IpPools(Db db, Clock clock, IpamStore store, ReverseZones reverse, LongPredicate productExists) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.reverse = reverse;
        this.productExists = productExists;
    }

    List<IpPool> list() {
        return store.pools();
    }

    IpPool get(long id) {
        return store.pool(id).orElseThrow(() -> StewardException.notFound("IP pool not found"));
    }

    Utilisation utilisation(IpPool p) {
        IpNet net = p.net();
        BigInteger usable = net.usable().subtract(BigInteger.valueOf(excluded(p, net).size()));
        var now = Times.now(clock);
        long assigned = store.countHeld(p.id());
        long cooling = store.countCooling(p.id(), now);
        return new Utilisation(usable, assigned, cooling, usable.subtract(BigInteger.valueOf(assigned + cooling)).max(BigInteger.ZERO));
    }

    /** Offsets in the usable range that are never handed out: the gateway and the reserved addresses. */
    static java.util.Set<BigInteger> excluded(IpPool p, IpNet net) {
        var out = new java.util.HashSet<BigInteger>();
        var all = new ArrayList<>(p.reserved());
        if (p.gateway() != null) all.add(p.gateway());
        for (String a : all) {
            BigInteger o = net.offsetOf(ReverseSubnet.literal(a));
            if (o.compareTo(net.firstUsable()) >= 0 && o.compareTo(net.lastUsable()) <= 0) out.add(o);
        }
        return out;
    }

    IpPool create(Input in) {
        var v = new Validation();
        String name = in.name() == null ? "" : in.name().strip();
        v.check(!name.isEmpty(), "name", "A name is required");
        IpNet net = IpNet.parse(in.cidr(), "cidr");
        boolean classless = Boolean.TRUE.equals(in.classless());
        String gateway = address(net, in.gateway(), "gateway", v);
        List<String> reserved = reserved(net, in.reserved(), v);
        v.throwIfAny();
        var candidate = new IpPool(0, name, net.family(), IpNet.text(net.network()), net.prefix(), gateway, reserved, classless,
                in.notes() == null ? "" : in.notes().strip(), null);
        // Checks the prefix against what reverse zones can be cut for (422 naming cidr or rdns_classless).
        ReverseSubnet subnet = candidate.reverse();
        return db.tx(() -> {
            for (IpPool other : store.pools()) {
                if (other.net().overlaps(net)) {
                    throw StewardException.conflict("The subnet " + net.cidr() + " overlaps pool " + other.id() + " (" + other.cidr() + ")");
                }
            }
            LocalDateTime now = Times.now(clock);
            long id = store.insertPool(candidate, now);
            reverse.ensure(subnet);
            return get(id);
        });
    }

    IpPool update(long id, Input in) {
        return db.tx(() -> {
            IpPool p = store.poolForUpdate(id).orElseThrow(() -> StewardException.notFound("IP pool not found"));
            IpNet net = p.net();
            var v = new Validation();
            if (in.cidr() != null && !IpNet.parse(in.cidr(), "cidr").cidr().equals(net.cidr())) {
                v.add("cidr", "A pool's subnet cannot change; make a new pool");
            }
            if (in.classless() != null && in.classless() != p.classless()) {
                v.add("rdns_classless", "A pool's reverse zones cannot change; make a new pool");
            }
            String name = in.name() == null ? p.name() : in.name().strip();
            v.check(!name.isEmpty(), "name", "A name is required");
            String gateway = in.gateway() == null ? p.gateway() : address(net, in.gateway(), "gateway", v);
            List<String> reserved = in.reserved() == null ? p.reserved() : reserved(net, in.reserved(), v);
            v.throwIfAny();
            var changed = new IpPool(id, name, p.family(), p.network(), p.prefix(), gateway, reserved, p.classless(),
                    in.notes() == null ? p.notes() : in.notes().strip(), p.createdAt());
            // An address already handed out may not become the gateway or reserved: it would stay held.
            for (IpAddress a : store.inUse(id, Times.now(clock))) {
                if (a.address().equals(gateway) || reserved.contains(a.address())) {
                    throw StewardException.conflict(a.address() + " is " + (a.held() ? "held by service " + a.serviceId() : "cooling down")
                            + "; it cannot be the gateway or reserved");
                }
            }
            store.updatePool(changed, Times.now(clock));
            return get(id);
        });
    }

    void delete(long id) {
        db.txRun(() -> {
            IpPool p = store.poolForUpdate(id).orElseThrow(() -> StewardException.notFound("IP pool not found"));
            var u = utilisation(p);
            if (u.assigned() > 0 || u.cooling() > 0) {
                throw StewardException.conflict("The pool has " + u.assigned() + " address(es) held and " + u.cooling()
                        + " cooling down; release them first");
            }
            var remaining = store.pools().stream().filter(o -> o.id() != id).map(IpPool::reverse).toList();
            reverse.drop(p.reverse(), remaining);
            store.deletePool(id);
        });
    }

    /** An address of the subnet that can be handed out (for the gateway), in canonical text; null for none. */
    private static String address(IpNet net, String raw, String field, Validation v) {
        if (raw == null || raw.isBlank()) return null;
        InetAddress a = ReverseSubnet.literal(raw);
        if (a == null || !net.contains(a)) {
            v.add(field, raw.strip() + " is not an address of " + net.cidr());
            return null;
        }
        BigInteger o = net.offsetOf(a);
        if (o.compareTo(net.firstUsable()) < 0 || o.compareTo(net.lastUsable()) > 0) {
            v.add(field, raw.strip() + " is the subnet's network, broadcast or anycast address");
            return null;
        }
        return IpNet.text(a);
    }

    private static List<String> reserved(IpNet net, List<String> raw, Validation v) {
        var out = new LinkedHashSet<String>();
        for (String r : raw == null ? List.<String>of() : raw) {
            String a = address(net, r, "reserved", v);
            if (a != null) out.add(a);
        }
        return List.copyOf(out);
    }

    // Product policies.

    IpPolicy policy(long productId) {
        requireProduct(productId);
        return store.policy(productId).orElse(new IpPolicy(productId, 0, 0, List.of()));
    }

    IpPolicy putPolicy(long productId, int ipv4, int ipv6, List<Long> poolIds) {
        requireProduct(productId);
        return db.tx(() -> {
            var v = new Validation();
            for (long poolId : poolIds) v.check(store.pool(poolId).isPresent(), "pool_ids", "No IP pool " + poolId);
            v.throwIfAny();
            var families = poolIds.stream().map(id -> store.pool(id).orElseThrow().family()).toList();
            v.check(ipv4 == 0 || families.contains(4), "pool_ids", "IPv4 addresses need at least one IPv4 pool");
            v.check(ipv6 == 0 || families.contains(6), "pool_ids", "IPv6 addresses need at least one IPv6 pool");
            v.throwIfAny();
            var p = new IpPolicy(productId, ipv4, ipv6, List.copyOf(new LinkedHashSet<>(poolIds)));
            store.putPolicy(p, Times.now(clock));
            return p;
        });
    }

    void deletePolicy(long productId) {
        requireProduct(productId);
        db.txRun(() -> store.deletePolicy(productId));
    }

    private void requireProduct(long productId) {
        if (!productExists.test(productId)) throw StewardException.notFound("Product not found");
    }
}
