package io.steward.tax;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A tax rule: at {@code level} 1 (the main tax: VAT, GST, sales tax) or 2 (a second tax on top),
 * {@code rate} percent, for clients in {@code country} (ISO 3166-1 alpha-2, or {@code *} for every
 * country) and {@code state} ({@code *} for every state; compared case-insensitively with the
 * client's state as written on the account). A compound level-2 rule taxes the subtotal plus the
 * level-1 tax.
 */
public record TaxRule(long id, int level, String name, BigDecimal rate, String country, String state, boolean compound,
                      LocalDateTime createdAt, LocalDateTime updatedAt) {
    public static final String ANY = "*";

    /** Whether the rule covers a client at this place. */
    public boolean matches(String clientCountry, String clientState) {
        if (!country.equals(ANY) && !country.equalsIgnoreCase(clientCountry == null ? "" : clientCountry.strip())) return false;
        return state.equals(ANY) || state.equalsIgnoreCase(clientState == null ? "" : clientState.strip());
    }

    /** 2 for a country and state, 1 for a whole country, 0 for everywhere: the most specific rule wins. */
    public int specificity() {
        if (country.equals(ANY)) return 0;
        return state.equals(ANY) ? 1 : 2;
    }
}
