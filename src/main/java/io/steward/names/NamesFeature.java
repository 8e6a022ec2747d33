package io.steward.names;

import io.steward.config.Config;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * Ownership of names assembled: the {@link NameClaims} check every feature claiming a name calls,
 * proof of control through DNS, and the client and staff handlers. The domain feature answers
 * "who owns this registered domain" through {@link #useRegistry}; features holding things under
 * names are told of handovers through {@link #addHolder}. Settings: {@code dns.nameservers}
 * (Steward's, shared with the DNS feature), {@code dns.verify-resolver} ({@code host:port}, default
 * the system resolver), {@code dns.verify-timeout} (5 s), {@code names.public-suffixes} (extra
 * suffixes, comma-separated, beside the JDK's Public Suffix List).
 */
public final class NamesFeature {
    private final NameClaimService claims;
    private final NamesClientHandlers clientHandlers;
    private final NamesAdminHandlers adminHandlers;
    private final Reconciliation reconciliation;

    public NamesFeature(Db db, Clock clock, Config config, LongPredicate clientExists) {
        List<String> nameservers = split(config.get("dns.nameservers", "ns1.steward.test,ns2.steward.test"));
        var verifier = NameVerifier.of(config.get("dns.verify-resolver", ""), config.getDuration("dns.verify-timeout", Duration.ofSeconds(5)));
        var suffixes = PublicSuffixes.ofJdk(java.util.Set.copyOf(split(config.get("names.public-suffixes", ""))));
        var store = new NameStore(db);
        this.claims = new NameClaimService(db, clock, store, suffixes, verifier, nameservers);
        this.reconciliation = new Reconciliation(db, clock, store, claims::registry, claims.holders());
        this.clientHandlers = new NamesClientHandlers(claims);
        this.adminHandlers = new NamesAdminHandlers(claims, clientExists);
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(x -> x.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).filter(x -> !x.isEmpty())
                .collect(Collectors.toList());
    }

    /** The check, for every feature that claims a name. */
    public NameClaims claims() { return claims; }

    /** The domain feature's registration records, asked first by the check. */
    public void useRegistry(RegisteredNames registry) {
        claims.useRegistry(registry);
    }

    /** A feature holding things under names, told when staff or a registration hand a name over. */
    public void addHolder(NameHolder holder) {
        claims.addHolder(holder);
    }

    /**
     * Releases what clients hold under names other clients hold (zones made before ownership of
     * names), once per database; call at start-up, after {@link #useRegistry} and
     * {@link #addHolder}, before the holders serve. Answers how many were released, -1 when it
     * had run before (see {@link Reconciliation}).
     */
    public int reconcile() {
        return reconciliation.runOnce();
    }

    public NamesClientHandlers clientHandlers() { return clientHandlers; }

    public NamesAdminHandlers adminHandlers() { return adminHandlers; }

    /** Staff must revoke a client's claims before deleting the client. */
    public Optional<String> blockingDeletion(long clientId) {
        return claims.blockingDeletion(clientId);
    }
}
