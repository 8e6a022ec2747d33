package io.steward.apikey;

import java.time.LocalDateTime;

/**
 * A client's API key as stored (the key itself is never kept: only its SHA-256 and its first
 * characters, so its owner can tell keys apart).
 *
 * @param contactId null for the account holder's key; else the contact whose privileges the key carries
 * @param scope     {@link #READ_ONLY} or {@link #READ_WRITE}
 * @param createdBy {@code client}, {@code contact:<id>} or {@code staff:<admin key id>}
 */
public record ApiKey(long id, long clientId, Long contactId, String name, String prefix, String scope, String createdBy,
                     LocalDateTime createdAt, LocalDateTime lastUsedAt, String lastUsedIp, LocalDateTime revokedAt) {
    public static final String READ_ONLY = "read-only";
    public static final String READ_WRITE = "read-write";
    public static final java.util.List<String> SCOPES = java.util.List.of(READ_ONLY, READ_WRITE);

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean readOnly() {
        return READ_ONLY.equals(scope);
    }
}
