package io.steward.account;

import java.time.LocalDateTime;

/** A client account: the customer, its registration details, standing and billing profile. */
public record Client(long id, Profile profile, String status, String notes, LocalDateTime createdAt,
                     LocalDateTime updatedAt, LocalDateTime lastloginAt, String lastloginIp, String lastloginHost,
                     Billing billing) {
    public static final java.util.List<String> STATUSES = java.util.List.of("Active", "Suspended", "Closed");

    /**
     * How the account is billed: its currency (ISO 4217), whether staff exempted it from tax, and
     * its VAT number (normalised, with its country prefix; empty when none).
     */
    public record Billing(String currency, boolean taxExempt, String vatNumber) {}
}
