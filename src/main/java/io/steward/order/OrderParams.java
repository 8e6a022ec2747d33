package io.steward.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.ErrorCode;
import io.steward.core.Ids;
import io.steward.core.StewardException;
import io.steward.web.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the references' order parameters into an {@link OrderRequest}. */
final class OrderParams {
    private OrderParams() {}

    /** {@code POST /order/@product_id}: the whole request is the one item's parameters. */
    static OrderRequest single(long productId, Params p) {
        return single(new OrderRequest.Item("product", productId, text(p.tree().get("domain"), "domain"), p.tree()), p.tree());
    }

    /** A one-item order: the order-wide parameters are read from the item's own parameters. */
    static OrderRequest single(OrderRequest.Item item, JsonNode params) {
        return new OrderRequest(List.of(item), id(params.get("pay_method"), "pay_method"), text(params.get("promocode"), "promocode"),
                id(params.get("aff_id"), "aff_id"), false);
    }

    /** {@code POST /order}, {@code POST /quote}: {@code items} as a JSON array or bracket notation ({@code items[0][type]=product}). */
    static OrderRequest multiple(Params p) {
        JsonNode itemsNode = p.tree().get("items");
        var nodes = new ArrayList<JsonNode>();
        if (itemsNode != null && itemsNode.isArray()) itemsNode.forEach(nodes::add);
        else if (itemsNode != null && itemsNode.isObject()) itemsNode.elements().forEachRemaining(nodes::add);
        else if (itemsNode != null && !itemsNode.isNull() && !itemsNode.asText().isEmpty()) throw invalid("items", "Items must be a list of objects");
        if (nodes.isEmpty()) throw invalid("items", "At least one item is required");
        var items = new ArrayList<OrderRequest.Item>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            if (!n.isObject()) throw invalid("items[" + i + "]", "Each item must be an object with a type and its parameters");
            items.add(new OrderRequest.Item(text(n.get("type"), "items[" + i + "][type]"), id(n.get("product_id"), "items[" + i + "][product_id]"),
                    text(n.get("domain"), "items[" + i + "][domain]"), n));
        }
        return new OrderRequest(items, id(p.tree().get("pay_method"), "pay_method"), text(p.tree().get("promocode"), "promocode"),
                id(p.tree().get("aff_id"), "aff_id"), truthy(text(p.tree().get("ignore_errors"), "ignore_errors")));
    }

    /** The references' example sends {@code "ignore_errors": "No error"}: any non-empty value but 0/false/no/off means yes. */
    static boolean truthy(String v) {
        if (v == null) return false;
        String s = v.trim().toLowerCase(Locale.ROOT);
        return !(s.isEmpty() || s.equals("0") || s.equals("false") || s.equals("no") || s.equals("off"));
    }

    static String text(JsonNode n, String name) {
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) throw new StewardException(ErrorCode.BAD_REQUEST, List.of("Parameter '" + name + "' must be a single value"),
                Map.of(name, List.of("must be a single value")));
        return n.asText();
    }

    static Long id(JsonNode n, String name) {
        String s = text(n, name);
        if (s == null || s.isBlank()) return null;
        try {
            long v = Ids.strict(s.trim());
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw invalid(name, "Must be a positive whole number");
    }

    static StewardException invalid(String field, String message) {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of(message), Map.of(field, List.of(message)));
    }
}
