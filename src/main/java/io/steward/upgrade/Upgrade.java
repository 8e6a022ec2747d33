package io.steward.upgrade;

import io.steward.core.BillingCycle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One upgrade or downgrade of a service, as stored. {@code Pending} while its invoice is unpaid,
 * {@code Applied} once paid (or at once when it costs nothing), {@code Cancelled} with its invoice.
 *
 * @param options       the new configuration, {"form id": "value"} as the order endpoints send values
 * @param moduleOptions what the module is told of the new options, a JSON array
 * @param amount        the sum of the prorated lines; negative for a downgrade
 * @param credit        the account credit a downgrade gave
 * @param periodEnd     the service's next_due when it was priced
 */
public record Upgrade(long id, long serviceId, long clientId, String status, String direction, long fromProductId, long toProductId,
                      String toProductName, BillingCycle cycle, String currency, String options, String moduleOptions,
                      BigDecimal oldRecurring, BigDecimal newRecurring, BigDecimal amount, BigDecimal credit, LocalDate periodStart,
                      LocalDate periodEnd, int daysLeft, int daysInPeriod, Long invoiceId, String requestedBy,
                      LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime finishedAt) {
    public static final String PENDING = "Pending";
    public static final String APPLIED = "Applied";
    public static final String CANCELLED = "Cancelled";
    public static final java.util.List<String> STATUSES = java.util.List.of(PENDING, APPLIED, CANCELLED);

    public static final String UPGRADE = "upgrade";
    public static final String DOWNGRADE = "downgrade";
}
