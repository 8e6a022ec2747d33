package io.steward.dns;

/**
 * A DS record for a signed zone's parent (RFC 4034 §5): key tag, algorithm (13: ECDSA P-256),
 * digest type (2: SHA-256) and the digest in lower-case hex.
 */
public record DelegationKey(int keyTag, int algorithm, int digestType, String digest) {
    /** The presentation form shown to clients: {@code "<keytag> 13 2 <DIGEST>"}. */
    public String text() {
        return keyTag + " " + algorithm + " " + digestType + " " + digest.toUpperCase(java.util.Locale.ROOT);
    }
}
