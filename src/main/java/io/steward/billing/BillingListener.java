package io.steward.billing;

/**
 * Events of the invoice lifecycle, for the order, service and affiliate features. Every method
 * except {@link #invoicesIssued} is called inside the transaction that made the change, so what a
 * listener writes (activation or renewal jobs, commissions) commits or rolls back with it; a
 * listener that throws undoes the change. Listeners must not call back into payment operations of
 * the same invoice.
 */
public interface BillingListener {
    /**
     * The invoice was issued (numbered), by an order, the billing run or staff. A zero-total invoice
     * is paid at issue: {@link #invoicePaid} follows in the same transaction.
     */
    default void invoiceIssued(Invoice invoice) {}

    /**
     * Many invoices issued at once (the billing run's batches); by default one {@link #invoiceIssued}
     * each. Called after the issuing transaction committed, by billing's issued-invoices job, once
     * per batch in a transaction of its own (a listener that throws has the batch told again
     * later); an invoice may have been paid or cancelled meanwhile.
     */
    default void invoicesIssued(java.util.List<Invoice> invoices) {
        invoices.forEach(this::invoiceIssued);
    }

    /** The invoice became Paid (by credit, a gateway payment, staff, or a zero total at issue). */
    default void invoicePaid(InvoiceDetail invoice) {}

    /** The invoice was cancelled (by staff, or because its service was cancelled). */
    default void invoiceCancelled(InvoiceDetail invoice) {}

    /** A credit note was issued against the invoice; its status is Refunded once fully refunded. */
    default void invoiceRefunded(InvoiceDetail invoice, CreditNote note) {}
}
