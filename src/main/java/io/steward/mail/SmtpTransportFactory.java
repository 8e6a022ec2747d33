package io.steward.mail;

import io.steward.config.Config;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * SMTP through Angus Mail: host, port, optional login, and TLS as {@code mail.smtp.tls} says
 * ({@code none}, {@code starttls} required, or {@code smtps}). One connection per batch.
 */
public final class SmtpTransportFactory implements MailTransportFactory {
    private MailSettings settings;
    private Session session;

    @Override
    public String id() { return "smtp"; }

    @Override
    public void init(Config config, MailSettings settings, Path dataDir) {
        this.settings = settings;
        boolean smtps = settings.tls() == MailSettings.Tls.SMTPS;
        String p = smtps ? "mail.smtps." : "mail.smtp.";
        var props = new Properties();
        props.put(p + "host", settings.host());
        props.put(p + "port", Integer.toString(settings.port()));
        props.put(p + "auth", Boolean.toString(!settings.username().isEmpty()));
        String ms = Long.toString(settings.timeout().toMillis());
        props.put(p + "connectiontimeout", ms);
        props.put(p + "timeout", ms);
        props.put(p + "writetimeout", ms);
        props.put(p + "from", settings.from());
        if (settings.tls() == MailSettings.Tls.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (smtps || settings.tls() == MailSettings.Tls.STARTTLS) {
            props.put(p + "ssl.checkserveridentity", "true");
            String trust = config.get("mail.smtp.ssl-trust", "");
            if (!trust.isEmpty()) props.put(p + "ssl.trust", trust);
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public MailTransport open() throws MessagingException {
        Transport t = session.getTransport(settings.tls() == MailSettings.Tls.SMTPS ? "smtps" : "smtp");
        if (settings.username().isEmpty()) t.connect();
        else t.connect(settings.host(), settings.port(), settings.username(), settings.password());
        return new MailTransport() {
            @Override
            public String send(Mail mail) throws Exception {
                try {
                    var msg = MimeMessages.build(session, mail, settings);
                    t.sendMessage(msg, msg.getAllRecipients());
                    return msg.getMessageID();
                } catch (AddressException e) {
                    throw new PermanentFailure("Invalid address: " + e.getMessage(), e);
                } catch (SendFailedException e) {
                    // The server refused the recipient with a 5xx: retrying will not help.
                    if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                        throw new PermanentFailure("Recipient refused: " + e.getMessage(), e);
                    }
                    throw e;
                }
            }

            @Override
            public void close() throws MessagingException {
                t.close();
            }
        };
    }
}
