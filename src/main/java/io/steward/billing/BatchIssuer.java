package io.steward.billing;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The bulk path of {@link BillingService#issueBatch}: the same rules as issuing one draft, with
 * the round trips per batch instead of per invoice. Lookups are shared, already-invoiced periods
 * are found with a few queries, invoices and lines go in with multi-row statements, and numbers
 * are taken last (one lock per series, held only until the batch commits) so concurrent batches
 * queue for the shortest time. Runs inside the caller's transaction.
 */
final class BatchIssuer {
    private final BillingService billing;
    private final InvoiceStore invoices;
    private final NumberingSeries series;

    BatchIssuer(BillingService billing, InvoiceStore invoices, NumberingSeries series) {
        this.billing = billing;
        this.invoices = invoices;
        this.series = series;
    }

    private record Planned(int index, BillingService.Checked checked, List<InvoiceCalculator.Priced> lines,
                           InvoiceCalculator.Totals totals, String placeholder) {}

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
        var planned = new ArrayList<Planned>();
        var free = new ArrayList<Integer>();
        String batch = UUID.randomUUID().toString();
        for (int i = 0; i < drafts.size(); i++) {
            InvoiceDraft d = drafts.get(i);
            BillingService.Checked c = checked.get(i);
            var skipped = new ArrayList<InvoiceDraft.Line>();
            var candidates = new ArrayList<InvoiceDraft.Line>();
            BillingService.split(d, taken, candidates, skipped);
            results[i] = new BillingService.Issued(Optional.empty(), null, null, skipped);
            if (candidates.isEmpty()) continue;
            var priced = new ArrayList<>(InvoiceCalculator.price(candidates, c.currency()));
            if (c.gateway() != null && c.gateway().hasFee()) {
                InvoiceCalculator.feeLine(c.gateway().name(), c.gateway().fixedFee(), c.gateway().percentFee(),
                        InvoiceCalculator.subtotal(priced), c.currency()).ifPresent(f -> priced.add(InvoiceCalculator.price(f, c.currency())));
            }
            var totals = BillingService.totals(look.tax(), d.clientId(), c.currency(), priced);
            if (totals.total().signum() < 0) {
                throw StewardException.invalid(Map.of("drafts[" + i + "]", List.of("The invoice total cannot be negative")));
            }
            if (totals.total().signum() == 0) free.add(i);
            planned.add(new Planned(i, c, priced, totals, "~" + batch + "-" + i));
        }

        var rows = planned.stream().map(p -> new InvoiceStore.BatchRow(new InvoiceStore.NewInvoice(drafts.get(p.index()).clientId(),
                p.checked().series(), p.checked().date(), p.checked().dueDate(), p.checked().currency(),
                p.checked().gateway() == null ? null : p.checked().gateway().id(), p.checked().notes(), p.checked().snapshot(), now),
                p.totals(), p.placeholder())).toList();
        // Placeholders are unique across series (they carry the batch's UUID), so one map serves all.
        Map<String, Long> ids = invoices.insertAll(rows);

        var bySeries = new TreeMap<String, List<Planned>>();
        for (Planned p : planned) bySeries.computeIfAbsent(p.checked().series(), s -> new ArrayList<>()).add(p);

        var lines = new ArrayList<Map.Entry<Long, InvoiceCalculator.Priced>>();
        for (Planned p : planned) for (var l : p.lines()) lines.add(Map.entry(ids.get(p.placeholder()), l));
        if (invoices.insertLines(lines) != lines.size()) {
            // Another transaction invoiced one of these periods since the check: issue nothing, the
            // rollback returns every number, and a retry skips what is now invoiced.
            throw new StewardException(ErrorCode.CONFLICT, "A service period of this batch was invoiced concurrently; nothing was issued, retry");
        }

        // Numbers last, one series at a time in name order, so batches never wait on each other in a cycle.
        var numbers = new HashMap<Long, String>();
        bySeries.forEach((name, list) -> {
            List<String> taken2 = series.take(name, look.date, list.size());
            for (int k = 0; k < list.size(); k++) {
                Planned p = list.get(k);
                numbers.put(ids.get(p.placeholder()), taken2.get(k));
                results[p.index()] = new BillingService.Issued(Optional.of(ids.get(p.placeholder())), taken2.get(k),
                        p.totals().total(), results[p.index()].skipped());
            }
        });
        invoices.setNumbers(numbers);
        billing.issued(numbers.keySet());
        // A free invoice is paid at issue, as in the single path; its listeners run in this transaction.
        for (int i : free) billing.markPaid(invoices.byIdForUpdate(results[i].invoiceId().orElseThrow()).orElseThrow(), now);

        return List.of(results);
    }
}
