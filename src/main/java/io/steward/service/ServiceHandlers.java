package io.steward.service;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.service.module.IpAddresses;
import io.steward.service.module.ReverseDns;
import io.steward.service.module.TrafficCounters;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The client API's {@code /service...} handlers, in the references' shapes (ids and amounts as strings). */
public final class ServiceHandlers {
    private final ServiceManager services;
    private final ServiceModuleAccess modules;
    private final List<ServiceMethods> contributed = new java.util.concurrent.CopyOnWriteArrayList<>();

    ServiceHandlers(ServiceManager services, ServiceModuleAccess modules) {
        this.services = services;
        this.modules = modules;
    }

    public Object list(Call call) {
        Actor a = call.get(Actor.class);
        return obj("services", services.visible(a).stream().map(ServiceHandlers::summary).toList());
    }

    public Object get(Call call) {
        var d = services.details(call.get(Actor.class), call.pathId("id"));
        Service s = d.service();
        var m = obj("id", Long.toString(s.id()), "date_created", Times.date(s.registeredOn()), "domain", s.domain(),
                "firstpayment", Money.format(s.firstPayment(), s.currency()), "total", Money.format(s.recurringAmount(), s.currency()),
                "billingcycle", s.cycle().label(), "next_due", Times.date(s.nextDue()), "next_invoice", Times.date(s.nextInvoice()),
                "status", s.status(), "label", s.label(),
                // A contact without the service's logindetails privilege sees neither.
                "username", d.password() == null ? "" : s.username(), "password", d.password() == null ? "" : d.password(),
                "name", s.name());
        m.put("provisioning", d.latestJob().map(j -> obj("action", j.action().code(), "status", j.status(),
                "date", Times.stamp(j.updatedAt()))).orElse(null));
        return obj("service", m);
    }

    public Object methods(Call call) {
        Actor a = call.get(Actor.class);
        Service s = services.methodsFor(a, call.pathId("id"));
        var methods = new ArrayList<Map<String, Object>>();
        for (ServiceMethods c : contributed) methods.addAll(c.methods(a, s));
        methods.add(obj("name", "Change service label", "method", "POST", "route", "/service/@id/label"));
        methods.add(obj("name", "Service label", "method", "GET", "route", "/service/@id/label"));
        if (services.mayCancel(a, s)) methods.add(obj("name", "Cancel Service", "method", "POST", "route", "/service/@id/cancel"));
        // What the service's module can do; the endpoints behind these answer 422 for a module without it.
        var module = modules.moduleOf(s);
        java.util.function.Predicate<Class<?>> has = type -> module.flatMap(m -> m.capability(type)).isPresent();
        if (has.test(IpAddresses.class)) methods.add(obj("name", "IP addresses", "method", "GET", "route", "/service/@id/ip"));
        if (has.test(ReverseDns.class)) {
            methods.add(obj("name", "Reverse DNS", "method", "GET", "route", "/service/@id/rdns"));
            methods.add(obj("name", "Set reverse DNS", "method", "POST", "route", "/service/@id/rdns"));
        }
        if (has.test(TrafficCounters.class)) {
            methods.add(obj("name", "Bandwidth usage", "method", "GET", "route", "/service/@id/bandwidth"));
            methods.add(obj("name", "Bandwidth graphs", "method", "GET", "route", "/service/@id/bandwidth-graphs"));
        }
        return obj("methods", methods);
    }

    void addMethods(ServiceMethods m) {
        contributed.add(m);
    }

    public Object label(Call call) {
        return obj("label", services.label(call.get(Actor.class), call.pathId("id")));
    }

    public Object setLabel(Call call) {
        Params p = call.params();
        if (!p.has("label")) throw Params.missing("label");
        services.setLabel(call.get(Actor.class), call.pathId("id"), p.string("label").orElse(""));
        return obj("success", true, "info", List.of("label_updated"));
    }

    public Object cancel(Call call) {
        Params p = call.params();
        boolean immediate = p.flag("immediate", false);
        services.requestCancellation(call.get(Actor.class), call.pathId("id"), immediate, p.string("reason").orElse(""), call.ip());
        return obj("success", true, "info", List.of("cancell_sent"));
    }

    static Map<String, Object> summary(Service s) {
        return obj("id", Long.toString(s.id()), "domain", s.domain(), "total", Money.format(s.recurringAmount(), s.currency()),
                "status", s.status(), "billingcycle", s.cycle().label(), "next_due", Times.date(s.nextDue()),
                "category", s.category(), "category_url", s.categorySlug(), "name", s.name());
    }
}
