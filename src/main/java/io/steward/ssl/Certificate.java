package io.steward.ssl;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One certificate, of one certificate service. {@code status} is the certificate's own
 * ({@code cert_status} in the client API): Awaiting Payment, Processing, Awaiting Validation,
 * Issued, Failed, Revoked, Expired. {@code validation} is the JSON of the steps the client must
 * take (HTTP-01 files), {@code chainPem} the issued chain, leaf first.
 */
public record Certificate(long id, long serviceId, long clientId, long productId, String domain, List<String> names, String csr,
                          String keySealed, Integer software, String approverEmail, String method, String organization,
                          String status, String validation, String error, String certPem, String chainPem, String serial,
                          LocalDateTime issuedAt, LocalDateTime expiresAt, LocalDateTime revokedAt, LocalDateTime createdAt) {
    public static final String AWAITING_PAYMENT = "Awaiting Payment";
    public static final String PROCESSING = "Processing";
    public static final String AWAITING_VALIDATION = "Awaiting Validation";
    public static final String ISSUED = "Issued";
    public static final String FAILED = "Failed";
    public static final String REVOKED = "Revoked";
    public static final String EXPIRED = "Expired";
}
