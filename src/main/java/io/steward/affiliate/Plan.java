package io.steward.affiliate;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * A commission plan. {@code PERCENT} pays {@code value} percent of a paid invoice's subtotal
 * (before tax, without payment-gateway fees); {@code FIXED} pays {@code value} in
 * {@code currency} per paid invoice. A plan that is not {@code recurring} pays on the referred
 * client's first paid invoice only. A commission is payable {@code holdDays} after the payment.
 * New affiliates get the {@code isDefault} plan.
 */
public record Plan(long id, String name, Type type, BigDecimal value, String currency, boolean recurring, int holdDays,
                   boolean isDefault, LocalDateTime createdAt, LocalDateTime updatedAt) {
    public enum Type {
        PERCENT, FIXED;

        public String wire() { return name().toLowerCase(Locale.ROOT); }
    }
}
