package io.steward.dns;

/**
 * A DNS zone as stored.
 *
 * @param serviceId the DNS hosting service it counts against, or null (a zone another feature made)
 * @param name      lower case, without the trailing dot
 * @param serial    the SOA serial, {@code YYYYMMDDnn}
 */
public record Zone(long id, long clientId, Long serviceId, String name, long serial, boolean suspended) {}
