package io.steward.upgrade;

import static io.steward.core.Json.obj;

import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.Map;

/** Staff handlers for upgrades ({@code /admin/api/upgrades...}) and the downgrade-credit setting; ids are JSON numbers. */
public final class UpgradeAdminHandlers {
    private final UpgradeService upgrades;

    UpgradeAdminHandlers(UpgradeService upgrades) {
        this.upgrades = upgrades;
    }

    public Object list(Call call) {
        Params p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        var result = upgrades.search(p.string("status").filter(s -> !s.isEmpty()).orElse(null), p.id("service_id").orElse(null),
                p.id("client_id").orElse(null), page, perPage);
        return obj("upgrades", result.upgrades().stream().map(UpgradeAdminHandlers::shape).toList(), "total", result.total(),
                "page", result.page(), "perpage", result.perPage());
    }

    public Object get(Call call) {
        return obj("upgrade", shape(upgrades.get(call.pathId("id"))));
    }

    public Object cancel(Call call) {
        return obj("upgrade", shape(upgrades.cancel(call.pathId("id"), "staff")));
    }

    public Object settings(Call call) {
        return obj("settings", obj("downgrade_credit", upgrades.downgradeCredit()));
    }

    public Object updateSettings(Call call) {
        Params p = call.params();
        if (!p.has("downgrade_credit")) throw Params.missing("downgrade_credit");
        return obj("settings", obj("downgrade_credit", upgrades.setDowngradeCredit(p.string("downgrade_credit").orElse(""))));
    }

    static Map<String, Object> shape(Upgrade u) {
        String c = u.currency();
        return obj("id", u.id(), "service_id", u.serviceId(), "client_id", u.clientId(), "status", u.status(), "type", u.direction(),
                "from_product_id", u.fromProductId(), "to_product_id", u.toProductId(), "to_product_name", u.toProductName(),
                "billing_cycle", u.cycle().code(), "currency", c, "options", Json.tree(readOptions(u.options())),
                "old_recurring", Money.format(u.oldRecurring(), c), "new_recurring", Money.format(u.newRecurring(), c),
                "amount", Money.format(u.amount(), c), "credit", Money.format(u.credit(), c),
                "period_start", Times.date(u.periodStart()), "period_end", Times.date(u.periodEnd()), "days_left", u.daysLeft(),
                "days_in_period", u.daysInPeriod(), "invoice_id", u.invoiceId(), "requested_by", u.requestedBy(),
                "created_at", Times.stamp(u.createdAt()), "finished_at", u.finishedAt() == null ? null : Times.stamp(u.finishedAt()));
    }

    private static Object readOptions(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }
}
