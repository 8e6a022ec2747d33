package io.steward.mail;

import io.steward.core.PrivateFiles;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import jakarta.mail.Session;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * The sandbox transport: each mail is written as an RFC 5322 file ({@code <id>.eml}) under the
 * instance's {@code directory} (configuration {@code mail.maildir}, default {@code <data>/mail}),
 * written to a temporary name and moved into place, so a reader never sees half a mail. For trying
 * Steward without a mail server.
 */
public final class MaildirTransportFactory implements ModuleFactory<MailRelay> {
    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            SettingField.string("directory", false, "", "Directory the mails are filed in; empty for <data>/mail"));

    private MailSettings settings;
    private Path dataDir;
    private final Session session = Session.getInstance(new Properties());

    @Override public String id() { return "maildir"; }

    @Override public ModuleKind kind() { return ModuleKind.MAIL; }

    @Override public String label() { return "Sandbox: files every mail under the data directory"; }

    @Override public boolean sandbox() { return true; }

    @Override public SettingsSchema schema() { return SCHEMA; }

    @Override
    public void init(ModuleContext context) {
        this.settings = MailSettings.from(context.config());
        this.dataDir = context.dataDir();
    }

    @Override
    public Map<String, String> configured(ModuleContext context) {
        return Map.of("directory", context.config().get("mail.maildir", ""));
    }

    @Override
    public MailRelay create(ModuleSettings instance) {
        String configured = instance.string("directory");
        Path dir = configured.isBlank() ? dataDir.resolve("mail") : Path.of(configured);
        return () -> {
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
        };
    }
}
