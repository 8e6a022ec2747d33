package io.steward.domain.registrar;

/** What a registrar module can do; the domain feature offers only what the TLD's module supports. */
public enum Capability {
    REGISTER, TRANSFER, RENEW, SYNC, NAMESERVERS, GLUE, LOCK, ID_PROTECTION, CONTACTS, EPP_CODE, DNSSEC, EMAIL_FORWARDING,
    URL_FORWARDING;

    /** The capability's name as module factories declare it and staff read it ({@code email_forwarding}). */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
