package io.steward.mail;

import java.time.LocalDateTime;

/** One outbox row: a rendered mail for one recipient and where it is in its delivery. */
public record Mail(long id, Long clientId, Long contactId, String recipient, String recipientName, String template,
                   String language, String subject, String bodyText, String bodyHtml, String status, int attempts,
                   int maxAttempts, LocalDateTime nextAttemptAt, String lastError, String messageId, Long resentFrom,
                   LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime sentAt) {
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String FAILED = "failed";
    public static final String SENT = "sent";
    public static final String DEAD = "dead";

    public static final java.util.List<String> STATUSES = java.util.List.of(QUEUED, SENDING, FAILED, SENT, DEAD);
}
