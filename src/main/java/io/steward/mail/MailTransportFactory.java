package io.steward.mail;

import io.steward.config.Config;
import java.nio.file.Path;

/**
 * A mail transport module, found by {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.steward.mail.MailTransportFactory}) and chosen by
 * {@code mail.transport}. One factory per node: {@link #init} once with the node's configuration,
 * {@link #open} for each batch the sender delivers, {@link #close} on shutdown. Built in:
 * {@code smtp} (Angus Mail) and {@code maildir} (a sandbox that files each mail as an
 * {@code .eml} under the data directory, for trying Steward without a mail server).
 */
public interface MailTransportFactory {
    /** The module id, the value of {@code mail.transport}. */
    String id();

    default void init(Config config, MailSettings settings, Path dataDir) {}

    /** A connection for one batch; a failure to connect fails every mail of the batch (and they are retried). */
    MailTransport open() throws Exception;

    default void close() {}
}
