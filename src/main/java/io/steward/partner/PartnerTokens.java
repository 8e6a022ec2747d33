package io.steward.partner;

import io.steward.core.ErrorCode;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OAuth 2 client credentials for partners (RFC 6749 section 4.4): a partner's OAuth client trades
 * its id and secret for a short-lived access token and a refresh token (section 6). Tokens are
 * opaque and stored hashed. A refresh token works once: using it rotates both tokens, and
 * presenting a used one again revokes every token of its grant (reuse detection, as the client
 * API does), since only a thief or a broken client replays it.
 */
public final class PartnerTokens {
    /** What {@code POST auth/token} answers. */
    public record Issued(String accessToken, String refreshToken, long expiresIn) {}

    private final Db db;
    private final Clock clock;
    private final PartnerStore store;
    private final RateLimiter limiter;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    PartnerTokens(Db db, Clock clock, PartnerStore store, RateLimiter limiter, Duration accessTtl, Duration refreshTtl) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.limiter = limiter;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
    }

    static String hash(String secret) {
        return Secrets.sha256Hex(secret);
    }

    private static StewardException invalidClient() {
        return new StewardException(ErrorCode.UNAUTHORIZED, List.of("invalid_client: unknown client or wrong secret"), Map.of());
    }

    /** The live credential with this id and secret, and its active partner; 401 otherwise. */
    private Partner verify(String clientId, String clientSecret) {
        var cred = store.credential(clientId == null ? "" : clientId.trim()).filter(PartnerStore.Credential::live).orElseThrow(PartnerTokens::invalidClient);
        byte[] given = hash(clientSecret == null ? "" : clientSecret).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, cred.secretHash().getBytes(StandardCharsets.US_ASCII))) throw invalidClient();
        Partner p = store.partner(cred.partnerId()).filter(Partner::active).orElseThrow(PartnerTokens::invalidClient);
        limiter.acquire(p);
        return p;
    }

    /** {@code POST auth/token}: a new grant. */
    public Issued issue(String clientId, String clientSecret) {
        return db.tx(() -> {
            verify(clientId, clientSecret);
            return pair(clientId.trim(), UUID.randomUUID().toString());
        });
    }

    /** {@code POST auth/token/refresh}: the refresh token of this client, once; a replay revokes the grant. */
    public Issued refresh(String refreshToken, String clientId, String clientSecret) {
        Object outcome = db.tx(() -> {
            verify(clientId, clientSecret);
            var now = Times.now(clock);
            var row = store.token(hash(refreshToken == null ? "" : refreshToken), true).orElse(null);
            if (row == null || !row.kind().equals("refresh") || !row.credentialId().equals(clientId.trim())) return "invalid";
            // A used token is revoked too (its rotation ended it), so reuse is checked first.
            if (row.usedAt() != null) {
                // Committed before the refusal is thrown, so the revocation holds.
                store.revokeGrant(row.grantId(), now);
                return "invalid";
            }
            if (row.revokedAt() != null) return "invalid";
            if (!row.expiresAt().isAfter(now)) return "invalid";
            store.markUsed(row.hash(), now);
            // The access token issued with it ends too: one live pair per grant.
            store.revokeGrant(row.grantId(), now);
            return pair(row.credentialId(), row.grantId());
        });
        if (outcome instanceof Issued i) return i;
        throw new StewardException(ErrorCode.UNAUTHORIZED, List.of("invalid_grant: the refresh token is unknown, used, expired or revoked"), Map.of());
    }

    private Issued pair(String credentialId, String grantId) {
        var now = Times.now(clock);
        String access = Secrets.randomToken(32);
        String refresh = Secrets.randomToken(32);
        store.insertToken(hash(access), "access", grantId, credentialId, now, now.plus(accessTtl));
        store.insertToken(hash(refresh), "refresh", grantId, credentialId, now, now.plus(refreshTtl));
        store.touchCredential(credentialId, now);
        return new Issued(access, refresh, accessTtl.toSeconds());
    }

    /** The caller of a request bearing {@code accessToken}; 401 unless live, its credential live and its partner active. */
    public PartnerCaller authenticate(String accessToken) {
        LocalDateTime now = Times.now(clock);
        var row = store.token(hash(accessToken), false).filter(t -> t.kind().equals("access"))
                .orElseThrow(() -> unauthorized("invalid_token"));
        if (row.revokedAt() != null) throw unauthorized("token_revoked");
        if (!row.expiresAt().isAfter(now)) throw unauthorized("token_expired");
        var cred = store.credential(row.credentialId()).filter(PartnerStore.Credential::live).orElseThrow(() -> unauthorized("token_revoked"));
        Partner p = store.partner(cred.partnerId()).filter(Partner::active).orElseThrow(() -> unauthorized("token_revoked"));
        limiter.acquire(p);
        return new PartnerCaller(p, cred.id(), store);
    }

    private static StewardException unauthorized(String key) {
        return new StewardException(ErrorCode.UNAUTHORIZED, List.of(key), Map.of());
    }
}
