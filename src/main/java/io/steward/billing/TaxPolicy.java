package io.steward.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * How much tax an invoice carries: the seam to the tax feature, asked once per invoice when it is
 * issued (and when its lines change). It gets the rounded lines and returns up to two levels of
 * tax; compounding, exemptions and EU reverse charge are the policy's business. Amounts it
 * returns are rounded to the currency's scale by billing if they are not already.
 */
public interface TaxPolicy {
    TaxResult compute(long clientId, String currency, List<TaxableLine> lines);

    /**
     * The same policy for one batch of invoices to these clients (bulk issuing): it may read what
     * it needs (clients, rules) once for the batch. For that one batch only (what it read goes
     * stale); the default is this policy.
     */
    default TaxPolicy forBatch(java.util.Collection<Long> clientIds) {
        return this;
    }

    /** {@link #forBatch(java.util.Collection)} with the batch's account records already read (by billing's client view). */
    default TaxPolicy forBatch(java.util.Collection<Long> clientIds, java.util.Map<Long, io.steward.account.Client> read) {
        return forBatch(clientIds);
    }

    /** A line as the tax policy sees it. {@code linetotal} is rounded; untaxed lines carry no tax. */
    record TaxableLine(String type, BigDecimal linetotal, boolean taxed, Long serviceId) {}

    /**
     * Tax on an invoice. {@code rate}/{@code rate2} are percentages (21 for 21 %), {@code tax}/
     * {@code tax2} the amounts; {@code exempt} marks a tax-exempt client (or a reverse-charge sale).
     */
    record TaxResult(BigDecimal rate, BigDecimal tax, BigDecimal rate2, BigDecimal tax2, boolean exempt) {
        public static TaxResult none() {
            return new TaxResult(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, false);
        }
    }

    /**
     * No tax at all. The default wiring until the tax feature provides the real policy: every
     * invoice is issued with zero tax and {@code taxexempt} "0".
     */
    TaxPolicy NONE = (clientId, currency, lines) -> TaxResult.none();
}
