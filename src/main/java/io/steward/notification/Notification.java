package io.steward.notification;

import java.time.LocalDateTime;

/** A portal notification of a client account; {@code ackedAt} is null while it is new. */
public record Notification(long id, long clientId, String relType, long relId, String subject, String message,
                           LocalDateTime createdAt, LocalDateTime ackedAt) {}
