package io.steward.notification;

import java.time.LocalDateTime;

/** A staff broadcast: a notification (and optionally a mail) to all clients, or to those of a product or server. */
public record Broadcast(long id, String target, Long targetId, String subject, String message, boolean mail, int recipients,
                        LocalDateTime createdAt) {}
