package io.steward.domain.registrar;

/**
 * A DS record at the parent (RFC 4034 section 5): key tag, algorithm, digest type, digest (hex),
 * and the DNSKEY flags it stands for (257 KSK, 256 ZSK). {@link #key()} names it in the API.
 */
public record DsRecord(int keyTag, int algorithm, int digestType, String digest, int flags) {
    public String key() {
        return keyTag + "-" + algorithm + "-" + digestType + "-" + digest.toLowerCase(java.util.Locale.ROOT);
    }
}
