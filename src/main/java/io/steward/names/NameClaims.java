package io.steward.names;

import java.util.List;

/**
 * The one check for every feature that claims a name (DNS zones, reverse zones, certificate
 * orders, CDN hostnames). A client may hold a name when:
 * <ol>
 *   <li>the name is not a public suffix or a TLD (those can never be held: 422);</li>
 *   <li>Steward holds a domain at or above the name for the client (registered or transferred in,
 *       Active or Expired) — then it is the client's whatever else says so, and a domain held for
 *       another client at, above or below the name refuses it (403);</li>
 *   <li>otherwise the most specific claim at or above the name is the client's (proven through DNS,
 *       or given by staff), and no other client holds a claim below it (403).</li>
 * </ol>
 * Methods run in the caller's transaction when there is one.
 */
public interface NameClaims {
    /** Throws a {@code StewardException} (403 or 422, saying how to prove control) unless the client may hold {@code name}. */
    void requireClaim(long clientId, String name);

    /**
     * Staff give {@code name} to the client (recorded with method {@code staff}); what other clients
     * hold at or under it moves to the client ({@link NameHolder.Handover#MOVE}).
     */
    Claim assign(long clientId, String name);

    /**
     * Steward's registry now holds {@code domain} for the client (a registration or transfer in
     * completed): recorded with method {@code registration}; other clients' claims at or under it
     * are dropped and what they hold there is released ({@link NameHolder.Handover#RELEASE}).
     */
    void registered(long clientId, String domain);

    /** The domain left Steward (Cancelled, Transferred Away): its registration claim lapses; what the client holds stays. */
    void deregistered(long clientId, String domain);

    /** Steward's nameservers ({@code dns.nameservers}): a domain delegated to all of them is served by Steward. */
    List<String> nameservers();
}
