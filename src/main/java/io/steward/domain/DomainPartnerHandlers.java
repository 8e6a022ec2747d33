package io.steward.domain;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.account.Actor;
import io.steward.account.Privileges;
import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Validation;
import io.steward.dns.DnsRecord;
import io.steward.dns.RecordInput;
import io.steward.order.OrderRequest;
import io.steward.order.OrderService;
import io.steward.partner.PartnerCaller;
import io.steward.partner.PartnerInvoices;
import io.steward.partner.PartnerReplies;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The partner API's {@code domains/...} handlers (reference 000): a partner registers and lists the
 * domains of its own account and its end clients, and manages their DNS records (through the DNS
 * feature, the same zones Steward's DNS server answers) and nameservers (through the registrar).
 * A domain of anyone else is 404. Routes are in {@code partner.api.PartnerApi}.
 */
public final class DomainPartnerHandlers {
    /** Types the reference lists; those Steward's DNS server does not serve are refused with 422. */
    static final List<String> REFERENCE_TYPES = List.of("SOA", "A", "AAAA", "CNAME", "ANAME", "MX", "TXT", "SRV", "CAA", "NS", "DS", "LUA", "ALIAS");
    private static final Set<String> WRITABLE = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "NS");
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DomainService domains;
    private final DomainOrdering ordering;
    private final OrderService orders;
    private final DomainDns dns;
    private final PartnerInvoices invoices;
    private final java.util.function.LongFunction<String> currencies;

    DomainPartnerHandlers(DomainService domains, DomainOrdering ordering, OrderService orders, DomainDns dns, PartnerInvoices invoices,
                          java.util.function.LongFunction<String> currencies) {
        this.currencies = currencies;
        this.domains = domains;
        this.ordering = ordering;
        this.orders = orders;
        this.dns = dns;
        this.invoices = invoices;
    }

    private static PartnerCaller caller(Call call) {
        return call.get(PartnerCaller.class);
    }

    /** The owner acting, as the domain feature's checks expect: the account holder with every privilege. */
    private static Actor holder(long clientId) {
        return new Actor(clientId, null, Privileges.ALL);
    }

    private static boolean length(Validation v, String field, String value, int min, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) v.add(field, "The " + field.replace('_', ' ') + " field is required.");
            return false;
        }
        if (value.length() < min || value.length() > max) {
            v.add(field, "The " + field.replace('_', ' ') + " must be between " + min + " and " + max + " characters.");
            return false;
        }
        return true;
    }

    private static Integer integer(Validation v, Params p, String field, int min, int max, boolean required) {
        String s = p.string(field).map(String::trim).orElse("");
        if (s.isEmpty()) {
            if (required) v.add(field, "The " + field.replace('_', ' ') + " field is required.");
            return null;
        }
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                v.add(field, "The " + field.replace('_', ' ') + " must be between " + min + " and " + max + ".");
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            v.add(field, "The " + field.replace('_', ' ') + " must be an integer.");
            return null;
        }
    }

    /** The live domain of that name of the caller or its end clients; 404 otherwise. */
    private Domain domain(PartnerCaller caller, String rawName) {
        String name = DomainNames.normalise(rawName).orElseThrow(() -> StewardException.notFound("Domain not found"));
        return domains.search(null, null, name).stream()
                .filter(d -> d.name().equals(name) && Domain.LIVE.contains(d.status()) && caller.owns(d.clientId()))
                .findFirst().orElseThrow(() -> StewardException.notFound("Domain not found"));
    }

    // Buying

    /** {@code POST domains/register}: one domain order for the client (or the partner itself), invoiced to the partner. */
    public Object register(Call call) {
        PartnerCaller caller = caller(call);
        Params p = call.params();
        var v = new Validation();
        String name = p.string("name").orElse(null);
        length(v, "name", name, 3, 100, true);
        Integer period = integer(v, p, "period", 1, 10, true);
        String action = p.string("action").orElse(null);
        if (length(v, "action", action, 1, 20, true) && !action.equals("register") && !action.equals("transfer")) {
            v.add("action", "The action must be register or transfer.");
        }
        String epp = p.string("epp_code").orElse(null);
        length(v, "epp_code", epp, 3, 100, "transfer".equals(action));
        var ns = new ArrayList<String>();
        for (String f : List.of("ns1", "ns2", "ns3", "ns4")) {
            String s = p.string(f).orElse(null);
            if (length(v, f, s, 5, 100, false)) ns.add(s.trim());
        }
        Long clientId = p.id("client_id").orElse(null);
        v.throwIfAny();
        long owner = caller.clientFor(clientId);
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("name", name.trim()).put("years", period).put("action", action);
        if (epp != null) params.put("epp", epp);
        var list = params.putArray("nameservers");
        ns.forEach(list::add);
        var placed = orders.place(owner, OrderRequest.oneItem("domain", params), "partner:" + caller.partner().id(), 
                new OrderService.BillTo(caller.billedClientId(), caller.partner().discountPercent(), PartnerInvoices.discountLabel(caller.partner())));
        invoices.settle(caller, placed.invoice().id());
        long domainId = placed.order().items().get(0).domainId();
        return PartnerReplies.created("Registered successfully", obj("order_id", placed.order().id(), "domain_id", String.valueOf(domainId)));
    }

    /** {@code POST domains/check-domain}. */
    public Object check(Call call) {
        var v = new Validation();
        String name = call.params().string("name").orElse(null);
        length(v, "name", name, 3, 100, true);
        v.throwIfAny();
        var l = ordering.lookup(name, currencyOf(caller(call)));
        return obj("success", true, "available", l.available(),
                "message", l.available() ? l.name() + " is available to register!" : l.name() + " is not available to register: " + l.reason());
    }

    private String currencyOf(PartnerCaller caller) {
        return currencies.apply(caller.billedClientId());
    }

    /** {@code GET domains/list}: the partner's and its end clients' domains. */
    public Object list(Call call) {
        var today = domains.today();
        var out = new ArrayList<Map<String, Object>>();
        for (long clientId : caller(call).clientIds()) {
            for (Domain d : domains.list(holder(clientId))) out.add(listed(d, today));
        }
        return obj("data", out);
    }

    private static Map<String, Object> listed(Domain d, java.time.LocalDate today) {
        long days = d.expires() == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(today, d.expires()));
        boolean expired = d.expires() != null && !d.expires().isAfter(today);
        boolean cancelled = Domain.CANCELLED.equals(d.status());
        return obj("id", String.valueOf(d.id()), "domain", d.name(), "domain_name", d.name(), "client_id", String.valueOf(d.clientId()),
                "expire_date", d.expires() == null ? null : d.expires().toString(), "expired", expired, "days_valid", days,
                "status", d.status(), "cancelled_but_not_expired", cancelled && !expired,
                "expiring_within_60_days", !expired && d.expires() != null && days <= 60,
                "expired_less_than_180_days_ago", expired && ChronoUnit.DAYS.between(d.expires(), today) < 180,
                "auto_renew", d.autorenew(), "registration_date", d.dateCreated() == null ? null : DMY.format(d.dateCreated()),
                "registered_to", d.expires() == null ? null : DMY.format(d.expires()), "registration_period", String.valueOf(d.period()),
                "price", Money.format(d.recurringAmount(), d.currency()));
    }

    // DNS records

    /** {@code GET domains/{domain}/records}: the zone's records grouped by type, in the reference's shape. */
    public Object records(Call call) {
        Domain d = domain(caller(call), call.pathParam("domain"));
        List<DnsRecord> records = dns.allRecords(d);
        return PartnerZoneShape.zone(d.name(), dns.zoneOf(d).orElse(null), records);
    }

    private RecordInput recordInput(Params p, Validation v) {
        String type = p.string("record_type_name").map(s -> s.trim().toUpperCase(Locale.ROOT)).orElse(null);
        if (length(v, "record_type_name", type, 1, 10, true)) {
            if (!REFERENCE_TYPES.contains(type)) v.add("record_type_name", "The record type name must be one of " + String.join(",", REFERENCE_TYPES) + ".");
            else if (!WRITABLE.contains(type)) v.add("record_type_name", "Records of type " + type + " are not served by this DNS service.");
        }
        String name = p.string("record_name").orElse(null);
        length(v, "record_name", name, 1, 100, true);
        String data = p.string("record_data").orElse(null);
        length(v, "record_data", data, 1, 100, true);
        Integer priority = integer(v, p, "priority", 1, 1000, true);
        p.string("fallback_ip").filter(s -> !s.isBlank()).ifPresent(ip -> {
            if (!DomainNames.isAddress(ip.trim())) v.add("fallback_ip", "The fallback ip must be a valid IP address.");
        });
        if (v.hasErrors()) return null;
        boolean prioritised = type.equals("MX") || type.equals("SRV");
        List<String> parts = null;
        String content = data;
        if (type.equals("SRV")) {
            parts = List.of(data.trim().split("\\s+"));
            content = null;
        }
        return new RecordInput(name.trim(), type, null, prioritised ? priority : null, content, parts);
    }

    /** {@code POST domains/{domain}/record}. */
    public Object addRecord(Call call) {
        Domain d = domain(caller(call), call.pathParam("domain"));
        var v = new Validation();
        RecordInput input = recordInput(call.params(), v);
        v.throwIfAny();
        DnsRecord r = dns.add(d, input);
        return PartnerReplies.ok("The record has been added to the zone!", obj("record_id", r.id()));
    }

    /** {@code PUT domains/{domain}/record}: the record's {@code id} in the body. */
    public Object updateRecord(Call call) {
        Domain d = domain(caller(call), call.pathParam("domain"));
        var v = new Validation();
        String id = call.params().string("id").map(String::trim).orElse("");
        if (id.isEmpty()) v.add("id", "The id field is required.");
        RecordInput input = recordInput(call.params(), v);
        v.throwIfAny();
        long recordId = io.steward.core.Ids.parse(id).orElseThrow(() -> StewardException.notFound("Record not found"));
        dns.update(d, recordId, input);
        return PartnerReplies.ok("The record has been updated!", List.of());
    }

    /** {@code DELETE domains/{domain}/record/{recordId}}. */
    public Object deleteRecord(Call call) {
        Domain d = domain(caller(call), call.pathParam("domain"));
        dns.delete(d, call.pathId("recordId"));
        return PartnerReplies.ok("The record has been deleted!", List.of());
    }

    /** {@code POST domains/{domain}/change-nameservers}: ns1 and ns2 required, ns3 and ns4 optional; set at the registry. */
    public Object changeNameservers(Call call) {
        var v = new Validation();
        String path = call.pathParam("domain");
        length(v, "domain", path, 5, 100, true);
        var ns = new ArrayList<String>();
        for (String f : List.of("ns1", "ns2", "ns3", "ns4")) {
            String s = call.params().string(f).orElse(null);
            if (length(v, f, s, 5, 100, f.equals("ns1") || f.equals("ns2"))) ns.add(s.trim());
        }
        v.throwIfAny();
        Domain d = domain(caller(call), path);
        domains.setNameservers(holder(d.clientId()), d.id(), ns);
        return Reply.json(201, obj("ResultCode", 1, "ResultMessage", "Updated domain nameservers!", "Success", true));
    }
}
