package io.steward.billing;

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
}
