package io.steward.apikey;

import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Clients' API keys for the services API: created by the client (or one of its contacts, for
 * itself) or by staff, listed by prefix, revoked. A key is a 256-bit random token stored as its
 * SHA-256 (nothing to guess, so no slow hash is needed), shown once at creation. A key acts as the
 * login it was made for: the account holder, or a contact with that contact's privileges; whether
 * the account may still use it (suspended, closed) is the caller's check at each request.
 */
public final class ApiKeys {
    /** Keys that may be live at once per account: enough for every tool, few enough to review. */
    public static final int MAX_LIVE_PER_CLIENT = 50;
    private static final String PREFIX = "stk_";
    private static final int SHOWN = 12;

    /** A key created: the stored record and the plain key, which is never visible again. */
    public record Created(ApiKey key, String plain) {}

    private final Db db;
    private final Clock clock;
    private final ApiKeyStore store;
    private final BiPredicate<Long, Long> contactOfClient;
    /** Last time last_used_at was written per key: a busy key costs one write a minute, not one a request. */
    private final Map<Long, Long> lastStamp = new ConcurrentHashMap<>();

    /** {@code contactOfClient}: whether a contact (second argument) belongs to a client (first). */
    public ApiKeys(Db db, Clock clock, BiPredicate<Long, Long> contactOfClient) {
        this.db = db;
        this.clock = clock;
        this.store = new ApiKeyStore(db);
        this.contactOfClient = contactOfClient;
    }

    /**
     * Creates a key for the client's holder ({@code contactId} null) or one of its contacts.
     * {@code by} says who asked ({@code client}, {@code contact:7}, {@code staff:2}).
     */
    public Created create(long clientId, Long contactId, String name, String scope, String by) {
        var v = new Validation();
        String n = name == null ? "" : name.strip();
        v.check(!n.isEmpty(), "name", "A name is required (what the key is for)");
        v.check(n.length() <= 100, "name", "At most 100 characters");
        String s = scope == null || scope.isBlank() ? ApiKey.READ_ONLY : scope.strip();
        v.check(ApiKey.SCOPES.contains(s), "scope", "Scope must be read-only or read-write");
        if (contactId != null) v.check(contactOfClient.test(clientId, contactId), "contact_id", "No such contact of this client");
        v.throwIfAny();
        String key = PREFIX + Secrets.randomToken(32);
        ApiKey saved = db.tx(() -> {
            if (store.countLive(clientId) >= MAX_LIVE_PER_CLIENT) {
                throw StewardException.invalid(Map.of("name", List.of("An account may have at most " + MAX_LIVE_PER_CLIENT
                        + " live API keys; revoke one first")));
            }
            long id = store.insert(clientId, contactId, n, Secrets.sha256Hex(key), key.substring(0, SHOWN), s, by, Times.now(clock));
            return store.byId(id).orElseThrow();
        });
        return new Created(saved, key);
    }

    /** Stores a known key (the demo key) for the account holder unless it exists already. */
    public void ensure(long clientId, String name, String key, String scope) {
        db.txRun(() -> {
            if (store.existsHash(Secrets.sha256Hex(key))) return;
            store.insert(clientId, null, name, Secrets.sha256Hex(key), key.substring(0, Math.min(SHOWN, key.length())), scope, "staff:demo",
                    Times.now(clock));
        });
    }

    /** The account's keys, newest first; a contact ({@code onlyContact}) sees only its own. */
    public List<ApiKey> list(long clientId, Optional<Long> onlyContact) {
        return store.list(clientId, onlyContact);
    }

    /** One key of the account (another account's is not found); {@code onlyContact}: only that contact's. */
    public ApiKey get(long clientId, Optional<Long> onlyContact, long keyId) {
        return store.byId(keyId).filter(k -> k.clientId() == clientId)
                .filter(k -> onlyContact.isEmpty() || onlyContact.get().equals(k.contactId()))
                .orElseThrow(() -> StewardException.notFound("API key not found"));
    }

    /** Revokes one of the account's keys at once; revoking a revoked key answers it as it is. */
    public ApiKey revoke(long clientId, Optional<Long> onlyContact, long keyId) {
        return db.tx(() -> {
            ApiKey k = get(clientId, onlyContact, keyId);
            store.revoke(k.id(), Times.now(clock));
            return store.byId(k.id()).orElseThrow();
        });
    }

    /** Staff: any key by id. */
    public ApiKey byId(long keyId) {
        return store.byId(keyId).orElseThrow(() -> StewardException.notFound("API key not found"));
    }

    /** Staff: revokes any key. */
    public ApiKey revoke(long keyId) {
        return revoke(byId(keyId).clientId(), Optional.empty(), keyId);
    }

    /** The live key presented, recording its use (time and address); empty for an unknown or revoked key. */
    public Optional<ApiKey> verify(String presented, String ip) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) return Optional.empty();
        Optional<ApiKey> found = store.byHash(Secrets.sha256Hex(presented)).filter(k -> !k.revoked());
        found.ifPresent(k -> {
            long now = System.nanoTime();
            Long last = lastStamp.get(k.id());
            if (last == null || now - last > 60_000_000_000L) {
                lastStamp.put(k.id(), now);
                LocalDateTime at = Times.now(clock);
                store.stampUse(k.id(), at, ip == null ? null : ip.substring(0, Math.min(64, ip.length())));
            }
        });
        return found;
    }

    /** Whether {@code presented} has the shape of an API key (rather than a client API token). */
    public static boolean looksLikeKey(String presented) {
        return presented != null && presented.startsWith(PREFIX);
    }
}
