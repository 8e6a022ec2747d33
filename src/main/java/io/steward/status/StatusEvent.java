package io.steward.status;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * An entry of the status page: an incident or a maintenance window, what it affects (catalog
 * products by id, servers by server module id) and its updates, oldest first.
 */
public record StatusEvent(long id, String type, String title, String description, String status, LocalDateTime startsAt,
                          LocalDateTime endsAt, LocalDateTime resolvedAt, LocalDateTime createdAt, LocalDateTime updatedAt,
                          Set<Long> productIds, Set<String> servers, List<Update> updates) {

    public static final List<String> TYPES = List.of("Incident", "Maintenance");
    public static final List<String> STATUSES = List.of("Scheduled", "Investigating", "Identified", "In Progress", "Monitoring", "Resolved");
    public static final String RESOLVED = "Resolved";

    public boolean resolved() { return status.equals(RESOLVED); }

    /** A posted update: the status it moved the event to and what staff said. */
    public record Update(long id, String status, String message, LocalDateTime createdAt) {}
}
