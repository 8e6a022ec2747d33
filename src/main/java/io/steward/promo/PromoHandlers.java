package io.steward.promo;

import static io.steward.core.Json.obj;

import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.Map;

/** Staff handlers for {@code /admin/api/promo-codes...}. */
public final class PromoHandlers {
    private final PromoService promos;

    public PromoHandlers(PromoService promos) {
        this.promos = promos;
    }

    public Object list(Call call) {
        var p = call.params();
        Boolean enabled = p.optionalFlag("enabled").orElse(null);
        return obj("promo_codes", promos.search(p.string("q").orElse(null), enabled).stream().map(PromoHandlers::shape).toList());
    }

    public Object create(Call call) {
        return Reply.json(201, obj("promo_code", shape(promos.create(input(call.params())))));
    }

    public Object get(Call call) {
        return obj("promo_code", shape(promos.get(call.pathId("id"))));
    }

    public Object update(Call call) {
        return obj("promo_code", shape(promos.update(call.pathId("id"), input(call.params()))));
    }

    public Object delete(Call call) {
        promos.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    static Map<String, Object> shape(Promo p) {
        String value = p.type() == Promo.Type.FIXED ? Money.format(p.value(), p.currency()) : p.value().stripTrailingZeros().toPlainString();
        return obj("id", p.id(), "code", p.code(), "type", p.type().wire(), "value", value, "currency", p.currency(),
                "recurring", p.recurring(), "product_ids", p.productIds().stream().sorted().toList(),
                "cycles", Promo.CYCLES.stream().filter(p.cycles()::contains).toList(),
                "max_uses", p.maxUses(), "uses", p.uses(),
                "starts_on", p.startsOn() == null ? null : p.startsOn().toString(),
                "ends_on", p.endsOn() == null ? null : p.endsOn().toString(),
                "new_clients_only", p.newClientsOnly(), "enabled", p.enabled(), "notes", p.notes(),
                "created_at", Times.stamp(p.createdAt()), "updated_at", Times.stamp(p.updatedAt()));
    }

    private static PromoInput input(Params p) {
        return new PromoInput(s(p, "code"), s(p, "type"), s(p, "value"), s(p, "currency"), bool(p, "recurring"),
                p.list("product_ids").orElse(null), p.list("cycles").orElse(null), clearable(p, "max_uses"),
                clearable(p, "starts_on"), clearable(p, "ends_on"), bool(p, "new_clients_only"), bool(p, "enabled"), s(p, "notes"));
    }

    private static String s(Params p, String name) {
        return p.string(name).orElse(null);
    }

    /** JSON null clears these (as "" does), rather than leaving them as they are. */
    private static String clearable(Params p, String name) {
        var node = p.node(name);
        return node != null && node.isNull() ? "" : s(p, name);
    }

    private static Boolean bool(Params p, String name) {
        return p.optionalFlag(name).orElse(null);
    }
}
