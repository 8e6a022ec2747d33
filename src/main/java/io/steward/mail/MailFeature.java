package io.steward.mail;

import io.steward.account.AccountService;
import io.steward.account.ContactService;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.jobs.Jobs;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.scheduler.JobScheduler;
import java.time.Clock;

/** Assembles the mail feature: templates, the outbox service, the transport module, the sender (a job kind) and staff handlers. */
public final class MailFeature implements AutoCloseable {
    private final MailSettings settings;
    private final MailService service;
    private final MailSender sender;

    public MailFeature(Db db, Clock clock, Config config, Secrets secrets, AccountService accounts,
                       ContactService contacts, JobScheduler scheduler, Jobs jobs, ModuleInstances instances) {
        this.settings = MailSettings.from(config);
        var templates = new Templates("mail", settings.language());
        this.service = new MailService(db, clock, templates, settings, accounts, contacts, secrets, jobs);
        service.checkTemplates();
        String transport = config.get("mail.transport", "smtp");
        if (!instances.modules().has(ModuleKind.MAIL, transport)) {
            throw new IllegalArgumentException("mail.transport " + transport + " is not installed (installed: "
                    + instances.modules().ofKind(ModuleKind.MAIL).stream().map(ModuleFactory::id).toList() + ")");
        }
        // Each mail uses the module's default instance as it is then, so staff changes apply at once.
        this.sender = new MailSender(clock, service.store(), service.sealer(), settings, transport,
                () -> instances.openDefault(ModuleKind.MAIL, transport, MailRelay.class)
                        .orElseThrow(() -> new IllegalStateException("mail transport " + transport + " has no default instance")),
                jobs);
    }

    /** The seam other features queue mail through. */
    public Outbox outbox() { return service; }

    public MailService service() { return service; }

    /** The sender (the scheduler runs it; tests and staff may run it by hand). */
    public MailSender sender() { return sender; }

    public MailSettings settings() { return settings; }

    public MailAdminHandlers adminHandlers() { return new MailAdminHandlers(service, sender); }

    @Override
    public void close() {
        // mail modules are the node's (io.steward.modules.Modules), closed with it
    }
}
