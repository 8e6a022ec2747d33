package io.steward.m365;

import io.steward.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Seat arithmetic of new-commerce subscriptions, pure: lengths of terms and billing cycles, and the
 * prorated charge of a seat change for the rest of the current billing period (day-based, rounded
 * once to the currency, HALF_UP).
 */
final class SeatPricing {
    private SeatPricing() {}

    /** Months in a term or billing cycle code: P1M 1, P1Y 12, P3Y 36; P1X (one-time) 0. */
    static int months(String code) {
        return switch (code) {
            case "P1M" -> 1;
            case "P1Y" -> 12;
            case "P3Y" -> 36;
            default -> 0;
        };
    }

    /** The end of a period of {@code code} starting on {@code start} (one-time: a single month, never renewed in practice). */
    static LocalDate end(LocalDate start, String code) {
        return start.plusMonths(Math.max(1, months(code)));
    }

    /**
     * {@code seats} (negative for fewer) at {@code unitPrice} per billing period, for the days from
     * {@code today} to the period's end out of the period's days.
     */
    static BigDecimal prorated(BigDecimal unitPrice, int seats, LocalDate today, LocalDate periodStart, LocalDate periodEnd, String currency) {
        long total = ChronoUnit.DAYS.between(periodStart, periodEnd);
        long left = Math.max(0, ChronoUnit.DAYS.between(today, periodEnd));
        if (total <= 0) return Money.round(BigDecimal.ZERO, currency);
        BigDecimal exact = unitPrice.multiply(BigDecimal.valueOf(seats)).multiply(BigDecimal.valueOf(left))
                .divide(BigDecimal.valueOf(total), 10, RoundingMode.HALF_UP);
        return Money.round(exact, currency);
    }
}
