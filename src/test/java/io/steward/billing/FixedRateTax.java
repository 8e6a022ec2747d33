package io.steward.billing;

import io.steward.core.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A test tax policy: one or two fixed rates on the taxed lines, the second optionally compound
 * (charged on the net plus the first tax), and a set of tax-exempt clients.
 */
record FixedRateTax(BigDecimal rate, BigDecimal rate2, boolean compound, Set<Long> exemptClients) implements TaxPolicy {
    @Override
    public TaxResult compute(long clientId, String currency, List<TaxableLine> lines) {
        if (exemptClients.contains(clientId)) return new TaxResult(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, true);
        BigDecimal base = Money.sum(lines.stream().filter(TaxableLine::taxed).map(TaxableLine::linetotal).toList());
        BigDecimal tax = Money.percentOf(base, rate, currency);
        BigDecimal tax2 = Money.percentOf(compound ? base.add(tax) : base, rate2, currency);
        return new TaxResult(rate, tax, rate2, tax2, false);
    }
}
