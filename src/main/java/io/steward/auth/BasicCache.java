package io.steward.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified Basic credentials, so that Basic auth does not cost an argon2 hash per request. Keyed by
 * a keyed hash of the whole header (the password never sits in memory as a map key); an entry
 * remembers the login's credential version, so a password or TOTP change on any node invalidates
 * it at the next request (the version is re-read per request anyway), and entries expire after a
 * short TTL regardless.
 */
final class BasicCache {
    record Entry(long loginId, int credVersion, long expiresAtNanos) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    BasicCache(java.time.Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    Entry get(String key) {
        Entry e = entries.get(key);
        if (e == null) return null;
        if (System.nanoTime() - e.expiresAtNanos > 0) {
            entries.remove(key, e);
            return null;
        }
        return e;
    }

    void put(String key, long loginId, int credVersion) {
        if (ttlNanos <= 0) return;
        if (entries.size() >= maxEntries) entries.clear(); // crude bound; a full cache only costs re-verification
        entries.put(key, new Entry(loginId, credVersion, System.nanoTime() + ttlNanos));
    }

    void remove(String key) {
        entries.remove(key);
    }

    void dropLogin(long loginId) {
        entries.values().removeIf(e -> e.loginId() == loginId);
    }
}
