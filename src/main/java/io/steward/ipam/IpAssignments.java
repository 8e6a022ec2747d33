package io.steward.ipam;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.dns.ReverseSubnet;
import io.steward.dns.ReverseZones;
import io.steward.service.Service;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds which address. An address is handed out under a lock on its pool's row, so concurrent
 * assignments from one pool queue and each sees what the others wrote; the unique key on
 * {@code ip_address.address} is the backstop that keeps an address from two holders whatever
 * happens. Free addresses are taken lowest first, IPv6 ones too (a /64 is never enumerated).
 * A released address cools down for {@code ipam.cooldown} before it is handed out again; that is
 * decided when an address is picked, so no sweep is needed.
 */
final class IpAssignments {
    private final Db db;
    private final Clock clock;
    private final IpamStore store;
    private final ReverseZones reverse;
    private final Duration cooldown;

    IpAssignments(Db db, Clock clock, IpamStore store, ReverseZones reverse, Duration cooldown) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.reverse = reverse;
        this.cooldown = cooldown;
    }

    Duration cooldown() { return cooldown; }

    /** The pool's addresses held or cooling down, in address order. */
    List<IpAddress> inUse(long poolId) {
        return store.inUse(poolId, Times.now(clock));
    }

    /** The service's addresses, IPv4 first, each family in the order they were handed out. */
    List<IpAddress> ofService(long serviceId) {
        var out = new ArrayList<>(store.ofService(serviceId));
        out.sort(java.util.Comparator.comparing((IpAddress a) -> a.address().contains(":")).thenComparing(IpAddress::assignedAt)
                .thenComparingLong(IpAddress::id));
        return out;
    }

    /**
     * Gives the service the addresses its product's policy asks for, from the policy's pools in
     * order, and answers all it holds. Idempotent: what it holds already counts. When a pool
     * cannot give what is missing, nothing is assigned (409 saying which family ran out).
     */
    List<IpAddress> assignFor(Service s, Optional<IpPolicy> policy) {
        return db.tx(() -> {
            if (policy.isPresent()) {
                for (int family : List.of(4, 6)) {
                    long held = store.ofService(s.id()).stream().filter(a -> family(a) == family).count();
                    for (long i = held; i < policy.get().count(family); i++) assignFromPolicy(s, policy.get(), family);
                }
            }
            return ofService(s.id());
        });
    }

    private IpAddress assignFromPolicy(Service s, IpPolicy policy, int family) {
        for (long poolId : policy.poolIds()) {
            IpPool pool = store.pool(poolId).orElse(null);
            // Only a pool that looks free is locked: products may list the same pools in different
            // orders, and locking full ones on the way would let two assignments wait on each other.
            if (pool == null || pool.family() != family || pick(pool, null).isEmpty()) continue;
            Optional<IpAddress> got = assignIfFree(pool, s.id(), s.clientId());
            if (got.isPresent()) return got.get();
        }
        throw StewardException.conflict("No free IPv" + family + " address for service " + s.id()
                + " in the pools of product " + policy.productId() + " " + policy.poolIds());
    }

    /** {@link #assign} of the lowest free address, or empty when the pool filled up meanwhile. */
    private Optional<IpAddress> assignIfFree(IpPool pool, long serviceId, long clientId) {
        IpPool locked = store.poolForUpdate(pool.id()).orElse(null);
        if (locked == null || pick(locked, null).isEmpty()) return Optional.empty();
        return Optional.of(assign(locked, serviceId, clientId, null));
    }

    /** {@code v4} and {@code v6} addresses more for the service from the policy's pools, all or none. */
    List<IpAddress> assignMore(Service s, IpPolicy policy, int v4, int v6) {
        return db.tx(() -> {
            var out = new ArrayList<IpAddress>();
            for (int i = 0; i < v4; i++) out.add(assignFromPolicy(s, policy, 4));
            for (int i = 0; i < v6; i++) out.add(assignFromPolicy(s, policy, 6));
            return out;
        });
    }

    /** Releases those of {@code addresses} the service holds. */
    void release(long serviceId, List<String> addresses) {
        db.txRun(() -> {
            var wanted = new HashSet<>(addresses);
            release(store.ofService(serviceId).stream().filter(a -> wanted.contains(a.address())).toList());
        });
    }

    /**
     * Hands the service one address of the pool: {@code wanted}, or the lowest free one. 409 when
     * the wanted address is held, cooling down, reserved or the gateway, or when the pool is full.
     */
    IpAddress assign(IpPool unlocked, long serviceId, long clientId, String wanted) {
        return db.tx(() -> {
            IpPool pool = store.poolForUpdate(unlocked.id()).orElseThrow(() -> StewardException.notFound("IP pool not found"));
            long position = pick(pool, wanted).orElseThrow(() -> wanted != null
                    ? StewardException.conflict(wanted + " is not free: it is held, cooling down, reserved or the gateway")
                    : StewardException.conflict("The pool " + pool.cidr() + " has no free address"));
            LocalDateTime now = Times.now(clock);
            String text = IpNet.text(pool.net().at(BigInteger.valueOf(position)));
            var existing = store.byPosition(pool.id(), position);
            if (existing.isPresent()) {
                if (!store.take(existing.get().id(), serviceId, clientId, now)) throw StewardException.conflict(text + " was just taken");
            } else {
                store.insertHeld(pool.id(), text, position, serviceId, clientId, now);
            }
            return store.byAddress(text).orElseThrow();
        });
    }

    /** The position of {@code wanted} if it is free, else of the lowest free address; empty when there is none. Under the pool's lock. */
    private Optional<Long> pick(IpPool pool, String wanted) {
        IpNet net = pool.net();
        var excluded = IpPools.excluded(pool, net);
        var inUse = new HashSet<>(store.positionsInUse(pool.id(), Times.now(clock)));
        BigInteger first = net.firstUsable();
        // Positions are BIGINT: an IPv6 pool hands out its first 2^63 addresses, enough for any host.
        BigInteger last = net.lastUsable().min(BigInteger.valueOf(Long.MAX_VALUE));
        if (wanted != null) {
            InetAddress a = ReverseSubnet.literal(wanted);
            if (a == null || !net.contains(a)) {
                throw StewardException.invalid(Map.of("ip", List.of(wanted + " is not an address of " + pool.cidr())));
            }
            BigInteger o = net.offsetOf(a);
            boolean free = o.compareTo(first) >= 0 && o.compareTo(last) <= 0 && !excluded.contains(o) && !inUse.contains(o.longValue());
            return free ? Optional.of(o.longValue()) : Optional.empty();
        }
        for (long p = first.longValue(); BigInteger.valueOf(p).compareTo(last) <= 0; p++) {
            if (!inUse.contains(p) && !excluded.contains(BigInteger.valueOf(p))) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Releases what the service holds into the cool-down and removes the addresses' PTRs; in the caller's transaction. */
    List<IpAddress> releaseAll(long serviceId) {
        return db.tx(() -> release(store.ofService(serviceId)));
    }

    /** Staff release of one address. */
    IpAddress release(IpPool pool, String address) {
        return db.tx(() -> {
            String text = IpNet.canonical(address);
            IpAddress a = text == null ? null : store.byAddress(text).filter(x -> x.poolId() == pool.id() && x.held()).orElse(null);
            if (a == null) throw StewardException.notFound("No address " + address + " is held in this pool");
            release(List.of(a));
            return store.byAddress(text).orElseThrow();
        });
    }

    private List<IpAddress> release(List<IpAddress> held) {
        LocalDateTime now = Times.now(clock);
        for (IpAddress a : held) {
            IpPool pool = store.pool(a.poolId()).orElseThrow();
            // The next holder must not inherit the old one's host name.
            reverse.setPtr(pool.reverse(), ReverseSubnet.literal(a.address()), null);
        }
        store.release(held.stream().map(IpAddress::id).toList(), now, now.plus(cooldown));
        return held;
    }

    static int family(IpAddress a) {
        return a.address().contains(":") ? 6 : 4;
    }
}
