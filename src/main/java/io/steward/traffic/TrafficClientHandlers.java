package io.steward.traffic;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.web.Call;
import java.util.Base64;
import java.util.Map;

/**
 * The client API's {@code /service/@id/bandwidth} and {@code /service/@id/bandwidth-graphs}: the
 * caller's own service only (another client's is not found), a contact with the service's
 * {@code basic} privilege.
 */
public final class TrafficClientHandlers {
    private final Bandwidth bandwidth;

    TrafficClientHandlers(Bandwidth bandwidth) {
        this.bandwidth = bandwidth;
    }

    public Object bandwidth(Call call) {
        var s = bandwidth.forClient(call.get(Actor.class), call.pathId("id"));
        return obj("bandwidth", shape(bandwidth.current(s)));
    }

    public Object graphs(Call call) {
        var s = bandwidth.forClient(call.get(Actor.class), call.pathId("id"));
        var g = bandwidth.graphs(s);
        var b64 = Base64.getEncoder();
        return obj("graphs", obj("day", b64.encodeToString(g.day()), "week", b64.encodeToString(g.week()),
                "month", b64.encodeToString(g.month()), "format", "png", "width", Integer.toString(BandwidthGraphs.WIDTH),
                "height", Integer.toString(BandwidthGraphs.HEIGHT)));
    }

    /** A per-GB price as written: at least two decimals, up to the four it may have ("0.10", "0.0125"). */
    static String price(java.math.BigDecimal p) {
        var stripped = p.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
    }

    /** The bandwidth object both dialects answer: figures as strings, GB decimal (10^9 bytes), two decimals. */
    static Map<String, Object> shape(Bandwidth.Figures f) {
        var o = f.overage();
        String currency = f.service().currency();
        return obj("period_start", f.period().start().toString(), "period_end", f.period().end().toString(),
                "in", Overage.format(Overage.gigabytes(f.inBytes())), "out", Overage.format(Overage.gigabytes(f.outBytes())),
                "total", Overage.format(o.usedGb()), "unit", "GB",
                "quota", f.terms().quotaGb().stripTrailingZeros().toPlainString(), "overage", Overage.format(o.overGb()),
                "overage_price", price(f.terms().overagePricePerGb()),
                "overage_cost", io.steward.core.Money.format(o.cost(currency), currency), "currency", currency);
    }
}
