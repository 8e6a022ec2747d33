package io.steward.webui.client;

import io.steward.account.Actor;
import io.steward.service.ServiceManager;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;

/**
 * Services: the list (a contact sees those it holds "basic" on), one service with its login
 * details (only with the "logindetails" privilege), its label, and a cancellation request. The
 * service manager applies the per-service privileges, exactly as for the client API.
 */
final class ServicePages {
    private final WebKit kit;
    private final ServiceManager services;

    ServicePages(WebKit kit, ServiceManager services) {
        this.kit = kit;
        this.services = services;
    }

    Reply list(WebRequest r) {
        return kit.render(200, "client/services.jte", r.page("services.title"), "services", services.visible(r.get(Actor.class)));
    }

    Reply view(WebRequest r) {
        var d = services.details(r.get(Actor.class), r.call().pathId("id"));
        return kit.render(200, "client/service.jte", r.page("service.title", d.service().name()), "details", d,
                "done", r.params().string("done").orElse(null));
    }

    Reply setLabel(WebRequest r) {
        long id = r.call().pathId("id");
        services.setLabel(r.get(Actor.class), id, r.params().string("label").orElse("").trim());
        return WebKit.redirect("/services/" + id + "?done=label");
    }

    Reply cancel(WebRequest r) {
        long id = r.call().pathId("id");
        boolean immediate = "immediate".equals(r.params().string("when").orElse(""));
        services.requestCancellation(r.get(Actor.class), id, immediate, r.params().string("reason").orElse("").trim(), r.call().ip());
        return WebKit.redirect("/services/" + id + "?done=cancel");
    }
}
