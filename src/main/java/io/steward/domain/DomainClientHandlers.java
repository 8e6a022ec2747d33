package io.steward.domain;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.account.Actor;
import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.domain.registrar.DsRecord;
import io.steward.order.OrderRequest;
import io.steward.order.OrderService;
import io.steward.web.Call;
import io.steward.web.Params;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The client API's {@code /domain...} handlers, in the references' shapes (ids, amounts and flags
 * as strings). Routes and privileges are declared in {@code api.ClientApi}; per-domain privileges
 * are checked by {@link DomainService} once the domain is found.
 */
public final class DomainClientHandlers {
    private static final List<String> SUCCESS = List.of("success_changes_save");

    private final DomainService domains;
    private final DomainOrdering ordering;
    private final TldCatalog tlds;
    private final OrderService orders;
    private final LongFunction<String> currencyOf;
    private final DomainDns dns;

    DomainClientHandlers(DomainService domains, DomainOrdering ordering, TldCatalog tlds, OrderService orders, LongFunction<String> currencyOf,
                         DomainDns dns) {
        this.dns = dns;
        this.domains = domains;
        this.ordering = ordering;
        this.tlds = tlds;
        this.orders = orders;
        this.currencyOf = currencyOf;
    }

    private static Actor actor(Call call) {
        return call.get(Actor.class);
    }

    private static Map<String, Object> changed(Object... more) {
        var m = obj("success", true, "info", SUCCESS);
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
        return m;
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    // Reading

    public Object list(Call call) {
        return obj("domains", domains.list(actor(call)).stream().map(d -> summary(d, domains.today())).toList());
    }

    static Map<String, Object> summary(Domain d, java.time.LocalDate today) {
        long days = d.expires() == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(today, d.expires()));
        return obj("id", String.valueOf(d.id()), "name", d.name(), "expires", Times.date(d.expires()),
                "recurring_amount", Money.format(d.recurringAmount(), d.currency()), "date_created", Times.date(d.dateCreated()),
                "status", d.status(), "period", String.valueOf(d.period()), "autorenew", flag(d.autorenew()), "daytoexpire", String.valueOf(days));
    }

    static Map<String, Object> details(Domain d) {
        return obj("id", String.valueOf(d.id()), "name", d.name(), "date_created", Times.date(d.dateCreated()),
                "firstpayment", Money.format(d.firstPayment(), d.currency()), "recurring_amount", Money.format(d.recurringAmount(), d.currency()),
                "period", String.valueOf(d.period()), "expires", Times.date(d.expires()), "status", d.status(),
                "next_due", Times.date(d.nextDue()), "next_invoice", Times.date(d.nextInvoice()), "idprotection", flag(d.idprotection()),
                "nameservers", d.nameservers(), "autorenew", flag(d.autorenew()));
    }

    public Object get(Call call) {
        return obj("details", details(domains.get(actor(call), call.pathId("id"), "basic")));
    }

    public Object byName(Call call) {
        return obj("details", domains.byName(actor(call), call.pathParam("name")).stream().map(DomainClientHandlers::details).toList());
    }

    // Nameservers and hosts

    public Object nameservers(Call call) {
        Domain d = domains.get(actor(call), call.pathId("id"), "basic");
        return obj("nameservers", d.nameservers());
    }

    public Object setNameservers(Call call) {
        List<String> ns = call.params().list("nameservers").orElse(List.of());
        if (ns.size() == 1 && ns.get(0).contains(",")) ns = List.of(ns.get(0).split("\\s*,\\s*"));
        Domain d = domains.setNameservers(actor(call), call.pathId("id"), ns);
        return changed("nameservers", d.nameservers());
    }

    /** {@code POST /domain/@id/reg}: {@code host} (a label or a name under the domain) and {@code ip} (one or more addresses). */
    public Object registerHost(Call call) {
        Params p = call.params();
        String host = p.string("host").or(() -> p.string("nameserver")).orElse("");
        List<String> ips = p.list("ip").or(() -> p.list("ips")).orElse(List.of());
        var hosts = domains.registerHost(actor(call), call.pathId("id"), host, ips);
        return changed("hosts", hostList(hosts));
    }

