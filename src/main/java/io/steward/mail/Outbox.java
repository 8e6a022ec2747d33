package io.steward.mail;

import java.util.Map;

/**
 * The mail seam: a feature queues a templated mail inside the transaction of the change that
 * causes it, so the mail is sent exactly when the change commits (and never when it rolls back).
 * The mail feature renders the template, picks the recipients and sends from its outbox.
 */
public interface Outbox {
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
