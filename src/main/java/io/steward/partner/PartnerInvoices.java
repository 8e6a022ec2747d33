package io.steward.partner;

import io.steward.billing.CreditLedger;
import io.steward.billing.PaymentService;

/**
 * Who pays for what a partner orders: the partner's own account, at its discount (the decision
 * resellers expect: the partner is invoiced on behalf of its end clients and bills them itself).
 * An invoice the partner's account credit covers is paid from it at once, so a funded partner's
 * orders provision without a second call; otherwise it waits, unpaid, in the partner's account.
 */
public final class PartnerInvoices {
    private final PaymentService payments;
    private final CreditLedger credit;
    private final io.steward.billing.BillingService invoices;

    public PartnerInvoices(PaymentService payments, CreditLedger credit, io.steward.billing.BillingService invoices) {
        this.payments = payments;
        this.credit = credit;
        this.invoices = invoices;
    }

    /** How the partner's discount reads on its invoices. */
    public static String discountLabel(Partner p) {
        return "Partner discount " + p.discountPercent().stripTrailingZeros().toPlainString() + "%";
    }

    /** Pays the partner's invoice from its credit when the credit covers all of it; true if the invoice is paid. */
    public boolean settle(PartnerCaller caller, long invoiceId) {
        return settle(caller.billedClientId(), invoiceId);
    }

    /** {@link #settle(PartnerCaller, long)} for the account billed (renewals run without a caller). */
    public boolean settle(long billedClientId, long invoiceId) {
        var inv = invoices.invoiceOf(billedClientId, invoiceId).invoice();
        if (!inv.open()) return io.steward.billing.Invoice.PAID.equals(inv.status());
        var balance = credit.balance(billedClientId);
        if (!balance.currency().equals(inv.currency()) || balance.credit().compareTo(inv.due()) < 0) return false;
        payments.applyCredit(billedClientId, invoiceId, null, "partner");
        return true;
    }
}
