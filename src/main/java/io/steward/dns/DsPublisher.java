package io.steward.dns;

import java.util.List;

/**
 * Where a signed zone's DS set goes: the registrar of the zone's domain, when that domain is
 * registered through Steward. Implemented by the domain feature; the DNS feature calls it outside
 * any transaction, after the keys changed, and again on its schedule until it succeeds.
 */
public interface DsPublisher {
    /** What became of a push. */
    enum Outcome {
        /** The registry now holds exactly {@code ds}. */
        PUBLISHED,
        /** The zone's name is not a domain of this client registered through Steward: the client publishes the DS elsewhere. */
        NOT_REGISTERED_HERE
    }

    /**
     * Makes {@code ds} the DS set of domain {@code zone} at its registry (an empty list removes
     * every DS). Throws a {@code StewardException} when the registry cannot be reached or refuses;
     * the DNS feature retries later.
     */
    Outcome publish(long clientId, String zone, List<DelegationKey> ds);

    /** No domain feature: every zone's DS is the client's to publish. */
    DsPublisher NONE = (clientId, zone, ds) -> Outcome.NOT_REGISTERED_HERE;
}
