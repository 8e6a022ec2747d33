package io.steward.mail;

import java.time.LocalDateTime;

/**
 * One outbox row: a rendered mail for one recipient and where it is in its delivery. A
 * {@code sealed} mail carried a secret: its subject and bodies show {@link Outbox.Secret#MARKER}
 * in its place, and only the sender sees the mail as sent ({@link #opened}).
 */
public record Mail(long id, Long clientId, Long contactId, String recipient, String recipientName, String template,
                   String language, String subject, String bodyText, String bodyHtml, String status, int attempts,
                   int maxAttempts, LocalDateTime nextAttemptAt, String lastError, String messageId, Long resentFrom,
                   LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime sentAt, boolean sealed) {
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String FAILED = "failed";
    public static final String SENT = "sent";
    public static final String DEAD = "dead";

    public static final java.util.List<String> STATUSES = java.util.List.of(QUEUED, SENDING, FAILED, SENT, DEAD);

    /** This mail with the content it is sent with (the opened sealed copy); never stored. */
    Mail opened(Templates.Rendered content) {
        return new Mail(id, clientId, contactId, recipient, recipientName, template, content.language(), content.subject(),
                content.text(), content.html(), status, attempts, maxAttempts, nextAttemptAt, lastError, messageId, resentFrom,
                createdAt, updatedAt, sentAt, sealed);
    }
}
