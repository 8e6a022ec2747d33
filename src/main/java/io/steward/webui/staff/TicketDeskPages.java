package io.steward.webui.staff;

import io.steward.auth.AdminKeys;
import io.steward.support.SupportFeature;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.util.List;

/** The ticket desk: open tickets queued per department, one ticket with its thread and notes, replies and notes. */
final class TicketDeskPages {
    private final StaffConsole console;
    private final SupportFeature support;

    TicketDeskPages(StaffConsole console, SupportFeature support) {
        this.console = console;
        this.support = support;
    }

    /** The open queue (not closed), of one department or all. */
    Reply queue(WebRequest r) {
        Long department = r.params().id("department_id").orElse(null);
        var page = support.tickets().openQueue(department, 1, 200);
        return console.render(r, 200, "admin/tickets.jte", r.page("admin.tickets.title"), "tickets", page.tickets(),
                "departments", support.departments().list(), "department", department == null ? 0L : department);
    }

    Reply view(WebRequest r) {
        var thread = support.tickets().thread(number(r));
        return console.render(r, 200, "admin/ticket.jte", r.page("admin.ticket.title", thread.ticket().number(), thread.ticket().subject()),
                "thread", thread, "replies", support.departments().replies(thread.ticket().departmentId()),
                "done", r.params().string("done").orElse(""));
    }

    /** A reply with the text written, a predefined reply's text, or both (the written text first), as the admin API does. */
    Reply reply(WebRequest r) {
        int number = number(r);
        var p = r.params();
        String body = p.string("body").filter(b -> !b.isBlank()).orElse(null);
        var predefined = p.id("predefined_reply_id");
        if (predefined.isPresent()) {
            String canned = support.departments().reply(predefined.get()).body();
            body = body == null ? canned : body + "\n\n" + canned;
        }
        support.tickets().staffReply(number, r.get(AdminKeys.Staff.class).name(), body,
                p.string("status").filter(s -> !s.isBlank()).orElse(null), List.of());
        return WebKit.redirect("/admin/tickets/" + number + "?done=reply");
    }

    /** An internal note: staff see it, the client never does. */
    Reply note(WebRequest r) {
        int number = number(r);
        support.tickets().addNote(number, r.get(AdminKeys.Staff.class).name(), r.params().string("body").orElse(null));
        return WebKit.redirect("/admin/tickets/" + number + "?done=note");
    }

    private static int number(WebRequest r) {
        String n = r.call().pathParam("number");
        if (!n.matches("[1-9][0-9]{0,8}")) throw io.steward.core.StewardException.notFound("Ticket not found");
        return Integer.parseInt(n);
    }
}
