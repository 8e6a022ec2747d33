package io.steward.licence;

import io.steward.modules.ModuleProvider;

/**
 * A software vendor's licence issuer (module kind {@code licence}): keys bound to an IP address or
 * host name, suspended, reissued and terminated with the service they belong to. Every call
 * carries what makes a retry harmless: {@code issue} its idempotency key, the others the key.
 */
public interface LicenceIssuer extends ModuleProvider {
    /** A new key for {@code vendor}'s product bound to {@code boundTo}; the same key again for the same idempotency key. */
    String issue(String vendor, String boundTo, String idempotencyKey);

    void suspend(String key);

    void unsuspend(String key);

    /** A new key bound to {@code boundTo}; the old one stops working. */
    String reissue(String key, String boundTo);

    void terminate(String key);
}
