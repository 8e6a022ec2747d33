package io.steward.billing;

import io.steward.core.Money;
import java.math.BigDecimal;

/**
 * A configured payment gateway: the module that implements it and what staff set. The id is the
 * references' payment method id ({@code pay_method}). Paying through a gateway with a fee adds a
 * line "{@code <name>} Payment Fee" of {@code fixedFee + percentFee %} of the invoice subtotal.
 */
public record Gateway(long id, String module, String name, boolean enabled, BigDecimal fixedFee, BigDecimal percentFee,
                      int sortOrder) {
    public boolean hasFee() {
        return fixedFee.signum() > 0 || percentFee.signum() > 0;
    }

    /** The fee for paying {@code base} through this gateway; quotes and invoices both charge it. */
    public BigDecimal fee(BigDecimal base, String currency) {
        return fee(fixedFee, percentFee, base, currency);
    }

    /** fixed + percent of base (the subtotal before the fee and tax; never below zero), rounded once. */
    static BigDecimal fee(BigDecimal fixed, BigDecimal percent, BigDecimal base, String currency) {
        return Money.round(fixed.add(base.max(BigDecimal.ZERO).multiply(percent).movePointLeft(2)), currency);
    }
}
