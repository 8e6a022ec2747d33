package io.steward.mail;

import java.util.Map;

/**
 * The mail seam: a feature queues a templated mail inside the transaction of the change that
 * causes it, so the mail is sent exactly when the change commits (and never when it rolls back).
 * The mail feature renders the template, picks the recipients and sends from its outbox.
 *
 * <p><b>Secrets.</b> A value that must not rest in clear (a password-reset token, a password, an
 * EPP code) is passed as a {@link Secret}; variables named {@code token}, {@code password},
 * {@code epp}, {@code epp_code}, {@code auth_code} or {@code secret} are treated as secrets even
 * when passed plain. The outbox then stores the mail with {@value Secret#MARKER} in their place,
 * and the mail as sent only sealed with the node secret (AES-GCM); the sender opens it at delivery
 * and drops the sealed copy once the mail is sent or dead. Such a mail cannot be resent.
 */
public interface Outbox {
    /** A template value that is a secret; its {@code toString} and JSON form are the marker, so it never reaches a log. */
    record Secret(String value) {
        /** What the stored mail, the admin API and any log show instead of the value. */
        public static final String MARKER = "[sealed]";

        public Secret {
            java.util.Objects.requireNonNull(value, "value");
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String toString() { return MARKER; }
    }

    /** Marks {@code value} as a secret for a template. */
    static Secret secret(String value) { return new Secret(value); }

    /**
     * Queues {@code template} for a client: the account holder, plus the contacts whose
     * privileges put them in {@code audience}. {@code vars} fill the template.
     */
    void toClient(long clientId, Audience audience, String template, Map<String, ?> vars);

    /** One client mail of a batch: what {@link #toClient} takes. */
    record ClientMail(long clientId, Audience audience, String template, Map<String, ?> vars) {}

    /**
     * Queues many client mails at once, as {@link #toClient} each (a batch of invoices, a
     * broadcast); the implementation may read accounts and write rows in bulk.
     */
    default void toClients(java.util.List<ClientMail> mails) {
        for (ClientMail m : mails) toClient(m.clientId(), m.audience(), m.template(), m.vars());
    }

    /** Queues {@code template} for one address (a contact's own password reset, a department). */
    void toAddress(String address, String name, String template, Map<String, ?> vars);

    /**
     * Which of a client's contacts also receive a mail (the account holder always does):
     * the references' {@code billing/emails}, {@code support/emails}, and {@code notify} on one
     * service or domain; {@link #holder()} is the account holder alone.
     */
    record Audience(String group, String privilege, Long objectId) {
        public static Audience holder() { return new Audience(null, null, null); }

        public static Audience billing() { return new Audience("billing", "emails", null); }

        public static Audience support() { return new Audience("support", "emails", null); }

        public static Audience service(long serviceId) { return new Audience("services", "notify", serviceId); }

        public static Audience domain(long domainId) { return new Audience("domains", "notify", domainId); }
    }
}
