package io.steward.domain;

import io.steward.core.StewardException;
import io.steward.db.Db;
import io.steward.dns.DnsZones;
import io.steward.names.NameClaims;
import io.steward.names.RegisteredNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Domains as claims on names. Answers the names feature's "who owns this registered domain"
 * ({@link RegisteredNames}: domains the registry holds for a client, Active or Expired), and
 * follows domain status changes: a registration or transfer in that completes makes the name the
 * registrant's ({@link NameClaims#registered}, which releases other accounts' zones there) and,
 * when the domain is delegated to Steward's nameservers, creates its zone at once, so nobody can
 * take the name on Steward's DNS server before the owner's first record; a domain that leaves
 * Steward (Cancelled, Transferred Away) lets its registration claim lapse, its zone staying with
 * the client.
 */
final class DomainClaims implements RegisteredNames, DomainListener {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DomainClaims.class);
    private static final Set<String> COMPLETING = Set.of(Domain.PENDING, Domain.PENDING_REGISTRATION, Domain.PENDING_TRANSFER);
    private static final Set<String> GONE = Set.of(Domain.CANCELLED, Domain.TRANSFERRED_AWAY);

    private final Db db;
    private final DomainStore store;
    private final TldCatalog tlds;
    private final NameClaims claims;
    private final DnsZones zones;

    DomainClaims(Db db, DomainStore store, TldCatalog tlds, NameClaims claims, DnsZones zones) {
        this.db = db;
        this.store = store;
        this.tlds = tlds;
        this.claims = claims;
        this.zones = zones;
    }

    @Override
    public List<Holding> overlapping(String name) {
        var selfAndParents = new ArrayList<String>();
        for (String n = name; n.contains("."); n = n.substring(n.indexOf('.') + 1)) selfAndParents.add(n);
        var where = DomainStore.NAME.in(selfAndParents).or(DomainStore.NAME.like("%." + name.replace("_", "\\_"), '\\'));
        return db.tx(() -> store.list(where.and(DomainStore.STATUS.in(Domain.MANAGEABLE)))).stream()
                .map(d -> new Holding(d.name(), d.clientId())).toList();
    }

    @Override
    public List<Holding> all() {
        return db.tx(() -> store.list(DomainStore.STATUS.in(Domain.MANAGEABLE))).stream()
                .sorted(java.util.Comparator.comparing(d -> !Domain.ACTIVE.equals(d.status())))
                .map(d -> new Holding(d.name(), d.clientId())).toList();
    }

    @Override
    public boolean isTld(String name) {
        return tlds.all().stream().anyMatch(t -> t.name().equalsIgnoreCase("." + name));
    }

    @Override
    public void statusChanged(Domain domain, String from) {
        if (Domain.ACTIVE.equals(domain.status()) && COMPLETING.contains(from)) {
            registered(domain);
        } else if (GONE.contains(domain.status()) && Domain.MANAGEABLE.contains(from)) {
            claims.deregistered(domain.clientId(), domain.name());
        }
    }

    /**
     * The registry now holds the domain for its client (a registration or transfer in completed, or
     * the demo's Active domain): the name becomes the client's and, when delegated to Steward's
     * nameservers, gets its zone unless it has one. Idempotent.
     */
    void registered(Domain domain) {
        claims.registered(domain.clientId(), domain.name());
        if (delegatedToSteward(domain) && zones.zoneByName(domain.name()).isEmpty()) {
            try {
                zones.createZone(domain.clientId(), null, domain.name());
            } catch (StewardException e) {
                // The registration stands without its zone (the owner's first record creates it); refused before any write.
                LOG.warn("zone of domain {} not created at registration: {}", domain.name(), String.join("; ", e.messages()));
            }
        }
    }

    private boolean delegatedToSteward(Domain d) {
        var ns = d.nameservers().stream().map(n -> n.toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).toList();
        return !ns.isEmpty() && claims.nameservers().containsAll(ns);
    }
}
