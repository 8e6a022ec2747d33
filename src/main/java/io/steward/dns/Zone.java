package io.steward.dns;

/**
 * A DNS zone as stored.
 *
 * @param serviceId the DNS hosting service it counts against, or null (a zone another feature made)
 * @param name      lower case, without the trailing dot
 * @param serial    the SOA serial, {@code YYYYMMDDnn}
 * @param clientId  the client holding it, or {@link #PROVIDER} for the provider's own zones (reverse zones)
 */
public record Zone(long id, long clientId, Long serviceId, String name, long serial, boolean suspended) {
    /** The client id of a zone no client holds (stored as a null {@code client_id}). */
    public static final long PROVIDER = 0;

    public boolean provider() {
        return clientId == PROVIDER;
    }
}
