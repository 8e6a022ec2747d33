package io.steward.billing;

/**
 * What a gateway module does for one configured gateway. Gateways that take money online report
 * payments through {@link PaymentService#recordPayment}; the built-in bank transfer leaves that to
 * staff, and account credit is applied by {@link PaymentService#applyCredit}.
 */
public interface PaymentGateway {
    /** How to pay {@code invoice} with this gateway, in a sentence or two (shown on the invoice PDF). */
    String instructions(Invoice invoice);
}
