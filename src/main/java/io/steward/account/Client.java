package io.steward.account;

import java.time.LocalDateTime;

/** A client account: the customer, its registration details and standing. */
public record Client(long id, Profile profile, String status, String notes, LocalDateTime createdAt,
                     LocalDateTime updatedAt, LocalDateTime lastloginAt, String lastloginIp, String lastloginHost) {
    public static final java.util.List<String> STATUSES = java.util.List.of("Active", "Suspended", "Closed");
}
