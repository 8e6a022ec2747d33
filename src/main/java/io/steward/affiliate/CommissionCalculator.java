package io.steward.affiliate;

import io.steward.core.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a plan pays on one paid invoice; pure. No currency conversion happens anywhere in
 * Steward, so an invoice in another currency than the affiliate's, or a fixed plan in another
 * currency, earns nothing rather than a wrong amount.
 */
public final class CommissionCalculator {
    private CommissionCalculator() {}

    /** A commission to record: its amount and the day it becomes payable. */
    public record Earned(BigDecimal base, BigDecimal amount, LocalDate payableOn) {}

    /**
     * @param base the invoice's subtotal before tax without payment-fee lines, already rounded
     * @param firstForClient no commission was recorded for this referred client before
     * @param paidOn the day the invoice was paid (UTC)
     */
    public static Optional<Earned> commission(Plan plan, String affiliateCurrency, String invoiceCurrency, BigDecimal base,
                                              boolean firstForClient, LocalDate paidOn) {
        if (!plan.recurring() && !firstForClient) return Optional.empty();
        if (!affiliateCurrency.equals(invoiceCurrency) || base.signum() <= 0) return Optional.empty();
        BigDecimal amount = switch (plan.type()) {
            case PERCENT -> Money.percentOf(base, plan.value(), invoiceCurrency);
            case FIXED -> affiliateCurrency.equals(plan.currency()) ? Money.round(plan.value(), invoiceCurrency) : BigDecimal.ZERO;
        };
        if (amount.signum() <= 0) return Optional.empty();
        return Optional.of(new Earned(base, amount, paidOn.plusDays(plan.holdDays())));
    }
}
