package io.steward.affiliate;

import io.steward.billing.BillingListener;
import io.steward.billing.CreditLedger;
import io.steward.billing.CreditNote;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.billing.InvoiceLine;
import io.steward.core.ErrorCode;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import io.steward.notification.Notifier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commissions and payouts.
 *
 * <p>Commissions follow the referred client's invoices ({@link BillingListener}, inside the paying
 * transaction): a paid invoice earns one commission by the affiliate's plan on its subtotal before
 * tax and without payment-fee lines (add-funds invoices earn nothing: the credit they buy pays
 * invoices that earn). It is Pending until the plan's hold period ends, then Approved — payable —
 * by {@link #approveDue} (a scheduler task), which queues the {@code affiliate.commission} mail in
 * the same transaction. A refund (any credit note) or a cancellation of the invoice while the
 * commission is Pending reverses it; once Approved it stays, which is what the hold is for.
 *
 * <p>Payouts: the affiliate asks for an amount up to its available balance (approved commissions
 * less payouts asked for or paid); staff pay it to the affiliate's account credit (billing's
 * ledger, in the same transaction) or record an external payment, or reject it.
 */
public final class CommissionService implements BillingListener {
    private static final Logger LOG = LoggerFactory.getLogger(CommissionService.class);
    private static final int APPROVAL_BATCH = 500;

    private final Db db;
    private final Clock clock;
    private final AffiliateStore affiliates;
    private final LedgerStore ledger;
    private final CreditLedger credit;
    private final Outbox outbox;
    private final Notifier notifier;

    CommissionService(Db db, Clock clock, AffiliateStore affiliates, LedgerStore ledger, CreditLedger credit, Outbox outbox,
                      Notifier notifier) {
        this.notifier = notifier;
        this.db = db;
        this.clock = clock;
        this.affiliates = affiliates;
        this.ledger = ledger;
        this.credit = credit;
        this.outbox = outbox;
    }

    // Following the referred clients' invoices

    @Override
    public void invoicePaid(InvoiceDetail invoice) {
        if (invoice.addsFunds()) return;
        Invoice inv = invoice.invoice();
        Optional<Affiliate> referrer = affiliates.referrerOf(inv.clientId()).flatMap(affiliates::affiliate);
        if (referrer.isEmpty() || !referrer.get().active()) return;
        Affiliate a = referrer.get();
        // Older versions let staff clear the plan; such an affiliate earns by the default plan, as it
        // would have on joining, rather than silently nothing.
        Optional<Plan> found = a.planId() != null ? affiliates.plan(a.planId()) : affiliates.defaultPlan();
        if (found.isEmpty()) {
            LOG.warn("affiliate {} has no commission plan and there is no default plan: invoice {} earns no commission", a.id(), inv.id());
            return;
        }
        Plan plan = found.get();
        LocalDateTime now = Times.now(clock);
        var earned = CommissionCalculator.commission(plan, a.currency(), inv.currency(), base(invoice),
                !ledger.hasCommissionFor(a.id(), inv.clientId()), now.toLocalDate());
        if (earned.isEmpty()) return;
        var e = earned.get();
        boolean payableNow = !e.payableOn().isAfter(now.toLocalDate());
        ledger.insertCommission(a.id(), inv.clientId(), inv.id(), plan.id(), e.base(), e.amount(), inv.currency(),
                payableNow ? Commission.APPROVED : Commission.PENDING, e.payableOn(), now).ifPresent(id -> {
                    if (payableNow) mailPayable(ledger.commission(id).orElseThrow(), a);
                });
    }

