package io.steward.ssl;

import java.util.List;
import java.util.Optional;

/**
 * What a certificate authority module may do in Steward's DNS for the client of one certificate:
 * publish a TXT record under a name whose zone Steward hosts for that client, remove it again, and
 * read TXT records as Steward's DNS serves them. A name in another client's zone, or in no hosted
 * zone, cannot be published ({@link #publishTxt} answers empty): the CA falls back to instructions.
 */
public interface DomainControl {
    /** A TXT record published for a challenge. */
    record Published(long zoneId, long recordId, String name, String value) {}

    /** Whether {@code domain}'s zone is hosted in Steward for this client (and serving). */
    boolean hosted(String domain);

    Optional<Published> publishTxt(String fqdn, String value);

    void remove(Published record);

    /** The TXT strings at {@code fqdn} in the client's hosted zone (empty when none). */
    List<String> txt(String fqdn);
}
