package io.steward.tax;

import io.steward.core.Validation;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * A tax rule as staff send it: every field nullable, null meaning "leave as is" (on creation:
 * level, name, rate and country are required; state defaults to {@code *}). Numbers arrive as
 * text so that every bad field is reported at once.
 */
public record TaxRuleInput(String level, String name, String rate, String country, String state, Boolean compound) {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    /** Merges onto {@code base} (null for a new rule) and validates. */
    TaxRule applyTo(TaxRule base, Validation v) {
        boolean creating = base == null;
        int lvl = base == null ? 1 : base.level();
        if (level != null) {
            if (level.strip().equals("1") || level.strip().equals("2")) lvl = Integer.parseInt(level.strip());
            else v.add("level", "Level must be 1 or 2");
        } else if (creating) v.add("level", "Level is required (1 or 2)");

        String n = name == null ? (base == null ? "" : base.name()) : name.strip();
        if ((creating || name != null) && n.isEmpty()) v.add("name", "Name is required, e.g. VAT");
        if (n.length() > 100) v.add("name", "Name must be at most 100 characters");

        BigDecimal r = base == null ? BigDecimal.ZERO : base.rate();
        if (rate != null) {
            r = parseRate(rate, v);
        } else if (creating) v.add("rate", "Rate is required (percent, e.g. 21 or 9.975)");

        String c = country == null ? (base == null ? "" : base.country()) : country.strip().toUpperCase(Locale.ROOT);
        if (country != null || creating) {
            if (c.isEmpty()) v.add("country", "Country is required: an ISO 3166-1 alpha-2 code or * for all");
            else if (!c.equals(TaxRule.ANY) && !COUNTRIES.contains(c)) v.add("country", "Country must be an ISO 3166-1 alpha-2 code or *");
        }

        String s = state == null ? (base == null ? TaxRule.ANY : base.state()) : state.strip();
        if (s.isEmpty()) s = TaxRule.ANY;
        if (s.length() > 100) v.add("state", "State must be at most 100 characters");
        if (c.equals(TaxRule.ANY) && !s.equals(TaxRule.ANY)) v.add("state", "A rule for every country (*) cannot name a state");

        boolean comp = compound == null ? base != null && base.compound() : compound;
        if (comp && lvl != 2) v.add("compound", "Only a level-2 rule can be compound");

        return new TaxRule(base == null ? 0 : base.id(), lvl, n, r, c, s, comp,
                base == null ? null : base.createdAt(), base == null ? null : base.updatedAt());
    }

    private static BigDecimal parseRate(String text, Validation v) {
        try {
            BigDecimal r = new BigDecimal(text.strip());
            if (r.signum() < 0 || r.compareTo(HUNDRED) > 0) v.add("rate", "Rate must be between 0 and 100 (percent)");
            else if (r.stripTrailingZeros().scale() > 4) v.add("rate", "Rate may have at most 4 decimals");
            else return r.stripTrailingZeros();
        } catch (NumberFormatException e) {
            v.add("rate", "Rate must be a number (percent, e.g. 21 or 9.975)");
        }
        return BigDecimal.ZERO;
    }
}
