package io.steward.promo;

import io.steward.account.BillingInput;
import io.steward.core.Ids;
import io.steward.core.Money;
import io.steward.core.Validation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A promo code as staff send it: every field nullable, null meaning "leave as is"; numbers and
 * dates arrive as text so that every bad field is reported at once. An empty {@code maxUses},
 * {@code startsOn} or {@code endsOn} clears it (unlimited, open-ended); an empty list of products
 * or cycles means all.
 */
public record PromoInput(String code, String type, String value, String currency, Boolean recurring,
                         List<String> productIds, List<String> cycles, String maxUses, String startsOn, String endsOn,
                         Boolean newClientsOnly, Boolean enabled, String notes) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    /** Merges onto {@code base} (null for a new code) and validates. */
    Promo applyTo(Promo base, Validation v) {
        boolean creating = base == null;
        String c = code == null ? (creating ? "" : base.code()) : code.strip();
        if ((creating || code != null) && !CODE.matcher(c).matches()) {
            v.add("code", "Code must be 1 to 64 letters, digits, dashes or underscores");
        }

        Promo.Type t = creating ? Promo.Type.PERCENT : base.type();
        if (type != null) {
            switch (type.strip().toLowerCase(Locale.ROOT)) {
                case "percent" -> t = Promo.Type.PERCENT;
                case "fixed" -> t = Promo.Type.FIXED;
                default -> v.add("type", "Type must be percent or fixed");
            }
        } else if (creating) v.add("type", "Type is required: percent or fixed");

        String cur = t == Promo.Type.PERCENT ? null
                : currency != null ? currency.strip().toUpperCase(Locale.ROOT) : creating ? null : base.currency();
        if (t == Promo.Type.FIXED && (cur == null || !BillingInput.validCurrency(cur))) {
            v.add("currency", "A fixed discount needs its currency: an ISO 4217 code, e.g. USD");
        }

        BigDecimal val = creating ? BigDecimal.ZERO : base.value();
        if (value != null) {
            val = decimal(value, "value", v);
        } else if (creating) v.add("value", "Value is required: percent off, or the amount off for a fixed discount");
        if (val.signum() <= 0 && (creating || value != null)) v.add("value", "Value must be above zero");
        if (t == Promo.Type.PERCENT && val.compareTo(HUNDRED) > 0) v.add("value", "A percent discount is at most 100");
        if (t == Promo.Type.PERCENT && val.stripTrailingZeros().scale() > 4) v.add("value", "A percent may have at most 4 decimals");
        if (t == Promo.Type.FIXED && cur != null && BillingInput.validCurrency(cur) && val.stripTrailingZeros().scale() > Money.scale(cur)) {
            v.add("value", "A fixed discount in " + cur + " may have at most " + Money.scale(cur) + " decimals");
        }

        Set<Long> products = creating ? Set.of() : base.productIds();
        if (productIds != null) products = products(productIds, v);
        Set<String> cyc = creating ? Set.of() : base.cycles();
        if (cycles != null) cyc = cycles(cycles, v);

        Integer max = creating ? null : base.maxUses();
        if (maxUses != null) max = maxUses(maxUses, v);
        int uses = creating ? 0 : base.uses();
        if (max != null && max < uses) v.add("max_uses", "Maximum uses cannot be below the uses so far (" + uses + ")");

        LocalDate start = startsOn == null ? (creating ? null : base.startsOn()) : date(startsOn, "starts_on", v);
        LocalDate end = endsOn == null ? (creating ? null : base.endsOn()) : date(endsOn, "ends_on", v);
        if (start != null && end != null && end.isBefore(start)) v.add("ends_on", "The end date is before the start date");

        String n = notes == null ? (creating ? "" : base.notes()) : notes.strip();
        if (n.length() > 1000) v.add("notes", "Notes must be at most 1000 characters");

        return new Promo(creating ? 0 : base.id(), c, t, val.stripTrailingZeros(), cur,
                recurring == null ? !creating && base.recurring() : recurring,
                products, cyc, max, uses, start, end,
                newClientsOnly == null ? !creating && base.newClientsOnly() : newClientsOnly,
                enabled == null ? creating || base.enabled() : enabled, n,
                creating ? null : base.createdAt(), creating ? null : base.updatedAt());
    }

    private static BigDecimal decimal(String text, String field, Validation v) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            v.add(field, "Value must be a number");
            return BigDecimal.ONE;
        }
    }

    private static Set<Long> products(List<String> ids, Validation v) {
        var out = new LinkedHashSet<Long>();
        for (String s : ids) {
            try {
                long id = Ids.strict(s.strip());
                if (id <= 0) throw new NumberFormatException();
                out.add(id);
            } catch (NumberFormatException e) {
                v.add("product_ids", "Product ids must be positive whole numbers");
                break;
            }
        }
        return out;
    }

    /** Cycle codes as the references spell them; letters in any case, free/once capitalised. */
    private static Set<String> cycles(List<String> given, Validation v) {
        var out = new LinkedHashSet<String>();
        for (String s : given) {
            String c = s.strip();
            String norm = c.length() == 1 ? c.toLowerCase(Locale.ROOT)
                    : c.isEmpty() ? c : c.substring(0, 1).toUpperCase(Locale.ROOT) + c.substring(1).toLowerCase(Locale.ROOT);
            if (Promo.CYCLES.contains(norm)) out.add(norm);
            else v.add("cycles", "Unknown billing cycle '" + c + "': use " + String.join(", ", Promo.CYCLES));
        }
        return out;
    }

    private static Integer maxUses(String text, Validation v) {
        if (text.isBlank()) return null;
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        v.add("max_uses", "Maximum uses must be a whole number of at least 1, or empty for unlimited");
        return null;
    }

    private static LocalDate date(String text, String field, Validation v) {
        if (text.isBlank()) return null;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            v.add(field, "Date must be YYYY-MM-DD");
            return null;
        }
    }
}
