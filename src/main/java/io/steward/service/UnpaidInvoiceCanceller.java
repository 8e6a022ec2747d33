package io.steward.service;

import org.slf4j.LoggerFactory;

/**
 * Cancels a service's unpaid renewal invoices when the service is cancelled. Billing owns invoices
 * and implements this; the service feature calls it inside the cancelling transaction, so the
 * cancellation and the invoices' cancellation commit together. Billing registers its
 * implementation with {@link ServiceManager#useInvoiceCanceller} after both features are built
 * (billing depends on {@link ServiceOperations}, so it cannot be a constructor argument here).
 */
@FunctionalInterface
public interface UnpaidInvoiceCanceller {
    /** Cancels the unpaid renewal invoices of the client's service; answers how many it cancelled. */
    int cancelUnpaidRenewalInvoices(long clientId, long serviceId);

    /** Until billing is wired in: cancels nothing, and says so in the log. */
    UnpaidInvoiceCanceller UNWIRED = (clientId, serviceId) -> {
        LoggerFactory.getLogger(UnpaidInvoiceCanceller.class)
                .warn("service {} cancelled, but no billing feature is wired to cancel its unpaid renewal invoices", serviceId);
        return 0;
    };
}
