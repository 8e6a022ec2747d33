package io.steward.catalog;

import io.steward.catalog.PricedConfiguration.Kind;
import io.steward.catalog.PricedConfiguration.Line;
import io.steward.catalog.PriceRequest.FormValue;
import io.steward.core.BillingCycle;
import io.steward.core.Ids;
import io.steward.core.Money;
import io.steward.core.StewardException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prices a configuration: a pure function of the product definition, the addons it offers and the
 * request. Anything invalid is a 422 naming the parameter as the order endpoints spell it
 * ({@code cycle}, {@code currency}, {@code quantity}, {@code custom[<form id>]},
 * {@code addon[<addon id>]}, {@code addon_cycles[<addon id>]}, {@code product_id} for stock),
 * with every problem reported at once where the cycle and currency allow pricing at all.
 */
public final class Pricer {
    /** The longest text an input option accepts. */
    public static final int MAX_INPUT_LENGTH = 255;

    private Pricer() {}

    /**
     * @param product  the product, with its forms and prices
     * @param offered  the addons the product offers to this caller, by id
     * @param request  the configuration
     * @param checkStock whether stock limits apply (new orders) or not (renewals of existing services)
     */
    public static PricedConfiguration price(Product product, Map<Long, Addon> offered, PriceRequest request, boolean checkStock) {
        var spec = product.spec();
        String currency = request.currency();
        BillingCycle cycle = cycle(product, currency, request.cycle());

        var v = new Errors();
        int qty = request.quantity();
        if (qty < 1) v.add("quantity", "Quantity must be at least 1");
        else if (qty > spec.maxPerOrder()) v.add("quantity", "At most " + spec.maxPerOrder() + " of " + spec.name() + " may be ordered at once");
        if (checkStock && spec.stock() != null && qty >= 1 && spec.stock() < qty) {
            v.add("product_id", spec.stock() == 0 ? spec.name() + " is out of stock" : "Only " + spec.stock() + " of " + spec.name() + " left in stock");
        }

        var lines = new ArrayList<Line>();
        Price own = product.price(currency, cycle).orElseThrow();
        lines.add(new Line(Kind.PRODUCT, spec.name(), cycle, Money.round(own.price(), currency), Money.round(own.setup(), currency),
                1, product.id(), null, null, null, null, null));

        for (Long formId : request.options().keySet()) {
            if (product.form(formId).isEmpty()) v.add("custom[" + formId + "]", "No such option for this product");
        }
        for (Form form : spec.forms()) {
            option(product, form, request.options().get(form.id()), currency, cycle, v).ifPresent(lines::add);
        }
        request.addons().forEach((addonId, addonCycle) -> addon(product, offered.get(addonId), addonId, addonCycle, currency, cycle, v)
                .ifPresent(lines::add));
        v.throwIfAny();
        return new PricedConfiguration(product.id(), spec.name(), spec.type(), cycle, currency, qty, lines);
    }

    /** The requested cycle if the product is sold on it in the currency; the first one if none was requested. */
    private static BillingCycle cycle(Product product, String currency, String requested) {
        List<BillingCycle> offered = product.cycles(currency);
        if (offered.isEmpty()) throw invalid("currency", product.name() + " is not priced in " + currency);
        if (requested == null || requested.isBlank()) return offered.get(0);
        BillingCycle c = BillingCycle.parseCode(requested)
                .orElseThrow(() -> invalid("cycle", "Unknown billing cycle '" + requested + "'; use one of " + BillingCycle.codes()));
        if (!offered.contains(c)) {
            throw invalid("cycle", "Billing cycle '" + c.code() + "' is not offered for " + product.name() + "; offered: "
                    + String.join(", ", offered.stream().map(BillingCycle::code).toList()));
        }
        return c;
    }