    /** The invoice's subtotal before tax without payment-gateway fee lines. */
    static BigDecimal base(InvoiceDetail invoice) {
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLine l : invoice.lines()) if (l.itemId() != InvoiceLine.FEE_ITEM_ID) sum = sum.add(l.linetotal());
        return Money.round(sum, invoice.invoice().currency());
    }

    @Override
    public void invoiceCancelled(InvoiceDetail invoice) {
        reverse(invoice.id());
    }

    @Override
    public void invoiceRefunded(InvoiceDetail invoice, CreditNote note) {
        reverse(invoice.id());
    }

    private void reverse(long invoiceId) {
        ledger.commissionOfInvoice(invoiceId).filter(c -> Commission.PENDING.equals(c.status()))
                .ifPresent(c -> ledger.setCommissionStatus(c.id(), Commission.PENDING, Commission.REVERSED, Times.now(clock)));
    }

    /**
     * Approves every Pending commission whose hold has ended (payable_on on or before today, UTC),
     * each in its own transaction with its mail; answers how many. A compare-and-set on the status
     * makes concurrent runs (two nodes, a refund at the same moment) approve each at most once.
     */
    public int approveDue() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int approved = 0;
        while (true) {
            List<Long> due = db.tx(() -> ledger.dueForApproval(today, APPROVAL_BATCH));
            int before = approved;
            for (long id : due) {
                boolean done = db.tx(() -> {
                    if (!ledger.setCommissionStatus(id, Commission.PENDING, Commission.APPROVED, Times.now(clock))) return false;
                    Commission c = ledger.commission(id).orElseThrow();
                    mailPayable(c, affiliates.affiliate(c.affiliateId()).orElseThrow());
                    return true;
                });
                if (done) approved++;
            }
            if (due.size() < APPROVAL_BATCH || approved == before) break;
        }
        if (approved > 0) LOG.info("affiliate commissions approved count={}", approved);
        return approved;
    }

    /** The mail and the portal notification (rel_type {@code affiliate}) of a commission that became payable. */
    private void mailPayable(Commission c, Affiliate a) {
        String amount = Money.format(c.amount(), c.currency());
        String available = Money.format(balance(a).available(), a.currency());
        String description = "Commission #" + c.id() + " on invoice " + c.invoiceId() + " of a client you referred is payable now. "
                + "Your available balance is " + available + " " + a.currency() + ".";
        outbox.toClient(a.clientId(), Outbox.Audience.holder(), "affiliate.commission", Map.of(
                "commission_id", c.id(), "amount", amount, "currency", c.currency(), "invoice_id", c.invoiceId(),
                "balance", available, "description", description));
        notifier.notify(a.clientId(), "affiliate", c.id(), "Affiliate commission of " + amount + " " + c.currency() + " payable",
                description);
    }

    // Reading

    public Balance balance(Affiliate a) {
        String cur = a.currency();
        return new Balance(cur, Money.round(ledger.sumCommissions(a.id(), Commission.PENDING), cur),
                Money.round(ledger.sumCommissions(a.id(), Commission.APPROVED), cur),
                Money.round(ledger.sumPayouts(a.id(), Payout.PENDING), cur),
                Money.round(ledger.sumPayouts(a.id(), Payout.PAID), cur),
                affiliates.referrals(a.id()),
                ledger.countCommissions(a.id(), Commission.PENDING) + ledger.countCommissions(a.id(), Commission.APPROVED));
    }

    public record CommissionPage(List<Commission> commissions, int total, int page, int perPage) {}

    public CommissionPage commissions(Long affiliateId, String status, int page, int perPage) {
        if (status != null && !Commission.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + String.join(", ", Commission.STATUSES))));
        }
        return db.tx(() -> new CommissionPage(ledger.commissions(affiliateId, status, page, perPage),
                ledger.countCommissions(affiliateId, status), page, perPage));
    }

    public record PayoutPage(List<Payout> payouts, int total, int page, int perPage) {}

    public PayoutPage payouts(Long affiliateId, String status, int page, int perPage) {
        if (status != null && !Payout.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + String.join(", ", Payout.STATUSES))));
        }
        return db.tx(() -> new PayoutPage(ledger.payouts(affiliateId, status, page, perPage), ledger.countPayouts(affiliateId, status),
                page, perPage));
    }

    public Payout payout(long id) {
        return ledger.payout(id).orElseThrow(() -> StewardException.notFound("Payout not found"));
    }

    public boolean hasMoney(long affiliateId) {
        return ledger.hasMoney(affiliateId);
    }

    // Payouts

    /**
     * The affiliate asks for {@code amount} (null: everything available). The affiliate row is
     * locked, so concurrent requests cannot together take more than is available.
     */
    public Payout requestPayout(long affiliateId, BigDecimal amount, String notes) {
        return db.tx(() -> {
            Affiliate a = affiliates.affiliateForUpdate(affiliateId).orElseThrow(() -> StewardException.notFound("Affiliate not found"));
            if (!a.active()) throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("affiliate_disabled"), Map.of());
            BigDecimal available = balance(a).available();
            BigDecimal asked = amount == null ? available : amount;
            if (asked.stripTrailingZeros().scale() > Money.scale(a.currency())) {
                throw StewardException.invalid(Map.of("amount", List.of("At most " + Money.scale(a.currency()) + " decimals in " + a.currency())));
            }
            if (asked.signum() <= 0) {
                throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("nothing_to_pay_out"),
                        Map.of("amount", List.of("There is no approved commission to pay out")));
            }
            if (asked.compareTo(available) > 0) {
                throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("amount_exceeds_balance"),
                        Map.of("amount", List.of("exceeds the available balance of " + Money.format(available, a.currency()))));
            }
            String n = notes == null ? "" : notes.strip();
            if (n.length() > 1000) throw StewardException.invalid(Map.of("notes", List.of("Notes must be at most 1000 characters")));
            return payout(ledger.insertPayout(a.id(), Money.round(asked, a.currency()), a.currency(), n, Times.now(clock)));
        });
    }

    /**
     * Staff pay a Pending payout: {@code credit} adds it to the affiliate's account credit (which
     * must be held in the payout's currency), {@code external} records a payment made outside
     * Steward with its {@code reference}.
     */
    public Payout pay(long payoutId, String method, String reference, String by) {
        if (!Payout.CREDIT.equals(method) && !Payout.EXTERNAL.equals(method)) {
            throw StewardException.invalid(Map.of("method", List.of("Method must be credit or external")));
        }
        String ref = reference == null ? "" : reference.strip();
        if (ref.length() > 200) throw StewardException.invalid(Map.of("reference", List.of("Reference must be at most 200 characters")));
        if (Payout.EXTERNAL.equals(method) && ref.isEmpty()) {
            throw StewardException.invalid(Map.of("reference", List.of("An external payout needs a reference (transfer id, receipt)")));
        }
        return db.tx(() -> {
            Payout p = payout(payoutId);
            Affiliate a = affiliates.affiliate(p.affiliateId()).orElseThrow();
            if (Payout.CREDIT.equals(method)) {
                String creditCurrency = credit.balance(a.clientId()).currency();
                if (!creditCurrency.equals(p.currency())) {
                    throw StewardException.conflict("The affiliate's account credit is held in " + creditCurrency + ", the payout is in "
                            + p.currency() + "; pay it externally");
                }
            }
            if (!ledger.closePayout(payoutId, Payout.PAID, method, ref, p.notes(), by, Times.now(clock))) {
                throw StewardException.conflict("Payout " + payoutId + " is " + p.status() + ", not Pending");
            }
            if (Payout.CREDIT.equals(method)) credit.adjust(a.clientId(), p.amount(), "Affiliate payout #" + payoutId, by);
            return payout(payoutId);
        });
    }

    /** Staff reject a Pending payout; its amount is available again. */
    public Payout reject(long payoutId, String reason, String by) {
        String r = reason == null ? "" : reason.strip();
        if (r.length() > 1000) throw StewardException.invalid(Map.of("reason", List.of("Reason must be at most 1000 characters")));
        return db.tx(() -> {
            Payout p = payout(payoutId);
            String notes = r.isEmpty() ? p.notes() : r;
            if (!ledger.closePayout(payoutId, Payout.REJECTED, "", "", notes, by, Times.now(clock))) {
                throw StewardException.conflict("Payout " + payoutId + " is " + p.status() + ", not Pending");
            }
            return payout(payoutId);
        });
    }
}
