package io.steward.support;

import java.time.LocalDateTime;

/** A canned answer staff use in replies; {@code departmentId} null means every department. */
public record PredefinedReply(long id, String name, String body, Long departmentId, LocalDateTime createdAt, LocalDateTime updatedAt) {}
