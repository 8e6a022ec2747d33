package io.steward.affiliate;

import java.time.LocalDateTime;

/**
 * A client that is an affiliate; {@code id} is the {@code aff_id} its referrals put on orders.
 * Its commissions and payouts are in {@code currency}, its client's billing currency when it
 * joined. A Disabled affiliate earns nothing new and cannot ask for payouts.
 */
public record Affiliate(long id, long clientId, Long planId, String status, String currency, LocalDateTime createdAt,
                        LocalDateTime updatedAt) {
    public static final String ACTIVE = "Active";
    public static final String DISABLED = "Disabled";

    public boolean active() { return ACTIVE.equals(status); }
}
