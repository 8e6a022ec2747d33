package io.steward.support;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.account.ContactService;
import io.steward.account.Profile;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import io.steward.notification.Notifier;
import io.steward.service.DeadJobListener;
import io.steward.service.ServiceOperations;
import io.steward.web.Upload;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets: clients open, read, answer, close and reopen them; staff answer, re-route, prioritise
 * and annotate them; inbound mail and the provisioning queue open them too. Status transitions
 * (a helpdesk's): a new ticket is Open; a client reply makes it Client-Reply (reopening a closed
 * one unless its department forbids reopening); a staff reply makes it Answered (or the status
 * staff choose) and unread for the client until the client reads it; either side may close it.
 *
 * <p>Mails and portal notifications are queued through the {@link Outbox} and {@link Notifier}
 * seams inside the transaction of the change, so they go out exactly when it commits.
 */
public final class TicketService implements DeadJobListener {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who writes a ticket message: a client (holder or contact), a guest by mail, or the system. */
    record Author(Long clientId, Long contactId, String name, String email) {}

    /** An attachment and its bytes, to serve. */
    public record Download(Ticket.Attachment attachment, byte[] bytes) {}

    /** A page of staff's ticket list. */
    public record Page(List<Ticket> tickets, int total, int page, int perPage) {}

    private final Db db;
    private final Clock clock;
    private final DepartmentStore departments;
    private final TicketStore tickets;
    private final AttachmentStore files;
    private final AccountService accounts;
    private final ContactService contacts;
    private final ServiceOperations services;
    private final Outbox outbox;
    private final Notifier notifier;
    private final String deadJobDepartment;

    TicketService(Db db, Clock clock, DepartmentStore departments, TicketStore tickets, AttachmentStore files, AccountService accounts,
                  ContactService contacts, ServiceOperations services, Outbox outbox, Notifier notifier, String deadJobDepartment) {
        this.db = db;
        this.clock = clock;
        this.departments = departments;
        this.tickets = tickets;
        this.files = files;
        this.accounts = accounts;
        this.contacts = contacts;
        this.services = services;
        this.outbox = outbox;
        this.notifier = notifier;
        this.deadJobDepartment = deadJobDepartment;
    }

    public AttachmentStore attachments() { return files; }

    // The client's side. Another client's ticket, and a ticket opened for staff, are not found.

    public List<Department> publicDepartments() {
        return departments.list(true);
    }

    public List<Ticket> list(Actor actor) {
        return tickets.ofClient(actor.clientId());
    }

    /** The ticket with its replies and attachments (never staff notes); reading it marks the last staff reply seen. */
    public Ticket.Thread view(Actor actor, int number) {
        return db.tx(() -> {
            Ticket t = visible(actor, number);
            if (tickets.markRead(t.id())) t = tickets.byId(t.id()).orElseThrow();
            return new Ticket.Thread(t, tickets.replies(t.id()), tickets.attachments(t.id()), List.of());
        });
    }

    /** Opens a ticket in a public department; answers its number. */
    public int open(Actor actor, long departmentId, String subject, String body, Long serviceId, List<Upload> uploads) {
        var v = new Validation();
        Department d = departments.byId(departmentId).filter(Department::isPublic).orElse(null);
        v.check(d != null, "dept_id", "Unknown department");
        checkText(v, subject, body);
        if (serviceId != null) {
            boolean mine = services.find(serviceId).filter(s -> s.clientId() == actor.clientId()).isPresent()
                    && actor.privileges().services().allows(serviceId, "basic");
            v.check(mine, "service_id", "Unknown service");
        }
        v.throwIfAny();
        files.check(uploads);
        Author author = author(actor);
        return withFreshNumber(() -> {
            var t = newTicket(author, d, serviceId, subject.strip(), body, "Medium", true, "api");
            attach(t.id(), null, uploads);
            mailOpened(t, body);
            return t.number();
        });
    }

    /** A client's reply: the ticket becomes Client-Reply (a closed one reopens when its department allows it). */
    public void reply(Actor actor, int number, String body, List<Upload> uploads) {
        requireBody(body);
        files.check(uploads);
        Author author = author(actor);
        db.txRun(() -> {
            Ticket t = visibleForUpdate(actor, number);
            if (t.isClosed()) requireReopenable(t);
            clientReply(t, author, body, "api", uploads);
        });
    }

    /** {@code PUT /tickets/@number/open}: a closed ticket becomes Open again, unless its department forbids it. */
    public void reopen(Actor actor, int number) {
        db.txRun(() -> {
            Ticket t = visibleForUpdate(actor, number);
            if (!t.isClosed()) return;
            requireReopenable(t);
            tickets.setState(t.id(), Ticket.OPEN, null, null, now());
        });
    }

