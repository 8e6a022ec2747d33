package io.steward.v1;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.billing.BillingService;
import io.steward.billing.Gateways;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.core.Ids;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import java.util.List;
import java.util.Map;

/** {@code GET /billing/invoices} and {@code GET /billing/balance}: the caller's invoices and account credit. */
public final class BillingV1Handlers {
    /** The reference's {@code status} values. */
    static final List<String> STATUSES = List.of("Paid", "Unpaid", "Cancelled", "Refunded");

    private final BillingService billing;
    private final Gateways gateways;

    public BillingV1Handlers(BillingService billing, Gateways gateways) {
        this.billing = billing;
        this.gateways = gateways;
    }

    /**
     * {@code id}, {@code invoicenum}, {@code status} filter; {@code showInvoiceItems} and
     * {@code showTransactions} add the lines and the payments; newest first, paged by
     * {@code limitstart}/{@code limitnum}.
     */
    public Object invoices(Call call) {
        long clientId = call.get(Actor.class).clientId();
        var p = call.params();
        Long id = p.string("id").map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> Ids.parse(s).orElseThrow(() -> StewardException.badRequest("id must be an invoice id"))).orElse(null);
        String number = p.string("invoicenum").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        String status = p.string("status").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (status != null && !STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Must be one of " + String.join(", ", STATUSES))));
        }
        boolean items = p.flag("showInvoiceItems", false);
        boolean transactions = p.flag("showTransactions", false);
        Paging paging = Paging.of(call);
        var matching = billing.list(clientId, status, 1, Integer.MAX_VALUE / 2).invoices().stream()
                .filter(i -> id == null || i.id() == id)
                .filter(i -> number == null || i.number().equals(number))
                .toList();
        var page = paging.page(matching).stream().map(i -> {
            var m = summary(i);
            if (items || transactions) {
                InvoiceDetail d = billing.invoiceOf(clientId, i.id());
                if (items) m.put("items", d.lines().stream().map(l -> obj("id", l.id(), "type", l.type(), "relId", l.itemId(),
                        "description", l.description(), "amount", Money.format(l.linetotal(), i.currency()), "taxed", l.taxed())).toList());
                if (transactions) m.put("transactions", d.payments().stream().map(t -> obj("id", t.id(), "date", Times.stamp(t.paidAt()),
                        "gateway", gateways.get(t.gatewayId()).map(g -> g.name()).orElse(""), "transactionId", t.transactionId() == null ? "" : t.transactionId(),
                        "amount", Money.format(t.amount(), i.currency()), "fees", Money.format(t.fee(), i.currency()),
                        "refunded", Money.format(t.refunded(), i.currency()))).toList());
            }
            return m;
        }).toList();
        return paging.reply(page, matching.size());
    }

    /** {@code GET /billing/balance}: the account credit, {@code {"balance": "100.00", "currency": "EUR"}}. */
    public Object balance(Call call) {
        var s = billing.summary(call.get(Actor.class).clientId());
        return obj("balance", Money.format(s.credit(), s.currency()), "currency", s.currency());
    }

    private static Map<String, Object> summary(Invoice i) {
        return obj("id", i.id(), "invoicenum", i.number(), "date", Times.date(i.date()), "dueDate", Times.date(i.dueDate()),
                "datePaid", i.paidAt() == null ? null : Times.stamp(i.paidAt()), "subtotal", Money.format(i.subtotal(), i.currency()),
                "credit", Money.format(i.credit(), i.currency()), "tax", Money.format(i.tax(), i.currency()),
                "tax2", Money.format(i.tax2(), i.currency()), "total", Money.format(i.total(), i.currency()),
                "balance", Money.format(i.due(), i.currency()), "currency", i.currency(), "status", i.status());
    }
}
