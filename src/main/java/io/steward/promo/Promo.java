package io.steward.promo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * A promo code. {@code PERCENT} takes {@code value} percent off each discounted line; {@code FIXED}
 * takes {@code value} in {@code currency} off the lines together (never below zero) and applies
 * only to orders in that currency. A one-time code ({@code recurring} false) discounts the first
 * invoice only; a recurring one every renewal too. Empty {@code productIds} / {@code cycles} mean
 * every product / cycle; {@code maxUses} null means unlimited; {@code startsOn} / {@code endsOn}
 * (inclusive, UTC dates) null mean open-ended.
 */
public record Promo(long id, String code, Type type, BigDecimal value, String currency, boolean recurring,
                    Set<Long> productIds, Set<String> cycles, Integer maxUses, int uses, LocalDate startsOn,
                    LocalDate endsOn, boolean newClientsOnly, boolean enabled, String notes,
                    LocalDateTime createdAt, LocalDateTime updatedAt) {

    public enum Type {
        PERCENT, FIXED;

        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Billing cycle codes as the references spell them: m q s a b t, plus Free and Once (one-time). */
    public static final List<String> CYCLES = List.of("m", "q", "s", "a", "b", "t", "Free", "Once");

    public Promo {
        productIds = Set.copyOf(productIds);
        cycles = Set.copyOf(cycles);
    }

    public boolean exhausted() {
        return maxUses != null && uses >= maxUses;
    }
}
