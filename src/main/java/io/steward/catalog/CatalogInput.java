package io.steward.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.BillingCycle;
import io.steward.core.Ids;
import io.steward.core.Json;
import io.steward.core.Validation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads staff input (a JSON body, or a form body in bracket notation, which arrives as the same
 * tree with every value a string) onto the current state of a category, addon or product: a
 * parameter that is absent keeps its value, one that is given replaces it. Problems are collected
 * in a {@link Validation} under the parameter's name in bracket notation
 * ({@code forms[0][items][1][prices][EUR][m][price]}), so staff hear about every bad field at once.
 */
final class CatalogInput {
    static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    static final Pattern MODULE = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");

    private CatalogInput() {}

    static final Category.Spec NEW_CATEGORY = new Category.Spec(null, "", null, 0, true);
    static final Addon.Spec NEW_ADDON = new Addon.Spec(null, "", "", true, 0, PriceTable.EMPTY);

    static Category.Spec category(JsonNode in, Category.Spec cur, Validation v) {
        String name = text(in, "name", cur.name(), 100, true, v);
        String slug = cur.slug();
        if (in.has("slug") && !in.get("slug").isNull() && !in.get("slug").asText().isBlank()) {
            slug = in.get("slug").asText().trim();
            if (!SLUG.matcher(slug).matches() || slug.length() > 100) {
                v.add("slug", "Slug must be lower-case letters, digits and single dashes, at most 100 characters");
            }
        } else if (slug == null && name != null) {
            slug = slugOf(name);
        }
        return new Category.Spec(name, text(in, "description", cur.description(), 4000, false, v), slug,
                integer(in, "sort_order", cur.sortOrder(), v), bool(in, "visible", cur.visible(), v));
    }

