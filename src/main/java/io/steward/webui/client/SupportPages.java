package io.steward.webui.client;

import io.steward.account.Actor;
import io.steward.support.SupportClientHandlers;
import io.steward.support.TicketService;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;

/**
 * Support tickets: the list, opening one (with attachments, a multipart form), a ticket with its
 * replies (never staff notes), replying (with attachments), closing, and downloading attachments.
 * The ticket service checks ownership and the contact's ticket privileges.
 */
final class SupportPages {
    private final WebKit kit;
    private final TicketService tickets;

    SupportPages(WebKit kit, TicketService tickets) {
        this.kit = kit;
        this.tickets = tickets;
    }

    Reply list(WebRequest r) {
        return kit.render(200, "client/tickets.jte", r.page("tickets.title"), "tickets", tickets.list(r.get(Actor.class)));
    }

    Reply newForm(WebRequest r) {
        return kit.render(200, "client/ticket-new.jte", r.page("tickets.new"), "departments", tickets.publicDepartments());
    }

    Reply open(WebRequest r) {
        var p = r.params();
        long dept = p.id("dept_id").orElseThrow(() -> io.steward.web.Params.missing("dept_id"));
        int number = tickets.open(r.get(Actor.class), dept, p.string("subject").orElse(null), p.string("body").orElse(null), null,
                p.files().stream().filter(f -> f.bytes().length > 0).toList());
        return WebKit.redirect("/tickets/" + String.format("%06d", number));
    }

    Reply view(WebRequest r) {
        var thread = tickets.view(r.get(Actor.class), SupportClientHandlers.number(r.call()));
        return kit.render(200, "client/ticket.jte", r.page("ticket.title", thread.ticket().subject()), "thread", thread,
                "mayClose", r.get(Actor.class).can("support", "closeticket"));
    }

    Reply reply(WebRequest r) {
        int number = SupportClientHandlers.number(r.call());
        tickets.reply(r.get(Actor.class), number, r.params().string("body").orElse(null),
                r.params().files().stream().filter(f -> f.bytes().length > 0).toList());
        return WebKit.redirect("/tickets/" + String.format("%06d", number));
    }

    Reply close(WebRequest r) {
        int number = SupportClientHandlers.number(r.call());
        tickets.close(r.get(Actor.class), number);
        return WebKit.redirect("/tickets/" + String.format("%06d", number));
    }

    Reply attachment(WebRequest r) {
        return SupportClientHandlers.download(tickets.attachment(r.get(Actor.class), r.call().pathParam("file")));
    }
}
