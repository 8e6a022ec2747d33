package io.steward.mail;

import io.steward.account.AccountService;
import io.steward.account.Client;
import io.steward.account.Contact;
import io.steward.account.ContactService;
import io.steward.account.Privileges;
import io.steward.account.Profile;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox: {@link Outbox} for the other features, and what staff do with queued mail (list,
 * show, resend). Mails are rendered and inserted in the caller's transaction, one row per
 * recipient; {@link MailSender} delivers them after the commit.
 */
public final class MailService implements Outbox {
    /** A page of the outbox. */
    public record Page(List<Mail> mails, int total, int page, int perPage) {}

    private final Db db;
    private final Clock clock;
    private final MailStore store;
    private final Templates templates;
    private final MailSettings settings;
    private final AccountService accounts;
    private final ContactService contacts;
    private final SealedContent sealer;

    public MailService(Db db, Clock clock, Templates templates, MailSettings settings, AccountService accounts,
                       ContactService contacts, Secrets secrets, io.steward.jobs.Jobs jobs) {
        this.db = db;
        this.clock = clock;
        this.store = new MailStore(db, jobs);
        this.templates = templates;
        this.settings = settings;
        this.accounts = accounts;
        this.contacts = contacts;
        this.sealer = new SealedContent(secrets);
    }

    MailStore store() { return store; }

    SealedContent sealer() { return sealer; }

    /** One recipient of a client mail: the account holder (contactId null) or a contact. */
    public record Recipient(Long contactId, String email, String name) {}

    @Override
    public void toClient(long clientId, Audience audience, String template, Map<String, ?> vars) {
        toClients(List.of(new ClientMail(clientId, audience, template, vars)));
    }

    @Override
    public void toClients(List<ClientMail> mails) {
        if (mails.isEmpty()) return;
        db.txRun(() -> {
            var ids = mails.stream().map(ClientMail::clientId).distinct().toList();
            Map<Long, Client> clients = accounts.detailsOf(ids);
            Map<Long, List<Contact>> contactsOf = contacts.listOf(ids);
            var rows = new ArrayList<MailStore.NewMail>();
            for (ClientMail m : mails) {
                Client client = clients.get(m.clientId());
                if (client == null) throw StewardException.notFound("Client not found");
                if (client.status().equals("Closed")) continue;
                for (Recipient r : recipients(client, contactsOf.getOrDefault(m.clientId(), List.of()), m.audience())) {
                    rows.add(render(m.clientId(), r.contactId(), r.email(), r.name(), m.template(), m.vars(), null,
                            client.billing().language()));
                }
            }
            store.insertAll(rows, Times.now(clock));
        });
    }

    @Override
    public void toAddress(String address, String name, String template, Map<String, ?> vars) {
        db.txRun(() -> queue(null, null, address, name == null ? "" : name, template, vars, null));
    }

    /** Queues a mail to one login of a client (the holder or one contact), whatever its privileges. */
    public void toLogin(long clientId, Long contactId, String template, Map<String, ?> vars) {
        db.txRun(() -> {
            Profile p = contactId == null ? accounts.details(clientId).profile() : contacts.get(clientId, contactId).profile();
            queue(clientId, contactId, p.email(), fullName(p), template, vars, null);
        });
    }

    /**
     * Who receives a client mail: the account holder always; a contact when its privileges put it
     * in the audience ({@code billing/emails}, {@code support/emails}, {@code notify} on the one
     * service or domain). Contacts sharing the holder's address are not mailed twice.
     */
    static List<Recipient> recipients(Client client, List<Contact> contacts, Audience audience) {
        var out = new LinkedHashMap<String, Recipient>();
        Profile holder = client.profile();
        out.put(holder.email().toLowerCase(Locale.ROOT), new Recipient(null, holder.email(), fullName(holder)));
        if (audience.group() == null) return List.copyOf(out.values());
        for (Contact c : contacts) {
            if (!inAudience(c.privileges(), audience)) continue;
            String email = c.profile().email();
            if (email == null || email.isBlank()) continue;
            out.putIfAbsent(email.toLowerCase(Locale.ROOT), new Recipient(c.id(), email, fullName(c.profile())));
        }
        return List.copyOf(out.values());
    }

    static boolean inAudience(Privileges p, Audience a) {
        return switch (a.group()) {
            case "services" -> a.objectId() != null && p.services().allows(a.objectId(), a.privilege());
            case "domains" -> a.objectId() != null && p.domains().allows(a.objectId(), a.privilege());
            default -> p.allows(a.group(), a.privilege());
        };
    }

