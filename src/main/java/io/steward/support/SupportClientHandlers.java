package io.steward.support;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.List;
import java.util.Map;

/** The client API's ticket handlers, in the references' shapes (ids and flags as strings; the new ticket's number as a number). */
public final class SupportClientHandlers {
    private final TicketService tickets;

    SupportClientHandlers(TicketService tickets) {
        this.tickets = tickets;
    }

    /** {@code GET /ticket/departments}: the departments clients may open tickets in. */
    public Object departments(Call call) {
        return obj("departments", tickets.publicDepartments().stream()
                .map(d -> obj("id", Long.toString(d.id()), "name", d.name(), "description", d.description())).toList());
    }

    /** {@code GET /tickets}. */
    public Object list(Call call) {
        return obj("tickets", tickets.list(call.get(Actor.class)).stream().map(t -> obj(
                "client_read", t.clientRead() ? "1" : "0", "ticket_number", Integer.toString(t.number()),
                "date", Times.stamp(t.createdAt()), "deptname", t.departmentName(), "subject", t.subject(), "status", t.status(),
                "lastreply", Times.stamp(t.lastReplyAt()))).toList());
    }

    /** {@code GET /tickets/@number}: the ticket and its replies; reading it marks the last staff reply seen. */
    public Object get(Call call) {
        Ticket.Thread th = tickets.view(call.get(Actor.class), number(call));
        Ticket t = th.ticket();
        var ticket = obj("date", Times.stamp(t.createdAt()), "ticket_number", Integer.toString(t.number()), "name", t.name(),
                "email", t.email(), "subject", t.subject(), "body", t.body(), "status", t.status(), "client_read", t.clientRead() ? "1" : "0",
                "deptname", t.departmentName(), "service_id", t.serviceId() == null ? null : Long.toString(t.serviceId()),
                "attachments", files(th.attachmentsOf(null)));
        var replies = th.replies().stream().map(r -> obj("id", Long.toString(r.id()), "name", r.name(), "date", Times.stamp(r.createdAt()),
                "body", r.body(), "status", "Sent", "type", r.type(), "attachments", files(th.attachmentsOf(r.id())))).toList();
        return obj("ticket", ticket, "replies", replies);
    }

    /** {@code POST /tickets}: dept_id, subject, body, optional service_id; files as multipart parts. */
    public Object create(Call call) {
        Params p = call.params();
        long dept = p.id("dept_id").orElseThrow(() -> Params.missing("dept_id"));
        Long serviceId = p.id("service_id").filter(id -> id != 0).orElse(null);
        int number = tickets.open(call.get(Actor.class), dept, p.string("subject").orElse(null), p.string("body").orElse(null), serviceId,
                p.files());
        return obj("success", true, "ticket", number, "info", List.of("ticket_created"));
    }

    /** {@code POST /tickets/@number}: a reply (body, files as multipart parts). */
    public Object reply(Call call) {
        tickets.reply(call.get(Actor.class), number(call), call.params().string("body").orElse(null), call.params().files());
        return obj("success", true, "info", List.of("reply_added"));
    }

    public Object reopen(Call call) {
        tickets.reopen(call.get(Actor.class), number(call));
        return obj("status", true);
    }

    public Object close(Call call) {
        tickets.close(call.get(Actor.class), number(call));
        return obj("status", true);
    }

    /** {@code GET /ticket/attachment/@file}: the file, with the content type its name's extension gives. */
    public Object attachment(Call call) {
        return download(tickets.attachment(call.get(Actor.class), call.pathParam("file")));
    }

    /** A ticket attachment as a download (client API and web pages alike). */
    public static Reply download(TicketService.Download d) {
        var a = d.attachment();
        return new Reply(200, d.bytes(), a.contentType(), Map.of("Content-Disposition", "attachment; filename=\"" + a.filename() + "\"",
                "X-Content-Type-Options", "nosniff"));
    }

    static List<Map<String, Object>> files(List<Ticket.Attachment> list) {
        return list.stream().map(a -> obj("file", a.key(), "name", a.filename(), "size", Long.toString(a.size()))).toList();
    }

    /** A ticket number from the path; anything but six digits names no ticket. */
    public static int number(Call call) {
        String raw = call.pathParam("number");
        if (!raw.matches("\\d{6}")) throw StewardException.notFound("Ticket not found");
        return Integer.parseInt(raw);
    }
}
