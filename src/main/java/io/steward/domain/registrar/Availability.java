package io.steward.domain.registrar;

import java.math.BigDecimal;

/** The answer of an availability check; a premium name carries the registry's price for one year of registration. */
public record Availability(boolean available, boolean premium, BigDecimal premiumPrice, String premiumCurrency, String reason) {
    public static Availability free() { return new Availability(true, false, null, null, ""); }

    public static Availability taken(String reason) { return new Availability(false, false, null, null, reason); }
}
