package io.steward.v1;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.cdn.CdnService;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.service.Service;
import io.steward.service.ServiceManager;
import io.steward.web.Call;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /services}, {@code GET /services/{serviceId}} and {@code POST /services/{serviceId}/cdn/purge}.
 * Another client's service is not found; a contact needs the service's {@code basic} privilege.
 */
public final class ServiceV1Handlers {
    /** The reference's {@code serviceStatus} values. */
    static final List<String> STATUSES = List.of("Active", "Suspended", "Pending", "Cancelled", "Terminated");
    /** Without a {@code serviceStatus} filter the list has the client's Active and Suspended services, as the reference describes it. */
    static final List<String> LISTED = List.of("Active", "Suspended");

    private final ServiceManager services;
    private final CdnService cdn;

    public ServiceV1Handlers(ServiceManager services, CdnService cdn) {
        this.services = services;
        this.cdn = cdn;
    }

    /** {@code GET /services}: {@code productName}, {@code serviceStatus}, {@code limitstart}, {@code limitnum}. */
    public Object list(Call call) {
        Actor a = call.get(Actor.class);
        String product = call.params().string("productName").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        String status = call.params().string("serviceStatus").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (status != null && !STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("serviceStatus", List.of("Must be one of " + String.join(", ", STATUSES))));
        }
        Paging paging = Paging.of(call);
        var matching = services.visible(a).stream()
                .filter(s -> status == null ? LISTED.contains(s.status()) : s.status().equals(status))
                .filter(s -> product == null || s.name().toLowerCase(Locale.ROOT).equals(product.toLowerCase(Locale.ROOT)))
                .toList();
        return paging.reply(paging.page(matching).stream().map(ServiceV1Handlers::summary).toList(), matching.size());
    }

    /** {@code GET /services/{serviceId}}: the service with its login name (when the caller may see it) and CDN resources. */
    public Object get(Call call) {
        var d = services.details(call.get(Actor.class), call.pathId("serviceId"));
        Service s = d.service();
        var m = summary(s);
        m.put("nextInvoiceDate", Times.date(s.nextInvoice()));
        m.put("username", d.password() == null ? "" : s.username());
        m.put("cdnResources", cdn.resources(s.id()).stream().map(r -> obj("resourceName", r.name(), "origin", r.origin())).toList());
        return m;
    }

    /** {@code POST /services/{serviceId}/cdn/purge} {@code {"resource_name": "..."}}: empties the resource's cache on every CDN node. */
    public Object purge(Call call) {
        Actor a = call.get(Actor.class);
        Service s = services.details(a, call.pathId("serviceId")).service();
        String name = call.params().required("resource_name");
        var done = cdn.purge(s.id(), name, a.isHolder() ? "client" : "contact:" + a.contactId());
        return obj("status", "success", "data", obj("serviceId", s.id(), "resourceName", done.resource().name(), "nodes", done.nodes(),
                "purgedAt", Times.stamp(done.at())));
    }

    static Map<String, Object> summary(Service s) {
        return obj("serviceId", s.id(), "productId", s.productId(), "productName", s.name(), "productGroup", s.category(),
                "domain", s.domain(), "label", s.label() == null ? "" : s.label(), "status", s.status(), "billingCycle", s.cycle().label(),
                "recurringAmount", Money.format(s.recurringAmount(), s.currency()), "firstPaymentAmount", Money.format(s.firstPayment(), s.currency()),
                "currency", s.currency(), "registrationDate", Times.date(s.registeredOn()), "nextDueDate", Times.date(s.nextDue()));
    }
}
