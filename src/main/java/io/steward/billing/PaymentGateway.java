package io.steward.billing;

import io.steward.modules.ModuleProvider;

/**
 * What a payment module (a {@code ModuleFactory<PaymentGateway>} of kind {@code payment}) does for
 * its gateway row. Gateways that take money online report
 * payments through {@link PaymentService#recordPayment}; the built-in bank transfer leaves that to
 * staff, and account credit is applied by {@link PaymentService#applyCredit}.
 */
public interface PaymentGateway extends ModuleProvider {
    /** How to pay {@code invoice} with this gateway, in a sentence or two (shown on the invoice PDF). */
    String instructions(Invoice invoice);
}
