package io.steward.webui.staff;

import io.steward.billing.BillingFeature;
import io.steward.billing.CreditNote;
import io.steward.billing.Invoice;
import io.steward.billing.PaymentService;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Invoices of every client: the list by status, one invoice, recording a payment, refunding, cancelling. */
final class ConsoleInvoicePages {
    private final StaffConsole console;
    private final BillingFeature billing;

    ConsoleInvoicePages(StaffConsole console, BillingFeature billing) {
        this.console = console;
        this.billing = billing;
    }

    Reply list(WebRequest r) {
        String status = r.params().string("status").filter(s -> !s.isBlank()).orElse(null);
        if (status != null && !List.of(Invoice.UNPAID, Invoice.PAID, "Cancelled", "Refunded", "Collections").contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("No such invoice status")));
        }
        var page = billing.invoices().list(r.params().id("client_id").orElse(null), status, 1, 200);
        return console.render(r, 200, "admin/invoices.jte", r.page("admin.invoices.title"), "invoices", page.invoices(),
                "status", status == null ? "" : status);
    }

    Reply view(WebRequest r) {
        var detail = billing.invoices().invoice(r.call().pathId("id")).orElseThrow(() -> StewardException.notFound("Invoice not found"));
        return console.render(r, 200, "admin/invoice.jte", r.page("admin.invoice.title", detail.invoice().number()), "detail", detail,
                "gateways", billing.gateways().list(true), "done", r.params().string("done").orElse(""));
    }

    /** The amount received (all that is due when left empty) through a gateway, as {@code POST /admin/api/invoices/@id/payments}. */
    Reply recordPayment(WebRequest r) {
        long id = r.call().pathId("id");
        var p = r.params();
        var invoice = billing.invoices().invoice(id).orElseThrow(() -> StewardException.notFound("Invoice not found")).invoice();
        BigDecimal amount = p.string("amount").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "amount")).orElse(invoice.due());
        var input = new PaymentService.PaymentInput(p.id("gateway_id").orElse(null), amount, null,
                p.string("transaction_id").filter(s -> !s.isBlank()).orElse(null), null);
        billing.payments().recordPayment(id, input, StaffConsole.by(r));
        return WebKit.redirect("/admin/invoices/" + id + "?done=payment");
    }

    /** A refund (all that was paid when no amount is given) to account credit or outside, as {@code POST /admin/api/invoices/@id/refund}. */
    Reply refund(WebRequest r) {
        long id = r.call().pathId("id");
        var p = r.params();
        BigDecimal amount = p.string("amount").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "amount")).orElse(null);
        billing.payments().refund(id, amount, p.string("method").orElse(CreditNote.CREDIT), p.string("reason").orElse(null), StaffConsole.by(r));
        return WebKit.redirect("/admin/invoices/" + id + "?done=refund");
    }

    Reply cancel(WebRequest r) {
        long id = r.call().pathId("id");
        billing.invoices().cancel(id, StaffConsole.by(r));
        return WebKit.redirect("/admin/invoices/" + id + "?done=cancel");
    }
}