    public void close(Actor actor, int number) {
        db.txRun(() -> {
            Ticket t = visibleForUpdate(actor, number);
            if (!t.isClosed()) tickets.setState(t.id(), Ticket.CLOSED, null, null, now());
        });
    }

    /** An attachment of a ticket the caller may see; anything else is not found. */
    public Download attachment(Actor actor, String key) {
        Ticket.Attachment a = tickets.attachment(key).orElseThrow(TicketService::noAttachment);
        Ticket t = tickets.byId(a.ticketId()).filter(x -> clientMaySee(actor, x)).orElseThrow(TicketService::noAttachment);
        return new Download(a, files.read(a.key()).orElseThrow(TicketService::noAttachment));
    }

    // Staff.

    /** Staff's queue: the tickets not closed, of one department (or every one when null), as the desk lists them. */
    public Page openQueue(Long departmentId, int page, int perPage) {
        return search(new TicketStore.Filter(null, departmentId, null, null, null, true), page, perPage);
    }

    public Page search(TicketStore.Filter filter, int page, int perPage) {
        return new Page(tickets.search(filter, page, perPage), tickets.count(filter), page, perPage);
    }

    /** Everything on a ticket, staff notes included. */
    public Ticket.Thread thread(int number) {
        Ticket t = tickets.byNumber(number).orElseThrow(TicketService::noTicket);
        return new Ticket.Thread(t, tickets.replies(t.id()), tickets.attachments(t.id()), tickets.notes(t.id()));
    }

    /**
     * A staff reply: the ticket becomes {@code status} (Answered unless staff choose another) and
     * unread for the client, who gets the {@code ticket.answered} mail and a portal notification.
     */
    public Ticket.Thread staffReply(int number, String staffName, String body, String status, List<Upload> uploads) {
        requireBody(body);
        String next = status == null ? Ticket.ANSWERED : requireStatus(status);
        files.check(uploads);
        return db.tx(() -> {
            Ticket t = tickets.byNumberForUpdate(number).orElseThrow(TicketService::noTicket);
            LocalDateTime now = now();
            long replyId = tickets.insertReply(t.id(), "Admin", staffName, "", null, body, "staff", now);
            attach(t.id(), replyId, uploads);
            tickets.setState(t.id(), next, false, now, now);
            Ticket after = tickets.byId(t.id()).orElseThrow();
            mailAnswered(after, body);
            return thread(number);
        });
    }

    /**
     * Staff open a ticket for a client, in any department: the ticket is the client's (its
     * contacts with support/tickets see it), its first message is staff's, signed {@code staffName};
     * it is Answered and unread, and the client gets the {@code ticket.answered} mail and a portal
     * notification, as for any staff reply. An unknown client is a 404.
     */
    public Ticket.Thread staffOpen(long clientId, long departmentId, String subject, String body, String priority, Long serviceId,
                                   String staffName, List<Upload> uploads) {
        var v = new Validation();
        Department d = departments.byId(departmentId).orElse(null);
        v.check(d != null, "department_id", "Unknown department");
        checkText(v, subject, body);
        String prio = priority == null ? "Medium" : priority;
        v.check(Ticket.PRIORITIES.contains(prio), "priority", "Priority must be one of " + Ticket.PRIORITIES);
        if (serviceId != null) {
            v.check(services.find(serviceId).filter(s -> s.clientId() == clientId).isPresent(), "service_id", "Not a service of this client");
        }
        Profile holder = accounts.details(clientId).profile();
        v.throwIfAny();
        files.check(uploads);
        int number = withFreshNumber(() -> {
            // Signed by staff; the address is the account's, whose ticket it is.
            var t = newTicket(new Author(clientId, null, staffName, holder.email()), d, serviceId, subject.strip(), body, prio, true, "staff");
            attach(t.id(), null, uploads);
            LocalDateTime now = now();
            tickets.setState(t.id(), Ticket.ANSWERED, false, now, now);
            mailAnswered(tickets.byId(t.id()).orElseThrow(), body);
            return t.number();
        });
        return thread(number);
    }

