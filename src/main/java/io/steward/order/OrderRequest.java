package io.steward.order;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a client (or staff for a client) asks to order or to quote: items as the references send
 * them ({@code type} product, domain or certificate, with each item's own parameters: product_id,
 * domain, cycle, custom, addon...), the payment method ({@code pay_method}, a gateway id), a promo
 * code, an affiliate id, and whether valid items go through when others are rejected.
 */
public record OrderRequest(List<Item> items, Long gatewayId, String promocode, Long affId, boolean ignoreErrors) {
    /** One item; {@code params} is the item's parameter tree (for a single-product order, the whole request). */
    public record Item(String type, Long productId, String domain, JsonNode params) {}

    public OrderRequest {
        items = List.copyOf(items);
        promocode = promocode == null || promocode.isBlank() ? null : promocode.trim();
    }

    /**
     * A one-item order whose request is the item's parameters, with {@code pay_method},
     * {@code promocode} and {@code aff_id} read as {@code POST /order/@product_id} reads them (a
     * value that is not an id is a 422): for other features' one-item order endpoints, such as
     * {@code POST /domain/order}.
     */
    public static OrderRequest oneItem(String type, JsonNode params) {
        return OrderParams.single(new Item(type, null, null, params), params);
    }

    /** A one-product order read as {@code POST /order/@product_id} reads its parameters (the web cart's form). */
    public static OrderRequest oneProduct(long productId, io.steward.web.Params params) {
        return OrderParams.single(productId, params);
    }
}
