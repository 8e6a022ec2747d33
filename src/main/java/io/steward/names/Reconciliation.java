package io.steward.names;

import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings what was held before ownership of names existed in line with it, once: a zone made by
 * one client at or under a domain Steward's registry holds for another (Active, or Expired while
 * held — the rule {@link NameClaims#requireClaim} uses), or under a name whose most specific claim
 * is another client's, is released exactly as a registration releases a squatter's zone
 * ({@link NameHolder#release}: deleted, so it stops answering), and each release is logged at WARN.
 * Every domain the registry holds gets its {@code registration} claim, as a registration through
 * Steward would have recorded it (replacing a claim of another client on the very name, unless
 * staff gave it).
 *
 * <p>One exception, so that staff's word stands: a zone whose own client holds the most specific
 * claim at or above its name by {@code staff} is kept. Claims exist only since ownership of names,
 * so this spares what staff decided since then, never an old squat.
 *
 * <p>Runs in one transaction at start-up, guarded by a {@code name_reconciliation} row: once per
 * database, on one node. Everything is read in three queries and compared in memory, so it stays
 * cheap with many zones.
 */
final class Reconciliation {
    static final String TASK = "zones-under-held-names";
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final Db db;
    private final Clock clock;
    private final NameStore store;
    private final Supplier<RegisteredNames> registry;
    private final List<NameHolder> holders;

    Reconciliation(Db db, Clock clock, NameStore store, Supplier<RegisteredNames> registry, List<NameHolder> holders) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.registry = registry;
        this.holders = holders;
    }

    /** Runs the task unless it ran before; answers how many held things were released, or -1 when it had run. */
    int runOnce() {
        try {
            return db.tx(() -> {
                var now = Times.now(clock);
                if (!store.startTask(TASK, now)) return -1;
                int released = reconcile(now);
                store.finishTask(TASK, released);
                if (released > 0) LOG.warn("ownership of names: {} zone(s) held under other clients' names were released", released);
                return released;
            });
        } catch (RuntimeException e) {
            // Another node starting at the same moment ran it: the guard row is its.
            if (Db.isConstraintViolation(e)) return -1;
            throw e;
        }
    }

    private int reconcile(java.time.LocalDateTime now) {
        // The registry's word: the domain and its holder, Active ones first when a name is listed twice.
        Map<String, Long> registered = new HashMap<>();
        for (RegisteredNames.Holding h : registry.get().all()) registered.putIfAbsent(h.domain(), h.clientId());
        Map<String, Claim> claims = new HashMap<>();
        for (Claim c : store.allClaims()) claims.put(c.name(), c);

        for (var e : registered.entrySet()) {
            // The registry beats a proof through DNS; a claim staff put on the very name stays (see the class comment).
            Claim c = claims.get(e.getKey());
            if (c == null || (c.clientId() != e.getValue() && !Claim.STAFF.equals(c.method()))) {
                claims.put(e.getKey(), store.put(e.getValue(), e.getKey(), Claim.REGISTRATION, now));
            }
        }

        int released = 0;
        for (NameHolder holder : holders) {
            for (NameHolder.Held held : holder.held()) {
                Claim nearest = nearest(claims, held.name());
                if (nearest != null && nearest.clientId() == held.clientId() && Claim.STAFF.equals(nearest.method())) continue;
                String domain = selfAndParents(held.name()).stream().filter(registered::containsKey).findFirst().orElse(null);
                String reason;
                if (domain != null) {
                    long owner = registered.get(domain);
                    if (owner == held.clientId()) continue;
                    reason = "at or under " + domain + ", registered with us by client " + owner;
                } else if (nearest != null && nearest.clientId() != held.clientId()) {
                    reason = "at or under " + nearest.name() + ", held by client " + nearest.clientId() + " (" + nearest.method() + ")";
                } else {
                    continue;
                }
                LOG.warn("ownership of names: zone {} ({}) of client {} released: {}", held.id(), held.name(), held.clientId(), reason);
                holder.release(held);
                released++;
            }
        }
        return released;
    }

    /** The most specific claim at or above {@code name}, or null. */
    private static Claim nearest(Map<String, Claim> claims, String name) {
        for (String n : selfAndParents(name)) {
            Claim c = claims.get(n);
            if (c != null) return c;
        }
        return null;
    }

    private static List<String> selfAndParents(String name) {
        var out = new ArrayList<String>();
        for (String n = name; n.contains("."); n = n.substring(n.indexOf('.') + 1)) out.add(n);
        return out;
    }
}
