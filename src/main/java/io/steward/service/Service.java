package io.steward.service;

import io.steward.core.BillingCycle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One hosting service a client holds, as stored. The password stays sealed here; {@link
 * ServiceManager} opens it only for the views that show it.
 *
 * @param nextDue     start of the first unpaid period (the service is paid until then); null for
 *                    Free and one-time services
 * @param nextInvoice when the next renewal invoice is due to be issued; null when none will be
 * @param billingDay  day of the month periods start on
 * @param cancelType  {@code Immediate} or {@code End of Billing Period}; null when no cancellation was requested
 */
public record Service(long id, long clientId, Long productId, Long orderId, String name, String category, String categorySlug,
                      String status, BillingCycle cycle, String currency, BigDecimal recurringAmount, BigDecimal firstPayment,
                      LocalDate registeredOn, LocalDate nextDue, LocalDate nextInvoice, Integer billingDay, String domain,
                      String label, String username, String passwordSealed, String module, boolean manualProvisioning,
                      String moduleConfig, String moduleState, String suspendReason, String cancelType, String cancelReason,
                      LocalDateTime cancelRequestedAt, LocalDateTime createdAt, LocalDateTime updatedAt) {

    public static final String PENDING = "Pending";
    public static final String ACTIVE = "Active";
    public static final String SUSPENDED = "Suspended";
    public static final String TERMINATED = "Terminated";
    public static final String CANCELLED = "Cancelled";
    public static final String FRAUD = "Fraud";
    public static final List<String> STATUSES = List.of(PENDING, ACTIVE, SUSPENDED, TERMINATED, CANCELLED, FRAUD);

    public static final String CANCEL_IMMEDIATE = "Immediate";
    public static final String CANCEL_END_OF_PERIOD = "End of Billing Period";

    /** Terminated, cancelled or fraud: nothing more happens to it. */
    public boolean isClosed() {
        return status.equals(TERMINATED) || status.equals(CANCELLED) || status.equals(FRAUD);
    }

    public int effectiveBillingDay() {
        if (billingDay != null) return billingDay;
        return nextDue != null ? nextDue.getDayOfMonth() : registeredOn.getDayOfMonth();
    }
}
