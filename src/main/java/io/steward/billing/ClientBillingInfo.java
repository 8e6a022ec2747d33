package io.steward.billing;

/**
 * What billing needs to know about a client and does not own: the details an invoice is
 * addressed to and the currency the client is billed in. The account feature provides the
 * details; the client billing profile (currency, VAT number) belongs to the tax feature, which
 * replaces {@link AccountBillingInfo} at integration.
 */
public interface ClientBillingInfo {
    /** The client's details now; a missing client is a NOT_FOUND {@link io.steward.core.StewardException}. */
    ClientSnapshot snapshot(long clientId);

    /** ISO 4217 code of the client's currency. */
    String currency(long clientId);

    /**
     * The same answers for a batch of invoices to these clients, read once for the batch (for
     * bulk issuing). For that one batch only (what it read goes stale); the default asks per call.
     */
    default ClientBillingInfo forBatch(java.util.Collection<Long> clientIds) {
        return this;
    }

    /**
     * The account records a batch view read, for the tax policy of the same batch to use instead
     * of reading them again ({@link TaxPolicy#forBatch(java.util.Collection, java.util.Map)}); empty
     * when nothing was read in bulk.
     */
    default java.util.Map<Long, io.steward.account.Client> accounts() {
        return java.util.Map.of();
    }
}
