package io.steward.webui.client;

import io.steward.account.Actor;
import io.steward.billing.Invoice;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;

/** The dashboard: what needs the client's attention, each part only if the caller's privileges cover it. */
final class DashboardPages {
    private final WebKit kit;
    private final ClientFeatures features;

    DashboardPages(WebKit kit, ClientFeatures features) {
        this.kit = kit;
        this.features = features;
    }

    Reply dashboard(WebRequest r) {
        Actor actor = r.get(Actor.class);
        boolean billing = actor.can("billing", "payinvoice");
        var summary = billing ? features.billing().invoices().summary(actor.clientId()) : null;
        var unpaid = billing ? features.billing().invoices().list(actor.clientId(), Invoice.UNPAID, 1, 10).invoices() : java.util.List.<Invoice>of();
        return kit.render(200, "client/dashboard.jte", r.page("dashboard.title"), "summary", summary, "unpaid", unpaid);
    }
}
