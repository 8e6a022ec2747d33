package io.steward.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An invoice's header. {@code total} (subtotal + tax + tax2) is fixed at issue; {@code credit} is
 * the account credit applied to it, {@code amountPaid} what gateways paid and {@code refunded}
 * what went back to the client (credit notes, overpayments, a cancellation), so an open invoice
 * still owes {@link #due()}. Amounts are at the currency's scale.
 *
 * @param clientSnapshot the client's details as at issue, as JSON text (see {@link ClientSnapshot})
 */
public record Invoice(long id, long clientId, String status, String series, String number, LocalDate date,
                      LocalDate dueDate, LocalDateTime paidAt, String currency, BigDecimal subtotal, BigDecimal credit,
                      BigDecimal amountPaid, BigDecimal refunded, BigDecimal tax, BigDecimal taxRate, BigDecimal tax2,
                      BigDecimal taxRate2, boolean taxExempt, BigDecimal total, Long gatewayId, String notes,
                      String clientSnapshot, LocalDateTime createdAt) {
    public static final String UNPAID = "Unpaid";
    public static final String PAID = "Paid";
    public static final String CANCELLED = "Cancelled";
    public static final String REFUNDED = "Refunded";
    public static final String COLLECTIONS = "Collections";
    public static final List<String> STATUSES = List.of(UNPAID, PAID, CANCELLED, REFUNDED, COLLECTIONS);

    /** What an open invoice still owes: total less what is applied to it and kept; zero for a closed one. */
    public BigDecimal due() {
        BigDecimal zero = BigDecimal.ZERO.setScale(total.scale());
        if (!open()) return zero;
        return total.subtract(credit).subtract(amountPaid).add(refunded).max(zero);
    }

    /** Credit and payments applied and not given back: what a credit note can still refund. */
    public BigDecimal refundable() {
        return credit.add(amountPaid).subtract(refunded);
    }

    /** Unpaid and Collections invoices accept payments and count towards the account balance. */
    public boolean open() {
        return status.equals(UNPAID) || status.equals(COLLECTIONS);
    }
}
