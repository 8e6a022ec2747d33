package io.steward.billing;

import io.steward.core.StewardException;
import java.time.LocalDate;
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
 * statement per table on PostgreSQL). {@link #prepare} only reads and may run ahead, on another
 * connection; {@link #write} runs inside the caller's transaction.
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

    /**
     * A batch checked, priced and taxed, not yet written: what {@link #prepare} read and worked
     * out, for {@link #write}. Holds no lock and no connection, so the billing run prepares the next
     * batch while the current one is written.
     */
    static final class Prepared {
        private final List<InvoiceDraft> drafts;
        private final LocalDateTime now;
        private final LocalDate date;
        private final BillingService.Issued[] results;
        private final TreeMap<String, List<Planned>> bySeries = new TreeMap<>();
        private final TreeSet<Long> freeClients = new TreeSet<>();
        private final List<Planned> free = new ArrayList<>();

        private Prepared(List<InvoiceDraft> drafts, LocalDateTime now) {
            this.drafts = List.copyOf(drafts);
            this.now = now;
            this.date = now.toLocalDate();
            this.results = new BillingService.Issued[drafts.size()];
        }
    }

    /**
     * Reads what the drafts need (their clients and tax profiles in bulk, the periods already
     * invoiced), checks and prices them. Reads only; an invalid draft fails the batch with 422.
     */
    Prepared prepare(List<InvoiceDraft> drafts, LocalDateTime now) {
        var batch = new Prepared(drafts, now);
        var look = billing.new Lookups(batch.date);
        look.readClients(drafts.stream().map(InvoiceDraft::clientId).distinct().toList());
        var checked = new ArrayList<BillingService.Checked>(drafts.size());
        var keys = new ArrayList<InvoiceStore.PeriodKey>();
        for (InvoiceDraft d : drafts) {
            checked.add(billing.check(d, look));
            for (var l : d.lines()) if (l.billsPeriod()) keys.add(InvoiceStore.PeriodKey.of(l));
        }
        Set<InvoiceStore.PeriodKey> taken = new HashSet<>(keys.isEmpty() ? Set.of() : invoices.invoicedPeriods(keys));

        for (int i = 0; i < drafts.size(); i++) {
            InvoiceDraft d = drafts.get(i);
            BillingService.Checked c = checked.get(i);
            var skipped = new ArrayList<InvoiceDraft.Line>();
            var candidates = new ArrayList<InvoiceDraft.Line>();
            BillingService.split(d, taken, candidates, skipped);
            batch.results[i] = new BillingService.Issued(Optional.empty(), null, null, skipped);
            if (candidates.isEmpty()) continue;
            var priced = BillingService.withFee(c, InvoiceCalculator.price(candidates, c.currency()));
            var totals = BillingService.totals(look.tax(), d.clientId(), c.currency(), priced);
            if (totals.total().signum() < 0) {
                throw StewardException.invalid(Map.of("drafts[" + i + "]", List.of("The invoice total cannot be negative")));
            }
            var p = new Planned(i, c, priced, totals);
            batch.bySeries.computeIfAbsent(c.series(), s -> new ArrayList<>()).add(p);
            if (totals.total().signum() == 0) {
                batch.free.add(p);
                batch.freeClients.add(d.clientId());
            }
        }
        return batch;
    }

    /**
     * Writes a prepared batch in the caller's transaction: locks, numbers, invoices, lines, the
     * issued-invoices row, and payment of the free ones. A period invoiced by another transaction
     * since {@link #prepare} read them makes the unique key refuse the lines: a 409, nothing kept.
     */
    List<BillingService.Issued> write(Prepared batch) {
        var results = batch.results.clone();
        if (batch.bySeries.isEmpty()) return List.of(results);
        for (long clientId : batch.freeClients) billing.lockAccount(clientId);
        var rows = new ArrayList<BulkInvoiceWriter.InvoiceRow>();
        var numbered = new ArrayList<Planned>();
        batch.bySeries.forEach((name, list) -> {
            List<String> numbers = series.take(name, batch.date, list.size()).numbers();
            for (int k = 0; k < list.size(); k++) {
                Planned p = list.get(k);
                var c = p.checked();
                rows.add(new BulkInvoiceWriter.InvoiceRow(new InvoiceStore.NewInvoice(batch.drafts.get(p.index()).clientId(), c.series(),
                        c.date(), c.dueDate(), c.currency(), c.gateway() == null ? null : c.gateway().id(), c.notes(), c.snapshot(),
                        batch.now), p.totals(), numbers.get(k)));
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
        // Another transaction may have invoiced one of these periods since the check: then this
        // throws a conflict, the rollback returns every number, and a retry skips what is now invoiced.
        writer.insertLines(lines);
        billing.issued(ids.values());
        // A free invoice is paid at issue, as in the single path; its listeners run in this transaction.
        for (Planned p : batch.free) {
            billing.markPaid(invoices.byIdForUpdate(results[p.index()].invoiceId().orElseThrow()).orElseThrow(), batch.now);
        }
        return List.of(results);
    }
}
