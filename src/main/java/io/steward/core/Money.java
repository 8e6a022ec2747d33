package io.steward.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The one money helper. Amounts are {@link BigDecimal}s, never doubles; an amount is rounded to its
 * currency's scale exactly once, HALF_UP, when an invoice line (or a tax line) is built; sums of
 * rounded lines need no further rounding. Stored as NUMERIC(19,4); spoken as strings with the
 * currency's scale ("19.65") or, where the references show numbers, as JSON numbers.
 */
public final class Money {
    private static final Map<String, Integer> SCALE_OVERRIDES = Map.of();

    private Money() {}

    /** Decimal places of the currency (ISO 4217 minor units), 2 when unknown. */
    public static int scale(String currency) {
        Integer o = SCALE_OVERRIDES.get(currency);
        if (o != null) return o;
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** Rounds once, HALF_UP, to the currency's scale. */
    public static BigDecimal round(BigDecimal amount, String currency) {
        return amount.setScale(scale(currency), RoundingMode.HALF_UP);
    }

    /** {@code amount * percent / 100}, rounded once to the currency's scale. */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent, String currency) {
        return round(amount.multiply(percent).movePointLeft(2), currency);
    }

    /** Sum of already-rounded amounts. */
    public static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The references' string form: plain digits at the currency's scale ("19.65", "0.00"). */
    public static String format(BigDecimal amount, String currency) {
        return amount.setScale(scale(currency), RoundingMode.HALF_UP).toPlainString();
    }

    /** Parses a money parameter; anything but a plain decimal number is a 400 naming the field. */
    public static BigDecimal parse(String text, String field) {
        try {
            BigDecimal v = new BigDecimal(text.trim());
            if (v.scale() > 4 || v.abs().compareTo(new BigDecimal("1000000000000000")) >= 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException | NullPointerException e) {
            throw new StewardException(ErrorCode.BAD_REQUEST, List.of(field + " must be a decimal amount"), Map.of(field, List.of("must be a decimal amount")));
        }
    }
}
