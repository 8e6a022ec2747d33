package io.steward.account;

import java.time.LocalDateTime;

/** A client account: the customer, its registration details, standing and billing profile. */
public record Client(long id, Profile profile, String status, String notes, LocalDateTime createdAt,
                     LocalDateTime updatedAt, LocalDateTime lastloginAt, String lastloginIp, String lastloginHost,
                     Billing billing) {
    public static final java.util.List<String> STATUSES = java.util.List.of("Active", "Suspended", "Closed");

    /**
     * How the account is billed: its currency (ISO 4217), whether staff exempted it from tax, its
     * VAT number (normalised, with its country prefix; empty when none) and the language its
     * invoices and mails are written in (one of {@link #LANGUAGES}).
     */
    public record Billing(String currency, boolean taxExempt, String vatNumber, String language) {
        /** The default language: English. */
        public Billing(String currency, boolean taxExempt, String vatNumber) {
            this(currency, taxExempt, vatNumber, DEFAULT_LANGUAGE);
        }
    }

    /** The languages invoices and mails are written in (ISO 639-1), English first as the fallback. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "de", "nl", "fr");
    public static final String DEFAULT_LANGUAGE = "en";
}
