package io.steward.names;

import java.util.List;

/**
 * A feature that holds things under names (DNS zones; later reverse zones, certificates, CDN
 * hostnames), told when a name changes hands. Called inside the transaction of the change.
 */
public interface NameHolder {
    enum Handover {
        /** Staff gave the name to the client: what others hold at or under it moves to the client. */
        MOVE,
        /**
         * The client registered the name through Steward: what others hold at or under it stops
         * being served and is removed (it was held without the registry's word).
         */
        RELEASE
    }

    void handOver(String name, long clientId, Handover how);

    /** One thing a client holds under a name (a DNS zone: its id). */
    record Held(long id, long clientId, String name) {}

    /** Everything held, for the start-up reconciliation ({@link NamesFeature#reconcile}). */
    List<Held> held();

    /** Stops serving and removes one held thing, as {@link Handover#RELEASE} does; in the caller's transaction. */
    void release(Held held);
}
