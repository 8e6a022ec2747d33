package io.steward.affiliate;

import io.steward.account.BillingInput;
import io.steward.core.Money;
import io.steward.core.Validation;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A commission plan as staff send it: every field nullable, null meaning "leave as is"; numbers
 * arrive as text so every bad field is reported at once.
 */
public record PlanInput(String name, String type, String value, String currency, Boolean recurring, String holdDays,
                        Boolean isDefault) {
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    /** Merges onto {@code base} (null for a new plan) and validates. */
    Plan applyTo(Plan base, Validation v) {
        boolean creating = base == null;
        String n = name == null ? (creating ? "" : base.name()) : name.strip();
        if (n.isEmpty() || n.length() > 100) v.add("name", "Name is required, at most 100 characters");

        Plan.Type t = creating ? Plan.Type.PERCENT : base.type();
        if (type != null) {
            switch (type.strip().toLowerCase(Locale.ROOT)) {
                case "percent" -> t = Plan.Type.PERCENT;
                case "fixed" -> t = Plan.Type.FIXED;
                default -> v.add("type", "Type must be percent or fixed");
            }
        } else if (creating) v.add("type", "Type is required: percent or fixed");

        String cur = t == Plan.Type.PERCENT ? null
                : currency != null ? currency.strip().toUpperCase(Locale.ROOT) : creating ? null : base.currency();
        if (t == Plan.Type.FIXED && (cur == null || !BillingInput.validCurrency(cur))) {
            v.add("currency", "A fixed commission needs its currency: an ISO 4217 code, e.g. USD");
        }

        BigDecimal val = creating ? BigDecimal.ZERO : base.value();
        if (value != null) {
            try {
                val = new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                v.add("value", "Value must be a number");
                val = BigDecimal.ONE;
            }
        } else if (creating) v.add("value", "Value is required: percent of the invoice, or the fixed amount");
        if (val.signum() <= 0 && (creating || value != null)) v.add("value", "Value must be above zero");
        if (t == Plan.Type.PERCENT && val.compareTo(HUNDRED) > 0) v.add("value", "A percent commission is at most 100");
        if (val.stripTrailingZeros().scale() > 4) v.add("value", "Value may have at most 4 decimals");
        if (t == Plan.Type.FIXED && cur != null && BillingInput.validCurrency(cur) && val.stripTrailingZeros().scale() > Money.scale(cur)) {
            v.add("value", "A fixed commission in " + cur + " may have at most " + Money.scale(cur) + " decimals");
        }
        if (val.compareTo(new BigDecimal("1000000000")) >= 0) v.add("value", "Value is too large");

        int hold = creating ? 30 : base.holdDays();
        if (holdDays != null) {
            try {
                hold = Integer.parseInt(holdDays.strip());
                if (hold < 0 || hold > 3650) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                v.add("hold_days", "Hold days must be a whole number from 0 to 3650");
            }
        }
        return new Plan(creating ? 0 : base.id(), n, t, val.stripTrailingZeros(), cur,
                recurring == null ? !creating && base.recurring() : recurring, hold,
                isDefault == null ? !creating && base.isDefault() : isDefault,
                creating ? null : base.createdAt(), creating ? null : base.updatedAt());
    }
}