    private static List<Map<String, Object>> hostList(Map<String, List<String>> hosts) {
        var out = new ArrayList<Map<String, Object>>();
        hosts.forEach((h, ips) -> out.add(obj("host", h, "ips", ips)));
        return out;
    }

    // EPP, sync, lock, privacy, autorenew

    public Object epp(Call call) {
        return obj("epp", domains.eppCode(actor(call), call.pathId("id")));
    }

    public Object sync(Call call) {
        Domain d = domains.sync(actor(call), call.pathId("id"));
        return obj("success", true, "info", List.of("domain_synchronized"), "details", details(d));
    }

    public Object reglock(Call call) {
        return obj("reglock", flag(domains.get(actor(call), call.pathId("id"), "reglock").reglock()));
    }

    public Object setReglock(Call call) {
        Domain d = domains.setLock(actor(call), call.pathId("id"), requiredFlag(call.params(), "reglock"));
        return changed("reglock", flag(d.reglock()));
    }

    public Object setIdProtection(Call call) {
        Domain d = domains.setIdProtection(actor(call), call.pathId("id"), requiredFlag(call.params(), "idprotection"));
        return changed("idprotection", flag(d.idprotection()));
    }

    public Object autorenew(Call call) {
        return obj("autorenew", flag(domains.get(actor(call), call.pathId("id"), "autorenew").autorenew()));
    }

    public Object setAutorenew(Call call) {
        Domain d = domains.setAutorenew(actor(call), call.pathId("id"), requiredFlag(call.params(), "autorenew"));
        return changed("autorenew", flag(d.autorenew()));
    }

