package io.steward.traffic;

import io.steward.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Bandwidth over quota and what it costs: a pure function. Gigabytes are decimal (10^9 bytes).
 * A quota of 0 means no quota (nothing is over it). The amount is exact ({@code overage GB ×
 * price}); it is rounded once, HALF_UP to the currency's scale, where it becomes an invoice line
 * (billing rounds lines) or a figure shown ({@link #cost}).
 */
record Overage(BigDecimal usedGb, BigDecimal quotaGb, BigDecimal overGb, BigDecimal pricePerGb, BigDecimal amount) {
    static final BigDecimal NO_QUOTA = BigDecimal.ZERO;

    static BigDecimal gigabytes(long bytes) {
        return BigDecimal.valueOf(bytes).movePointLeft(9);
    }

    static Overage of(long usedBytes, BigDecimal quotaGb, BigDecimal pricePerGb) {
        BigDecimal used = gigabytes(usedBytes);
        BigDecimal over = quotaGb.signum() <= 0 ? BigDecimal.ZERO : used.subtract(quotaGb).max(BigDecimal.ZERO);
        return new Overage(used, quotaGb, over, pricePerGb, over.multiply(pricePerGb));
    }

    boolean charged() {
        return amount.signum() > 0;
    }

    /** The amount as charged: rounded once to the currency. */
    BigDecimal cost(String currency) {
        return Money.round(amount, currency);
    }

    /** Percent of the quota used, rounded down (0 without a quota). */
    int percentUsed() {
        if (quotaGb.signum() <= 0) return 0;
        return usedGb.multiply(BigDecimal.valueOf(100)).divide(quotaGb, 0, RoundingMode.DOWN).min(BigDecimal.valueOf(100000)).intValue();
    }

    /** A figure in GB as shown: two decimals, HALF_UP. */
    static String format(BigDecimal gb) {
        return gb.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
