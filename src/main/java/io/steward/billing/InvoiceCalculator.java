package io.steward.billing;

import io.steward.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of an invoice, free of storage: rounding each line once, the gateway fee line
 * and the totals. {@link BillingService} persists what this computes.
 */
final class InvoiceCalculator {
    /** The fee line's type, as the references show it ("Other", item id -2). */
    static final String FEE_TYPE = "Other";

    private InvoiceCalculator() {}

    /** A draft line with its unit amount and line total rounded (once each) to the currency's scale. */
    record Priced(InvoiceDraft.Line line, BigDecimal amount, BigDecimal qty, BigDecimal linetotal) {
        TaxPolicy.TaxableLine taxable() {
            return new TaxPolicy.TaxableLine(line.type(), linetotal, line.taxed(), line.serviceId());
        }
    }

    /** The invoice's totals: subtotal of line totals, the two tax levels, and their sum. */
    record Totals(BigDecimal subtotal, TaxPolicy.TaxResult tax, BigDecimal total) {}

    static Priced price(InvoiceDraft.Line line, String currency) {
        BigDecimal amount = Money.round(line.amount(), currency);
        BigDecimal qty = line.qty().setScale(2, RoundingMode.HALF_UP);
        return new Priced(line, amount, qty, Money.round(amount.multiply(qty), currency));
    }

    static List<Priced> price(List<InvoiceDraft.Line> lines, String currency) {
        return lines.stream().map(l -> price(l, currency)).toList();
    }

    /**
     * The gateway fee for paying {@code base} (the invoice's subtotal before the fee and before
     * tax): fixed + percent of base, rounded once. Empty when there is no fee to charge.
     */
    static Optional<InvoiceDraft.Line> feeLine(String gatewayName, BigDecimal fixed, BigDecimal percent, BigDecimal base,
                                               String currency) {
        BigDecimal fee = Gateway.fee(fixed, percent, base, currency);
        if (fee.signum() <= 0) return Optional.empty();
        return Optional.of(new InvoiceDraft.Line(FEE_TYPE, InvoiceLine.FEE_ITEM_ID, gatewayName + " Payment Fee", fee,
                BigDecimal.ONE, true, null, null, null));
    }

    static BigDecimal subtotal(List<Priced> lines) {
        return Money.sum(lines.stream().map(Priced::linetotal).toList());
    }

    /** Totals from priced lines and the policy's tax, rounding the tax once if the policy did not. */
    static Totals totals(List<Priced> lines, TaxPolicy.TaxResult raw, String currency) {
        var tax = new TaxPolicy.TaxResult(raw.rate(), Money.round(raw.tax(), currency), raw.rate2(),
                Money.round(raw.tax2(), currency), raw.exempt());
        BigDecimal subtotal = subtotal(lines);
        return new Totals(subtotal, tax, subtotal.add(tax.tax()).add(tax.tax2()));
    }
}
