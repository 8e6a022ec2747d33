package io.steward.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Date;

/** Builds the MIME message of an outbox row: multipart/alternative, plain text first, then HTML (RFC 2046 §5.1.4). */
final class MimeMessages {
    private MimeMessages() {}

    static MimeMessage build(Session session, Mail m, MailSettings settings) throws MessagingException {
        var msg = new StableIdMessage(session, m.id(), settings.from());
        try {
            msg.setFrom(new InternetAddress(settings.from(), settings.fromName(), "UTF-8"));
            msg.setRecipient(Message.RecipientType.TO, new InternetAddress(m.recipient(), m.recipientName().isBlank() ? null : m.recipientName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        msg.setSubject(m.subject(), "UTF-8");
        msg.setSentDate(new Date());
        msg.setHeader("X-Steward-Mail", Long.toString(m.id()));
        msg.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies to these
        var text = new MimeBodyPart();
        text.setText(m.bodyText(), "UTF-8", "plain");
        var html = new MimeBodyPart();
        html.setText(m.bodyHtml(), "UTF-8", "html");
        var alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        msg.setContent(alternative);
        msg.saveChanges();
        return msg;
    }

    /**
     * A Message-ID derived from the outbox row, so a mail sent twice (at-least-once delivery)
     * carries the same id and receivers can tell the copies apart from new mail.
     */
    private static final class StableIdMessage extends MimeMessage {
        private final long id;
        private final String domain;

        StableIdMessage(Session session, long id, String from) {
            super(session);
            this.id = id;
            int at = from.indexOf('@');
            this.domain = at < 0 ? "steward.invalid" : from.substring(at + 1);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<outbox-" + id + "@" + domain + ">");
        }
    }
}
