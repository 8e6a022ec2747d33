package io.steward.promo;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * Promo codes: staff maintain them; orders and renewals use {@link #validate}, {@link #evaluate}
 * and {@link #redeem}. A typical order, in its transaction: {@code validate} the code the client
 * typed, build the discount lines from {@code evaluate}, then {@code redeem} it — which counts the
 * use atomically and refuses (rolling the order back) once the maximum is reached.
 */
public final class PromoService {
    private final Db db;
    private final Clock clock;
    private final PromoStore store;

    public PromoService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.store = new PromoStore(db);
    }

    /** A code, case-insensitively. */
    public Optional<Promo> find(String code) {
        if (code == null || code.isBlank()) return Optional.empty();
        return store.byCode(code);
    }

    /**
     * The promo a client's code names, if it applies in this context; otherwise 422 with the
     * reason (field {@code promocode}; the message key is {@link PromoRejection#key}).
     */
    public Promo validate(String code, PromoContext ctx) {
        Promo p = find(code).orElseThrow(() -> rejected(PromoRejection.NOT_FOUND));
        evaluate(p, ctx).rejection().ifPresent(r -> {
            throw rejected(r);
        });
        return p;
    }

    /** Whether {@code promo} applies and the discount it gives, at the service's clock. */
    public PromoEvaluator.Outcome evaluate(Promo promo, PromoContext ctx) {
        return PromoEvaluator.evaluate(promo, ctx, clock);
    }

    /**
     * Counts one use of the code. Safe under concurrency: a conditional update ({@code uses <
     * max_uses}) decides, so of N concurrent redemptions of the last K uses exactly K succeed; the
     * others get 422 {@code promo_exhausted} (or {@code promo_disabled}). Meant to run inside the
     * order's transaction, so a refused redemption rolls the order back.
     */
    /**
     * Gives back the use an order took when that order is cancelled before it was paid, so a
     * limited code is not used up by orders that never happened. Joins the caller's transaction.
     */
    public void release(long promoId) {
        db.tx(() -> store.decrementUses(promoId));
    }

    public void redeem(long promoId) {
        boolean counted;
        try {
            counted = db.tx(() -> store.incrementUses(promoId));
        } catch (DataAccessException e) {
            // The check constraint (uses <= max_uses) is the backstop should a database not
            // re-evaluate the condition after waiting for the row lock.
            if (!Db.isConstraintViolation(e)) throw e;
            counted = false;
        }
        if (counted) return;
        Promo p = store.byId(promoId).orElseThrow(() -> rejected(PromoRejection.NOT_FOUND));
        throw rejected(p.enabled() ? PromoRejection.EXHAUSTED : PromoRejection.DISABLED);
    }

    // Affiliate vouchers: a code bound to one affiliate attributes the orders that use it.

    /**
     * Binds the code to an affiliate ({@code affiliateId}) or unbinds it (null). The promo feature
     * only keeps the id; the affiliate feature says what it means.
     */
    public Promo bindAffiliate(long promoId, Long affiliateId) {
        return db.tx(() -> {
            store.lock(promoId);
            get(promoId);
            store.setAffiliate(promoId, affiliateId, Times.now(clock));
            return get(promoId);
        });
    }

    /** The affiliate a code is bound to, if any. */
    public Optional<Long> affiliateOf(long promoId) {
        return store.affiliateOf(promoId);
    }

    /** The codes bound to an affiliate, in code order. */
    public List<Promo> boundTo(long affiliateId) {
        return store.boundTo(affiliateId);
    }

    public static StewardException rejected(PromoRejection r) {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of(r.message()), Map.of("promocode", List.of(r.key())));
    }

    // Staff maintenance.

    public List<Promo> search(String query, Boolean enabled) {
        return store.search(query, enabled);
    }

    public Promo get(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("Promo code not found"));
    }

    public Promo create(PromoInput input) {
        var v = new Validation();
        Promo p = input.applyTo(null, v);
        v.throwIfAny();
        return db.tx(() -> {
            requireFreeCode(p.code(), 0);
            long id = conflictOnDuplicate(() -> store.insert(p, Times.now(clock)));
            return store.byId(id).orElseThrow();
        });
    }

    public Promo update(long id, PromoInput input) {
        return db.tx(() -> {
            store.lock(id);
            Promo current = get(id);
            var v = new Validation();
            Promo next = input.applyTo(current, v);
            v.throwIfAny();
            requireFreeCode(next.code(), id);
            conflictOnDuplicate(() -> {
                store.update(next, Times.now(clock));
                return id;
            });
            return store.byId(id).orElseThrow();
        });
    }

    /** Deletes an unused code; a used one may be referenced by orders and services, so it can only be disabled. */
    public void delete(long id) {
        db.txRun(() -> {
            store.lock(id);
            Promo p = get(id);
            if (p.uses() > 0) throw StewardException.conflict("Promo code " + p.code() + " has been used " + p.uses() + " times; disable it instead");
            store.delete(id);
        });
    }

    private void requireFreeCode(String code, long exceptId) {
        store.idOfCode(code, exceptId).ifPresent(other -> {
            throw StewardException.conflict("Promo code " + code + " already exists");
        });
    }

    private static long conflictOnDuplicate(java.util.function.LongSupplier write) {
        try {
            return write.getAsLong();
        } catch (DataAccessException e) {
            if (!Db.isConstraintViolation(e)) throw e;
            throw StewardException.conflict("A promo code with this code already exists");
        }
    }
}
