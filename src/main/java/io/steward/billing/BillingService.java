package io.steward.billing;

import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Invoices: the seam through which orders, the billing engine and staff issue them, and the
 * lookups the engine needs. Issuing validates a draft, drops lines whose service period is
 * already invoiced, rounds each line once, adds the gateway fee line, asks the {@link TaxPolicy}
 * for tax, takes the next gapless number of the series and stores it all in one transaction
 * (joining the caller's, so an order and its invoice commit together).
 */
public final class BillingService {
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,19}");

    /** A page of invoices and the total count. */
    public record Page(List<Invoice> invoices, int total, int page, int perPage) {}

    /**
     * One draft's outcome in {@link #issueBatch}: the invoice's id, number and total, unless every
     * line was skipped, and the lines skipped because their service period was already invoiced.
     */
    public record Issued(Optional<Long> invoiceId, String number, BigDecimal total, List<InvoiceDraft.Line> skipped) {}

    /** What {@code GET /balance} shows: the unpaid total and the credit, in the client's currency. */
    public record AccountSummary(String currency, BigDecimal unpaid, BigDecimal credit) {}

    private final Db db;
    private final Clock clock;
    private final InvoiceStore invoices;
    private final PaymentStore payments;
    private final NumberingSeries series;
    private final CreditLedger credit;
    private final Gateways gateways;
    private final ClientBillingInfo clients;
    private final TaxPolicy tax;
    private final int dueDays;
    private final List<BillingListener> listeners = new CopyOnWriteArrayList<>();
    private final BulkInvoiceWriter writer;
    private final IssuedEvents issuedEvents;

    BillingService(Db db, Clock clock, InvoiceStore invoices, PaymentStore payments, NumberingSeries series, CreditLedger credit,
                   Gateways gateways, ClientBillingInfo clients, TaxPolicy tax, int dueDays, io.steward.jobs.Jobs jobs) {
        this.db = db;
        this.clock = clock;
        this.invoices = invoices;
        this.payments = payments;
        this.series = series;
        this.credit = credit;
        this.gateways = gateways;
        this.clients = clients;
        this.tax = tax;
        this.dueDays = dueDays;
        this.writer = BulkInvoiceWriter.forDatabase(db);
        this.issuedEvents = new IssuedEvents(jobs, invoices, listeners);
    }

    /** Locks the client's billing account (creating it if needed): the first lock of any issue or payment. */
    void lockAccount(long clientId) {
        credit.lock(clientId);
    }

    /** Registers a listener for issued, paid, cancelled and refunded invoices (see {@link BillingListener}). */
    public void addListener(BillingListener listener) {
        listeners.add(listener);
    }

    // Issuing

    /**
     * Issues one invoice from {@code draft}. Lines billing a service period that is already
     * invoiced (same service, period start and type) are skipped and reported, and when all of a
     * draft's period lines are skipped its other lines are too (see {@link #split}); when no line
     * is left, nothing is created. Invalid drafts are refused with 422 before anything is written.
     * An invoice whose total is zero is paid at once (listeners hear of it in this transaction).
     */
    public IssueResult issue(InvoiceDraft draft) {
        return db.tx(() -> issueInTx(draft));
    }

    /** Issues several drafts in one transaction (the billing engine's batch), in order. */
    public List<IssueResult> issueAll(List<InvoiceDraft> drafts) {
        return db.tx(() -> drafts.stream().map(this::issueInTx).toList());
    }

    /**
     * Issues many drafts with the same rules as {@link #issue}, in bulk: for the billing engine's
     * run. Lines whose period is invoiced already (or earlier in the batch) are skipped; numbers are
     * gapless and follow the batch order within each series; free invoices are paid at issue. An
     * invalid draft fails the whole batch (422). If another transaction
     * invoices one of the batch's periods between the check and the insert, nothing is issued and
     * a 409 {@link StewardException} asks for a retry, which then skips that period.
     */
    public List<Issued> issueBatch(List<InvoiceDraft> drafts) {
        if (drafts.isEmpty()) return List.of();
        return db.tx(() -> issuePrepared(prepareBatch(drafts)));
    }

    /**
     * The first half of {@link #issueBatch}: reads, checks and prices the drafts, holding no lock,
     * so a caller can prepare the next batch while it writes this one. An invalid draft fails with
     * 422 here. Give the result to {@link #issuePrepared} soon: what it read may change meanwhile,
     * and only the periods are checked again (by their unique key, as a 409).
     */
    public PreparedBatch prepareBatch(List<InvoiceDraft> drafts) {
        return new PreparedBatch(batchIssuer().prepare(drafts, Times.now(clock)));
    }

    /** The second half of {@link #issueBatch}: writes a prepared batch (in the caller's transaction, if any). */
    public List<Issued> issuePrepared(PreparedBatch batch) {
        return db.tx(() -> batchIssuer().write(batch.prepared));
    }

    /** A batch {@link #prepareBatch prepared} for {@link #issuePrepared}. */
    public static final class PreparedBatch {
        private final BatchIssuer.Prepared prepared;

        private PreparedBatch(BatchIssuer.Prepared prepared) {
            this.prepared = prepared;
        }
    }

    private BatchIssuer batchIssuer() {
        return new BatchIssuer(this, invoices, series, writer);
    }

    /** What an invoice would total: each line rounded once, tax from the same seam as issuing. */
    public record Preview(String currency, BigDecimal subtotal, BigDecimal taxRate, BigDecimal tax, BigDecimal taxRate2, BigDecimal tax2,
                          BigDecimal total) {}

    /**
     * The totals issuing {@code draft} would give, issuing nothing: the same line rounding and tax
     * policy as {@link #issue}, for quotes that must equal the invoice. Drafts naming a gateway
     * are not previewed (their fee line is the gateway's).
     */
    public Preview preview(InvoiceDraft draft) {
        if (draft.gatewayId() != null) throw new IllegalArgumentException("a preview takes no gateway");
        String currency = draft.currency() != null ? draft.currency() : clients.currency(draft.clientId());
        var t = totals(draft.clientId(), currency, InvoiceCalculator.price(draft.lines(), currency));
        return new Preview(currency, t.subtotal(), t.tax().rate(), t.tax().tax(), t.tax().rate2(), t.tax().tax2(), t.total());
    }

    IssueResult issueInTx(InvoiceDraft draft) {
        Checked c = check(draft, new Lookups(Times.now(clock).toLocalDate()));
        LocalDateTime now = Times.now(clock);
        var skipped = new ArrayList<InvoiceDraft.Line>();
        var candidates = new ArrayList<InvoiceDraft.Line>();
        var keys = new ArrayList<InvoiceStore.PeriodKey>();
        for (var l : draft.lines()) if (l.billsPeriod()) keys.add(InvoiceStore.PeriodKey.of(l));
        Set<InvoiceStore.PeriodKey> taken = new HashSet<>(keys.isEmpty() ? Set.of() : invoices.invoicedPeriods(keys));
        split(draft, taken, candidates, skipped);
        if (candidates.isEmpty()) return new IssueResult(Optional.empty(), skipped);

        var priced = InvoiceCalculator.price(candidates, c.currency());
        var totals = totals(draft.clientId(), c.currency(), withFee(c, priced));
        if (totals.total().signum() < 0) throw StewardException.invalid(Map.of("items", List.of("The invoice total cannot be negative")));
        boolean free = totals.total().signum() == 0;
        // Lock order everywhere: billing account, numbering series, then invoice rows and their
        // service-period keys (the batch path too). Payments lock the account first and their
        // listeners may issue invoices; taking the number before writing lines means no issuer
        // holds a period key while it waits for the series, so issuers never wait in a cycle.
        if (free) credit.lock(draft.clientId());
        var number = series.take(c.series(), c.date(), 1);
        long id = invoices.insert(new InvoiceStore.NewInvoice(draft.clientId(), c.series(), c.date(), c.dueDate(), c.currency(),
                c.gateway() == null ? null : c.gateway().id(), c.notes(), c.snapshot(), now), number.numbers().get(0), totals);
        var inserted = new ArrayList<InvoiceCalculator.Priced>();
        for (var p : priced) {
            // A concurrent issue may have taken a period since the check above; the unique key decides.
            if (invoices.insertLine(id, p)) inserted.add(p);
            else skipped.add(p.line());
        }
        var lines = withFee(c, inserted);
        if (inserted.size() < priced.size()) {
            boolean periodLost = candidates.stream().anyMatch(InvoiceDraft.Line::billsPeriod)
                    && inserted.stream().noneMatch(p -> p.line().billsPeriod());
            if (inserted.isEmpty() || periodLost) {
                // Nothing, or only lines that go with the periods just lost: as if the check had seen them.
                invoices.delete(id);
                series.giveBack(number);
                return new IssueResult(Optional.empty(), draft.lines());
            }
            totals = totals(draft.clientId(), c.currency(), lines);
            // Free only now: paying it would lock the account after the series, out of order; let the caller retry.
            if (totals.total().signum() < 0 || (totals.total().signum() == 0 && !free)) {
                throw new StewardException(io.steward.core.ErrorCode.CONFLICT, "A service period of this invoice was invoiced concurrently; retry");
            }
            free = totals.total().signum() == 0;
            invoices.setTotals(id, totals, now);
        }
        for (int i = inserted.size(); i < lines.size(); i++) invoices.insertLine(id, lines.get(i));
        issued(id);
        if (free) markPaid(invoices.byIdForUpdate(id).orElseThrow(), now);
        return new IssueResult(Optional.of(detail(id)), skipped);
    }

    /** The priced lines followed by the gateway's fee line, when the draft names a gateway with a fee. */
    static List<InvoiceCalculator.Priced> withFee(Checked c, List<InvoiceCalculator.Priced> priced) {
        if (c.gateway() == null || !c.gateway().hasFee()) return priced;
        var out = new ArrayList<>(priced);
        InvoiceCalculator.feeLine(c.gateway().name(), c.gateway().fixedFee(), c.gateway().percentFee(),
                InvoiceCalculator.subtotal(priced), c.currency()).ifPresent(f -> out.add(InvoiceCalculator.price(f, c.currency())));
        return out;
    }

    /**
     * Sorts a draft's lines into those to issue and those skipped: a line whose service period is
     * in {@code taken} (invoiced, or claimed earlier in this draft or batch) is skipped, and the
     * period is claimed for the others. Lines without a service period go with their draft: when
     * every period line of a draft is skipped, so are they, so that a rerun issues nothing (give a
     * discount or setup line the service and period it belongs to, and it is skipped with it).
     */
    static void split(InvoiceDraft draft, Set<InvoiceStore.PeriodKey> taken, List<InvoiceDraft.Line> candidates,
                      List<InvoiceDraft.Line> skipped) {
        boolean anyPeriod = false, anyPeriodLeft = false;
        for (var l : draft.lines()) {
            if (!l.billsPeriod()) {
                candidates.add(l);
                continue;
            }
            anyPeriod = true;
            // add() is false for a second line with the same key in one draft: that one is a duplicate too.
            if (taken.add(InvoiceStore.PeriodKey.of(l))) {
                candidates.add(l);
                anyPeriodLeft = true;
            } else {
                skipped.add(l);
            }
        }
        if (anyPeriod && !anyPeriodLeft) {
            skipped.clear();
            skipped.addAll(draft.lines());
            candidates.clear();
        }
    }

    InvoiceCalculator.Totals totals(long clientId, String currency, List<InvoiceCalculator.Priced> lines) {
        return totals(tax, clientId, currency, lines);
    }

    static InvoiceCalculator.Totals totals(TaxPolicy tax, long clientId, String currency, List<InvoiceCalculator.Priced> lines) {
        var result = tax.compute(clientId, currency, lines.stream().map(InvoiceCalculator.Priced::taxable).toList());
        return InvoiceCalculator.totals(lines, result, currency);
    }

    /** A draft that passed validation, with what issuing it needs. */
    record Checked(String currency, LocalDate date, LocalDate dueDate, String series, Gateway gateway, String notes,
                   String snapshot) {}

    /**
     * Lookups shared by the drafts of one batch (client details, series, gateways, the issue
     * date), so a batch asks for each once.
     */
    final class Lookups {
        final LocalDate date;
        private final Map<Long, String> snapshots = new java.util.HashMap<>();
        private final Map<Long, String> currencies = new java.util.HashMap<>();
        private final Map<String, Boolean> seriesExists = new java.util.HashMap<>();
        private final Map<Long, Optional<Gateway>> gatewaysById = new java.util.HashMap<>();
        private ClientBillingInfo clientInfo = clients;
        private TaxPolicy taxPolicy = tax;

        Lookups(LocalDate date) {
            this.date = date;
        }

        /** For a batch: these clients' details and tax profiles are read once, in bulk, for the whole batch. */
        void readClients(java.util.Collection<Long> clientIds) {
            clientInfo = clients.forBatch(clientIds);
            // One bulk read of the clients serves the snapshots, the currencies and the tax subjects.
            taxPolicy = tax.forBatch(clientIds, clientInfo.accounts());
        }

        TaxPolicy tax() {
            return taxPolicy;
        }

        String snapshot(long clientId) {
            return snapshots.computeIfAbsent(clientId, id -> clientInfo.snapshot(id).json());
        }

        String currency(long clientId) {
            return currencies.computeIfAbsent(clientId, clientInfo::currency);
        }

        boolean seriesExists(String name) {
            return seriesExists.computeIfAbsent(name, series::exists);
        }

        Optional<Gateway> gateway(long id) {
            return gatewaysById.computeIfAbsent(id, gateways::get);
        }
    }

    Checked check(InvoiceDraft d, Lookups look) {
        var fields = new LinkedHashMap<String, List<String>>();
        String snap = look.snapshot(d.clientId());
        // One currency per client: its invoices and its credit are in it, so credit can pay them.
        String currency = look.currency(d.clientId());
        if (d.currency() != null && !d.currency().equals(currency)) fields.put("currency", List.of("Invoices of this client are in " + currency));
        LocalDate date = look.date;
        LocalDate due = d.dueDate() == null ? date.plusDays(dueDays) : d.dueDate();
        if (due.isBefore(date)) fields.put("duedate", List.of("The due date cannot be before the issue date"));
        String seriesName = d.series() == null ? NumberingSeries.INVOICES : d.series();
        if (!look.seriesExists(seriesName)) fields.put("series", List.of("No numbering series " + seriesName));
        String notes = d.notes() == null ? "" : d.notes();
        if (notes.length() > 4000) fields.put("notes", List.of("Notes must be at most 4000 characters"));
        if (d.lines().isEmpty()) fields.put("items", List.of("An invoice needs at least one line"));
        for (int i = 0; i < d.lines().size(); i++) checkLine(d.lines().get(i), "items[" + i + "]", fields);
        Gateway gateway = null;
        if (d.gatewayId() != null) {
            gateway = look.gateway(d.gatewayId()).filter(Gateway::enabled).orElse(null);
            if (gateway == null) fields.put("gateway_id", List.of("No such payment method"));
        }
        if (!fields.isEmpty()) throw StewardException.invalid(fields);
        return new Checked(currency, date, due, seriesName, gateway, notes, snap);
    }

    static void checkLine(InvoiceDraft.Line l, String at, Map<String, List<String>> fields) {
        var problems = new ArrayList<String>();
        if (l.type() == null || !TYPE.matcher(l.type()).matches()) problems.add("type must be a word of up to 20 letters and digits");
        if (l.description() == null || l.description().isBlank() || l.description().length() > 1000) {
            problems.add("description must be 1-1000 characters");
        }
        if (l.amount() == null) problems.add("amount is required");
        if (l.qty() == null || l.qty().signum() <= 0 || l.qty().stripTrailingZeros().scale() > 2) {
            problems.add("qty must be positive with at most two decimals");
        }
        if (l.itemId() == InvoiceLine.FEE_ITEM_ID) problems.add("item_id -2 is reserved for payment fee lines");
        if (l.periodStart() != null && l.serviceId() == null) problems.add("a period needs a service_id");
        if (l.periodEnd() != null && (l.periodStart() == null || l.periodEnd().isBefore(l.periodStart()))) {
            problems.add("period_end needs a period_start on or before it");
        }
        if (InvoiceLine.CREDIT_TYPE.equals(l.type()) && (l.amount() == null || l.amount().signum() <= 0)) {
            problems.add("a Credit (add funds) line must be positive");
        }
        if (!problems.isEmpty()) fields.put(at, problems);
    }

    /**
     * Adds lines to an open invoice (late fees, for instance) and recomputes its fee line, tax
     * and totals. Lines whose service period is already invoiced are skipped as in {@link #issue}.
     */
    public IssueResult addLines(long invoiceId, List<InvoiceDraft.Line> lines) {
        return db.tx(() -> {
            long clientId = invoices.clientOf(invoiceId).orElseThrow(() -> StewardException.notFound("Invoice not found"));
            var fields = new LinkedHashMap<String, List<String>>();
            if (lines.isEmpty()) fields.put("items", List.of("At least one line is required"));
            for (int i = 0; i < lines.size(); i++) checkLine(lines.get(i), "items[" + i + "]", fields);
            if (!fields.isEmpty()) throw StewardException.invalid(fields);
            credit.lock(clientId);
            Invoice inv = invoices.byIdForUpdate(invoiceId).orElseThrow();
            if (!inv.open()) throw StewardException.invalid(Map.of("status", List.of("Only an unpaid invoice can take more lines")));
            var skipped = new ArrayList<InvoiceDraft.Line>();
            for (var p : InvoiceCalculator.price(lines, inv.currency())) {
                if (!invoices.insertLine(invoiceId, p)) skipped.add(p.line());
            }
            if (skipped.size() < lines.size()) recompute(inv, Times.now(clock));
            return new IssueResult(Optional.of(detail(invoiceId)), skipped);
        });
    }

    /**
     * Recomputes an open invoice's fee line, tax and totals from its lines (after lines were added
     * or removed). Money already applied beyond the new total goes back to the account credit
     * (recorded in {@code refunded}); a fully covered invoice becomes Paid. Caller holds the locks.
     */
    private void recompute(Invoice inv, LocalDateTime now) {
        var kept = new ArrayList<InvoiceCalculator.Priced>();
        for (InvoiceLine l : invoices.lines(inv.id(), inv.currency())) {
            if (l.itemId() == InvoiceLine.FEE_ITEM_ID) continue;
            kept.add(new InvoiceCalculator.Priced(new InvoiceDraft.Line(l.type(), l.itemId(), l.description(), l.amount(), l.qty(),
                    l.taxed(), l.serviceId(), l.periodStart(), l.periodEnd()), l.amount(), l.qty(), l.linetotal()));
        }
        invoices.deleteFeeLines(inv.id());
        Gateway gateway = inv.gatewayId() == null ? null : gateways.get(inv.gatewayId()).orElse(null);
        if (gateway != null && gateway.hasFee()) {
            InvoiceCalculator.feeLine(gateway.name(), gateway.fixedFee(), gateway.percentFee(), InvoiceCalculator.subtotal(kept),
                    inv.currency()).ifPresent(fee -> {
                        var p = InvoiceCalculator.price(fee, inv.currency());
                        invoices.insertLine(inv.id(), p);
                        kept.add(p);
                    });
        }
        var totals = totals(inv.clientId(), inv.currency(), kept);
        invoices.setTotals(inv.id(), totals, now);
        BigDecimal applied = inv.credit().add(inv.amountPaid()).subtract(inv.refunded());
        BigDecimal excess = applied.subtract(totals.total());
        if (excess.signum() > 0) {
            credit.post(credit.lock(inv.clientId()), excess, inv.currency(), "Returned from invoice " + inv.number() + " after its lines changed", inv.id(), "system");
            invoices.addRefunded(inv.id(), excess, now);
        }
        settle(inv.id(), now);
    }

    // Paying (shared with PaymentService)

    /** Marks the invoice Paid when nothing is due any more. Caller holds the account and invoice locks. */
    boolean settle(long invoiceId, LocalDateTime now) {
        Invoice inv = invoices.byId(invoiceId).orElseThrow();
        if (!inv.open() || inv.due().signum() > 0) return false;
        markPaid(inv, now);
        return true;
    }

    void markPaid(Invoice inv, LocalDateTime now) {
        invoices.setStatus(inv.id(), Invoice.PAID, now, now);
        InvoiceDetail paid = detail(inv.id());
        BigDecimal funds = Money.sum(paid.lines().stream().filter(l -> l.type().equals(InvoiceLine.CREDIT_TYPE))
                .map(InvoiceLine::linetotal).toList());
        if (funds.signum() > 0) credit.post(credit.lock(inv.clientId()), funds, inv.currency(), "Funds added by invoice " + inv.number(), inv.id(), "system");
        for (BillingListener l : listeners) l.invoicePaid(paid);
    }

    void fireRefunded(long invoiceId, CreditNote note) {
        InvoiceDetail d = detail(invoiceId);
        for (BillingListener l : listeners) l.invoiceRefunded(d, note);
    }

    // Cancelling

    /**
     * Cancels an open invoice (staff). Credit and payments already applied to it go back to the
     * client's account credit. Its lines keep their service periods: a cancelled period is not
     * invoiced again.
     */
    public InvoiceDetail cancel(long invoiceId, String by) {
        return db.tx(() -> {
            long clientId = invoices.clientOf(invoiceId).orElseThrow(() -> StewardException.notFound("Invoice not found"));
            credit.lock(clientId);
            Invoice inv = invoices.byIdForUpdate(invoiceId).orElseThrow();
            if (!inv.open()) throw StewardException.invalid(Map.of("status", List.of("Only an unpaid invoice can be cancelled; this one is " + inv.status())));
            return cancelLocked(inv, by);
        });
    }

    private InvoiceDetail cancelLocked(Invoice inv, String by) {
        var now = Times.now(clock);
        BigDecimal applied = inv.credit().add(inv.amountPaid()).subtract(inv.refunded());
        if (applied.signum() > 0) {
            credit.post(credit.lock(inv.clientId()), applied, inv.currency(), "Returned from cancelled invoice " + inv.number(), inv.id(), by);
            invoices.addRefunded(inv.id(), applied, now);
        }
        invoices.setStatus(inv.id(), Invoice.CANCELLED, null, now);
        InvoiceDetail d = detail(inv.id());
        for (BillingListener l : listeners) l.invoiceCancelled(d);
        return d;
    }

    /**
     * For a cancelled service: every open invoice billing it is cancelled when it bills nothing
     * else, or else loses that service's lines (and is recomputed). Returns the invoices touched.
     */
    public List<Long> cancelUnpaidFor(long serviceId, String by) {
        return db.tx(() -> {
            var touched = new ArrayList<Long>();
            for (long id : invoices.openWithService(serviceId)) {
                long clientId = invoices.clientOf(id).orElseThrow();
                credit.lock(clientId);
                Invoice inv = invoices.byIdForUpdate(id).orElseThrow();
                if (!inv.open()) continue;
                boolean onlyThisService = invoices.lines(id, inv.currency()).stream()
                        .allMatch(l -> l.itemId() == InvoiceLine.FEE_ITEM_ID || Long.valueOf(serviceId).equals(l.serviceId()));
                if (onlyThisService) {
                    cancelLocked(inv, by);
                } else {
                    invoices.deleteServiceLines(id, serviceId);
                    recompute(inv, Times.now(clock));
                }
                touched.add(id);
            }
            return touched;
        });
    }

    /** Moves an open invoice to Collections (the engine, when a service is terminated unpaid). */
    public void markCollections(long invoiceId) {
        db.txRun(() -> {
            Invoice inv = invoices.byIdForUpdate(invoiceId).orElseThrow(() -> StewardException.notFound("Invoice not found"));
            if (!inv.status().equals(Invoice.UNPAID)) throw StewardException.invalid(Map.of("status", List.of("Only an unpaid invoice can go to collections")));
            invoices.setStatus(invoiceId, Invoice.COLLECTIONS, null, Times.now(clock));
        });
    }

    // Reading

    public Optional<InvoiceDetail> invoice(long id) {
        return invoices.byId(id).map(i -> detail(i.id()));
    }

    /** The client's invoice; another client's is simply not found. */
    public InvoiceDetail invoiceOf(long clientId, long id) {
        return invoices.byId(id).filter(i -> i.clientId() == clientId).map(i -> detail(i.id()))
                .orElseThrow(() -> StewardException.notFound("Invoice not found"));
    }

    /** Tells the listeners an invoice was issued (inside the issuing transaction). */
    void issued(long invoiceId) {
        if (listeners.isEmpty()) return;
        Invoice inv = invoices.byId(invoiceId).orElseThrow();
        for (BillingListener l : listeners) l.invoiceIssued(inv);
    }

    /**
     * Records a batch of issued invoices for the listeners, in the issuing transaction; they are
     * told after it commits, by {@link #deliverIssued} (the job engine runs them). The billing
     * run then writes one small row per batch, not a mail and a notification per invoice.
     */
    void issued(java.util.Collection<Long> invoiceIds) {
        if (listeners.isEmpty() || invoiceIds.isEmpty()) return;
        issuedEvents.queue(invoiceIds);
    }

    /**
     * Tells the listeners about the batches the billing run issued ({@link BillingListener#invoicesIssued}),
     * each batch once (see {@link IssuedEvents#deliver}). Answers how many invoices were told.
     */
    public int deliverIssued() {
        return issuedEvents.deliver();
    }

    /** Batches of issued invoices whose listeners have not been told yet. */
    public int issuedPending() {
        return issuedEvents.pending();
    }

    InvoiceDetail detail(long id) {
        Invoice inv = invoices.byId(id).orElseThrow();
        return new InvoiceDetail(inv, invoices.lines(id, inv.currency()), payments.payments(id, inv.currency()), payments.creditNotes(id));
    }

    public Page list(Long clientId, String status, int page, int perPage) {
        if (status != null && !Invoice.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + String.join(", ", Invoice.STATUSES))));
        }
        return new Page(invoices.list(clientId, status, page, perPage), invoices.count(clientId, status), page, perPage);
    }

    /** The client's open (Unpaid or Collections) invoices, earliest due first. */
    public List<Invoice> unpaid(long clientId) {
        return invoices.open(clientId);
    }

    /**
     * Open invoices due before {@code asOf} (overdue on that date), in id order; page through them
     * by passing the last id seen as {@code afterId} (0 to start).
     */
    public List<Invoice> overdue(LocalDate asOf, long afterId, int limit) {
        return invoices.overdue(asOf, afterId, limit);
    }

    /** Open invoices carrying a line of the service. */
    public List<InvoiceDetail> openForService(long serviceId) {
        return invoices.openWithService(serviceId).stream().map(this::detail).toList();
    }

    /** Whether the service's period starting {@code periodStart} is already on an invoice as a {@code type} line. */
    public boolean periodInvoiced(long serviceId, LocalDate periodStart, String type) {
        var key = new InvoiceStore.PeriodKey(serviceId, periodStart, type);
        return invoices.invoicedPeriods(List.of(key)).contains(key);
    }

    /** The unpaid total (open invoices in the client's currency) and the account credit. */
    public AccountSummary summary(long clientId) {
        var balance = credit.balance(clientId);
        BigDecimal unpaid = Money.sum(invoices.open(clientId).stream().filter(i -> i.currency().equals(balance.currency()))
                .map(Invoice::due).toList());
        return new AccountSummary(balance.currency(), Money.round(unpaid, balance.currency()), balance.credit());
    }

    /** Why a client cannot be deleted: it has invoices or credit (billing records must be kept). */
    public Optional<String> blockingDeletion(long clientId) {
        if (invoices.anyForClient(clientId)) return Optional.of("it has invoices");
        if (credit.existing(clientId).map(b -> b.credit().signum() != 0).orElse(false)) return Optional.of("it has account credit");
        return Optional.empty();
    }
}
