package io.steward.billing;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bulk path of {@link BillingService#issueBatch}: the same rules as issuing one draft, with
 * the round trips per batch instead of per invoice. Lookups are shared, already-invoiced periods
 * are found with a few queries, and invoices and lines go in with a {@link BulkInvoiceWriter} (one
 * statement per table on PostgreSQL). Runs inside the caller's transaction.
 *
 * <p>Locks are taken in the order of the single path: the billing accounts of invoices that are
 * free (paid at issue), in client id order; then the numbering series, in name order, taking the
 * batch's numbers before any row is written, so each invoice row is written once, with its number;
 * then the invoice rows and their service-period keys. No issuer holds a period key while it
 * waits for a series or an account, so concurrent issuers (another node's run, an order, staff)
 * queue without a cycle. The series stay locked until the batch commits, as in every gapless scheme.
 */
final class BatchIssuer {
    private final BillingService billing;
    private final InvoiceStore invoices;
    private final NumberingSeries series;
    private final BulkInvoiceWriter writer;

    BatchIssuer(BillingService billing, InvoiceStore invoices, NumberingSeries series, BulkInvoiceWriter writer) {
        this.billing = billing;
        this.invoices = invoices;
        this.series = series;
        this.writer = writer;
    }

    private record Planned(int index, BillingService.Checked checked, List<InvoiceCalculator.Priced> lines,
                           InvoiceCalculator.Totals totals) {}

    List<BillingService.Issued> issue(List<InvoiceDraft> drafts, LocalDateTime now) {
        var look = billing.new Lookups(now.toLocalDate());
        look.readClients(drafts.stream().map(InvoiceDraft::clientId).distinct().toList());
        var checked = new ArrayList<BillingService.Checked>(drafts.size());
        var keys = new ArrayList<InvoiceStore.PeriodKey>();
        for (InvoiceDraft d : drafts) {
            checked.add(billing.check(d, look));
            for (var l : d.lines()) if (l.billsPeriod()) keys.add(InvoiceStore.PeriodKey.of(l));
        }
        Set<InvoiceStore.PeriodKey> taken = new HashSet<>(keys.isEmpty() ? Set.of() : invoices.invoicedPeriods(keys));

        var results = new BillingService.Issued[drafts.size()];
        var bySeries = new TreeMap<String, List<Planned>>();
        var freeClients = new TreeSet<Long>();
        var free = new ArrayList<Planned>();
        for (int i = 0; i < drafts.size(); i++) {
            InvoiceDraft d = drafts.get(i);
            BillingService.Checked c = checked.get(i);
            var skipped = new ArrayList<InvoiceDraft.Line>();
            var candidates = new ArrayList<InvoiceDraft.Line>();
            BillingService.split(d, taken, candidates, skipped);
            results[i] = new BillingService.Issued(Optional.empty(), null, null, skipped);
            if (candidates.isEmpty()) continue;
            var priced = BillingService.withFee(c, InvoiceCalculator.price(candidates, c.currency()));
            var totals = BillingService.totals(look.tax(), d.clientId(), c.currency(), priced);
            if (totals.total().signum() < 0) {
                throw StewardException.invalid(Map.of("drafts[" + i + "]", List.of("The invoice total cannot be negative")));
            }
            var p = new Planned(i, c, priced, totals);
            bySeries.computeIfAbsent(c.series(), s -> new ArrayList<>()).add(p);
            if (totals.total().signum() == 0) {
                free.add(p);
                freeClients.add(d.clientId());
            }
        }
        if (bySeries.isEmpty()) return List.of(results);

        for (long clientId : freeClients) billing.lockAccount(clientId);
        var rows = new ArrayList<BulkInvoiceWriter.InvoiceRow>();
        var numbered = new ArrayList<Planned>();
        bySeries.forEach((name, list) -> {
            List<String> numbers = series.take(name, look.date, list.size()).numbers();
            for (int k = 0; k < list.size(); k++) {
                Planned p = list.get(k);
                var c = p.checked();
                rows.add(new BulkInvoiceWriter.InvoiceRow(new InvoiceStore.NewInvoice(drafts.get(p.index()).clientId(), c.series(),
                        c.date(), c.dueDate(), c.currency(), c.gateway() == null ? null : c.gateway().id(), c.notes(), c.snapshot(), now),
                        p.totals(), numbers.get(k)));
                numbered.add(p);
            }
        });
        var ids = writer.insertInvoices(rows);

        var lines = new ArrayList<BulkInvoiceWriter.LineRow>();
        for (int k = 0; k < numbered.size(); k++) {
            Planned p = numbered.get(k);
            String number = rows.get(k).number();
            long id = ids.get(new BulkInvoiceWriter.Numbered(p.checked().series(), number));
            for (var l : p.lines()) lines.add(new BulkInvoiceWriter.LineRow(id, l));
            results[p.index()] = new BillingService.Issued(Optional.of(id), number, p.totals().total(), results[p.index()].skipped());
        }
        if (writer.insertLines(lines) != lines.size()) {
            // Another transaction invoiced one of these periods since the check: issue nothing, the
            // rollback returns every number, and a retry skips what is now invoiced.
            throw new StewardException(ErrorCode.CONFLICT, "A service period of this batch was invoiced concurrently; nothing was issued, retry");
        }
        billing.issued(ids.values());
        // A free invoice is paid at issue, as in the single path; its listeners run in this transaction.
        for (Planned p : free) billing.markPaid(invoices.byIdForUpdate(results[p.index()].invoiceId().orElseThrow()).orElseThrow(), now);

        return List.of(results);
    }
}
