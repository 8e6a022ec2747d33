package io.steward.mail;

import io.steward.modules.ModuleProvider;

/**
 * A mail module (a {@code ModuleFactory<MailRelay>} of kind {@code mail}, chosen by
 * {@code mail.transport}): where the outbox's mails go. Built in: {@code smtp} (Angus Mail) and
 * {@code maildir} (a sandbox that files each mail as an {@code .eml} under the data directory).
 */
public interface MailRelay extends ModuleProvider {
    /** A connection for one batch; a failure to connect fails every mail of the batch (and they are retried). */
    MailTransport open() throws Exception;

    /** Opens a connection and closes it again. */
    @Override
    default io.steward.modules.Check testConnection() {
        try (MailTransport t = open()) {
            return io.steward.modules.Check.ok("Connected");
        } catch (Exception e) {
            return io.steward.modules.Check.failed("Could not connect: " + e.getMessage());
        }
    }
}
