package io.steward.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A refund document, numbered in its own series. {@code method} is {@code credit} (the amount went
 * to the account credit) or {@code external} (paid back outside Steward).
 */
public record CreditNote(long id, long invoiceId, long clientId, String series, String number, LocalDate date,
                         String currency, BigDecimal amount, String method, String reason, String createdBy,
                         LocalDateTime createdAt) {
    public static final String CREDIT = "credit";
    public static final String EXTERNAL = "external";
}
