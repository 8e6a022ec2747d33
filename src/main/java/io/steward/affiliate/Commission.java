package io.steward.affiliate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** A commission on one paid invoice of a referred client. */
public record Commission(long id, long affiliateId, long clientId, long invoiceId, long planId, BigDecimal base,
                         BigDecimal amount, String currency, String status, LocalDate payableOn, LocalDateTime createdAt,
                         LocalDateTime updatedAt) {
    public static final String PENDING = "Pending";
    public static final String APPROVED = "Approved";
    public static final String REVERSED = "Reversed";
    public static final List<String> STATUSES = List.of(PENDING, APPROVED, REVERSED);
}
