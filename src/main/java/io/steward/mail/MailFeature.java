package io.steward.mail;

import io.steward.account.AccountService;
import io.steward.account.ContactService;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.jobs.Jobs;
import io.steward.scheduler.JobScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.ServiceLoader;

/** Assembles the mail feature: templates, the outbox service, the transport module, the sender (a job kind) and staff handlers. */
public final class MailFeature implements AutoCloseable {
    private final MailSettings settings;
    private final MailService service;
    private final MailTransportFactory transport;
    private final MailSender sender;

    public MailFeature(Db db, Clock clock, Config config, Path dataDir, Secrets secrets, AccountService accounts,
                       ContactService contacts, JobScheduler scheduler, Jobs jobs) {
        this.settings = MailSettings.from(config);
        var templates = new Templates("mail", settings.language());
        this.service = new MailService(db, clock, templates, settings, accounts, contacts, secrets, jobs);
        service.checkTemplates();
        this.transport = load(config.get("mail.transport", "smtp"));
        transport.init(config, settings, dataDir);
        this.sender = new MailSender(clock, service.store(), service.sealer(), settings, transport, jobs);
    }

    private static MailTransportFactory load(String id) {
        var known = new ArrayList<String>();
        for (MailTransportFactory f : ServiceLoader.load(MailTransportFactory.class, MailFeature.class.getClassLoader())) {
            if (f.id().equals(id)) return f;
            known.add(f.id());
        }
        throw new IllegalArgumentException("mail.transport " + id + " is not installed (installed: " + known + ")");
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
        transport.close();
    }
}