    /** Staff change status, priority and department; what is null stays. */
    public Ticket update(int number, String status, String priority, Long departmentId) {
        var v = new Validation();
        if (status != null) v.check(Ticket.STATUSES.contains(status), "status", "Status must be one of " + Ticket.STATUSES);
        if (priority != null) v.check(Ticket.PRIORITIES.contains(priority), "priority", "Priority must be one of " + Ticket.PRIORITIES);
        if (departmentId != null) v.check(departments.byId(departmentId).isPresent(), "department_id", "Unknown department");
        v.throwIfAny();
        return db.tx(() -> {
            Ticket t = tickets.byNumberForUpdate(number).orElseThrow(TicketService::noTicket);
            LocalDateTime now = now();
            if (status != null && !status.equals(t.status())) tickets.setState(t.id(), status, null, null, now);
            if (priority != null || departmentId != null) {
                tickets.setPriorityAndDepartment(t.id(), priority == null ? t.priority() : priority,
                        departmentId == null ? t.departmentId() : departmentId, now);
            }
            return tickets.byId(t.id()).orElseThrow();
        });
    }

    /** An internal note: staff only, no mail, no status change. */
    public Ticket.Note addNote(int number, String author, String body) {
        requireBody(body);
        return db.tx(() -> {
            Ticket t = tickets.byNumber(number).orElseThrow(TicketService::noTicket);
            long id = tickets.insertNote(t.id(), author, body, now());
            return tickets.notes(t.id()).stream().filter(n -> n.id() == id).findFirst().orElseThrow();
        });
    }

    public Download staffAttachment(String key) {
        Ticket.Attachment a = tickets.attachment(key).orElseThrow(TicketService::noAttachment);
        return new Download(a, files.read(a.key()).orElseThrow(TicketService::noAttachment));
    }

    /** A dead provisioning job opens a ticket for staff (never shown to the client) in the configured department. */
    @Override
    public void jobDead(DeadJob job) {
        Department d = departments.byName(deadJobDepartment).or(() -> departments.list(false).stream().findFirst())
                .orElse(null);
        if (d == null) return; // no department at all: nowhere to put it; the dead job is listed in the admin API anyway
        String subject = "Provisioning failed: " + job.action() + " of service #" + job.serviceId()
                + (job.domain() == null || job.domain().isBlank() ? "" : " (" + job.domain() + ")");
        String body = "Provisioning job " + job.jobId() + " (" + job.action() + ") of service #" + job.serviceId() + " \"" + job.serviceName()
                + "\" of client #" + job.clientId() + " is dead after " + job.attempts() + " attempt(s).\n\nLast error: " + job.error()
                + "\n\nRetry it with POST /admin/api/provisioning-jobs/" + job.jobId() + "/retry once the cause is fixed.";
        newTicket(new Author(job.clientId(), null, "Steward", ""), d, job.serviceId(), truncate(subject, 255), body, "High", false, "system");
    }

    // Inbound mail (see InboundMail): a new ticket from a known sender or a guest, or a reply.

    int openFromMail(Department d, Actor sender, String guestName, String guestEmail, String subject, String body, List<Upload> uploads) {
        Author author = sender == null ? new Author(null, null, guestName, guestEmail) : author(sender);
        return withFreshNumber(() -> {
            var t = newTicket(author, d, null, subject, body, "Medium", true, "email");
            attach(t.id(), null, uploads);
            mailOpened(t, body);
            return t.number();
        });
    }

    /** A mailed reply to a ticket; the sender must be the ticket's client (or one of its contacts) or its guest address. */
    boolean replyFromMail(int number, Actor sender, String fromEmail, String fromName, String body, List<Upload> uploads) {
        return db.tx(() -> {
            Ticket t = tickets.byNumberForUpdate(number).orElse(null);
            if (t == null || !t.clientVisible()) return false;
            boolean allowed = t.clientId() == null ? t.email().equalsIgnoreCase(fromEmail)
                    : sender != null && sender.clientId() == t.clientId() && sender.can("support", "tickets");
            if (!allowed) return false;
            if (t.isClosed() && !departments.byId(t.departmentId()).map(Department::allowReopen).orElse(false)) return false;
            Author author = sender == null ? new Author(null, null, fromName, fromEmail) : author(sender);
            clientReply(t, author, body, "email", uploads);
            return true;
        });
    }

    // Internals.

    private Ticket newTicket(Author a, Department d, Long serviceId, String subject, String body, String priority, boolean clientVisible,
                             String source) {
        int number = freshNumber();
        long id = tickets.insert(new TicketStore.NewTicket(number, a.clientId(), a.contactId(), d.id(), serviceId, a.name(), a.email(),
                subject, body, priority, clientVisible, source), now());
        return tickets.byId(id).orElseThrow();
    }

    private void clientReply(Ticket t, Author author, String body, String source, List<Upload> uploads) {
        LocalDateTime now = now();
        long replyId = tickets.insertReply(t.id(), "Client", author.name(), author.email(), author.contactId(), body, source, now);
        attach(t.id(), replyId, uploads);
        tickets.setState(t.id(), Ticket.CLIENT_REPLY, null, now, now);
    }

