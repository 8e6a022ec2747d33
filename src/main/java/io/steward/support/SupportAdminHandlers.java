package io.steward.support;

import static io.steward.core.Json.obj;

import io.steward.auth.AdminKeys;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Staff handlers: departments, tickets (replies, notes, status, priority, department), predefined replies, inbound mail. */
public final class SupportAdminHandlers {
    private final TicketService tickets;
    private final DepartmentService departments;
    private final InboundMail inbound;

    SupportAdminHandlers(TicketService tickets, DepartmentService departments, InboundMail inbound) {
        this.tickets = tickets;
        this.departments = departments;
        this.inbound = inbound;
    }

    // Departments.

    public Object listDepartments(Call call) {
        return obj("departments", departments.list().stream().map(SupportAdminHandlers::department).toList());
    }

    public Object createDepartment(Call call) {
        return Reply.json(201, obj("department", department(departments.create(departmentInput(call.params())))));
    }

    public Object getDepartment(Call call) {
        return obj("department", department(departments.get(call.pathId("id"))));
    }

    public Object updateDepartment(Call call) {
        return obj("department", department(departments.update(call.pathId("id"), departmentInput(call.params()))));
    }

    public Object deleteDepartment(Call call) {
        departments.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    /** Polls the department's inbound mailbox now (the scheduler does it every {@code support.inbound.poll-interval}). */
    public Object pollMailbox(Call call) {
        var o = inbound.poll(departments.get(call.pathId("id")));
        return obj("tickets", o.tickets(), "replies", o.replies(), "rejected", o.rejected());
    }

    static Map<String, Object> department(Department d) {
        var mb = d.mailbox();
        return obj("id", d.id(), "name", d.name(), "description", d.description(), "email", d.email(), "public", d.isPublic(),
                "allow_reopen", d.allowReopen(), "sort_order", d.sortOrder(), "unknown_senders", d.unknownSenders().wire(),
                "mailbox", mb == null ? null : obj("host", mb.host(), "port", mb.port(), "tls", mb.tls(), "user", mb.user(), "folder", mb.folder()),
                "created_at", Times.stamp(d.createdAt()), "updated_at", Times.stamp(d.updatedAt()));
    }

    private static DepartmentService.Input departmentInput(Params p) {
        var mailbox = p.node("mailbox");
        // The mailbox may come as an object ({"mailbox": {"host": ...}}) or as flat imap_* parameters (forms).
        java.util.function.Function<String, String> mb = k -> {
            if (mailbox != null && mailbox.isObject() && mailbox.has(k) && !mailbox.get(k).isNull()) return mailbox.get(k).asText();
            return p.string("imap_" + k).orElse(null);
        };
        String host = mailbox != null && mailbox.isNull() ? "" : mb.apply("host");
        String port = mb.apply("port");
        Integer portValue;
        try {
            portValue = port == null || port.isBlank() ? null : Integer.valueOf(port.trim());
        } catch (NumberFormatException e) {
            throw new StewardException(ErrorCode.BAD_REQUEST, List.of("imap_port must be a whole number"), Map.of("imap_port", List.of("must be a whole number")));
        }
        return new DepartmentService.Input(s(p, "name"), s(p, "description"), s(p, "email"), bool(p.string("public").orElse(null)),
                bool(p.string("allow_reopen").orElse(null)), p.longValue("sort_order").map(Long::intValue).orElse(null), host, portValue,
                bool(mb.apply("tls")), mb.apply("user"), mb.apply("password"), mb.apply("folder"), s(p, "unknown_senders"));
    }

    // Tickets.

    public Object listTickets(Call call) {
        Params p = call.params();
        String status = p.string("status").filter(x -> !x.isBlank()).orElse(null);
        boolean openOnly = "open".equalsIgnoreCase(status) || "active".equalsIgnoreCase(status);
        if (status != null && !openOnly && !Ticket.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + Ticket.STATUSES + " or active")));
        }
        String priority = p.string("priority").filter(x -> !x.isBlank()).orElse(null);
        if (priority != null && !Ticket.PRIORITIES.contains(priority)) {
            throw StewardException.invalid(Map.of("priority", List.of("Priority must be one of " + Ticket.PRIORITIES)));
        }
        var filter = new TicketStore.Filter(openOnly ? null : status, p.id("department_id").orElse(null), p.id("client_id").orElse(null),
                priority, p.string("q").orElse(null), openOnly);
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("per_page", 50, 1, 500);
        var result = tickets.search(filter, page, perPage);
        return obj("tickets", result.tickets().stream().map(SupportAdminHandlers::summary).toList(), "total", result.total(),
                "page", result.page(), "per_page", result.perPage());
    }

    public Object getTicket(Call call) {
        return obj("ticket", thread(tickets.thread(SupportClientHandlers.number(call))));
    }

    /** A staff reply: {@code body} or a predefined reply's text, optional {@code status}, files as multipart parts. */
    public Object reply(Call call) {
        Params p = call.params();
        String body = p.string("body").filter(b -> !b.isBlank()).orElse(null);
        var predefined = p.id("predefined_reply_id");
        if (predefined.isPresent()) {
            String canned = departments.reply(predefined.get()).body();
            body = body == null ? canned : body + "\n\n" + canned;
        }
        String staff = p.string("name").filter(n -> !n.isBlank()).orElse(call.get(AdminKeys.Staff.class).name());
        var th = tickets.staffReply(SupportClientHandlers.number(call), staff, body, p.string("status").filter(x -> !x.isBlank()).orElse(null),
                p.files());
        return obj("ticket", thread(th));
    }

    public Object updateTicket(Call call) {
        Params p = call.params();
        Ticket t = tickets.update(SupportClientHandlers.number(call), p.string("status").filter(x -> !x.isBlank()).orElse(null),
                p.string("priority").filter(x -> !x.isBlank()).map(SupportAdminHandlers::capitalise).orElse(null),
                p.id("department_id").orElse(null));
        return obj("ticket", summary(t));
    }

    /** {@code POST /admin/api/tickets}: staff open a ticket for a client (ours; the references show none). */
    public Object openTicket(Call call) {
        Params p = call.params();
        long clientId = p.id("client_id").orElseThrow(() -> Params.missing("client_id"));
        long departmentId = p.id("department_id").orElseThrow(() -> Params.missing("department_id"));
        String staff = p.string("name").filter(n -> !n.isBlank()).orElse(call.get(AdminKeys.Staff.class).name());
        var th = tickets.staffOpen(clientId, departmentId, p.string("subject").orElse(null), p.string("body").orElse(null),
                p.string("priority").filter(x -> !x.isBlank()).orElse(null), p.id("service_id").orElse(null), staff, p.files());
        return Reply.json(201, obj("ticket", thread(th)));
    }

    public Object addNote(Call call) {
        Params p = call.params();
        String author = p.string("author").filter(n -> !n.isBlank()).orElse(call.get(AdminKeys.Staff.class).name());
        var n = tickets.addNote(SupportClientHandlers.number(call), author, p.string("body").orElse(null));
        return Reply.json(201, obj("note", note(n)));
    }

    public Object attachment(Call call) {
        return SupportClientHandlers.download(tickets.staffAttachment(call.pathParam("file")));
    }

    static Map<String, Object> summary(Ticket t) {
        return obj("id", t.id(), "number", t.number(), "client_id", t.clientId(), "contact_id", t.contactId(), "department_id", t.departmentId(),
                "department", t.departmentName(), "service_id", t.serviceId(), "name", t.name(), "email", t.email(), "subject", t.subject(),
                "status", t.status(), "priority", t.priority(), "client_read", t.clientRead(), "client_visible", t.clientVisible(),
                "source", t.source(), "created_at", Times.stamp(t.createdAt()), "last_reply_at", Times.stamp(t.lastReplyAt()),
                "updated_at", Times.stamp(t.updatedAt()));
    }

    static Map<String, Object> thread(Ticket.Thread th) {
        var m = summary(th.ticket());
        m.put("body", th.ticket().body());
        m.put("attachments", files(th.attachmentsOf(null)));
        m.put("replies", th.replies().stream().map(r -> obj("id", r.id(), "type", r.type(), "name", r.name(), "email", r.email(),
                "body", r.body(), "source", r.source(), "created_at", Times.stamp(r.createdAt()), "attachments", files(th.attachmentsOf(r.id()))))
                .toList());
        m.put("notes", th.notes().stream().map(SupportAdminHandlers::note).toList());
        return m;
    }

    private static List<Map<String, Object>> files(List<Ticket.Attachment> list) {
        return list.stream().map(a -> obj("file", a.key(), "name", a.filename(), "content_type", a.contentType(), "size", a.size(),
                "sha256", a.sha256())).toList();
    }

    private static Map<String, Object> note(Ticket.Note n) {
        return obj("id", n.id(), "author", n.author(), "body", n.body(), "created_at", Times.stamp(n.createdAt()));
    }

    // Predefined replies.

    public Object listReplies(Call call) {
        return obj("predefined_replies", departments.replies(call.params().id("department_id").orElse(null)).stream()
                .map(SupportAdminHandlers::predefined).toList());
    }

    public Object createReply(Call call) {
        Params p = call.params();
        var r = departments.createReply(s(p, "name"), s(p, "body"), p.id("department_id").orElse(null));
        return Reply.json(201, obj("predefined_reply", predefined(r)));
    }

    public Object getReply(Call call) {
        return obj("predefined_reply", predefined(departments.reply(call.pathId("id"))));
    }

    public Object updateReply(Call call) {
        Params p = call.params();
        boolean deptGiven = p.tree().has("department_id");
        Long dept = p.id("department_id").orElse(null);
        var r = departments.updateReply(call.pathId("id"), s(p, "name"), s(p, "body"), dept, deptGiven);
        return obj("predefined_reply", predefined(r));
    }

    public Object deleteReply(Call call) {
        departments.deleteReply(call.pathId("id"));
        return obj("deleted", true);
    }

    private static Map<String, Object> predefined(PredefinedReply r) {
        return obj("id", r.id(), "name", r.name(), "body", r.body(), "department_id", r.departmentId(),
                "created_at", Times.stamp(r.createdAt()), "updated_at", Times.stamp(r.updatedAt()));
    }

    private static String s(Params p, String name) {
        return p.string(name).orElse(null);
    }

    private static Boolean bool(String v) {
        if (v == null || v.isBlank()) return null;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw StewardException.badRequest("Expected true or false, got " + v);
        };
    }

    private static String capitalise(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
