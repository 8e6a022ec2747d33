package io.steward.promo;

import io.steward.core.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a promo code applies, and the discount it gives: a pure function of the code, the
 * context and a clock. Each discount is rounded once, per line (HALF_UP, the currency's scale).
 *
 * <p>A first order is checked against every rule. A renewal ({@link PromoContext#renewal}) is
 * checked only against what still matters once a code was granted: it must be recurring, enabled,
 * and still fit the product, cycle and currency; its dates, uses and the new-client rule were met
 * when the service was ordered, so a recurring discount outlives the code's end date.
 */
public final class PromoEvaluator {
    private PromoEvaluator() {}

    /** The outcome: a rejection, or the discount per line (positive amounts, in line order) and their total. */
    public record Outcome(Optional<PromoRejection> rejection, List<BigDecimal> discounts, BigDecimal total) {
        public boolean applicable() { return rejection.isEmpty(); }

        static Outcome rejected(PromoRejection r) {
            return new Outcome(Optional.of(r), List.of(), BigDecimal.ZERO);
        }
    }

    public static Outcome evaluate(Promo promo, PromoContext ctx, Clock clock) {
        return rejection(promo, ctx, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                .map(Outcome::rejected)
                .orElseGet(() -> discount(promo, ctx));
    }

    static Optional<PromoRejection> rejection(Promo p, PromoContext ctx, LocalDate today) {
        if (!p.enabled()) return Optional.of(PromoRejection.DISABLED);
        if (ctx.renewal()) {
            if (!p.recurring()) return Optional.of(PromoRejection.FIRST_INVOICE_ONLY);
        } else {
            if (p.startsOn() != null && today.isBefore(p.startsOn())) return Optional.of(PromoRejection.NOT_STARTED);
            if (p.endsOn() != null && today.isAfter(p.endsOn())) return Optional.of(PromoRejection.EXPIRED);
            if (p.exhausted()) return Optional.of(PromoRejection.EXHAUSTED);
        }
        if (p.type() == Promo.Type.FIXED && !p.currency().equalsIgnoreCase(ctx.currency())) return Optional.of(PromoRejection.WRONG_CURRENCY);
        if (!p.productIds().isEmpty() && !p.productIds().contains(ctx.productId())) return Optional.of(PromoRejection.WRONG_PRODUCT);
        if (!p.cycles().isEmpty() && !p.cycles().contains(ctx.cycle())) return Optional.of(PromoRejection.WRONG_CYCLE);
        if (!ctx.renewal() && p.newClientsOnly() && !ctx.clientIsNew()) return Optional.of(PromoRejection.NEW_CLIENTS_ONLY);
        return Optional.empty();
    }

    /**
     * Percent: each line's discount is its own rounded percentage. Fixed: the amount is taken off
     * the lines in order, each line down to zero at most, so the discount never exceeds the lines.
     */
    static Outcome discount(Promo p, PromoContext ctx) {
        String cur = ctx.currency();
        var out = new ArrayList<BigDecimal>();
        BigDecimal remaining = p.type() == Promo.Type.FIXED ? Money.round(p.value(), cur) : null;
        for (BigDecimal line : ctx.lineAmounts()) {
            BigDecimal base = line.signum() > 0 ? line : BigDecimal.ZERO;
            BigDecimal d;
            if (p.type() == Promo.Type.PERCENT) {
                d = Money.percentOf(base, p.value(), cur);
            } else {
                d = Money.round(base.min(remaining), cur);
                remaining = remaining.subtract(d);
            }
            out.add(d);
        }
        return new Outcome(Optional.empty(), out, Money.round(Money.sum(out), cur));
    }
}
