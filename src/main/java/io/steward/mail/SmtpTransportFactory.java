package io.steward.mail;

import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * SMTP through Angus Mail: host, port, optional login, and TLS ({@code none}, {@code starttls}
 * required, or {@code smtps}). One connection per batch. The configuration-made instance takes
 * {@code mail.smtp.host}, {@code port}, {@code username}, {@code password}, {@code tls},
 * {@code timeout} and {@code ssl-trust}.
 */
public final class SmtpTransportFactory implements ModuleFactory<MailRelay> {
    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            SettingField.string("host", true, "localhost", "SMTP server host name"),
            SettingField.integer("port", false, null, "Port; empty for 25 (465 with smtps)"),
            SettingField.string("username", false, "", "Login name; empty to send without logging in"),
            SettingField.secret("password", false, "Login password"),
            SettingField.choice("tls", "none", "none: plain; starttls: upgrade, required; smtps: TLS from the first byte",
                    "none", "starttls", "smtps"),
            SettingField.integer("timeout_seconds", false, 20, "Connect, read and write timeout"),
            SettingField.string("ssl_trust", false, "", "Hosts whose certificates are trusted without a CA (\"*\" for all)"));

    private MailSettings settings;

    @Override public String id() { return "smtp"; }

    @Override public ModuleKind kind() { return ModuleKind.MAIL; }

    @Override public String label() { return "SMTP server"; }

    @Override public SettingsSchema schema() { return SCHEMA; }

    @Override
    public void init(ModuleContext context) {
        this.settings = MailSettings.from(context.config());
    }

    @Override
    public Map<String, String> configured(ModuleContext context) {
        var c = context.config();
        var out = new LinkedHashMap<String, String>();
        out.put("host", settings.host());
        c.find("mail.smtp.port").ifPresent(p -> out.put("port", p));
        out.put("username", settings.username());
        if (!settings.password().isEmpty()) out.put("password", settings.password());
        out.put("tls", settings.tls().name().toLowerCase(Locale.ROOT));
        out.put("timeout_seconds", Long.toString(settings.timeout().toSeconds()));
        out.put("ssl_trust", c.get("mail.smtp.ssl-trust", ""));
        return out;
    }

    @Override
    public MailRelay create(ModuleSettings instance) {
        String tls = instance.string("tls");
        boolean smtps = tls.equals("smtps");
        boolean starttls = tls.equals("starttls");
        String host = instance.string("host");
        int port = (int) instance.integer("port", smtps ? 465 : 25);
        String username = instance.string("username");
        String password = instance.string("password");
        String p = smtps ? "mail.smtps." : "mail.smtp.";
        var props = new Properties();
        props.put(p + "host", host);
        props.put(p + "port", Integer.toString(port));
        props.put(p + "auth", Boolean.toString(!username.isEmpty()));
        String ms = Long.toString(instance.integer("timeout_seconds", 20) * 1000);
        props.put(p + "connectiontimeout", ms);
        props.put(p + "timeout", ms);
        props.put(p + "writetimeout", ms);
        props.put(p + "from", settings.from());
        if (starttls) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (smtps || starttls) {
            props.put(p + "ssl.checkserveridentity", "true");
            String trust = instance.string("ssl_trust");
            if (!trust.isEmpty()) props.put(p + "ssl.trust", trust);
        }
        Session session = Session.getInstance(props);
        return () -> {
            Transport t = session.getTransport(smtps ? "smtps" : "smtp");
            if (username.isEmpty()) t.connect();
            else t.connect(host, port, username, password);
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
        };
    }
}
