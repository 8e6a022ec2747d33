package io.steward.notification;

import io.steward.billing.BillingService;
import io.steward.billing.Invoice;
import io.steward.db.Db;
import io.steward.engine.BillingEvents;
import io.steward.mail.Outbox;
import io.steward.mail.Outbox.Audience;

/**
 * Turns the billing run's unsent events into mail, each exactly once: the event is marked sent
 * and its mail queued in one transaction, and marking is conditional ({@code sent = false}), so a
 * concurrent runner on another node waits for the row and then finds nothing to do. Reminders
 * become {@code invoice.reminder}, overdue notices {@code invoice.overdue} (unless the invoice was
 * paid or cancelled meanwhile); late fees, suspensions and terminations are marked sent without a
 * mail of their own, since the changed invoice and the service's status change are told already.
 */
public final class BillingNotices {
    private final Db db;
    private final BillingEvents events;
    private final BillingService billing;
    private final Outbox outbox;
    private final Notifier notifier;

    public BillingNotices(Db db, BillingEvents events, BillingService billing, Outbox outbox, Notifier notifier) {
        this.db = db;
        this.events = events;
        this.billing = billing;
        this.outbox = outbox;
        this.notifier = notifier;
    }

    /** Processes every unsent event; answers how many mails were queued. */
    public int runNow() {
        int mailed = 0;
        long after = 0;
        while (true) {
            var batch = events.unsent(after, 200);
            if (batch.isEmpty()) return mailed;
            for (var e : batch) {
                after = e.id();
                if (db.tx(() -> handle(e))) mailed++;
            }
        }
    }

    private boolean handle(BillingEvents.Event e) {
        if (!events.markSent(e.id())) return false;
        String template = switch (e.kind()) {
            case BillingEvents.REMINDER -> "invoice.reminder";
            case BillingEvents.OVERDUE -> "invoice.overdue";
            default -> null;
        };
        if (template == null) return false;
        var detail = billing.invoice(e.invoiceId()).orElse(null);
        if (detail == null || !detail.invoice().open()) return false;
        Invoice inv = detail.invoice();
        var vars = ClientEvents.invoiceVars(inv);
        outbox.toClient(inv.clientId(), Audience.billing(), template, vars);
        if (template.equals("invoice.overdue")) {
            notifier.notify(inv.clientId(), "invoice", inv.id(), "Invoice " + vars.get("number") + " is overdue",
                    "It was due on " + vars.get("due_date") + ".");
        }
        return true;
    }
}
