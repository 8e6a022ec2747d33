package io.steward.billing;

import io.steward.core.ErrorCode;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Money moving against invoices: account credit applied, gateway payments recorded, refunds as
 * credit notes, add-funds invoices. Every operation locks the client's billing account and then
 * the invoice, so operations on one client queue in that order and never deadlock each other.
 * Paying an invoice in full marks it Paid and tells the {@link BillingListener}s in the same
 * transaction.
 */
public final class PaymentService {
    /** The result of applying credit: the invoice afterwards and the amount applied. */
    public record CreditApplied(InvoiceDetail invoice, BigDecimal applied) {}

    /**
     * A payment to record. {@code gatewayId} null means bank transfer; {@code paidAt} null means now;
     * {@code fee} is what the gateway kept (bookkeeping only; the invoice is paid by {@code amount}).
     */
    public record PaymentInput(Long gatewayId, BigDecimal amount, BigDecimal fee, String transactionId, LocalDateTime paidAt) {}

    /** A refund: the credit note and the invoice afterwards. */
    public record Refund(InvoiceDetail invoice, CreditNote note) {}

    private final Db db;
    private final Clock clock;
    private final InvoiceStore invoices;
    private final PaymentStore payments;
    private final NumberingSeries series;
    private final CreditLedger credit;
    private final Gateways gateways;
    private final BillingService billing;

    PaymentService(Db db, Clock clock, InvoiceStore invoices, PaymentStore payments, NumberingSeries series, CreditLedger credit,
                   Gateways gateways, BillingService billing) {
        this.db = db;
        this.clock = clock;
        this.invoices = invoices;
        this.payments = payments;
        this.series = series;
        this.credit = credit;
        this.gateways = gateways;
        this.billing = billing;
    }

    /**
     * Applies the client's account credit to its invoice: {@code amount}, or when null as much as
     * pays the invoice in full (or all the credit there is, if less). Safe under concurrent calls:
     * the credit never goes below zero and an invoice is never paid twice.
     *
     * @param by who applied it, for the ledger ({@code client}, {@code contact:12}, {@code order})
     */
    public CreditApplied applyCredit(long clientId, long invoiceId, BigDecimal amount, String by) {
        if (amount != null && amount.signum() <= 0) throw invalid("amount", "Amount must be positive");
        return db.tx(() -> {
            invoices.clientOf(invoiceId).filter(c -> c == clientId).orElseThrow(() -> StewardException.notFound("Invoice not found"));
            CreditLedger.Balance balance = credit.lock(clientId);
            Invoice inv = invoices.byIdForUpdate(invoiceId).orElseThrow();
            if (!inv.open()) throw invalid("invoice", "Invoice is " + inv.status() + ", not unpaid");
            if (billing.detail(invoiceId).addsFunds()) throw invalid("invoice", "Account credit cannot pay an add-funds invoice");
            if (!inv.currency().equals(balance.currency())) {
                throw invalid("invoice", "The invoice is in " + inv.currency() + " but the account credit is in " + balance.currency());
            }
            BigDecimal due = inv.due();
            BigDecimal applied;
            if (amount == null) {
                applied = due.min(balance.credit());
                if (applied.signum() <= 0) throw invalid("amount", "There is no account credit to apply");
            } else {
                applied = Money.round(amount, inv.currency());
                if (applied.compareTo(due) > 0) throw invalid("amount", "Amount exceeds the " + Money.format(due, inv.currency()) + " due");
            }
            var now = Times.now(clock);
            credit.post(balance, applied.negate(), inv.currency(), "Credit applied to invoice " + inv.number(), invoiceId, by);
            invoices.addCredit(invoiceId, applied, now);
            billing.settle(invoiceId, now);
            return new CreditApplied(billing.detail(invoiceId), applied);
        });
    }

    /**
     * Records a payment received through a gateway (staff recording a bank transfer, or a gateway
     * module's notification). Partial payments reduce what is due; paying more than is due puts
     * the excess on the account credit. A transaction id is accepted once per gateway (409).
     */
    public InvoiceDetail recordPayment(long invoiceId, PaymentInput in, String by) {
        var v = new io.steward.core.Validation();
        v.check(in.amount() != null && in.amount().signum() > 0, "amount", "Amount must be positive");
        v.check(in.fee() == null || in.fee().signum() >= 0, "fee", "Fee must not be negative");
        v.check(in.transactionId() == null || in.transactionId().length() <= 200, "transaction_id", "Transaction id must be at most 200 characters");
        v.throwIfAny();
        Gateway gateway = in.gatewayId() == null
                ? gateways.byModule("banktransfer").orElseThrow(() -> invalid("gateway_id", "Bank transfer is not installed"))
                : gateways.get(in.gatewayId()).orElseThrow(() -> invalid("gateway_id", "No such payment gateway"));
        if (gateway.module().equals("credit")) throw invalid("gateway_id", "Account credit is applied, not recorded as a payment");
        String txn = in.transactionId() == null || in.transactionId().isBlank() ? null : in.transactionId().trim();
        return db.tx(() -> {
            long clientId = invoices.clientOf(invoiceId).orElseThrow(() -> StewardException.notFound("Invoice not found"));
            credit.lock(clientId);
            Invoice inv = invoices.byIdForUpdate(invoiceId).orElseThrow();
            if (!inv.open()) throw invalid("invoice", "Invoice is " + inv.status() + ", not unpaid");
            if (txn != null && payments.transactionRecorded(gateway.id(), txn)) {
                throw StewardException.conflict("Transaction " + txn + " is already recorded for " + gateway.name());
            }
            var now = Times.now(clock);
            BigDecimal amount = Money.round(in.amount(), inv.currency());
            BigDecimal fee = in.fee() == null ? Money.round(BigDecimal.ZERO, inv.currency()) : Money.round(in.fee(), inv.currency());
            BigDecimal excess = amount.subtract(inv.due());
            payments.insertPayment(invoiceId, clientId, gateway.id(), amount, fee, txn, in.paidAt() == null ? now : in.paidAt(), by, now);
            invoices.addPaid(invoiceId, amount, now);
            if (excess.signum() > 0) {
                credit.post(credit.lock(clientId), excess, inv.currency(), "Overpayment of invoice " + inv.number(), invoiceId, by);
                invoices.addRefunded(invoiceId, excess, now);
            }
            billing.settle(invoiceId, now);
            return billing.detail(invoiceId);
        });
    }

