package io.steward.billing;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of issuing a draft: the invoice, unless nothing was left to issue, and the lines
 * that were skipped because their service period had already been invoiced (the unique key
 * (service id, period start, type) held). When every service-period line of a draft is skipped,
 * its other lines are skipped with them, so a rerun of the billing engine gets no invoice and
 * every line back in {@code skipped}.
 */
public record IssueResult(Optional<InvoiceDetail> invoice, List<InvoiceDraft.Line> skipped) {
    public IssueResult {
        skipped = List.copyOf(skipped);
    }

    public boolean issued() { return invoice.isPresent(); }
}
