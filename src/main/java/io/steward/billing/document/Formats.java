package io.steward.billing.document;

import io.steward.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Dates, amounts and rates as a reader of the document's language writes them ("1.234,50 €" in
 * German, "€ 1.234,50" in Dutch, "$1,234.50" in English). Formatting only: amounts arrive exact
 * and rounded, and are printed at the currency's scale without rounding again.
 */
public final class Formats {
    private final Locale locale;
    private final DateTimeFormatter dates;

    public Formats(Locale locale) {
        this.locale = locale;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    }

    public String date(LocalDate d) {
        return d == null ? "" : dates.format(d);
    }

    /** An amount with the currency's symbol (or code) where the language puts it. */
    public String money(BigDecimal amount, String currency) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        try {
            f.setCurrency(Currency.getInstance(currency));
        } catch (IllegalArgumentException e) {
            // Not an ISO 4217 code Java knows: the number with the code after it.
            return number(amount, Money.scale(currency)) + " " + currency;
        }
        int scale = Money.scale(currency);
        f.setMinimumFractionDigits(scale);
        f.setMaximumFractionDigits(scale);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }

    /** A quantity or rate: as many decimals as it has (trailing zeros dropped), at least {@code minDecimals}. */
    public String number(BigDecimal value, int minDecimals) {
        var f = (DecimalFormat) NumberFormat.getNumberInstance(locale);
        BigDecimal v = value.stripTrailingZeros();
        f.setMinimumFractionDigits(minDecimals);
        f.setMaximumFractionDigits(Math.max(minDecimals, Math.max(0, v.scale())));
        f.setParseBigDecimal(true);
        return f.format(value);
    }

    /** A VAT rate as "21 %" or "21%", as the language writes percentages. */
    public String percent(BigDecimal rate) {
        String n = number(rate, 0);
        return locale.getLanguage().equals("en") || locale.getLanguage().equals("nl") ? n + "%" : n + "\u00a0%";
    }
}
