package io.steward.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A payment received through a gateway (bank transfers recorded by staff included). */
public record Payment(long id, long invoiceId, long clientId, long gatewayId, BigDecimal amount, BigDecimal fee,
                      BigDecimal refunded, String transactionId, LocalDateTime paidAt, String recordedBy) {}
