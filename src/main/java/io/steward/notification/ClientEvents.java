package io.steward.notification;

import io.steward.account.Client;
import io.steward.account.ClientAdminService;
import io.steward.billing.BillingListener;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.domain.Domain;
import io.steward.domain.DomainListener;
import io.steward.mail.Outbox;
import io.steward.mail.Outbox.Audience;
import io.steward.service.Service;
import io.steward.service.ServiceListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells clients what happened to their account: listens to account creation, invoices and
 * service and domain status changes, and queues the mail and portal notification for each, inside
 * the transaction of the change. Invoice mail goes to the billing audience (holder and contacts
 * with billing/emails), service and domain mail to the object's (holder and contacts with notify
 * on it).
 */
public final class ClientEvents implements BillingListener, ServiceListener, DomainListener, ClientAdminService.CreationListener {
    private final Outbox outbox;
    private final Notifier notifier;

    public ClientEvents(Outbox outbox, Notifier notifier) {
        this.outbox = outbox;
        this.notifier = notifier;
    }

    @Override
    public void clientCreated(Client client) {
        outbox.toClient(client.id(), Audience.holder(), "account.created", Map.of());
    }

    /** Invoice variables every invoice template takes. */
    static Map<String, Object> invoiceVars(Invoice inv) {
        var vars = new HashMap<String, Object>();
        vars.put("invoice_id", inv.id());
        vars.put("number", inv.number() == null ? Long.toString(inv.id()) : inv.number());
        vars.put("total", Money.format(inv.total(), inv.currency()));
        vars.put("currency", inv.currency());
        vars.put("due_date", inv.dueDate() == null ? "" : Times.date(inv.dueDate()));
        vars.put("status", inv.status());
        return vars;
    }

    @Override
    public void invoiceIssued(Invoice inv) {
        // A free invoice is paid at issue: nothing to ask the client for.
        if (inv.total().signum() == 0) return;
        var vars = invoiceVars(inv);
        outbox.toClient(inv.clientId(), Audience.billing(), "invoice.issued", vars);
        notifier.notifyAll(List.of(issuedNote(inv, vars)));
    }

    /**
     * The billing run's batches, told after they committed: the same mail and notifications, read
     * and written in bulk. An invoice paid or cancelled since it was issued asks for nothing.
     */
    @Override
    public void invoicesIssued(List<Invoice> invoices) {
        var mails = new ArrayList<Outbox.ClientMail>();
        var notes = new ArrayList<Notifier.Note>();
        for (Invoice inv : invoices) {
            if (inv.total().signum() == 0 || !inv.open()) continue;
            var vars = invoiceVars(inv);
            mails.add(new Outbox.ClientMail(inv.clientId(), Audience.billing(), "invoice.issued", vars));
            notes.add(issuedNote(inv, vars));
        }
        outbox.toClients(mails);
        notifier.notifyAll(notes);
    }

    private static Notifier.Note issuedNote(Invoice inv, Map<String, Object> vars) {
        return new Notifier.Note(inv.clientId(), "invoice", inv.id(), "Invoice " + vars.get("number") + " issued",
                "Total " + vars.get("total") + " " + inv.currency() + ", due " + vars.get("due_date") + ".");
    }

    @Override
    public void invoicePaid(InvoiceDetail paid) {
        Invoice inv = paid.invoice();
        if (inv.total().signum() == 0) return;
        var vars = invoiceVars(inv);
        outbox.toClient(inv.clientId(), Audience.billing(), "payment.received", vars);
        notifier.notify(inv.clientId(), "invoice", inv.id(), "Payment received for invoice " + vars.get("number"),
                "Invoice " + vars.get("number") + " (" + vars.get("total") + " " + inv.currency() + ") is paid. Thank you.");
    }

    @Override
    public void statusChanged(Service s, String from, String to, String reason) {
        var vars = new HashMap<String, Object>();
        vars.put("service_id", s.id());
        vars.put("service", s.name());
        vars.put("domain", s.domain() == null ? "" : s.domain());
        vars.put("reason", reason == null ? "" : reason);
        String what = s.name() + (s.domain() == null || s.domain().isBlank() ? "" : " (" + s.domain() + ")");
        switch (to) {
            case Service.ACTIVE -> {
                if (from.equals(Service.SUSPENDED)) {
                    notifier.notify(s.clientId(), "service", s.id(), "Service " + what + " unsuspended", "The service is active again.");
                } else {
                    outbox.toClient(s.clientId(), Audience.service(s.id()), "service.activated", vars);
                    notifier.notify(s.clientId(), "service", s.id(), "Service " + what + " activated", "The service is now active.");
                }
            }
            case Service.SUSPENDED -> {
                outbox.toClient(s.clientId(), Audience.service(s.id()), "service.suspended", vars);
                notifier.notify(s.clientId(), "service", s.id(), "Service " + what + " suspended",
                        reason == null || reason.isBlank() ? "The service has been suspended." : "The service has been suspended: " + reason);
            }
            case Service.TERMINATED -> {
                outbox.toClient(s.clientId(), Audience.service(s.id()), "service.terminated", vars);
                notifier.notify(s.clientId(), "service", s.id(), "Service " + what + " terminated", "The service has been terminated.");
            }
            case Service.CANCELLED -> notifier.notify(s.clientId(), "service", s.id(), "Service " + what + " cancelled",
                    "The service has been cancelled.");
            default -> { /* Pending, Fraud: nothing to tell the client */ }
        }
    }

    /**
     * A domain registered, transferred in, expired or transferred away: a mail and a notification.
     * A renewal that brings an expired domain back is notified only (its payment was mailed).
     */
    @Override
    public void statusChanged(Domain d, String from) {
        var vars = new HashMap<String, Object>();
        vars.put("domain", d.name());
        vars.put("domain_id", d.id());
        vars.put("expires", d.expires() == null ? "" : Times.date(d.expires()));
        String template;
        String subject;
        String message;
        switch (d.status()) {
            case Domain.ACTIVE -> {
                if (from.equals(Domain.EXPIRED)) {
                    notifier.notify(d.clientId(), "domain", d.id(), "Domain " + d.name() + " renewed", "The domain is active again.");
                    return;
                }
                boolean transfer = from.equals(Domain.PENDING_TRANSFER);
                template = transfer ? "domain.transferred" : "domain.registered";
                subject = "Domain " + d.name() + (transfer ? " transferred" : " registered");
                message = transfer ? "The transfer is complete; the domain is active." : "The domain is registered and active.";
            }
            case Domain.EXPIRED -> {
                template = "domain.expired";
                subject = "Domain " + d.name() + " expired";
                message = "It can still be renewed at the redemption price.";
            }
            case Domain.TRANSFERRED_AWAY -> {
                template = "domain.transferred-away";
                subject = "Domain " + d.name() + " transferred away";
                message = "The domain moved to another registrar.";
            }
            default -> {
                return; // Pending states and cancellation: nothing to tell yet
            }
        }
        outbox.toClient(d.clientId(), Audience.domain(d.id()), template, vars);
        notifier.notify(d.clientId(), "domain", d.id(), subject, message);
    }
}
