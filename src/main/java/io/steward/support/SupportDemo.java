package io.steward.support;

import io.steward.account.Actor;
import io.steward.account.Privileges;
import io.steward.web.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo desk: departments Billing, Technical Support (which also takes dead provisioning
 * jobs) and Sales, a predefined reply, and the demo client's open ticket with an attachment and a
 * staff reply. Idempotent: departments are created when missing, the ticket when the client has none.
 */
public final class SupportDemo {
    private final DepartmentService departments;
    private final TicketService tickets;

    SupportDemo(DepartmentService departments, TicketService tickets) {
        this.departments = departments;
        this.tickets = tickets;
    }

    public void load(long clientId) {
        Department billing = ensure("Billing", "Invoices, payments and refunds", "billing@example.com", 1);
        Department technical = ensure("Technical Support", "Problems with a service", "support@example.com", 2);
        ensure("Sales", "Questions before you order", "sales@example.com", 3);
        if (departments.replies(null).isEmpty()) {
            departments.createReply("Thanks, looking into it", "Thank you for your message. We are looking into it and will get back to you shortly.", null);
            departments.createReply("Invoice resent", "We have sent the invoice to your address on file again.", billing.id());
        }
        var holder = new Actor(clientId, null, Privileges.ALL);
        if (!tickets.list(holder).isEmpty()) return;
        var log = new Upload("attachments", "error.log", "text/plain",
                "[error] PHP Fatal error: Uncaught Error: Call to undefined function mysql_connect() in /home/demohost/public_html/index.php:12\n"
                        .getBytes(StandardCharsets.UTF_8));
        int number = tickets.open(holder, technical.id(), "Website shows an error after the PHP upgrade",
                "Since this morning demo-hosting.example.com shows a blank page. The error log is attached.", null, List.of(log));
        tickets.staffReply(number, "Support Staff", "The site uses mysql_connect(), which PHP 8 no longer has. We switched your "
                + "account to PHP 7.4 for now; please move the code to mysqli or PDO.\n\n-- Steward support --", null, List.of());
    }

    private Department ensure(String name, String description, String email, int order) {
        return departments.byName(name).orElseGet(() -> departments.create(new DepartmentService.Input(name, description, email, true, true,
                order, null, null, null, null, null, null, null)));
    }
}
