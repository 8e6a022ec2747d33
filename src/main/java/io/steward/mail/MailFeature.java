package io.steward.mail;

import io.steward.account.AccountService;
import io.steward.account.ContactService;
import io.steward.config.Config;
import io.steward.db.Db;
import java.time.Clock;

/** Assembles the mail feature: templates, the outbox service, the sender job and staff handlers. */
public final class MailFeature {
    private final MailSettings settings;
    private final MailService service;

    public MailFeature(Db db, Clock clock, Config config, AccountService accounts, ContactService contacts) {
        this.settings = MailSettings.from(config);
        var templates = new Templates("mail", settings.language());
        this.service = new MailService(db, clock, templates, settings, accounts, contacts);
        service.checkTemplates();
    }

    /** The seam other features queue mail through. */
    public Outbox outbox() { return service; }

    public MailService service() { return service; }

    public MailSettings settings() { return settings; }
}