    private static Optional<Line> option(Product product, Form form, FormValue value, String currency, BillingCycle cycle, Errors v) {
        String field = "custom[" + form.id() + "]";
        if (value == null) value = new FormValue(Map.of(), null);
        int errors = count(v);
        if (!form.type().singleItem()) {
            Set<Long> chosen = new LinkedHashSet<>();
            value.items().forEach((itemId, val) -> {
                if (PriceRequest.truthy(val)) chosen.add(itemId);
            });
            if (value.direct() != null && !value.direct().isBlank()) {
                try {
                    chosen.add(Ids.strict(value.direct().trim()));
                } catch (NumberFormatException e) {
                    v.add(field, "Choose one of the items of " + form.name() + " by its id");
                }
            }
            for (Long id : chosen) if (form.item(id).isEmpty()) v.add(field, "No such choice for " + form.name() + ": " + id);
            if (chosen.size() > 1) v.add(field, "Choose one item of " + form.name());
            if (chosen.isEmpty() && form.required() && count(v) == errors) v.add(field, form.name() + " is required");
            if (count(v) > errors || chosen.isEmpty()) return Optional.empty();
            Form.Item item = form.item(chosen.iterator().next()).orElseThrow();
            return Optional.of(line(product, form, item, 1, item.name(), currency, cycle, form.name() + ": " + item.name()));
        }

        Form.Item item = form.items().get(0);
        for (Long id : value.items().keySet()) {
            if (!id.equals(item.id())) v.add(field, "No such choice for " + form.name() + ": " + id);
        }
        if (count(v) > errors) return Optional.empty();
        String raw = value.items().containsKey(item.id()) ? value.items().get(item.id()) : value.direct();
        String label = item.name().equals(form.name()) ? form.name() : form.name() + ": " + item.name();
        switch (form.type()) {
            case CHECKBOX -> {
                if (!PriceRequest.truthy(raw)) {
                    if (form.required()) v.add(field, form.name() + " must be checked");
                    return Optional.empty();
                }
                return Optional.of(line(product, form, item, 1, "1", currency, cycle, label));
            }
            case INPUT -> {
                String text = raw == null ? "" : raw.trim();
                if (text.isEmpty()) {
                    if (form.required()) v.add(field, form.name() + " is required");
                    return Optional.empty();
                }
                if (text.length() > MAX_INPUT_LENGTH) {
                    v.add(field, form.name() + " must be at most " + MAX_INPUT_LENGTH + " characters");
                    return Optional.empty();
                }
                return Optional.of(line(product, form, item, 1, text, currency, cycle, form.name() + ": " + text));
            }
            default -> {
                int min = form.min() == null ? 0 : form.min();
                int max = form.max() == null ? Integer.MAX_VALUE : form.max();
                int step = form.step() == null || form.step() < 1 ? 1 : form.step();
                int n;
                if (raw == null || raw.isBlank()) {
                    if (form.required()) {
                        v.add(field, form.name() + " is required");
                        return Optional.empty();
                    }
                    n = min;
                } else {
                    try {
                        n = Integer.parseInt(raw.trim());
                    } catch (NumberFormatException e) {
                        v.add(field, form.name() + " must be a whole number");
                        return Optional.empty();
                    }
                }
                if (n < min || n > max || (n - min) % step != 0) {
                    String range = form.max() == null ? "at least " + min : "between " + min + " and " + max;
                    v.add(field, form.name() + " must be " + range + (step > 1 ? " in steps of " + step : "") + ", not " + n);
                    return Optional.empty();
                }
                if (n == 0) return Optional.empty();
                return Optional.of(line(product, form, item, n, Integer.toString(n), currency, cycle, form.name() + ": " + n));
            }
        }
    }

    private static Line line(Product product, Form form, Form.Item item, int units, String value, String currency, BillingCycle cycle, String description) {
        // An item without a price for this cycle costs nothing on it (an OS choice, a hostname).
        Price p = item.prices().get(currency, cycle).orElse(Price.ZERO);
        BigDecimal n = BigDecimal.valueOf(units);
        return new Line(Kind.OPTION, description, cycle, Money.round(p.price().multiply(n), currency),
                Money.round(p.setup().multiply(n), currency), units, product.id(), form.id(), item.id(), null, value, item.moduleValue());
    }

    private static Optional<Line> addon(Product product, Addon addon, long addonId, String requested, String currency, BillingCycle productCycle, Errors v) {
        if (addon == null) {
            v.add("addon[" + addonId + "]", "No such addon for " + product.name() + ": " + addonId);
            return Optional.empty();
        }
        List<BillingCycle> cycles = addon.prices().cycles(currency);
        if (cycles.isEmpty()) {
            v.add("addon[" + addonId + "]", addon.name() + " is not priced in " + currency);
            return Optional.empty();
        }
        BillingCycle c;
        if (requested == null || requested.isBlank()) {
            // Unless told otherwise, an addon renews with its product when it can.
            c = cycles.contains(productCycle) ? productCycle : cycles.get(0);
        } else {
            Optional<BillingCycle> parsed = BillingCycle.parseCode(requested);
            if (parsed.isEmpty() || !cycles.contains(parsed.get())) {
                v.add("addon_cycles[" + addonId + "]", "Billing cycle '" + requested + "' is not offered for " + addon.name()
                        + "; offered: " + String.join(", ", cycles.stream().map(BillingCycle::code).toList()));
                return Optional.empty();
            }
            c = parsed.get();
        }
        Price p = addon.prices().get(currency, c).orElseThrow();
        return Optional.of(new Line(Kind.ADDON, addon.name(), c, Money.round(p.price(), currency), Money.round(p.setup(), currency),
                1, product.id(), null, null, addon.id(), null, addon.spec().moduleValue()));
    }

    private static int count(Errors v) {
        return v.size();
    }

    /** Field errors in the order found; counted, so a form's checks can tell whether they added any. */
    private static final class Errors {
        private final Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        private int size;

        void add(String field, String message) {
            fields.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
            size++;
        }

        int size() { return size; }

        void throwIfAny() {
            if (size > 0) throw StewardException.invalid(fields);
        }
    }

    private static StewardException invalid(String field, String message) {
        return StewardException.invalid(Map.of(field, List.of(message)));
    }
}
