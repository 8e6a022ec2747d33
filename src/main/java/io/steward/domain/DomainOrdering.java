package io.steward.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.billing.BillingListener;
import io.steward.billing.InvoiceDetail;
import io.steward.core.Ids;
import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.domain.registrar.Availability;
import io.steward.domain.registrar.Capability;
import io.steward.domain.registrar.RegistryInfo;
import io.steward.order.DomainItems;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Buying domains: availability and prices ({@link #lookup}), domain items of orders and quotes
 * ({@link DomainItems}: register, transfer, renew), and what paying or cancelling their invoices
 * does ({@link BillingListener}): a paid invoice queues the registrar job in the paying
 * transaction; the job's success makes the domain Active and sets its dates.
 */
final class DomainOrdering implements DomainItems, BillingListener, DomainJobs.Runner {
    static final Set<String> ACTIONS = Set.of("register", "transfer", "renew");

    private final Db db;
    private final Clock clock;
    private final DomainStore store;
    private final DomainEvents events;
    private final TldCatalog tlds;
    private final Registry registry;
    private final DomainService domains;
    private final DomainJobs jobs;
    private final DomainSettings settings;

    DomainOrdering(Db db, Clock clock, DomainStore store, DomainEvents events, TldCatalog tlds, Registry registry, DomainService domains, DomainJobs jobs,
                   DomainSettings settings) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.tlds = tlds;
        this.registry = registry;
        this.domains = domains;
        this.jobs = jobs;
        this.settings = settings;
    }

    // Lookup

    /** The answer of {@code POST /domain/lookup}. */
    record Lookup(String name, boolean available, boolean premium, BigDecimal premiumPrice, String reason, Tld tld, List<Tld.Price> prices) {}

    Lookup lookup(String rawName, String currency) {
        String name = DomainNames.normalise(rawName).orElseThrow(() -> invalid("name", "Not a valid domain name: " + rawName));
        Tld tld = tlds.forName(name).orElseThrow(() -> invalid("name", "We do not sell this TLD"));
        if (name.substring(0, name.length() - tld.name().length()).contains(".")) throw invalid("name", "Give the domain itself, not a subdomain");
        Availability a = registry.call(tld.registrar(), null, m -> m.check(name));
        boolean ours = db.tx(() -> store.liveNameExists(name));
        boolean available = a.available() && !ours && (!a.premium() || tld.premiumEnabled());
        var prices = new ArrayList<Tld.Price>();
        for (Tld.Price p : tld.prices(currency)) {
            if (a.premium() && a.premiumPrice() != null) {
                BigDecimal y = BigDecimal.valueOf(p.period());
                BigDecimal premium = currency.equals(a.premiumCurrency()) ? a.premiumPrice().multiply(y) : p.register();
                prices.add(new Tld.Price(p.currency(), p.period(), premium, p.transfer(), p.renew(), p.redemption()));
            } else {
                prices.add(p);
            }
        }
        String reason = ours ? "Domain name is already registered" : a.premium() && !tld.premiumEnabled() ? "Premium names of this TLD are not sold" : a.reason();
        return new Lookup(name, available, a.premium(), a.premiumPrice(), available ? "" : reason, tld, prices);
    }

    // Domain items of orders and quotes

    /** What {@link #create} needs again: the checked input. */
    private record Checked(Long domainId, String currency, String epp, List<String> nameservers, Map<String, Map<String, String>> contacts, JsonNode data,
                           BigDecimal renewPrice, boolean idprotection) {}

    @Override
    public Evaluated evaluate(long clientId, JsonNode p, String currency) {
        String action = text(p, "action", "register").toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(action)) throw invalid("action", "Action must be register, transfer or renew");
        int years = years(p);
        if (action.equals("renew")) return evaluateRenewal(clientId, p, currency, years);

        String raw = text(p, "name", text(p, "domain", ""));
        if (raw.isBlank()) throw invalid("name", "Domain name is required");
        Tld tld = null;
        String tldId = text(p, "tld_id", "");
        if (!tldId.isBlank()) {
            try {
                tld = tlds.offered(Ids.strict(tldId.trim()));
            } catch (NumberFormatException | StewardException e) {
                throw invalid("tld_id", "Unknown TLD");
            }
        }
        // The references send the name with or without its TLD: "example" with the tld_id of .com is example.com.
        String candidate = raw.trim();
        if (tld != null && !candidate.toLowerCase(Locale.ROOT).endsWith(tld.name())) candidate = candidate + tld.name();
        String name = DomainNames.normalise(candidate).orElseThrow(() -> invalid("name", "Not a valid domain name: " + raw.trim()));
        if (tld == null) tld = tlds.forName(name).orElseThrow(() -> invalid("name", "We do not sell this TLD"));
        if (name.substring(0, name.length() - tld.name().length()).contains(".")) throw invalid("name", "Give the domain itself, not a subdomain");
        Tld chosen = tld;
        Tld.Price price = tld.price(currency, years).orElseThrow(() -> invalid("years",
                chosen.name() + " is not sold for " + years + " year(s) in " + currency));
        Capability needed = action.equals("register") ? Capability.REGISTER : Capability.TRANSFER;
        if (!registry.supports(tld.registrar(), needed)) throw invalid("action", "Domains of " + chosen.name() + " cannot be " + action + "ed here");
        String domainName = name;
        if (db.tx(() -> store.liveNameExists(domainName))) throw invalid("name", domainName + " is already registered with us");
        Availability a = registry.call(chosen.registrar(), null, m -> m.check(domainName));
        BigDecimal amount;
        String epp = text(p, "epp", "").trim();
        if (action.equals("register")) {
            if (!a.available()) throw invalid("name", domainName + " is not available: " + a.reason());
            if (a.premium()) {
                if (!tld.premiumEnabled()) throw invalid("name", domainName + " is a premium name, which we do not sell for " + tld.name());
                if (!currency.equals(a.premiumCurrency())) throw invalid("name", domainName + " is a premium name priced in " + a.premiumCurrency());
                amount = a.premiumPrice().multiply(BigDecimal.valueOf(years));
            } else {
                amount = price.register();
            }
        } else {
            if (a.available()) throw invalid("name", domainName + " is not registered; register it instead");
            if (tld.eppRequired() && epp.isEmpty()) throw invalid("epp", "An EPP code is required to transfer " + tld.name() + " domains");
            amount = price.transfer();
        }
        List<String> ns = DomainService.parseNameservers(list(p, "nameservers"), "nameservers");
        if (ns.isEmpty()) ns = domains.defaultNameservers(tld);
        var contacts = new LinkedHashMap<String, Map<String, String>>();
        for (String role : DomainService.CONTACT_ROLES) contacts.put(role, domains.contactFields(clientId, role, p.get(role)));
        JsonNode data = p.has("data") && p.get("data").isObject() ? p.get("data") : Json.MAPPER.createObjectNode();
        var lines = new ArrayList<Line>();
        String type = action.equals("register") ? "Domain Register" : "Domain Transfer";
        lines.add(new Line(type + " - " + domainName + " (" + years + (years == 1 ? " year)" : " years)"), amount, true));
        lines.addAll(formLines(tld, data, currency));
        boolean idprotection = truthy(text(p, "idprotection", "0"));
        return new Evaluated(domainName, action, years, tld.id(), tld.name(), type, lines, price.renew(),
                new Checked(null, currency, epp, ns, contacts, data, price.renew(), idprotection));
    }

    /**
     * Priced additional fields: a form item chosen in {@code data} (by form id, item id as value,
     * or {@code custom[form][item]}) whose item carries a price adds a line, as the references'
     * DNS-management addon does.
     */
    private static List<Line> formLines(Tld tld, JsonNode data, String currency) {
        var out = new ArrayList<Line>();
        for (JsonNode form : tld.forms()) {
            JsonNode chosen = data.get(form.path("id").asText());
            if (form.path("required").asBoolean(false) && (chosen == null || chosen.asText("").isBlank()) && !chosen(chosen)) {
                throw invalid("data[" + form.path("id").asText() + "]", form.path("title").asText() + " is required for " + tld.name());
            }
            if (chosen == null) continue;
            for (JsonNode item : form.path("items")) {
                boolean picked = chosen.isObject() ? chosen.has(item.path("id").asText()) && truthy(chosen.get(item.path("id").asText()).asText())
                        : chosen.asText().equals(item.path("id").asText());
                BigDecimal price = item.has("prices") ? new BigDecimal(item.path("prices").path(currency).asText("0")) : BigDecimal.ZERO;
                if (picked && price.signum() > 0) out.add(new Line(form.path("title").asText() + (item.path("title").asText().isEmpty() ? ""
                        : ": " + item.path("title").asText()), price, true));
            }
        }
        return out;
    }

    private static boolean chosen(JsonNode n) {
        return n != null && n.isObject() && n.size() > 0;
    }

    private Evaluated evaluateRenewal(long clientId, JsonNode p, String currency, int years) {
        String idText = text(p, "domain_id", text(p, "id", ""));
        long id;
        try {
            id = Ids.strict(idText.trim());
        } catch (NumberFormatException e) {
            throw invalid("domain_id", "The domain to renew is required (domain_id)");
        }
        Domain d = db.tx(() -> store.ofClient(clientId, id)).orElseThrow(() -> StewardException.notFound("Domain not found"));
        return renewal(d, currency, years);
    }

    Evaluated renewal(Domain d, String currency, int years) {
        if (!d.manageable()) throw invalid("domain_id", "Domain is " + d.status() + "; only Active or Expired domains can be renewed");
        if (!d.currency().equals(currency)) throw invalid("domain_id", "The domain is billed in " + d.currency());
        Tld tld = tlds.get(d.tldId());
        if (!registry.supports(d.registrar(), Capability.RENEW)) throw invalid("domain_id", "This domain cannot be renewed here");
        Tld.Price price = tld.price(currency, years).orElseThrow(() -> invalid("years", tld.name() + " is not renewed for " + years + " year(s)"));
        if (db.tx(() -> store.termBilled(d.id(), "renew", d.expires()))) {
            throw invalid("domain_id", "A renewal of " + d.name() + " from " + d.expires() + " is already invoiced");
        }
        // An Expired domain is past its term: the registry charges the redemption price to restore it.
        boolean redemption = Domain.EXPIRED.equals(d.status());
        BigDecimal amount = redemption ? price.redemption() : price.renew();
        String what = (redemption ? "Domain Redemption - " : "Domain Renew - ") + d.name() + " (" + years + (years == 1 ? " year)" : " years)");
        return new Evaluated(d.name(), "renew", years, tld.id(), tld.name(), "Domain Renew", List.of(new Line(what, amount, true)),
                price.renew(), new Checked(d.id(), currency, null, null, null, null, price.renew(), d.idprotection()));
    }

    @Override
    public long create(long clientId, long orderId, Evaluated item) {
        Checked c = (Checked) item.state();
        if (c.domainId() != null) return c.domainId();
        LocalDate today = domains.today();
        var now = Times.now(clock);
        Tld tld = tlds.get(item.tldId());
        // Two orders of one name may both pass evaluate(); the lock makes the later one see the first.
        store.lockNewNames();
        if (store.liveNameExists(item.name())) throw StewardException.conflict(item.name() + " is already registered with us");
        BigDecimal total = Money.sum(item.lines().stream().map(Line::amount).toList());
        var extra = Json.MAPPER.createObjectNode();
        extra.set("data", c.data());
        extra.put("order_id", orderId);
        var d = new Domain(0, clientId, tld.id(), item.name(), Domain.PENDING, item.action(), item.years(), c.currency(),
                total, c.renewPrice(), today, null, null, null, true, c.idprotection(), false, c.nameservers(), tld.registrar(),
                c.epp() == null || c.epp().isEmpty() ? null : domains.secrets().encrypt(c.epp()), Json.text(c.contacts()), Json.text(extra));
        return store.insert(d, now);
    }

    @Override
    public void invoiced(long domainId, Evaluated item, long invoiceId, boolean paid) {
        Domain d = store.byId(domainId).orElseThrow();
        LocalDate term = item.action().equals("renew") ? d.expires() : null;
        if (!store.bill(domainId, invoiceId, item.action(), item.years(), term)) {
            throw StewardException.conflict("A renewal of " + d.name() + " from " + term + " is already invoiced");
        }
        if (paid) paidInvoice(invoiceId);
    }

    // Following invoices

    @Override
    public void invoicePaid(InvoiceDetail invoice) {
        paidInvoice(invoice.id());
    }

    private void paidInvoice(long invoiceId) {
        var now = Times.now(clock);
        for (DomainStore.Billed b : store.billedBy(invoiceId)) {
            if (!store.markPaid(b.id())) continue;
            switch (b.kind()) {
                case "register" -> {
                    events.setStatus(b.domainId(), Set.of(Domain.PENDING), Domain.PENDING_REGISTRATION, now);
                    jobs.enqueue(b.domainId(), "register", params(b), "domain:" + b.domainId() + ":register");
                }
                case "transfer" -> {
                    events.setStatus(b.domainId(), Set.of(Domain.PENDING), Domain.PENDING_TRANSFER, now);
                    jobs.enqueue(b.domainId(), "transfer", params(b), "domain:" + b.domainId() + ":transfer");
                }
                default -> jobs.enqueue(b.domainId(), "renew", params(b), "domain:" + b.domainId() + ":renew:" + b.termStart());
            }
        }
    }

    private static String params(DomainStore.Billed b) {
        return Json.text(Json.obj("years", b.years(), "invoice_id", b.invoiceId(), "term_start", b.termStart() == null ? null : b.termStart().toString()));
    }

    @Override
    public void invoiceCancelled(InvoiceDetail invoice) {
        var now = Times.now(clock);
        for (DomainStore.Billed b : store.billedBy(invoice.id())) {
            if (b.paid() || b.kind().equals("renew")) continue;
            events.setStatus(b.domainId(), Set.of(Domain.PENDING), Domain.CANCELLED, now);
        }
    }

    // Jobs

    @Override
    public Object call(DomainJobs.Job job) {
        Domain d = store.byId(job.domainId()).orElseThrow();
        int years = readTree(job.params()).path("years").asInt(d.period());
        var module = registry.module(d.registrar());
        return switch (job.action()) {
            case "register" -> module.register(d.name(), years, d.nameservers(), contactsOf(d), d.idprotection());
            case "transfer" -> module.transfer(d.name(), d.eppSealed() == null ? null : domains.secrets().decrypt(d.eppSealed()), years);
            default -> module.renew(d.name(), years);
        };
    }

    @Override
    public void succeeded(DomainJobs.Job job, Object result) {
        RegistryInfo info = (RegistryInfo) result;
        var now = Times.now(clock);
        switch (job.action()) {
            case "register" -> {
                events.setStatus(job.domainId(), Set.of(Domain.PENDING, Domain.PENDING_REGISTRATION), Domain.ACTIVE, now);
                domains.apply(job.domainId(), info);
            }
            case "transfer" -> {
                events.setStatus(job.domainId(), Set.of(Domain.PENDING), Domain.PENDING_TRANSFER, now);
                domains.apply(job.domainId(), info);
            }
            default -> {
                events.setStatus(job.domainId(), Set.of(Domain.EXPIRED), Domain.ACTIVE, now);
                domains.apply(job.domainId(), info);
            }
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static Map<String, Map<String, String>> contactsOf(Domain d) {
        try {
            return Json.MAPPER.readValue(d.contacts(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, String>>>() {});
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    // Parameters

    static int years(JsonNode p) {
        String y = text(p, "years", text(p, "period", "1")).trim();
        if (!y.matches("\\d{1,2}") || Integer.parseInt(y) < 1 || Integer.parseInt(y) > 10) throw invalid("years", "Years must be 1 to 10");
        return Integer.parseInt(y);
    }

    static String text(JsonNode p, String field, String fallback) {
        JsonNode n = p == null ? null : p.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isValueNode()) throw invalid(field, "Must be a single value");
        return n.asText();
    }

    static List<String> list(JsonNode p, String field) {
        JsonNode n = p.get(field);
        var out = new ArrayList<String>();
        if (n == null || n.isNull()) return out;
        if (n.isArray() || n.isObject()) n.elements().forEachRemaining(e -> out.add(e.asText()));
        else for (String s : n.asText().split("[,\\s]+")) out.add(s);
        return out;
    }

    static boolean truthy(String v) {
        String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("yes") || s.equals("on");
    }

    static StewardException invalid(String field, String message) {
        return StewardException.invalid(Map.of(field, List.of(message)));
    }
}