    private void attach(long ticketId, Long replyId, List<Upload> uploads) {
        for (Upload u : uploads) tickets.insertAttachment(ticketId, replyId, files.write(u), now());
    }

    /** A random unused 6-digit number (unique key as the backstop for a concurrent pick of the same one). */
    private int freshNumber() {
        for (int i = 0; i < 100; i++) {
            int n = 100_000 + RANDOM.nextInt(900_000);
            if (!tickets.numberTaken(n)) return n;
        }
        throw new StewardException(ErrorCode.CONFLICT, "No free ticket number found; try again");
    }

    /** Runs a ticket-creating transaction, once more should a concurrent ticket take the same number. */
    private int withFreshNumber(java.util.function.IntSupplier work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.tx(work::getAsInt);
            } catch (org.jooq.exception.DataAccessException e) {
                if (attempt >= 3 || db.inTransaction() || !Db.isConstraintViolation(e)) throw e;
            }
        }
    }

    private void mailOpened(Ticket t, String message) {
        Map<String, Object> vars = vars(t, message);
        if (t.clientId() != null) outbox.toClient(t.clientId(), Outbox.Audience.support(), "ticket.opened", vars);
        else if (!t.email().isBlank()) outbox.toAddress(t.email(), t.name(), "ticket.opened", vars);
    }

    private void mailAnswered(Ticket t, String message) {
        if (!t.clientVisible()) return;
        Map<String, Object> vars = vars(t, message);
        if (t.clientId() != null) {
            outbox.toClient(t.clientId(), Outbox.Audience.support(), "ticket.answered", vars);
            notifier.notify(t.clientId(), "ticket", t.number(), "Ticket #" + t.number() + " answered",
                    "Your ticket \"" + t.subject() + "\" has a new reply from " + t.departmentName() + ".");
        } else if (!t.email().isBlank()) {
            outbox.toAddress(t.email(), t.name(), "ticket.answered", vars);
        }
    }

    private static Map<String, Object> vars(Ticket t, String message) {
        return Map.of("number", Integer.toString(t.number()), "subject", t.subject(), "department", t.departmentName(), "message", message);
    }

    private Author author(Actor actor) {
        Profile p = actor.contactId() == null ? accounts.details(actor.clientId()).profile()
                : contacts.get(actor.clientId(), actor.contactId()).profile();
        String name = (p.firstname() + " " + p.lastname()).strip();
        return new Author(actor.clientId(), actor.contactId(), name.isEmpty() ? p.email() : name, p.email());
    }

    private Ticket visible(Actor actor, int number) {
        return tickets.byNumber(number).filter(t -> clientMaySee(actor, t)).orElseThrow(TicketService::noTicket);
    }

    private Ticket visibleForUpdate(Actor actor, int number) {
        return tickets.byNumberForUpdate(number).filter(t -> clientMaySee(actor, t)).orElseThrow(TicketService::noTicket);
    }

    private static boolean clientMaySee(Actor actor, Ticket t) {
        return t.clientVisible() && t.clientId() != null && t.clientId() == actor.clientId();
    }

    private void requireReopenable(Ticket t) {
        boolean allowed = departments.byId(t.departmentId()).map(Department::allowReopen).orElse(false);
        if (!allowed) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("ticket_closed"),
                    Map.of("status", List.of("This ticket is closed and its department does not reopen tickets; open a new one")));
        }
    }

    private static void checkText(Validation v, String subject, String body) {
        v.check(subject != null && !subject.isBlank(), "subject", "Subject is required");
        v.check(subject == null || subject.strip().length() <= 255, "subject", "Subject is at most 255 characters");
        v.check(body != null && !body.isBlank(), "body", "Message is required");
        v.check(body == null || body.length() <= 65000, "body", "Message is at most 65000 characters");
    }

    private static void requireBody(String body) {
        var v = new Validation();
        v.check(body != null && !body.isBlank(), "body", "Message is required");
        v.check(body == null || body.length() <= 65000, "body", "Message is at most 65000 characters");
        v.throwIfAny();
    }

    private static String requireStatus(String status) {
        if (!Ticket.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + Ticket.STATUSES)));
        }
        return status;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private LocalDateTime now() {
        return Times.now(clock);
    }

    private static StewardException noTicket() {
        return StewardException.notFound("Ticket not found");
    }

    private static StewardException noAttachment() {
        return StewardException.notFound("Attachment not found");
    }

    Optional<Department> department(long id) {
        return departments.byId(id);
    }
}
