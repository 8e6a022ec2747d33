package io.steward.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.catalog.Form;
import io.steward.catalog.PriceRequest.FormValue;
import io.steward.catalog.PricedConfiguration;
import io.steward.catalog.Product;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's configurable options as values (what the order endpoints send for each form: the
 * item id of a select or radio, the number of a quantity or slider, "1" for a ticked checkbox, the
 * text of an input), and the comparison of two priced configurations. Pure functions.
 */
final class Configurations {
    private Configurations() {}

    /**
     * The request values for every form of {@code p}: the stored value where there is one, else
     * the form's default (the first item of a required choice, the minimum of a required number,
     * a required checkbox ticked, {@code fallbackText} for a required input).
     */
    static Map<Long, String> withDefaults(Product p, Map<Long, String> stored, String fallbackText) {
        var out = new LinkedHashMap<Long, String>();
        for (Form f : p.spec().forms()) {
            String v = stored.get(f.id());
            if (v == null) v = defaultValue(f, fallbackText);
            if (v != null) out.put(f.id(), v);
        }
        return out;
    }

    private static String defaultValue(Form f, String fallbackText) {
        if (!f.required()) return null;
        return switch (f.type()) {
            case SELECT, RADIO -> f.items().isEmpty() ? null : Long.toString(f.items().get(0).id());
            case CHECKBOX -> "1";
            case QUANTITY, SLIDER -> Integer.toString(f.min() == null ? 0 : f.min());
            case INPUT -> fallbackText == null || fallbackText.isBlank() ? "-" : fallbackText;
        };
    }

    static Map<Long, FormValue> request(Map<Long, String> values) {
        var out = new LinkedHashMap<Long, FormValue>();
        values.forEach((form, v) -> out.put(form, FormValue.direct(v)));
        return out;
    }

    /** The values of a priced configuration of {@code p}, by form id. */
    static Map<Long, String> values(Product p, PricedConfiguration priced) {
        var out = new LinkedHashMap<Long, String>();
        for (PricedConfiguration.Line l : priced.lines()) {
            if (l.kind() != PricedConfiguration.Kind.OPTION || l.formId() == null) continue;
            Optional<Form> f = p.form(l.formId());
            if (f.isEmpty()) continue;
            out.put(l.formId(), switch (f.get().type()) {
                case SELECT, RADIO -> Long.toString(l.itemId());
                case CHECKBOX -> "1";
                default -> l.value();
            });
        }
        return out;
    }

    /**
     * The values a service moving from {@code from} to {@code to} keeps: for each form of the new
     * product, the value of the old product's form of the same name and type, where the new form
     * has it (the same item name for a choice); forms without one take their defaults later.
     */
    static Map<Long, String> carried(Product from, Map<Long, String> fromValues, Product to) {
        var out = new LinkedHashMap<Long, String>();
        for (Form nf : to.spec().forms()) {
            for (Form of : from.spec().forms()) {
                if (!of.name().equalsIgnoreCase(nf.name()) || of.type() != nf.type()) continue;
                String v = fromValues.get(of.id());
                if (v == null) continue;
                if (nf.type().singleItem()) {
                    out.put(nf.id(), v);
                } else {
                    String itemName = of.items().stream().filter(i -> Long.toString(i.id()).equals(v)).map(Form.Item::name).findFirst().orElse(null);
                    nf.items().stream().filter(i -> i.name().equals(itemName)).findFirst().ifPresent(i -> out.put(nf.id(), Long.toString(i.id())));
                }
            }
        }
        return out;
    }

