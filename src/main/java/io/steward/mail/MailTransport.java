package io.steward.mail;

/**
 * One open connection of a transport module: sends mails one by one, then is closed. Sending
 * is at least once (a node can stop between the server's answer and recording it).
 */
public interface MailTransport extends AutoCloseable {
    /** Sends the mail; answers the Message-ID it was sent with. */
    String send(Mail mail) throws Exception;

    @Override
    void close() throws Exception;

    /** A failure retrying cannot cure (the server refused the recipient for good): the mail is dead at once. */
    final class PermanentFailure extends Exception {
        public PermanentFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
