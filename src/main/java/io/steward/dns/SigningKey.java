package io.steward.dns;

import java.time.LocalDateTime;

/**
 * A zone's signing key as stored ({@code dns_key}): ECDSA P-256, algorithm 13, flags 257 (a
 * combined signing key). {@code publicKey} is the DNSKEY key field in base64; {@code sealedPrivate}
 * the PKCS#8 private key sealed with the node secret.
 *
 * @param state {@link #PUBLISHED}, {@link #ACTIVE} or {@link #RETIRED}
 */
record SigningKey(long id, long zoneId, int keyTag, int algorithm, int flags, String publicKey, String sealedPrivate, String state,
                  LocalDateTime createdAt, LocalDateTime activateAt, LocalDateTime retiredAt, LocalDateTime removeAt) {
    /** In the DNSKEY set, not yet signing: resolvers learn it before it is needed. */
    static final String PUBLISHED = "published";
    /** Signs the zone; its DS is the one the parent should hold. */
    static final String ACTIVE = "active";
    /** Replaced: stays in the DNSKEY set (signing only that set) until old DS and signatures have expired. */
    static final String RETIRED = "retired";
}
