package io.steward.tax;

import java.math.BigDecimal;

/**
 * One invoice (or quote) line as tax sees it: its amount, already rounded once to the currency's
 * scale by whoever built the line, and whether it is taxed (the references' {@code taxed} flag).
 * Discounts are lines with negative amounts.
 */
public record TaxableLine(BigDecimal amount, boolean taxed) {
    public TaxableLine {
        if (amount == null) throw new IllegalArgumentException("amount is required");
    }

    public static TaxableLine taxed(String amount) { return new TaxableLine(new BigDecimal(amount), true); }

    public static TaxableLine untaxed(String amount) { return new TaxableLine(new BigDecimal(amount), false); }
}
