package io.steward.tax;

import java.math.BigDecimal;
import java.util.List;

/**
 * The tax on a set of lines. {@code base} is the sum of the taxed lines; each {@link TaxLine} is
 * rounded once (HALF_UP, the currency's scale). The references' invoice fields map as
 * {@code taxrate}/{@code tax} = level 1, {@code taxrate2}/{@code tax2} = level 2,
 * {@code taxexempt} = {@link #taxExempt}; the quote's {@code summary.tax} lists {@link #lines}.
 * A reverse-charged result has no lines and carries {@link #note} for the invoice.
 */
public record TaxResult(String currency, BigDecimal base, List<TaxLine> lines, boolean taxExempt, boolean reverseCharge,
                        String note) {
    /** One tax: the rule's level, name and rate (percent), and the amount it adds. */
    public record TaxLine(int level, String name, BigDecimal rate, boolean compound, BigDecimal amount) {}

    public TaxResult {
        lines = List.copyOf(lines);
        note = note == null ? "" : note;
    }

    private java.util.Optional<TaxLine> level(int level) {
        return lines.stream().filter(l -> l.level() == level).findFirst();
    }

    /** Level-1 rate in percent, 0 when none applies. */
    public BigDecimal taxrate() { return level(1).map(TaxLine::rate).orElse(BigDecimal.ZERO); }

    /** Level-1 tax, 0 when none applies. */
    public BigDecimal tax() { return level(1).map(TaxLine::amount).orElse(zero()); }

    public BigDecimal taxrate2() { return level(2).map(TaxLine::rate).orElse(BigDecimal.ZERO); }

    public BigDecimal tax2() { return level(2).map(TaxLine::amount).orElse(zero()); }

    /** Both levels together: what tax adds to the invoice total. */
    public BigDecimal total() { return tax().add(tax2()); }

    private BigDecimal zero() { return BigDecimal.ZERO.setScale(io.steward.core.Money.scale(currency)); }
}
