package io.steward.upgrade;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.catalog.Form;
import io.steward.catalog.Price;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client API's {@code /service/@id/upgrade}: the options in the references' shape
 * ({@code resources} with items priced per period of the service's cycle, and the {@code package}
 * targets), and the quote ({@code send} false) or the change ({@code send} true).
 */
public final class UpgradeClientHandlers {
    private final UpgradeService upgrades;

    UpgradeClientHandlers(UpgradeService upgrades) {
        this.upgrades = upgrades;
    }

    public Object options(Call call) {
        var o = upgrades.options(call.get(Actor.class), call.pathId("id"));
        String currency = o.service().currency();
        var cycle = o.service().cycle();
        var resources = new ArrayList<Map<String, Object>>();
        for (Form f : o.product().spec().forms()) {
            if (f.type() == Form.Type.INPUT) continue; // a text (a hostname) is not upgraded
            String value = o.values().get(f.id());
            var items = new ArrayList<Map<String, Object>>();
            for (Form.Item i : f.items()) {
                Price p = i.prices().get(currency, cycle).orElse(Price.ZERO);
                boolean selected = switch (f.type()) {
                    case SELECT, RADIO -> Long.toString(i.id()).equals(value);
                    case CHECKBOX -> "1".equals(value);
                    default -> value != null && !value.equals("0");
                };
                items.add(obj("id", Long.toString(i.id()), "name", i.name(), "price", p.price(), "setup_price", p.setup(), "selected", selected));
            }
            var r = obj("id", f.id(), "name", f.name(), "type", f.type().code(), "items", items);
            if (f.type().numeric()) {
                r.put("min", f.min() == null ? 0 : f.min());
                r.put("max", f.max());
                r.put("step", f.step() == null ? 1 : f.step());
                r.put("value", units(value));
            }
            resources.add(r);
        }
        var packages = new ArrayList<Map<String, Object>>();
        for (var t : o.targets()) {
            packages.add(obj("id", Long.toString(t.product().id()), "name", t.product().name(),
                    "price", io.steward.core.Money.round(t.price().price(), currency),
                    "setup_price", io.steward.core.Money.round(t.price().setup(), currency), "billingcycle", cycle.label()));
        }
        return obj("resources", resources, "package", packages);
    }

    private static int units(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0; // a value the form no longer takes reads as none
        }
    }

    public Object request(Call call) {
        Params p = call.params();
        Actor actor = call.get(Actor.class);
        long serviceId = call.pathId("id");
        var request = new UpgradeService.Request(p.id("package").orElse(null), Configurations.resources(p.node("resources")),
                p.string("cycle").orElse(null));
        if (!p.flag("send", false)) {
            var plan = upgrades.quote(actor, serviceId, request);
            return obj("success", true, "info", List.of("upgrade_quote"), "upgrade", shape(plan, null, upgrades.downgradeCredit()));
        }
        var ordered = upgrades.order(actor, serviceId, request, "client:" + actor.clientId());
        return obj("success", true, "info", List.of(ordered.upgrade().status().equals(Upgrade.PENDING) ? "upgrade_invoiced" : "upgrade_applied"),
                "upgrade", shape(ordered.plan(), ordered.upgrade(), null));
    }

    /** A quote ({@code u} null) or an ordered change, in the API's style: ids as strings, amounts as numbers like a quote's. */
    static Map<String, Object> shape(UpgradeService.Plan plan, Upgrade u, String creditSetting) {
        var s = plan.service();
        var pr = plan.proration();
        var t = plan.totals();
        BigDecimal zero = io.steward.core.Money.round(BigDecimal.ZERO, s.currency());
        BigDecimal credit;
        if (u != null) credit = u.credit();
        else credit = pr.total().signum() < 0 && "credit".equals(creditSetting) ? pr.total().negate() : zero;
        var items = pr.lines().stream().map(l -> obj("name", l.description(), "amount", l.amount())).toList();
        return obj("id", u == null ? null : Long.toString(u.id()), "status", u == null ? "Quote" : u.status(), "type", plan.direction(),
                "service_id", Long.toString(s.id()), "package_id", Long.toString(plan.to().id()), "package", plan.to().name(),
                "billingcycle", s.cycle().label(), "currency", s.currency(),
                "period_start", Times.date(pr.periodStart()), "period_end", Times.date(pr.periodEnd().minusDays(1)),
                "days_left", pr.daysLeft(), "days_in_period", pr.daysInPeriod(), "items", items,
                "subtotal", t == null ? pr.total() : t.subtotal(), "tax", t == null ? zero : t.tax(), "tax2", t == null ? zero : t.tax2(),
                "total", t == null ? pr.total() : t.total(), "credit", credit,
                "recurring", plan.newRecurring(), "current_recurring", s.recurringAmount(),
                "invoice_id", u == null || u.invoiceId() == null ? null : Long.toString(u.invoiceId()));
    }
}
