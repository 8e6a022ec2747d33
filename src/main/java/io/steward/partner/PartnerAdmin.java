package io.steward.partner;

import io.steward.account.ClientAdminService;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Staff operations: making an account a partner, its terms, and its OAuth credentials (issued, listed, rotated, revoked). */
public final class PartnerAdmin {
    /** A new or rotated credential: the secret is shown this once. */
    public record IssuedCredential(PartnerStore.Credential credential, String secret) {}

    private final Db db;
    private final Clock clock;
    private final PartnerStore store;
    private final ClientAdminService accounts;

    PartnerAdmin(Db db, Clock clock, PartnerStore store, ClientAdminService accounts) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.accounts = accounts;
    }

    public List<Partner> list() {
        return store.partners();
    }

    public Partner get(long id) {
        return store.partner(id).orElseThrow(() -> StewardException.notFound("Partner not found"));
    }

    public Optional<Partner> ofAccount(long clientId) {
        return store.partnerOfAccount(clientId);
    }

    /** Makes the client account {@code clientId} a partner. */
    public Partner create(long clientId, String name, BigDecimal discount, Integer ratePerMinute) {
        var account = accounts.get(clientId);
        String n = name == null || name.isBlank() ? (account.profile().companyname().isBlank()
                ? account.profile().firstname() + " " + account.profile().lastname() : account.profile().companyname()).strip() : name.strip();
        var v = new Validation();
        check(n, discount == null ? BigDecimal.ZERO : discount, ratePerMinute == null ? 600 : ratePerMinute, "active", v);
        v.throwIfAny();
        if (store.isLinked(clientId)) throw StewardException.conflict("An end client of a partner cannot itself be a partner");
        return db.tx(() -> {
            if (store.partnerOfAccount(clientId).isPresent()) throw StewardException.conflict("This client is already a partner");
            long id = store.insertPartner(clientId, n.isEmpty() ? "Partner " + clientId : n, discount == null ? BigDecimal.ZERO : discount,
                    ratePerMinute == null ? 600 : ratePerMinute, Times.now(clock));
            return store.partner(id).orElseThrow();
        });
    }

    public Partner update(long id, String name, BigDecimal discount, Integer ratePerMinute, String status) {
        return db.tx(() -> {
            Partner p = get(id);
            String n = name == null ? p.name() : name.strip();
            BigDecimal d = discount == null ? p.discountPercent() : discount;
            int r = ratePerMinute == null ? p.ratePerMinute() : ratePerMinute;
            String s = status == null ? p.status() : status;
            var v = new Validation();
            check(n, d, r, s, v);
            v.throwIfAny();
            store.updatePartner(id, n, d, r, s, Times.now(clock));
            return get(id);
        });
    }

    private static void check(String name, BigDecimal discount, int rate, String status, Validation v) {
        if (name.length() > 100) v.add("name", "Name must be at most 100 characters");
        if (discount.signum() < 0 || discount.compareTo(BigDecimal.valueOf(100)) > 0 || discount.scale() > 4) {
            v.add("discount_percent", "Discount must be a percentage from 0 to 100, at most 4 decimals");
        }
        if (rate < 1 || rate > 1_000_000) v.add("rate_per_minute", "Rate must be 1 to 1000000 requests a minute");
        if (!status.equals("active") && !status.equals("suspended")) v.add("status", "Status must be active or suspended");
    }

    public List<PartnerStore.Credential> credentials(long partnerId) {
        get(partnerId);
        return store.credentials(partnerId);
    }

    public IssuedCredential issue(long partnerId, String name) {
        if (name != null && name.length() > 100) throw StewardException.invalid(java.util.Map.of("name", List.of("Name must be at most 100 characters")));
        return db.tx(() -> {
            get(partnerId);
            String id = UUID.randomUUID().toString();
            String secret = Secrets.randomToken(32);
            store.insertCredential(id, partnerId, name == null ? "" : name.strip(), PartnerTokens.hash(secret), Times.now(clock));
            return new IssuedCredential(store.credential(id).orElseThrow(), secret);
        });
    }

    private PartnerStore.Credential credential(long partnerId, String credentialId) {
        return store.credential(credentialId).filter(c -> c.partnerId() == partnerId)
                .orElseThrow(() -> StewardException.notFound("Credential not found"));
    }

    /** A new secret for the credential; the old secret and every token issued with it stop working at once. */
    public IssuedCredential rotate(long partnerId, String credentialId) {
        return db.tx(() -> {
            var c = credential(partnerId, credentialId);
            if (!c.live()) throw StewardException.conflict("The credential is revoked");
            var now = Times.now(clock);
            String secret = Secrets.randomToken(32);
            store.rotateSecret(c.id(), PartnerTokens.hash(secret), now);
            store.revokeTokensOf(c.id(), now);
            return new IssuedCredential(store.credential(c.id()).orElseThrow(), secret);
        });
    }

    /** Revokes the credential and every token issued with it. */
    public PartnerStore.Credential revoke(long partnerId, String credentialId) {
        return db.tx(() -> {
            var c = credential(partnerId, credentialId);
            var now = Times.now(clock);
            store.revokeCredential(c.id(), now);
            store.revokeTokensOf(c.id(), now);
            return store.credential(c.id()).orElseThrow();
        });
    }

    /** For the account feature: a partner's account, or an end client, is not deleted behind the partner's back. */
    public Optional<String> blockingDeletion(long clientId) {
        if (store.partnerOfAccount(clientId).isPresent()) return Optional.of("the client is a partner");
        if (store.isLinked(clientId)) return Optional.of("the client is an end client of a partner (delete it through the partner API)");
        return Optional.empty();
    }
}
