package io.steward.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Ids;
import io.steward.core.StewardException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration to price: a product on a cycle in a currency, with the customer's option values
 * (by form id) and addons (addon id to its cycle code, null for the default). {@code cycle} null
 * means the product's first cycle in the currency. {@code quantity} is the number of units ordered;
 * it is checked against stock and the per-order limit, and the lines are priced for one unit.
 */
public record PriceRequest(long productId, String cycle, String currency, int quantity,
                           Map<Long, FormValue> options, Map<Long, String> addons) {

    public PriceRequest {
        options = Map.copyOf(options);
        addons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(addons));
    }

    /**
     * What the customer sent for one form: values per item id, as the references send them
     * ({@code custom[1618][10330]=1}), and/or one value for the form itself ({@code custom[1618]=10330}:
     * the chosen item of a select, the number of a quantity, the text of an input, on/off of a checkbox).
     */
    public record FormValue(Map<Long, String> items, String direct) {
        public FormValue {
            items = Map.copyOf(items);
        }

        public static FormValue of(long itemId, String value) {
            return new FormValue(Map.of(itemId, value), null);
        }

        public static FormValue direct(String value) {
            return new FormValue(Map.of(), value);
        }
    }

    public static PriceRequest of(long productId, String cycle, String currency) {
        return new PriceRequest(productId, cycle, currency, 1, Map.of(), Map.of());
    }

    public PriceRequest withOption(long formId, FormValue value) {
        var o = new LinkedHashMap<>(options);
        o.put(formId, value);
        return new PriceRequest(productId, cycle, currency, quantity, o, addons);
    }

    public PriceRequest withAddon(long addonId, String addonCycle) {
        var a = new LinkedHashMap<>(addons);
        a.put(addonId, addonCycle);
        return new PriceRequest(productId, cycle, currency, quantity, options, a);
    }

    public PriceRequest withQuantity(int qty) {
        return new PriceRequest(productId, cycle, currency, qty, options, addons);
    }

    /**
     * Reads the references' order parameters ({@code cycle}, {@code custom}, {@code addon},
     * {@code addon_cycles}, and {@code quantity}) from a request's parameter tree, as
     * {@code POST /order/@product_id}, {@code POST /order} items and {@code POST /quote} items send them.
     * Ids that are not numbers cannot name a form or addon, so they are a 422 naming the parameter.
     */
    public static PriceRequest fromParams(long productId, JsonNode params, String currency) {
        var errors = new io.steward.core.Validation();
        String cycle = scalar(params.get("cycle"));
        int quantity = 1;
        String q = scalar(params.get("quantity"));
        if (q != null && !q.isBlank()) {
            try {
                quantity = Integer.parseInt(q.trim());
            } catch (NumberFormatException e) {
                errors.add("quantity", "Quantity must be a whole number");
            }
        }
        var options = new LinkedHashMap<Long, FormValue>();
        JsonNode custom = params.get("custom");
        if (custom != null && custom.isObject()) {
            custom.fields().forEachRemaining(e -> {
                Long formId = id(e.getKey());
                if (formId == null) {
                    errors.add("custom[" + e.getKey() + "]", "No such option for this product");
                    return;
                }
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    var items = new LinkedHashMap<Long, String>();
                    v.fields().forEachRemaining(i -> {
                        Long itemId = id(i.getKey());
                        if (itemId == null) errors.add("custom[" + formId + "][" + i.getKey() + "]", "No such choice for this option");
                        else items.put(itemId, i.getValue().isValueNode() ? i.getValue().asText() : "");
                    });
                    options.put(formId, new FormValue(items, null));
                } else if (v.isArray()) {
                    // custom[1618][]=10330: a list of chosen item ids.
                    var items = new LinkedHashMap<Long, String>();
                    v.forEach(i -> {
                        Long itemId = id(i.asText());
                        if (itemId == null) errors.add("custom[" + formId + "]", "No such choice for this option");
                        else items.put(itemId, "1");
                    });
                    options.put(formId, new FormValue(items, null));
                } else if (!v.isNull()) {
                    options.put(formId, FormValue.direct(v.asText()));
                }
            });
        } else if (custom != null && !custom.isNull() && !(custom.isTextual() && custom.asText().isEmpty())) {
            errors.add("custom", "Options must be given per option id: custom[<option id>][<item id>]=<value>");
        }
        var addons = new LinkedHashMap<Long, String>();
        JsonNode addon = params.get("addon");
        JsonNode cycles = params.get("addon_cycles");
        if (addon != null && addon.isObject()) {
            addon.fields().forEachRemaining(e -> {
                Long addonId = id(e.getKey());
                if (addonId == null) errors.add("addon[" + e.getKey() + "]", "No such addon for this product");
                else if (truthy(e.getValue().asText())) addons.put(addonId, cycles == null ? null : scalar(cycles.get(e.getKey())));
            });
        } else if (addon != null && addon.isArray()) {
            addon.forEach(a -> {
                Long addonId = id(a.asText());
                if (addonId == null) errors.add("addon", "No such addon for this product: " + a.asText());
                else addons.put(addonId, cycles == null ? null : scalar(cycles.get(a.asText())));
            });
        } else if (addon != null && !addon.isNull() && !(addon.isTextual() && addon.asText().isEmpty())) {
            errors.add("addon", "Addons must be given per addon id: addon[<addon id>]=1");
        }
        errors.throwIfAny();
        return new PriceRequest(productId, cycle, currency, quantity, options, addons);
    }

    /** A checkbox-like value that means "on": 1, true, on, yes, checked (any other non-zero number too). */
    static boolean truthy(String v) {
        if (v == null) return false;
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty() || s.equals("0") || s.equals("false") || s.equals("off") || s.equals("no")) return false;
        if (List.of("1", "true", "on", "yes", "checked").contains(s)) return true;
        try {
            return new java.math.BigDecimal(s).signum() != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String scalar(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) throw StewardException.badRequest("Parameter must be a single value");
        return n.asText();
    }

    private static Long id(String s) {
        try {
            long v = Ids.strict(s.trim());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