    static String fullName(Profile p) {
        return (p.firstname() + " " + p.lastname()).trim();
    }

    private long queue(Long clientId, Long contactId, String address, String name, String template, Map<String, ?> vars,
                       Long resentFrom) {
        // A client's mail is written in the client's language; a mail to a bare address in the default one.
        String language = clientId == null ? settings.language() : accounts.details(clientId).billing().language();
        return store.insert(render(clientId, contactId, address, name, template, vars, resentFrom, language), Times.now(clock));
    }

    /** {@code language}: the recipient's; a template missing in it is rendered in the default language. */
    private MailStore.NewMail render(Long clientId, Long contactId, String address, String name, String template,
                                     Map<String, ?> vars, Long resentFrom, String language) {
        if (address == null || !address.contains("@")) throw new IllegalArgumentException("not a mail address: " + address);
        Map<String, Object> all = new HashMap<>();
        all.put("company", settings.company());
        all.put("portal_url", settings.portalUrl());
        all.put("name", name.isBlank() ? address : name);
        all.put("email", address);
        if (vars != null) all.putAll(SealedContent.marked(vars));
        if (!SealedContent.carriesSecrets(all)) {
            return new MailStore.NewMail(clientId, contactId, address.trim(), name, template,
                    templates.render(template, language, all), resentFrom, null);
        }
        // Stored with the secrets redacted; the mail as sent only sealed.
        var shown = templates.render(template, language, SealedContent.redacted(all));
        var sent = templates.render(template, language, SealedContent.opened(all));
        return new MailStore.NewMail(clientId, contactId, address.trim(), name, template, shown, resentFrom, sealer.seal(sent));
    }

    public Page list(String status, Long clientId, String template, String recipient, int page, int perPage) {
        if (status != null && !Mail.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("must be one of " + String.join(", ", Mail.STATUSES))));
        }
        int offset = Math.max(0, page - 1) * perPage;
        return new Page(store.list(status, clientId, template, recipient, offset, perPage),
                store.count(status, clientId, template, recipient), page, perPage);
    }

    public Mail get(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("No such mail"));
    }

    /**
     * Sends a mail again as a new outbox row with the same content (the original keeps its history);
     * {@code to} optionally sends it to another address. A mail still waiting to go cannot be resent,
     * nor can a sealed one: its secret is not kept once it is sent (a new password reset mails a new
     * token), and resending it redacted, or to another address, would help nobody but an intruder.
     */
    public Mail resend(long id, Optional<String> to) {
        return db.tx(() -> {
            Mail m = get(id);
            if (m.status().equals(Mail.QUEUED) || m.status().equals(Mail.SENDING) || m.status().equals(Mail.FAILED)) {
                throw StewardException.conflict("The mail is still queued for delivery (status " + m.status() + ")");
            }
            if (m.sealed()) {
                throw StewardException.conflict("The mail carried a secret (a token or password), which is not kept once sent; "
                        + "it cannot be resent: the recipient asks for a new one (e.g. a new password reset)");
            }
            String address = to.map(String::trim).filter(s -> !s.isEmpty()).orElse(m.recipient());
            if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw StewardException.invalid(Map.of("to", List.of("must be an email address")));
            }
            var rendered = new Templates.Rendered(m.language(), m.subject(), m.bodyText(), m.bodyHtml());
            long newId = store.insert(new MailStore.NewMail(m.clientId(), m.contactId(), address, m.recipientName(), m.template(),
                    rendered, m.id(), null), Times.now(clock));
            return get(newId);
        });
    }

    /** The templates every feature may name, for the sender's start-up check. */
    static final List<String> TEMPLATES = List.of("account.created", "password.reset", "login.new-address", "invoice.issued",
            "payment.received", "invoice.reminder", "invoice.overdue", "service.activated", "service.suspended",
            "service.terminated", "ticket.opened", "ticket.answered", "status.incident", "affiliate.commission", "broadcast",
            "domain.registered", "domain.transferred", "domain.expired", "domain.transferred-away",
            "service.bandwidth",
            "certificate.expiring", "certificate.approve");

    void checkTemplates() {
        var missing = new ArrayList<String>();
        for (String t : TEMPLATES) if (!templates.exists(t)) missing.add(t);
        if (!missing.isEmpty()) throw new IllegalStateException("mail templates missing: " + missing);
    }
}
