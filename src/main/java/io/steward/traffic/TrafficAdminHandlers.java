package io.steward.traffic;

import static io.steward.core.Json.obj;

import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.web.Call;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Staff views of traffic: a service's bandwidth figures ({@code GET /services/@id/bandwidth}) and
 * the per-product quota and overage price ({@code /products/@id/bandwidth}, {@code /product-bandwidth}).
 */
public final class TrafficAdminHandlers {
    private final Bandwidth bandwidth;
    private final LongPredicate productExists;

    TrafficAdminHandlers(Bandwidth bandwidth, LongPredicate productExists) {
        this.bandwidth = bandwidth;
        this.productExists = productExists;
    }

    public Object serviceBandwidth(Call call) {
        var s = bandwidth.forStaff(call.pathId("id"));
        var shape = TrafficClientHandlers.shape(bandwidth.current(s));
        shape.put("service_id", s.id());
        return obj("bandwidth", shape);
    }

    public Object list(Call call) {
        return obj("products", bandwidth.products().list().stream().map(TrafficAdminHandlers::terms).toList());
    }

    public Object get(Call call) {
        long id = product(call);
        return obj("product_bandwidth", terms(bandwidth.products().of(id)));
    }

    public Object set(Call call) {
        long id = product(call);
        var p = call.params();
        if (!p.has("quota_gb")) throw io.steward.web.Params.missing("quota_gb");
        if (!p.has("overage_price")) throw io.steward.web.Params.missing("overage_price");
        BigDecimal quota = decimal(p.string("quota_gb").orElse(""), "quota_gb");
        BigDecimal price = decimal(p.string("overage_price").orElse(""), "overage_price");
        bandwidth.setTerms(id, quota, price);
        return obj("product_bandwidth", terms(bandwidth.products().of(id)));
    }

    public Object delete(Call call) {
        long id = product(call);
        if (!bandwidth.products().delete(id)) throw StewardException.notFound("This product has no bandwidth terms");
        return obj("deleted", true);
    }

    private long product(Call call) {
        long id = call.pathId("id");
        if (!productExists.test(id)) throw StewardException.notFound("Product not found");
        return id;
    }

    private static BigDecimal decimal(String text, String field) {
        BigDecimal v = Money.parse(text, field);
        if (v.signum() < 0) throw StewardException.invalid(Map.of(field, List.of("must be 0 or more")));
        if (field.equals("quota_gb") && v.stripTrailingZeros().scale() > 3) {
            throw StewardException.invalid(Map.of(field, List.of("at most 3 decimals")));
        }
        if (v.compareTo(new BigDecimal("1000000000")) >= 0) throw StewardException.invalid(Map.of(field, List.of("is too large")));
        return v;
    }

    private static Map<String, Object> terms(ProductBandwidth.Terms t) {
        return obj("product_id", t.productId(), "quota_gb", t.quotaGb().stripTrailingZeros().toPlainString(),
                "overage_price", TrafficClientHandlers.price(t.overagePricePerGb()));
    }
}