    static boolean requiredFlag(Params p, String name) {
        String v = p.string(name).orElseThrow(() -> StewardException.invalid(Map.of(name, List.of(name + " is required: 1 (on) or 0 (off)"))));
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on", "enable", "enabled" -> true;
            case "0", "false", "no", "off", "disable", "disabled" -> false;
            default -> throw StewardException.invalid(Map.of(name, List.of(name + " must be 1 (on) or 0 (off)")));
        };
    }

    // Contacts

    public Object contacts(Call call) {
        return obj("contact", domains.contacts(actor(call), call.pathId("id")));
    }

    public Object setContacts(Call call) {
        var given = new LinkedHashMap<String, JsonNode>();
        for (String role : DomainService.CONTACT_ROLES) {
            JsonNode n = call.params().node(role);
            if (n != null && !n.isNull()) given.put(role, n);
        }
        return changed("contact", domains.setContacts(actor(call), call.pathId("id"), given));
    }

    // Email forwarding

    public Object emailForwarding(Call call) {
        return obj("emforwarding", forwards(domains.emailForwards(actor(call), call.pathId("id"))));
    }

    /** {@code emforwarding}: a list of {@code {from, to}} (or an object from → to); an empty list removes every alias. */
    public Object setEmailForwarding(Call call) {
        JsonNode n = call.params().node("emforwarding");
        var map = new LinkedHashMap<String, String>();
        if (n != null && n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isObject()) throw StewardException.invalid(Map.of("emforwarding", List.of("Each alias is {from, to}")));
                map.put(e.path("from").asText(""), e.path("to").asText(""));
            }
        } else if (n != null && n.isObject()) {
            boolean indexed = n.has("0");
            if (indexed) n.elements().forEachRemaining(e -> map.put(e.path("from").asText(""), e.path("to").asText("")));
            else n.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText("")));
        } else if (n != null && !n.isNull() && !n.asText().isEmpty()) {
            throw StewardException.invalid(Map.of("emforwarding", List.of("Give a list of {from, to}")));
        } else if (n == null) {
            throw StewardException.invalid(Map.of("emforwarding", List.of("emforwarding is required (an empty list removes every alias)")));
        }
        return changed("emforwarding", forwards(domains.setEmailForwards(actor(call), call.pathId("id"), map)));
    }

    private static List<Map<String, Object>> forwards(Map<String, String> m) {
        var out = new ArrayList<Map<String, Object>>();
        m.forEach((from, to) -> out.add(obj("from", from, "to", to)));
        return out;
    }

    // DNS records and URL forwarding (through the DNS feature)

    private static final List<String> DNS_UPDATED = List.of("DNS Management updated successfully");

    public Object dnsRecords(Call call) {
        Domain d = domains.get(actor(call), call.pathId("id"), "dns");
        return obj("records", dns.records(d).stream().map(r -> record(r, d.name())).toList());
    }

    static Map<String, Object> record(io.steward.dns.DnsRecord r, String domain) {
        return obj("id", r.id(), "name", DomainDns.relative(r.name(), domain), "ttl", r.ttl(), "priority", r.priority(), "type", r.type(),
                "content", r.content());
    }

    private static io.steward.dns.RecordInput recordInput(Params p, boolean update) {
        // As the DNS zone endpoints read a record (SRV content as an array too); a new record defaults to the apex.
        return io.steward.dns.RecordInput.from(p, update ? null : "@");
    }

    private static int number(String s, String field) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw StewardException.invalid(Map.of(field, List.of(field + " must be a whole number")));
        }
    }

    public Object addDnsRecord(Call call) {
        Domain d = domains.get(actor(call), call.pathId("id"), "dns");
        var r = dns.add(d, recordInput(call.params(), false));
        return obj("success", true, "info", DNS_UPDATED, "record", record(r, d.name()));
    }

    public Object updateDnsRecord(Call call) {
        Domain d = domains.get(actor(call), call.pathId("id"), "dns");
        var r = dns.update(d, call.pathId("index"), recordInput(call.params(), true));
        return obj("success", true, "info", DNS_UPDATED, "record", record(r, d.name()));
    }

    public Object deleteDnsRecord(Call call) {
        Domain d = domains.get(actor(call), call.pathId("id"), "dns");
        dns.delete(d, call.pathId("index"));
        return obj("success", true, "info", DNS_UPDATED);
    }

    public Object dnsTypes(Call call) {
        domains.get(actor(call), call.pathId("id"), "dns");
        return obj("types", dns.types());
    }

    /** {@code PUT /domain/@id/forwarding}: {@code url} (empty removes), {@code type} URL or FRAME, {@code status} 301/302, {@code name}. */
    public Object setForwarding(Call call) {
        Params p = call.params();
        Domain d = domains.get(actor(call), call.pathId("id"), "forwarding");
        int status = p.string("status").filter(s -> !s.isBlank()).map(s -> number(s, "status")).orElse(301);
        var r = dns.forwarding(d, p.string("name").orElse(null), p.string("type").orElse(null),
                p.string("url").or(() -> p.string("target")).orElse(null), status);
        return changed("forwarding", r.map(x -> record(x, d.name())).orElse(null));
    }

    // DNSSEC

    public Object dnssecFlags(Call call) {
        domains.get(actor(call), call.pathId("id"), "dnssec");
        var flags = new LinkedHashMap<String, Object>();
        DomainService.FLAGS.forEach((k, v) -> flags.put(String.valueOf(k), v));
        var algs = new LinkedHashMap<String, Object>();
        DomainService.ALGORITHMS.forEach((k, v) -> algs.put(String.valueOf(k), v));
        var digests = new LinkedHashMap<String, Object>();
        DomainService.DIGEST_TYPES.forEach((k, v) -> digests.put(String.valueOf(k), v));
        return obj("flags", flags, "algorithms", algs, "digest_types", digests);
    }

    public Object dnssec(Call call) {
        return obj("keys", domains.dsRecords(actor(call), call.pathId("id")).stream().map(DomainClientHandlers::ds).toList());
    }

    public Object addDnssec(Call call) {
        Params p = call.params();
        DsRecord ds = domains.addDs(actor(call), call.pathId("id"), p.string("keytag").or(() -> p.string("key_tag")).orElse(null),
                p.string("alg").or(() -> p.string("algorithm")).orElse(null), p.string("digest_type").orElse(null),
                p.string("digest").orElse(null), p.string("flags").orElse(null));
        return changed("key", ds(ds));
    }

    public Object deleteDnssec(Call call) {
        domains.removeDs(actor(call), call.pathId("id"), call.pathParam("key"));
        return changed();
    }

    static Map<String, Object> ds(DsRecord d) {
        return obj("key", d.key(), "keytag", String.valueOf(d.keyTag()), "alg", String.valueOf(d.algorithm()),
                "digest_type", String.valueOf(d.digestType()), "digest", d.digest(), "flags", String.valueOf(d.flags()));
    }

    // Buying

    public Object lookup(Call call) {
        Actor a = actor(call);
        String name = call.params().string("name").filter(s -> !s.isBlank())
                .orElseThrow(() -> StewardException.invalid(Map.of("name", List.of("Domain name is required"))));
        var l = ordering.lookup(name, currencyOf.apply(a.clientId()));
        return obj("available", l.available(), "name", l.name(), "premium", l.premium(),
                "periods", l.prices().stream().map(p -> period(l.tld(), p, true)).toList());
    }

    private static Map<String, Object> period(Tld t, Tld.Price p, boolean withId) {
        var m = new LinkedHashMap<String, Object>();
        if (withId) m.put("id", String.valueOf(t.id()));
        m.put("period", String.valueOf(p.period()));
        m.put("register", Money.format(p.register(), p.currency()));
        m.put("transfer", Money.format(p.transfer(), p.currency()));
        m.put("renew", Money.format(p.renew(), p.currency()));
        m.put("redemption", Money.format(p.redemption(), p.currency()));
        return m;
    }

    public Object tlds(Call call) {
        String currency = currencyOf.apply(actor(call).clientId());
        return obj("tlds", tlds.offered().stream().filter(t -> !t.prices(currency).isEmpty())
                .map(t -> obj("id", String.valueOf(t.id()), "tld", t.name(), "periods", t.prices(currency).stream().map(p -> period(t, p, false)).toList()))
                .toList());
    }

    public Object form(Call call) {
        return obj("forms", tlds.offered(call.pathId("id")).forms());
    }

    /** {@code POST /domain/order}: one domain item through the order feature (one order, one invoice). */
    public Object order(Call call) {
        Actor a = actor(call);
        ObjectNode params = call.params().tree().deepCopy();
        params.put("type", "domain");
        return placed(a, params);
    }

    /** {@code POST /domain/@id/renew}: a renewal order of the domain. */
    public Object renew(Call call) {
        Actor a = actor(call);
        Domain d = domains.get(a, call.pathId("id"), "renew");
        ObjectNode params = call.params().tree().deepCopy();
        params.put("type", "domain").put("action", "renew").put("domain_id", d.id());
        return placed(a, params);
    }

    private Object placed(Actor a, ObjectNode params) {
        // pay_method, promocode and aff_id as every order endpoint reads them.
        var request = OrderRequest.oneItem("domain", params);
        var placed = orders.place(a.clientId(), request, a.isHolder() ? "client" : "contact:" + a.contactId());
        var item = placed.order().items().get(0);
        var evaluated = placed.quote().valid().get(0).domain();
        return obj("order_num", placed.order().orderNum(), "invoice_id", String.valueOf(placed.invoice().id()),
                "total", Money.format(placed.invoice().invoice().total(), placed.order().currency()),
                "items", obj("id", String.valueOf(item.domainId()), "type", evaluated.lineType(), "name", evaluated.name(),
                        "product_id", String.valueOf(item.productId())));
    }

    static String json(Object o) {
        return Json.text(o);
    }
}