    static String slugOf(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 100) s = s.substring(0, 100).replaceAll("-+$", "");
        return s.isEmpty() ? "category" : s;
    }

    static Addon.Spec addon(JsonNode in, Addon.Spec cur, Validation v) {
        PriceTable prices = in.has("prices") ? prices(in.get("prices"), "prices", c -> true, v) : cur.prices();
        return new Addon.Spec(text(in, "name", cur.name(), 200, true, v), text(in, "description", cur.description(), 4000, false, v),
                text(in, "module_value", cur.moduleValue(), 200, false, v), bool(in, "visible", cur.visible(), v),
                integer(in, "sort_order", cur.sortOrder(), v), prices);
    }

    /** A new product's defaults; {@code category_id}, {@code name} and {@code type} have none. */
    static Product.Spec newProduct() {
        return new Product.Spec(0, null, null, "", Product.PayType.Regular, null, 1, true, false, 0, null,
                Product.Provisioning.ON_PAYMENT, "recording", "{}", null, List.of(), PriceTable.EMPTY, List.of(),
                List.of(), List.of(), List.of());
    }

    /**
     * Reads a product onto {@code cur}. Forms with an id must be forms of {@code cur} (and their
     * items its items); links are only parsed here, the caller checks that they exist.
     */
    static Product.Spec product(JsonNode in, Product.Spec cur, Validation v) {
        long categoryId = cur.categoryId();
        if (in.has("category_id")) {
            Long c = id(in.get("category_id"));
            if (c == null) v.add("category_id", "Category must be a category id");
            else categoryId = c;
        } else if (categoryId == 0) {
            v.add("category_id", "Category is required");
        }
        String name = text(in, "name", cur.name(), 200, true, v);
        Product.Type type = enumOf(in, "type", cur.type(), Product.Type::parse, "Type must be one of " + Product.Type.codes(), v);
        Product.PayType paytype = enumOf(in, "paytype", cur.paytype(), Product.PayType::parse, "Pay type must be one of Regular, Once, Free", v);
        Product.Provisioning provisioning = enumOf(in, "provisioning", cur.provisioning(), Product.Provisioning::parse,
                "Provisioning must be one of on_order, on_payment, manual", v);

        Integer stock = nullableInt(in, "stock", cur.stock(), v);
        if (stock != null && stock < 0) v.add("stock", "Stock must not be negative (leave it empty for unlimited)");
        int maxPerOrder = integer(in, "max_per_order", cur.maxPerOrder(), v);
        if (maxPerOrder < 1 || maxPerOrder > 1000) v.add("max_per_order", "Per-order limit must be between 1 and 1000");
        Integer prorataDay = nullableInt(in, "prorata_day", cur.prorataDay(), v);
        if (prorataDay != null && (prorataDay < 1 || prorataDay > 28)) v.add("prorata_day", "Pro-rata day must be between 1 and 28 (or empty for none)");
        Integer leadDays = nullableInt(in, "renewal_lead_days", cur.renewalLeadDays(), v);
        if (leadDays != null && (leadDays < 0 || leadDays > 365)) v.add("renewal_lead_days", "Renewal lead days must be between 0 and 365 (or empty for the default)");

        String module = text(in, "module", cur.module(), 64, true, v);
        if (module != null && !MODULE.matcher(module).matches()) v.add("module", "Module id must be lower-case letters, digits, '_', '.' or '-'");
        String moduleConfig = cur.moduleConfig();
        if (in.has("module_config")) moduleConfig = jsonObject(in.get("module_config"), "module_config", v);

        List<String> tags = cur.tags();
        if (in.has("tags")) tags = tags(in.get("tags"), v);

        Predicate<BillingCycle> allowed = paytype::allows;
        PriceTable prices = in.has("prices") ? prices(in.get("prices"), "prices", allowed, v) : cur.prices();
        if (!in.has("prices") && !prices.isEmpty() && !prices.asMap().values().stream().allMatch(m -> m.keySet().stream().allMatch(allowed))) {
            v.add("prices", "Prices do not fit pay type " + paytype + "; give prices for its cycles");
        }
        if (paytype == Product.PayType.Free && !prices.isEmpty()) v.add("prices", "A free product has no prices");

        List<Form> forms = in.has("forms") ? forms(in.get("forms"), cur.forms(), allowed, v) : checkFormPrices(cur.forms(), allowed, v);

        return new Product.Spec(categoryId, name, type, text(in, "description", cur.description(), 8000, false, v), paytype,
                stock, maxPerOrder, bool(in, "visible", cur.visible(), v), bool(in, "retired", cur.retired(), v),
                integer(in, "sort_order", cur.sortOrder(), v), prorataDay, provisioning, module, moduleConfig, leadDays, tags,
                prices, forms, in.has("addons") ? ids(in.get("addons"), "addons", v) : cur.addons(),
                in.has("subproducts") ? ids(in.get("subproducts"), "subproducts", v) : cur.subproducts(),
                in.has("upgrades") ? ids(in.get("upgrades"), "upgrades", v) : cur.upgrades());
    }

    private static List<Form> checkFormPrices(List<Form> forms, Predicate<BillingCycle> allowed, Validation v) {
        for (int i = 0; i < forms.size(); i++) {
            for (Form.Item item : forms.get(i).items()) {
                if (!item.prices().asMap().values().stream().allMatch(m -> m.keySet().stream().allMatch(allowed))) {
                    v.add("forms[" + i + "]", "Prices of " + forms.get(i).name() + " do not fit the product's pay type; give its forms again");
                    break;
                }
            }
        }
        return forms;
    }

    private static List<Form> forms(JsonNode in, List<Form> existing, Predicate<BillingCycle> allowed, Validation v) {
        var out = new ArrayList<Form>();
        var seen = new LinkedHashSet<Long>();
        List<JsonNode> list = list(in, "forms", v);
        for (int i = 0; i < list.size(); i++) {
            String f = "forms[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                v.add(f, "Each option must be an object");
                continue;
            }
            Form cur = null;
            if (node.has("id") && !node.get("id").isNull() && !node.get("id").asText().isEmpty()) {
                Long id = id(node.get("id"));
                cur = id == null ? null : existing.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
                if (cur == null) {
                    v.add(f + "[id]", "No such option on this product: " + node.get("id").asText());
                    continue;
                }
                if (!seen.add(id)) v.add(f + "[id]", "Option " + id + " is given twice");
            }
            out.add(form(node, f, cur, allowed, v));
        }
        return out;
    }

    private static Form form(JsonNode in, String f, Form cur, Predicate<BillingCycle> allowed, Validation v) {
        Form.Type type = cur == null ? null : cur.type();
        if (in.has("type")) {
            type = Form.Type.parse(in.get("type").asText()).orElse(null);
            if (type == null) v.add(f + "[type]", "Option type must be one of " + Form.Type.codes());
        } else if (type == null) {
            v.add(f + "[type]", "Option type is required");
        }
        String name = text(in, "name", cur == null ? null : cur.name(), 200, true, v, f + "[name]");
        String description = text(in, "description", cur == null ? "" : cur.description(), 2000, false, v, f + "[description]");
        boolean required = bool(in, "required", cur != null && cur.required(), v, f + "[required]");
        Integer min = nullableInt(in, "min", cur == null ? null : cur.min(), v, f + "[min]");
        Integer max = nullableInt(in, "max", cur == null ? null : cur.max(), v, f + "[max]");
        Integer step = nullableInt(in, "step", cur == null ? null : cur.step(), v, f + "[step]");
        if (type != null && type.numeric()) {
            if (min == null) min = 0;
            if (step == null) step = 1;
            if (min < 0) v.add(f + "[min]", "Minimum must not be negative");
            if (max == null && type == Form.Type.SLIDER) v.add(f + "[max]", "A slider needs a maximum");
            if (max != null && (max < min || max > 1_000_000)) v.add(f + "[max]", "Maximum must be at least the minimum and at most 1000000");
            if (step < 1) v.add(f + "[step]", "Step must be at least 1");
        } else if (type != null && (in.hasNonNull("min") || in.hasNonNull("max") || in.hasNonNull("step"))) {
            v.add(f, "Minimum, maximum and step apply to quantity and slider options only");
        } else if (type != null) {
            min = max = step = null;
        }

        List<Form.Item> current = cur == null ? List.of() : cur.items();
        var items = new ArrayList<Form.Item>();
        if (in.has("items")) {
            List<JsonNode> list = list(in.get("items"), f + "[items]", v);
            var seen = new LinkedHashSet<Long>();
            for (int j = 0; j < list.size(); j++) {
                String fi = f + "[items][" + j + "]";
                JsonNode node = list.get(j);
                if (!node.isObject()) {
                    v.add(fi, "Each item must be an object");
                    continue;
                }
                Form.Item ci = null;
                if (node.has("id") && !node.get("id").isNull() && !node.get("id").asText().isEmpty()) {
                    Long id = id(node.get("id"));
                    ci = id == null ? null : current.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
                    if (ci == null) {
                        v.add(fi + "[id]", "No such item on this option: " + node.get("id").asText());
                        continue;
                    }
                    if (!seen.add(id)) v.add(fi + "[id]", "Item " + id + " is given twice");
                }
                String itemName = text(node, "name", ci == null ? (type != null && type.singleItem() ? name : null) : ci.name(), 200, true, v, fi + "[name]");
                String moduleValue = text(node, "module_value", ci == null ? "" : ci.moduleValue(), 200, false, v, fi + "[module_value]");
                PriceTable prices = node.has("prices") ? prices(node.get("prices"), fi + "[prices]", allowed, v) : ci == null ? PriceTable.EMPTY : ci.prices();
                items.add(new Form.Item(ci == null ? null : ci.id(), itemName, moduleValue, prices));
            }
        } else {
            items.addAll(current);
        }
        if (type != null && type.singleItem()) {
            if (items.isEmpty()) items.add(new Form.Item(null, name, "", PriceTable.EMPTY));
            if (items.size() > 1) v.add(f + "[items]", "A " + type.code() + " option has exactly one item (its price)");
        } else if (type != null && items.isEmpty()) {
            v.add(f + "[items]", "A " + type.code() + " option needs at least one item to choose");
        }
        return new Form(cur == null ? null : cur.id(), type, name, description, required, min, max, step, List.copyOf(items));
    }

    /**
     * {@code {"USD": {"m": {"price": "9.99", "setup": "0"}, "a": "99.00"}}}: currency, then cycle,
     * then a price with an optional setup fee, or just the price. Currencies are ISO 4217 codes.
     */
    static PriceTable prices(JsonNode in, String f, Predicate<BillingCycle> allowed, Validation v) {
        if (in == null || in.isNull() || (in.isTextual() && in.asText().isEmpty())) return PriceTable.EMPTY;
        if (!in.isObject()) {
            v.add(f, "Prices must be an object of currency, cycle and amount");
            return PriceTable.EMPTY;
        }
        var out = new LinkedHashMap<String, Map<BillingCycle, Price>>();
        in.fields().forEachRemaining(c -> {
            String currency = c.getKey().trim().toUpperCase(Locale.ROOT);
            String fc = f + "[" + c.getKey() + "]";
            if (!isCurrency(currency)) {
                v.add(fc, "Unknown currency code '" + c.getKey() + "'; use an ISO 4217 code such as USD or EUR");
                return;
            }
            if (out.containsKey(currency)) {
                v.add(fc, "Currency " + currency + " is given twice");
                return;
            }
            if (!c.getValue().isObject()) {
                v.add(fc, "Prices per currency must be an object of cycle and amount");
                return;
            }
            var cycles = new EnumMap<BillingCycle, Price>(BillingCycle.class);
            c.getValue().fields().forEachRemaining(e -> {
                String fe = fc + "[" + e.getKey() + "]";
                BillingCycle cycle = BillingCycle.parseCode(e.getKey()).orElse(null);
                if (cycle == null) {
                    v.add(fe, "Unknown billing cycle '" + e.getKey() + "'; use one of " + BillingCycle.codes());
                    return;
                }
                if (!allowed.test(cycle)) {
                    v.add(fe, "Billing cycle " + cycle.code() + " does not fit the pay type");
                    return;
                }
                if (cycles.containsKey(cycle)) {
                    v.add(fe, "Billing cycle " + cycle.code() + " is given twice");
                    return;
                }
                JsonNode p = e.getValue();
                BigDecimal price = amount(p.isObject() ? p.get("price") : p, fe + (p.isObject() ? "[price]" : ""), v);
                BigDecimal setup = p.isObject() && p.has("setup") ? amount(p.get("setup"), fe + "[setup]", v) : BigDecimal.ZERO;
                if (price == null || setup == null) return;
                if (cycle == BillingCycle.FREE && (price.signum() != 0 || setup.signum() != 0)) {
                    v.add(fe, "A free cycle costs nothing");
                    return;
                }
                cycles.put(cycle, new Price(price, setup));
            });
            out.put(currency, cycles);
        });
        return PriceTable.of(out);
    }

    static boolean isCurrency(String code) {
        if (code == null || !code.matches("^[A-Z]{3}$")) return false;
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static BigDecimal amount(JsonNode n, String f, Validation v) {
        if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
            v.add(f, "Amount is required");
            return null;
        }
        try {
            BigDecimal a = new BigDecimal(n.asText().trim());
            if (a.signum() < 0) {
                v.add(f, "Amount must not be negative");
                return null;
            }
            if (a.stripTrailingZeros().scale() > 4 || a.compareTo(MAX_AMOUNT) >= 0) {
                v.add(f, "Amount must have at most 4 decimal places and 15 digits before the point");
                return null;
            }
            return a;
        } catch (NumberFormatException e) {
            v.add(f, "Amount must be a decimal number");
            return null;
        }
    }

    private static List<String> tags(JsonNode in, Validation v) {
        var out = new ArrayList<String>();
        for (JsonNode t : list(in, "tags", v)) {
            String s = t.asText().trim();
            if (!t.isValueNode() || s.isEmpty() || s.length() > 50) v.add("tags", "Each tag must be text of 1 to 50 characters");
            else if (!out.contains(s)) out.add(s);
        }
        if (out.size() > 20) v.add("tags", "At most 20 tags");
        return List.copyOf(out);
    }

    private static String jsonObject(JsonNode n, String f, Validation v) {
        JsonNode obj = n;
        if (n != null && n.isTextual()) {
            try {
                obj = n.asText().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(n.asText());
            } catch (Exception e) {
                obj = null;
            }
        }
        if (obj == null || !obj.isObject()) {
            v.add(f, "Module configuration must be a JSON object");
            return "{}";
        }
        String text = obj.toString();
        if (text.length() > 8000) v.add(f, "Module configuration must be at most 8000 characters of JSON");
        return text;
    }

    /** A list of ids: a JSON array, a bracket-notation list, or "" for none. */
    private static List<Long> ids(JsonNode in, String f, Validation v) {
        var out = new LinkedHashSet<Long>();
        for (JsonNode n : list(in, f, v)) {
            Long id = id(n);
            if (id == null) v.add(f, "Each entry must be an id, not '" + n.asText() + "'");
            else out.add(id);
        }
        return List.copyOf(out);
    }

    private static List<JsonNode> list(JsonNode in, String f, Validation v) {
        var out = new ArrayList<JsonNode>();
        if (in == null || in.isNull() || (in.isTextual() && in.asText().isEmpty())) return out;
        if (in.isArray()) in.forEach(out::add);
        // Form bodies send lists as forms[0][name]=..., which decodes to an object keyed by index.
        else if (in.isObject()) in.elements().forEachRemaining(out::add);
        else if (in.isValueNode()) out.add(in);
        else v.add(f, "Must be a list");
        return out;
    }

    static Long id(JsonNode n) {
        if (n == null || !n.isValueNode()) return null;
        try {
            long id = Ids.strict(n.asText().trim());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode in, String name, String cur, int max, boolean required, Validation v) {
        return text(in, name, cur, max, required, v, name);
    }

    private static String text(JsonNode in, String name, String cur, int max, boolean required, Validation v, String f) {
        String value = cur;
        if (in.has(name)) {
            JsonNode n = in.get(name);
            // Descriptions are shown as written (the references' carry line breaks); names are trimmed.
            value = n.isNull() ? null : n.isValueNode() ? (name.equals("description") ? n.asText() : n.asText().trim()) : null;
            if (!n.isNull() && !n.isValueNode()) v.add(f, "Must be text");
        }
        if (value == null || (required && value.isEmpty())) {
            if (required) v.add(f, label(name) + " is required");
            return required ? value : "";
        }
        if (value.length() > max) v.add(f, label(name) + " must be at most " + max + " characters");
        return value;
    }

    private static String label(String name) {
        String s = name.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static <E> E enumOf(JsonNode in, String name, E cur, java.util.function.Function<String, java.util.Optional<E>> parse, String message, Validation v) {
        if (!in.has(name)) {
            if (cur == null) v.add(name, label(name) + " is required");
            return cur;
        }
        E e = parse.apply(in.get(name).asText()).orElse(null);
        if (e == null) v.add(name, message);
        return e == null ? cur : e;
    }

    private static int integer(JsonNode in, String name, int cur, Validation v) {
        Integer i = nullableInt(in, name, cur, v);
        if (i == null) {
            v.add(name, label(name) + " must be a whole number");
            return cur;
        }
        return i;
    }

    private static Integer nullableInt(JsonNode in, String name, Integer cur, Validation v) {
        return nullableInt(in, name, cur, v, name);
    }

    /** Absent keeps {@code cur}; JSON null or "" (the form encoding of null) clears it. */
    private static Integer nullableInt(JsonNode in, String name, Integer cur, Validation v, String f) {
        if (!in.has(name)) return cur;
        JsonNode n = in.get(name);
        if (n.isNull() || (n.isTextual() && n.asText().isBlank())) return null;
        try {
            if (!n.isValueNode() || (n.isNumber() && !n.canConvertToExactIntegral())) throw new NumberFormatException();
            return Integer.parseInt(n.asText().trim());
        } catch (NumberFormatException e) {
            v.add(f, label(name) + " must be a whole number");
            return cur;
        }
    }

    private static boolean bool(JsonNode in, String name, boolean cur, Validation v) {
        return bool(in, name, cur, v, name);
    }

    private static boolean bool(JsonNode in, String name, boolean cur, Validation v, String f) {
        if (!in.has(name)) return cur;
        String s = in.get(name).asText().trim().toLowerCase(Locale.ROOT);
        if (List.of("true", "1", "yes", "on").contains(s)) return true;
        if (List.of("false", "0", "no", "off", "").contains(s)) return false;
        v.add(f, label(name) + " must be true or false");
        return cur;
    }
}