    /**
     * Refunds a paid invoice with a credit note numbered in the credit-note series: to the
     * account credit ({@code credit}) or paid back outside Steward ({@code external}, at most what
     * gateways paid). {@code amount} null refunds everything refundable; a fully refunded invoice
     * becomes Refunded.
     */
    public Refund refund(long invoiceId, BigDecimal amount, String method, String reason, String by) {
        var v = new io.steward.core.Validation();
        v.check(CreditNote.CREDIT.equals(method) || CreditNote.EXTERNAL.equals(method), "method", "Method must be credit or external");
        v.check(reason != null && !reason.isBlank() && reason.length() <= 1000, "reason", "A reason of 1-1000 characters is required");
        v.check(amount == null || amount.signum() > 0, "amount", "Amount must be positive");
        v.throwIfAny();
        return db.tx(() -> {
            long clientId = invoices.clientOf(invoiceId).orElseThrow(() -> StewardException.notFound("Invoice not found"));
            credit.lock(clientId);
            Invoice inv = invoices.byIdForUpdate(invoiceId).orElseThrow();
            if (!inv.status().equals(Invoice.PAID)) throw invalid("invoice", "Only a paid invoice can be refunded; this one is " + inv.status());
            BigDecimal refundable = inv.refundable();
            BigDecimal value = amount == null ? refundable : Money.round(amount, inv.currency());
            if (value.signum() <= 0) throw invalid("amount", "Nothing is left to refund");
            if (value.compareTo(refundable) > 0) throw invalid("amount", "At most " + Money.format(refundable, inv.currency()) + " can be refunded");
            var now = Times.now(clock);
            if (method.equals(CreditNote.EXTERNAL)) refundPayments(inv, value);
            String number = series.next(NumberingSeries.CREDIT_NOTES, now.toLocalDate());
            long noteId = payments.insertCreditNote(invoiceId, clientId, NumberingSeries.CREDIT_NOTES, number, now.toLocalDate(),
                    inv.currency(), value, method, reason.trim(), by, now);
            if (method.equals(CreditNote.CREDIT)) {
                credit.post(credit.lock(clientId), value, inv.currency(), "Refund of invoice " + inv.number() + " (credit note " + number + ")", invoiceId, by);
            }
            invoices.addRefunded(invoiceId, value, now);
            if (value.compareTo(refundable) == 0) invoices.setStatus(invoiceId, Invoice.REFUNDED, inv.paidAt(), now);
            CreditNote note = payments.creditNotes(invoiceId).stream().filter(n -> n.id() == noteId).findFirst().orElseThrow();
            billing.fireRefunded(invoiceId, note);
            return new Refund(billing.detail(invoiceId), note);
        });
    }

    /** Marks gateway payments as refunded, oldest first; refuses more than they hold. */
    private void refundPayments(Invoice inv, BigDecimal value) {
        BigDecimal left = value;
        for (Payment p : payments.payments(inv.id(), inv.currency())) {
            BigDecimal room = p.amount().subtract(p.refunded());
            if (room.signum() <= 0) continue;
            BigDecimal take = room.min(left);
            payments.addRefunded(p.id(), take);
            left = left.subtract(take);
            if (left.signum() == 0) return;
        }
        throw invalid("amount", "An external refund can return at most what gateways paid");
    }

    /**
     * Issues an add-funds invoice: one untaxed {@code Credit} line; paying it adds the amount to the
     * account credit. A gateway with a fee adds its fee line.
     */
    public InvoiceDetail addFunds(long clientId, BigDecimal amount, Long gatewayId, String by) {
        if (amount == null || amount.signum() <= 0) throw invalid("amount", "Amount must be positive");
        var draft = InvoiceDraft.of(clientId, List.of(InvoiceDraft.Line.of(InvoiceLine.CREDIT_TYPE, "Add Funds", amount, false)))
                .withGateway(gatewayId).withNotes("Add funds (requested by " + by + ")");
        return billing.issue(draft).invoice().orElseThrow();
    }

    private static StewardException invalid(String field, String message) {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of(message), Map.of(field, List.of(message)));
    }
}
