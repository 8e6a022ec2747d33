package io.steward.affiliate;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A payout an affiliate asked for. Staff pay it ({@code method} {@code credit}: to the
 * affiliate's account credit; {@code external}: paid outside Steward, {@code reference} says how)
 * or reject it.
 */
public record Payout(long id, long affiliateId, BigDecimal amount, String currency, String status, String method,
                     String reference, String notes, String processedBy, LocalDateTime createdAt, LocalDateTime processedAt) {
    public static final String PENDING = "Pending";
    public static final String PAID = "Paid";
    public static final String REJECTED = "Rejected";
    public static final List<String> STATUSES = List.of(PENDING, PAID, REJECTED);
    public static final String CREDIT = "credit";
    public static final String EXTERNAL = "external";
}
