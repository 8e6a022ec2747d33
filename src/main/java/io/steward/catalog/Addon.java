package io.steward.catalog;

import java.time.LocalDateTime;

/**
 * An addon ("Daily backups", "cPanel licence"): offered with the products that list it, billed on
 * its own cycles with its own prices per currency.
 */
public record Addon(long id, Spec spec, LocalDateTime createdAt, LocalDateTime updatedAt) {
    /** What staff set. {@code moduleValue} is what a server module receives when the addon is provisioned. */
    public record Spec(String name, String description, String moduleValue, boolean visible, int sortOrder, PriceTable prices) {}

    public String name() { return spec.name(); }

    public PriceTable prices() { return spec.prices(); }
}
