package io.steward.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A stored invoice line: {@code amount} (unit) and {@code linetotal} rounded to the currency's scale. */
public record InvoiceLine(long id, long invoiceId, String type, long itemId, String description, BigDecimal amount,
                          BigDecimal qty, boolean taxed, BigDecimal linetotal, Long serviceId, LocalDate periodStart,
                          LocalDate periodEnd) {
    /** The item id of a payment-gateway fee line, as the references show it. */
    public static final long FEE_ITEM_ID = -2;
    /** Lines of this type add their total to the account credit when the invoice is paid. */
    public static final String CREDIT_TYPE = "Credit";
}