    /**
     * The {@code resources} parameter: resource (form) id to a value ({@code "resource_id":
     * "item_id"} or {@code "qty"}), or to {@code {"item_id": "qty"}}. Anything else is a 400
     * naming the parameter.
     */
    static Map<Long, FormValue> resources(JsonNode node) {
        var out = new LinkedHashMap<Long, FormValue>();
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) return out;
        if (!node.isObject()) throw bad("resources", "resources must be an object keyed by resource id");
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            long formId = id(e.getKey(), "resources[" + e.getKey() + "]");
            JsonNode v = e.getValue();
            if (v.isObject()) {
                var items = new LinkedHashMap<Long, String>();
                var it = v.fields();
                while (it.hasNext()) {
                    var ie = it.next();
                    if (!ie.getValue().isValueNode()) throw bad("resources[" + formId + "]", "must map item ids to values");
                    items.put(id(ie.getKey(), "resources[" + formId + "]"), ie.getValue().asText());
                }
                out.put(formId, new FormValue(items, null));
            } else if (v.isValueNode() && !v.isNull()) {
                out.put(formId, FormValue.direct(v.asText()));
            } else {
                throw bad("resources[" + formId + "]", "must be an item id, a number or an object of item ids");
            }
        }
        return out;
    }

    private static long id(String text, String field) {
        try {
            return io.steward.core.Ids.strict(text);
        } catch (NumberFormatException e) {
            throw bad(field, "is not a resource or item id");
        }
    }

    private static StewardException bad(String field, String message) {
        return new StewardException(ErrorCode.BAD_REQUEST, List.of(field + " " + message), Map.of(field, List.of(message)));
    }

    /**
     * The parts of the configuration whose price the change moves: the product, then each option
     * by form, before and after on the same cycle (addons are not part of it). A newly chosen item
     * (or the added units of a number) brings its setup fee.
     */
    static List<Proration.Component> components(PricedConfiguration before, PricedConfiguration after) {
        var out = new ArrayList<Proration.Component>();
        PricedConfiguration.Line pb = productLine(before);
        PricedConfiguration.Line pa = productLine(after);
        String product = before.productId() == after.productId() ? pa.description() : pb.description() + " -> " + pa.description();
        out.add(new Proration.Component(product, pb.recurring(), pa.recurring(), BigDecimal.ZERO));
        Map<Long, PricedConfiguration.Line> was = options(before);
        Map<Long, PricedConfiguration.Line> now = options(after);
        for (var e : was.entrySet()) {
            if (now.containsKey(e.getKey())) continue;
            out.add(new Proration.Component(e.getValue().description() + " (removed)", e.getValue().recurring(), BigDecimal.ZERO, BigDecimal.ZERO));
        }
        for (var e : now.entrySet()) {
            PricedConfiguration.Line a = e.getValue();
            PricedConfiguration.Line b = was.get(e.getKey());
            boolean sameItem = b != null && java.util.Objects.equals(b.itemId(), a.itemId());
            BigDecimal setup = a.setup().subtract(sameItem ? b.setup() : BigDecimal.ZERO).max(BigDecimal.ZERO);
            String description = b == null || b.description().equals(a.description()) ? a.description() : b.description() + " -> " + a.description();
            out.add(new Proration.Component(description, b == null ? BigDecimal.ZERO : b.recurring(), a.recurring(), setup));
        }
        return out;
    }

    private static PricedConfiguration.Line productLine(PricedConfiguration c) {
        return c.lines().stream().filter(l -> l.kind() == PricedConfiguration.Kind.PRODUCT).findFirst().orElseThrow();
    }

    private static Map<Long, PricedConfiguration.Line> options(PricedConfiguration c) {
        var out = new LinkedHashMap<Long, PricedConfiguration.Line>();
        for (var l : c.lines()) if (l.kind() == PricedConfiguration.Kind.OPTION && l.formId() != null) out.put(l.formId(), l);
        return out;
    }

    /** What the module hears of the new options: form, item, value and the item's module value. */
    static List<Map<String, Object>> moduleOptions(PricedConfiguration c) {
        var out = new ArrayList<Map<String, Object>>();
        for (var l : c.lines()) {
            if (l.kind() != PricedConfiguration.Kind.OPTION) continue;
            out.add(io.steward.core.Json.obj("form_id", l.formId(), "item_id", l.itemId(), "value", l.value(), "quantity", l.quantity(),
                    "module_value", l.moduleValue()));
        }
        return out;
    }
}
