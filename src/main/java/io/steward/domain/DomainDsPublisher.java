package io.steward.domain;

import io.steward.db.Db;
import io.steward.dns.DelegationKey;
import io.steward.dns.DsPublisher;
import io.steward.domain.registrar.Capability;
import io.steward.domain.registrar.DsRecord;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts a signed zone's DS set at the registry of the domain of that name, when the zone's client
 * holds it with us (Active or Expired) and its registrar module supports DNSSEC — the domains
 * feature's side of the DNS feature's {@link DsPublisher} seam. The new DS records are added
 * before the old ones are removed, so the registry never holds an empty set in between.
 */
final class DomainDsPublisher implements DsPublisher {
    private final Db db;
    private final DomainStore store;
    private final Registry registry;

    DomainDsPublisher(Db db, DomainStore store, Registry registry) {
        this.db = db;
        this.store = store;
        this.registry = registry;
    }

    @Override
    public Outcome publish(long clientId, String zone, List<DelegationKey> ds) {
        Domain d = db.tx(() -> store.list(DomainStore.NAME.eq(zone).and(DomainStore.CLIENT_ID.eq(clientId))
                .and(DomainStore.STATUS.in(Domain.MANAGEABLE)))).stream().findFirst().orElse(null);
        if (d == null || !registry.supports(d.registrar(), Capability.DNSSEC)) return Outcome.NOT_REGISTERED_HERE;
        // A zone's keys are combined signing keys: flags 257.
        List<DsRecord> wanted = ds.stream().map(k -> new DsRecord(k.keyTag(), k.algorithm(), k.digestType(), k.digest(), 257)).toList();
        Set<String> wantedKeys = wanted.stream().map(DsRecord::key).collect(Collectors.toSet());
        registry.run(d.registrar(), Capability.DNSSEC, m -> {
            Set<String> held = m.dsRecords(d.name()).stream().map(DsRecord::key).collect(Collectors.toSet());
            for (DsRecord w : wanted) if (!held.contains(w.key())) m.addDs(d.name(), w);
            for (String key : held) if (!wantedKeys.contains(key)) m.removeDs(d.name(), key);
        });
        return Outcome.PUBLISHED;
    }
}
