package io.steward.mail;

import io.steward.config.Config;
import io.steward.core.PrivateFiles;
import jakarta.mail.Session;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The sandbox transport: each mail is written as an RFC 5322 file ({@code <id>.eml}) under
 * {@code mail.maildir} (default {@code <data>/mail}), written to a temporary name and moved into
 * place, so a reader never sees half a mail. For trying Steward without a mail server.
 */
public final class MaildirTransportFactory implements MailTransportFactory {
    private MailSettings settings;
    private Path dir;
    private final Session session = Session.getInstance(new Properties());

    @Override
    public String id() { return "maildir"; }

    @Override
    public void init(Config config, MailSettings settings, Path dataDir) {
        this.settings = settings;
        this.dir = Path.of(config.get("mail.maildir", dataDir.resolve("mail").toString()));
    }

    @Override
    public MailTransport open() throws Exception {
        PrivateFiles.directory(dir);
        return new MailTransport() {
            @Override
            public String send(Mail mail) throws Exception {
                var msg = MimeMessages.build(session, mail, settings);
                Path tmp = dir.resolve("." + mail.id() + ".tmp");
                try (OutputStream out = PrivateFiles.newOutputStream(tmp)) {
                    msg.writeTo(out);
                }
                Files.move(tmp, dir.resolve(mail.id() + ".eml"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return msg.getMessageID();
            }

            @Override
            public void close() {}
        };
    }
}
