package io.steward.support;

import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Staff maintenance of departments (with their inbound mailboxes) and predefined replies. */
public final class DepartmentService {
    /**
     * A department change as staff send it; null fields keep their value (on create: the defaults).
     * {@code imapHost} "" removes the mailbox; {@code imapPassword} is sealed before it is stored.
     */
    public record Input(String name, String description, String email, Boolean isPublic, Boolean allowReopen, Integer sortOrder,
                        String imapHost, Integer imapPort, Boolean imapTls, String imapUser, String imapPassword, String imapFolder,
                        String unknownSenders) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final DepartmentStore store;
    private final TicketStore tickets;

    DepartmentService(Db db, Clock clock, Secrets secrets, DepartmentStore store, TicketStore tickets) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.tickets = tickets;
    }

    public List<Department> list() {
        return store.list(false);
    }

    public Department get(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("Department not found"));
    }

    public Optional<Department> byName(String name) {
        return store.byName(name);
    }

    public Department create(Input in) {
        return db.tx(() -> {
            Department d = apply(null, in);
            requireFreeName(d.name(), 0);
            return get(store.insert(d, Times.now(clock)));
        });
    }

    public Department update(long id, Input in) {
        return db.tx(() -> {
            Department d = apply(get(id), in);
            requireFreeName(d.name(), id);
            store.update(d, Times.now(clock));
            return get(id);
        });
    }

    /** A department that holds tickets stays (hide it instead), so no ticket loses its department. */
    public void delete(long id) {
        db.txRun(() -> {
            get(id);
            int n = tickets.countByDepartment(id);
            if (n > 0) throw StewardException.conflict("The department holds " + n + " ticket(s); hide it instead");
            store.delete(id);
        });
    }

    /** The mailbox password in clear, for the poller only. */
    String mailboxPassword(Department.Mailbox m) {
        return m.passwordSealed() == null ? "" : secrets.decrypt(m.passwordSealed());
    }

    private void requireFreeName(String name, long exceptId) {
        store.byName(name).filter(d -> d.id() != exceptId).ifPresent(d -> {
            throw StewardException.conflict("A department named " + name + " already exists");
        });
    }

    private Department apply(Department cur, Input in) {
        var v = new Validation();
        String name = pick(in.name(), cur == null ? null : cur.name());
        v.check(name != null && !name.isBlank() && name.strip().length() <= 100, "name", "Name is required (at most 100 characters)");
        String email = pick(in.email(), cur == null ? "" : cur.email()).strip();
        v.check(email.isEmpty() || email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "email", "Not an email address");
        String unknown = pick(in.unknownSenders(), cur == null ? "reject" : cur.unknownSenders().wire()).toLowerCase(Locale.ROOT);
        v.check(unknown.equals("reject") || unknown.equals("guest"), "unknown_senders", "Must be reject or guest");
        Department.Mailbox mb = cur == null ? null : cur.mailbox();
        if (in.imapHost() != null && in.imapHost().isBlank()) {
            mb = null;
        } else if (in.imapHost() != null || mb != null && anyMailboxField(in)) {
            String host = pick(in.imapHost(), mb == null ? null : mb.host());
            int port = in.imapPort() != null ? in.imapPort() : mb != null ? mb.port() : 0;
            boolean tls = in.imapTls() != null ? in.imapTls() : mb != null && mb.tls();
            if (port == 0) port = tls ? 993 : 143;
            v.check(port > 0 && port < 65536, "imap_port", "Port must be 1-65535");
            String user = pick(in.imapUser(), mb == null ? null : mb.user());
            v.check(user != null && !user.isBlank(), "imap_user", "The mailbox user is required");
            String sealed = in.imapPassword() != null ? secrets.encrypt(in.imapPassword()) : mb == null ? null : mb.passwordSealed();
            v.check(sealed != null, "imap_password", "The mailbox password is required");
            String folder = pick(in.imapFolder(), mb == null ? "INBOX" : mb.folder());
            mb = new Department.Mailbox(host.strip(), port, tls, user, sealed, folder.isBlank() ? "INBOX" : folder.strip());
        }
        v.throwIfAny();
        return new Department(cur == null ? 0 : cur.id(), name.strip(), pick(in.description(), cur == null ? "" : cur.description()), email,
                in.isPublic() != null ? in.isPublic() : cur == null || cur.isPublic(),
                in.allowReopen() != null ? in.allowReopen() : cur == null || cur.allowReopen(),
                in.sortOrder() != null ? in.sortOrder() : cur == null ? 0 : cur.sortOrder(), mb,
                Department.UnknownSenders.valueOf(unknown.toUpperCase(Locale.ROOT)), null, null);
    }

    private static boolean anyMailboxField(Input in) {
        return in.imapPort() != null || in.imapTls() != null || in.imapUser() != null || in.imapPassword() != null || in.imapFolder() != null;
    }

    private static String pick(String given, String current) {
        return given != null ? given : current;
    }

    // Predefined replies.

    public List<PredefinedReply> replies(Long departmentId) {
        return store.replies(departmentId);
    }

    public PredefinedReply reply(long id) {
        return store.reply(id).orElseThrow(() -> StewardException.notFound("Predefined reply not found"));
    }

    public PredefinedReply createReply(String name, String body, Long departmentId) {
        return db.tx(() -> {
            checkReply(name, body, departmentId);
            return reply(store.insertReply(name.strip(), body, departmentId, Times.now(clock)));
        });
    }

    public PredefinedReply updateReply(long id, String name, String body, Long departmentId, boolean departmentGiven) {
        return db.tx(() -> {
            PredefinedReply cur = reply(id);
            String n = pick(name, cur.name());
            String b = pick(body, cur.body());
            Long d = departmentGiven ? departmentId : cur.departmentId();
            checkReply(n, b, d);
            store.updateReply(id, n.strip(), b, d, Times.now(clock));
            return reply(id);
        });
    }

    public void deleteReply(long id) {
        db.txRun(() -> {
            reply(id);
            store.deleteReply(id);
        });
    }

    private void checkReply(String name, String body, Long departmentId) {
        var v = new Validation();
        v.check(name != null && !name.isBlank() && name.strip().length() <= 100, "name", "Name is required (at most 100 characters)");
        v.check(body != null && !body.isBlank() && body.length() <= 65000, "body", "Body is required (at most 65000 characters)");
        if (departmentId != null) v.check(store.byId(departmentId).isPresent(), "department_id", "Unknown department");
        v.throwIfAny();
    }
}
