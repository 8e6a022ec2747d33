package io.steward.support;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.web.Upload;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each department's IMAP mailbox (a scheduler task on one node at a time) and turns unread
 * mails into tickets or replies. A subject naming a ticket ({@code #123456}, as the ticket mails'
 * subjects do) makes the mail a reply to that ticket when the sender may reply to it; otherwise it
 * opens a ticket in the department. The sender is matched by email to an account holder or a
 * contact; an unknown sender gets what the department's {@code unknown_senders} says (a guest
 * ticket, or nothing). Each mail is recorded by Message-ID in the transaction that acts on it and
 * flagged seen afterwards, so a poll interrupted in between does not act twice.
 */
public final class InboundMail {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMail.class);
    private static final Pattern NUMBER = Pattern.compile("#(\\d{6})\\b");

    /** What one poll of one mailbox did. */
    public record Outcome(int tickets, int replies, int rejected) {
        int total() { return tickets + replies + rejected; }
    }

    private final Db db;
    private final Clock clock;
    private final DepartmentService departments;
    private final TicketService tickets;
    private final TicketStore store;
    private final AccountService accounts;
    private final int timeoutMillis;

    InboundMail(Db db, Clock clock, DepartmentService departments, TicketService tickets, TicketStore store, AccountService accounts,
                int timeoutMillis) {
        this.db = db;
        this.clock = clock;
        this.departments = departments;
        this.tickets = tickets;
        this.store = store;
        this.accounts = accounts;
        this.timeoutMillis = timeoutMillis;
    }

    /** Polls every department that has a mailbox; a mailbox that fails is logged and skipped. */
    public void pollAll() {
        for (Department d : departments.list()) {
            if (d.mailbox() == null) continue;
            try {
                Outcome o = poll(d);
                if (o.total() > 0) LOG.info("inbound mail for {}: {} ticket(s), {} reply(ies), {} rejected", d.name(), o.tickets(), o.replies(), o.rejected());
            } catch (RuntimeException e) {
                LOG.warn("inbound mailbox of department {} could not be polled: {}", d.name(), e.getMessage());
            }
        }
    }

    /** Polls one department's mailbox now. */
    public Outcome poll(Department d) {
        Department.Mailbox mb = d.mailbox();
        if (mb == null) throw StewardException.conflict("Department " + d.name() + " has no inbound mailbox");
        String protocol = mb.tls() ? "imaps" : "imap";
        var props = new Properties();
        props.put("mail.store.protocol", protocol);
        props.put("mail." + protocol + ".connectiontimeout", Integer.toString(timeoutMillis));
        props.put("mail." + protocol + ".timeout", Integer.toString(timeoutMillis));
        Session session = Session.getInstance(props);
        int t = 0, r = 0, x = 0;
        try (Store imap = session.getStore(protocol)) {
            imap.connect(mb.host(), mb.port(), mb.user(), departments.mailboxPassword(mb));
            Folder folder = imap.getFolder(mb.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    String outcome;
                    try {
                        outcome = handle(d, m);
                    } catch (MessagingException | RuntimeException e) {
                        // One unreadable mail must not hold up the others; it stays unread and is tried again next poll.
                        LOG.warn("inbound mail in {} of department {} could not be handled: {}", mb.folder(), d.name(), e.toString());
                        continue;
                    }
                    switch (outcome) {
                        case "ticket" -> t++;
                        case "reply" -> r++;
                        case "rejected" -> x++;
                        default -> { }
                    }
                    m.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw new StewardException(io.steward.core.ErrorCode.UNAVAILABLE, "Mailbox " + mb.user() + "@" + mb.host() + ": " + e.getMessage());
        }
        return new Outcome(t, r, x);
    }

    /** Acts on one mail; answers the outcome recorded, or "seen" when it was handled before. */
    private String handle(Department d, Message m) throws MessagingException {
        String messageId = messageId(m);
        Address[] from = m.getFrom();
        InternetAddress sender = from != null && from.length > 0 && from[0] instanceof InternetAddress ia ? ia : null;
        String email = sender == null ? "" : sender.getAddress();
        String name = sender == null || sender.getPersonal() == null ? email : sender.getPersonal();
        String subject = m.getSubject() == null || m.getSubject().isBlank() ? "(no subject)" : TicketService.truncate(m.getSubject().strip(), 255);
        var content = new Content();
        try {
            read(m, content);
        } catch (IOException e) {
            throw new MessagingException("unreadable mail " + messageId, e);
        }
        String body = content.text.isBlank() ? "(empty message)" : TicketService.truncate(stripQuoted(content.text), 65000);
        List<Upload> uploads = acceptable(content.files);
        return db.tx(() -> {
            if (store.inboundSeen(d.id(), messageId)) return "seen";
            Optional<Actor> actor = accounts.byEmail(email).map(AccountService.Caller::actor);
            String outcome;
            Long ticketId = null;
            Matcher num = NUMBER.matcher(subject);
            if (num.find() && tickets.replyFromMail(Integer.parseInt(num.group(1)), actor.orElse(null), email, name, body, uploads)) {
                outcome = "reply";
                ticketId = store.byNumber(Integer.parseInt(num.group(1))).map(Ticket::id).orElse(null);
            } else if (actor.isPresent() && actor.get().can("support", "newticket")) {
                int n = tickets.openFromMail(d, actor.get(), null, null, subject, body, uploads);
                outcome = "ticket";
                ticketId = store.byNumber(n).map(Ticket::id).orElse(null);
            } else if (actor.isEmpty() && d.unknownSenders() == Department.UnknownSenders.GUEST && !email.isBlank()) {
                int n = tickets.openFromMail(d, null, TicketService.truncate(name, 200), TicketService.truncate(email, 255), subject, body, uploads);
                outcome = "ticket";
                ticketId = store.byNumber(n).map(Ticket::id).orElse(null);
            } else {
                outcome = "rejected";
                LOG.info("inbound mail {} from {} to department {} rejected (unknown sender or no privilege)", messageId, email, d.name());
            }
            store.recordInbound(d.id(), messageId, TicketService.truncate(email, 255), outcome, ticketId, Times.now(clock));
            return outcome;
        });
    }

    /** Attachments that fit the store's rules; the rest are dropped (a mail cannot be answered with a 413). */
    private List<Upload> acceptable(List<Upload> files) {
        var out = new ArrayList<Upload>();
        for (Upload u : files) {
            if (out.size() >= tickets.attachments().maxFiles()) break;
            try {
                tickets.attachments().check(List.of(u));
                out.add(u);
            } catch (StewardException e) {
                LOG.info("inbound attachment {} dropped: {}", u.filename(), e.getMessage());
            }
        }
        return out;
    }

    private static String messageId(Message m) throws MessagingException {
        String id = m instanceof MimeMessage mm ? mm.getMessageID() : null;
        if (id != null && !id.isBlank()) return TicketService.truncate(id.strip(), 500);
        // No Message-ID: identify it by what it says, so the same mail seen twice still matches.
        String from = m.getFrom() == null || m.getFrom().length == 0 ? "" : m.getFrom()[0].toString();
        return "sha256:" + Secrets.sha256Hex(from + "|" + m.getSubject() + "|" + m.getSentDate());
    }

    private static final class Content {
        final StringBuilder plain = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<Upload> files = new ArrayList<>();
        String text = "";
    }

    private static void read(Part p, Content c) throws MessagingException, IOException {
        collect(p, c);
        c.text = !c.plain.isEmpty() ? c.plain.toString() : c.html.toString().replaceAll("(?s)<[^>]*>", " ").replaceAll("[ \\t]+", " ");
        c.text = c.text.replace("\r\n", "\n").strip();
    }

    private static void collect(Part p, Content c) throws MessagingException, IOException {
        String filename = p.getFileName();
        if (filename != null || Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            byte[] bytes = p.getInputStream().readAllBytes();
            c.files.add(new Upload("attachment", filename == null ? "attachment" : filename, p.getContentType(), bytes));
        } else if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                collect(bp, c);
            }
        } else if (p.isMimeType("text/plain")) {
            if (c.plain.isEmpty()) c.plain.append(p.getContent().toString());
        } else if (p.isMimeType("text/html")) {
            if (c.html.isEmpty()) c.html.append(p.getContent().toString());
        }
    }

    /** Drops the quoted earlier conversation a mail client appends to a reply ("> ..." lines and the "On ... wrote:" line). */
    static String stripQuoted(String text) {
        var out = new ArrayList<String>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(">")) continue;
            out.add(line);
        }
        while (!out.isEmpty() && (out.get(out.size() - 1).isBlank() || out.get(out.size() - 1).matches("(?i)^On .* wrote:\\s*$"))) {
            out.remove(out.size() - 1);
        }
        String s = String.join("\n", out).strip();
        return s.isEmpty() ? text.strip() : s;
    }
}
