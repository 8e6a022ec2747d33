package io.steward.webui.client;

import io.steward.account.Actor;
import io.steward.billing.BillingFeature;
import io.steward.billing.Gateway;
import io.steward.billing.Invoice;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Invoices: the list, one invoice with how to pay it, its PDF, and paying it with account credit. */
final class InvoicePages {
    private final WebKit kit;
    private final BillingFeature billing;

    InvoicePages(WebKit kit, BillingFeature billing) {
        this.kit = kit;
        this.billing = billing;
    }

    Reply list(WebRequest r) {
        long clientId = r.get(Actor.class).clientId();
        var invoices = billing.invoices().list(clientId, null, 1, Integer.MAX_VALUE / 2).invoices();
        return kit.render(200, "client/invoices.jte", r.page("invoices.title"), "invoices", invoices);
    }

    Reply view(WebRequest r) {
        long clientId = r.get(Actor.class).clientId();
        var detail = billing.invoices().invoiceOf(clientId, r.call().pathId("id"));
        Invoice inv = detail.invoice();
        var summary = billing.invoices().summary(clientId);
        List<PaymentInstructions> how = new ArrayList<>();
        if (Invoice.UNPAID.equals(inv.status())) {
            // The invoice's own gateway when it has one, else every enabled one (the client picks).
            for (Gateway g : billing.gateways().list(true)) {
                if (inv.gatewayId() == null || inv.gatewayId() == g.id()) how.add(new PaymentInstructions(g.name(), billing.gateways().instructions(g, inv)));
            }
        }
        return kit.render(200, "client/invoice.jte", r.page("invoice.title", inv.number()), "detail", detail, "credit", summary.credit(),
                "instructions", how, "paid", r.params().string("paid").isPresent());
    }

    Reply pdf(WebRequest r) {
        return billing.pdf(billing.invoices().invoiceOf(r.get(Actor.class).clientId(), r.call().pathId("id")));
    }

    /** Pays what credit covers (all that is due, or the amount given), then shows the invoice again. */
    Reply payWithCredit(WebRequest r) {
        Actor a = r.get(Actor.class);
        long id = r.call().pathId("id");
        BigDecimal amount = r.params().string("amount").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "amount")).orElse(null);
        var applied = billing.payments().applyCredit(a.clientId(), id, amount, a.isHolder() ? "client" : "contact:" + a.contactId());
        if (applied.applied().signum() <= 0) throw StewardException.conflict("No credit was applied");
        return WebKit.redirect("/invoices/" + id + "?paid=1");
    }
}
