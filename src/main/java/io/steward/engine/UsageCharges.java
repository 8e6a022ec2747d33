package io.steward.engine;

import io.steward.billing.InvoiceDraft;
import io.steward.service.Service;
import java.time.LocalDate;
import java.util.List;

/**
 * Lines for what services used (bandwidth over quota...), charged on their renewal invoices. The
 * billing run asks once per page of renewals; another feature (traffic) answers.
 *
 * <p>Exactly once: every line answered must bill a service period ({@code serviceId} and
 * {@code periodStart} set, {@link InvoiceDraft.Line#forService}) under its own line type, so
 * billing's unique key (service, period start, type) skips a usage period already charged and a
 * rerun charges nothing twice. Lines go on the invoice that bills their service's renewal.
 */
public interface UsageCharges {
    /** A service period being invoiced, and the date its renewal invoice is due to be issued (period start minus lead days). */
    record Renewal(Service service, LocalDate periodStart, LocalDate issueOn) {}

    /** Usage lines for these renewals; empty when nothing is owed. Reads only; runs outside the issuing transaction. */
    List<InvoiceDraft.Line> linesFor(List<Renewal> renewals);

    UsageCharges NONE = renewals -> List.of();
}
