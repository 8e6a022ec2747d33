package io.steward.support;

import java.time.LocalDateTime;

/**
 * A ticket department. {@code isPublic} departments are offered to clients; hidden ones take only
 * tickets staff, inbound mail or the system open. {@code mailbox} is the inbound IMAP mailbox, if
 * any; {@code unknownSenders} says what a mail from an unknown address becomes.
 */
public record Department(long id, String name, String description, String email, boolean isPublic, boolean allowReopen,
                         int sortOrder, Mailbox mailbox, UnknownSenders unknownSenders, LocalDateTime createdAt,
                         LocalDateTime updatedAt) {

    /** An IMAP mailbox polled for new tickets and replies; the password stays sealed (node secret). */
    public record Mailbox(String host, int port, boolean tls, String user, String passwordSealed, String folder) {}

    /** What a mail from an address that is no client's or contact's becomes. */
    public enum UnknownSenders {
        /** Dropped (recorded as rejected): the default, so a public address does not fill the desk with spam. */
        REJECT,
        /** A guest ticket without a client, answered by mail to the sender. */
        GUEST;

        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
