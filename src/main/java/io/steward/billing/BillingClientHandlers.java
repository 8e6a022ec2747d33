package io.steward.billing;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.web.Call;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client API's billing endpoints ({@code /balance}, {@code /invoice...}, {@code /payment...}),
 * shaped exactly as the references show them: ids and line amounts as strings, invoice totals and
 * rates as numbers. Routes and privileges are declared in {@code api.ClientApi}.
 */
public final class BillingClientHandlers {
    /** The snapshot fields the references show in an invoice's {@code client}. */

    private final BillingService billing;
    private final PaymentService payments;
    private final Gateways gateways;

    BillingClientHandlers(BillingService billing, PaymentService payments, Gateways gateways) {
        this.billing = billing;
        this.payments = payments;
        this.gateways = gateways;
    }

    /** {@code GET /balance}: unpaid total and credit. */
    public Object balance(Call call) {
        var s = billing.summary(call.get(Actor.class).clientId());
        return obj("success", true, "details", obj("currency", s.currency(),
                "acc_balance", Money.format(s.unpaid(), s.currency()), "acc_credit", Money.format(s.credit(), s.currency())));
    }

    /** {@code GET /invoice}: every invoice of the account, newest first. */
    public Object invoices(Call call) {
        long clientId = call.get(Actor.class).clientId();
        var page = billing.list(clientId, null, 1, Integer.MAX_VALUE / 2);
        return obj("invoices", page.invoices().stream().map(BillingClientHandlers::summary).toList());
    }

    /** {@code GET /invoice/@id}. */
    public Object invoice(Call call) {
        var d = billing.invoiceOf(call.get(Actor.class).clientId(), call.pathId("id"));
        return obj("invoice", detail(d));
    }

    /** {@code POST /invoice/@id/credit}: {@code amount} optional (all that is due, as far as the credit goes). */
    public Object applyCredit(Call call) {
        Actor a = call.get(Actor.class);
        BigDecimal amount = call.params().string("amount").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "amount")).orElse(null);
        var result = payments.applyCredit(a.clientId(), call.pathId("id"), amount, a.isHolder() ? "client" : "contact:" + a.contactId());
        return obj("success", true, "invoice_status", result.invoice().invoice().status(), "applied", result.applied());
    }

    /** {@code GET /payment}: enabled payment methods, id to name. */
    public Object paymentMethods(Call call) {
        var out = new LinkedHashMap<String, Object>();
        for (Gateway g : gateways.list(true)) out.put(Long.toString(g.id()), g.name());
        return obj("payments", out);
    }

    /** {@code GET /payment/fees}: enabled payment methods with their fees. */
    public Object paymentFees(Call call) {
        return obj("payments", gateways.list(true).stream().map(g -> obj("id", g.id(), "name", g.name(),
                "fixed_fee", feeText(g.fixedFee()), "percent_fee", feeText(g.percentFee()))).toList());
    }

    /** Fees as the references print them: "0.0", "0.5", "2.9". */
    static String feeText(BigDecimal v) {
        BigDecimal s = Sql.plain(v);
        return (s.scale() < 1 ? s.setScale(1) : s).toPlainString();
    }

    private static Map<String, Object> summary(Invoice i) {
        return obj("id", Long.toString(i.id()), "date", Times.date(i.date()), "dateorig", Times.date(i.date()),
                "duedate", Times.date(i.dueDate()), "paybefore", Times.date(i.dueDate()),
                "total", Money.format(i.total(), i.currency()), "datepaid", Times.stamp(i.paidAt()), "status", i.status(),
                "merge_id", null, "number", i.number(), "currency", i.currency());
    }

    private static Map<String, Object> detail(InvoiceDetail d) {
        Invoice i = d.invoice();
        var items = d.lines().stream().map(l -> obj("id", Long.toString(l.id()), "invoice_id", Long.toString(l.invoiceId()),
                "type", l.type(), "item_id", Long.toString(l.itemId()), "description", l.description(),
                "amount", Money.format(l.amount(), i.currency()), "taxed", l.taxed() ? "1" : "0",
                "qty", l.qty().toPlainString(), "linetotal", Money.format(l.linetotal(), i.currency()))).toList();
        // rate, rate2, rate3: the references' currency-conversion fields; Steward bills in the
        // invoice's own currency without conversion, so they are always 1, 0, 1.
        return obj("id", Long.toString(i.id()), "status", i.status(), "date", Times.date(i.date()),
                "duedate", Times.date(i.dueDate()), "paybefore", Times.date(i.dueDate()), "datepaid", Times.stamp(i.paidAt()),
                "subtotal", i.subtotal(), "credit", i.credit(), "tax", i.tax(), "taxrate", i.taxRate(), "tax2", i.tax2(),
                "taxrate2", i.taxRate2(), "taxexempt", i.taxExempt() ? "1" : "0", "total", i.total(),
                "rate", 1, "rate2", 0, "rate3", 1, "notes", i.notes(), "items", items, "client", client(ClientSnapshot.parse(i.clientSnapshot())),
                "number", i.number(), "currency", i.currency());
    }

    /** The invoice's client as the references show it: the snapshot taken at issue, all strings. */
    static Map<String, Object> client(ClientSnapshot s) {
        return obj("id", Long.toString(s.id()), "email", s.email(), "firstname", s.firstname(), "lastname", s.lastname(),
                "companyname", s.companyname(), "address1", s.address1(), "address2", s.address2(), "city", s.city(), "state", s.state(),
                "postcode", s.postcode(), "country", s.country(), "phonenumber", s.phonenumber());
    }
}
