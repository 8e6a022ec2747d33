package io.steward.support;

import io.steward.account.AccountService;
import io.steward.account.ContactService;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import io.steward.notification.Notifier;
import io.steward.scheduler.JobScheduler;
import io.steward.service.ServiceOperations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;

/**
 * The support desk assembled: departments, tickets, the attachment store, inbound mail (polled by
 * the scheduler) and the handlers of both dialects.
 *
 * <p>Configuration: {@code support.attachments.dir} ({@code <data>/attachments}),
 * {@code support.attachments.max-bytes} (2 MiB per file), {@code support.attachments.max-files}
 * (5 per message), {@code support.attachments.types} (extensions: png, jpg, jpeg, gif, pdf, txt,
 * log, zip), {@code support.inbound.poll-interval} (60 s), {@code support.inbound.timeout} (20 s),
 * {@code support.dead-job-department} (the department dead provisioning jobs open tickets in,
 * "Technical Support"; the first department when there is none of that name).
 */
public final class SupportFeature {
    public static final String INBOUND_TASK = "support-inbound-mail";

    private final DepartmentService departments;
    private final TicketService tickets;
    private final InboundMail inbound;
    private final SupportClientHandlers clientHandlers;
    private final SupportAdminHandlers adminHandlers;

    public SupportFeature(Db db, Clock clock, Secrets secrets, Config config, Path dataDir, AccountService accounts, ContactService contacts,
                          ServiceOperations services, Outbox outbox, Notifier notifier, JobScheduler scheduler) {
        var departmentStore = new DepartmentStore(db);
        var ticketStore = new TicketStore(db);
        var types = new LinkedHashSet<String>();
        Arrays.stream(config.get("support.attachments.types", "png,jpg,jpeg,gif,pdf,txt,log,zip").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).forEach(types::add);
        var files = new AttachmentStore(Path.of(config.get("support.attachments.dir", dataDir.resolve("attachments").toString())),
                config.getLong("support.attachments.max-bytes", 2L * 1024 * 1024), config.getInt("support.attachments.max-files", 5), types);
        this.departments = new DepartmentService(db, clock, secrets, departmentStore, ticketStore);
        this.tickets = new TicketService(db, clock, departmentStore, ticketStore, files, accounts, contacts, services, outbox, notifier,
                config.get("support.dead-job-department", "Technical Support"));
        this.inbound = new InboundMail(db, clock, departments, tickets, ticketStore, accounts,
                (int) config.getDuration("support.inbound.timeout", Duration.ofSeconds(20)).toMillis());
        this.clientHandlers = new SupportClientHandlers(tickets);
        this.adminHandlers = new SupportAdminHandlers(tickets, departments, inbound);
        scheduler.recurring(INBOUND_TASK, config.getDuration("support.inbound.poll-interval", Duration.ofSeconds(60)), inbound::pollAll);
    }

    public TicketService tickets() { return tickets; }

    public DepartmentService departments() { return departments; }

    public InboundMail inbound() { return inbound; }

    public SupportClientHandlers clientHandlers() { return clientHandlers; }

    public SupportAdminHandlers adminHandlers() { return adminHandlers; }

    public SupportDemo demo() { return new SupportDemo(departments, tickets); }
}
