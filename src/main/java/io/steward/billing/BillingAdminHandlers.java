package io.steward.billing;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.auth.AdminKeys;
import io.steward.core.ErrorCode;
import io.steward.core.Ids;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff endpoints for invoices, payments, refunds, credit, gateways and numbering series under
 * {@code /admin/api}. Ids are JSON numbers and amounts strings at the currency's scale. Routes are
 * declared in {@code admin.AdminApi}.
 */
public final class BillingAdminHandlers {
    private final BillingService billing;
    private final PaymentService payments;
    private final CreditLedger credit;
    private final Gateways gateways;
    private final NumberingSeries series;

    BillingAdminHandlers(BillingService billing, PaymentService payments, CreditLedger credit, Gateways gateways,
                         NumberingSeries series) {
        this.billing = billing;
        this.payments = payments;
        this.credit = credit;
        this.gateways = gateways;
        this.series = series;
    }

    private static String staff(Call call) {
        return "staff:" + call.get(AdminKeys.Staff.class).name();
    }

    // Invoices

    public Object listInvoices(Call call) {
        var p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        Long clientId = p.id("client_id").orElse(null);
        var result = billing.list(clientId, p.string("status").filter(s -> !s.isEmpty()).orElse(null), page, perPage);
        return obj("invoices", result.invoices().stream().map(BillingAdminHandlers::summary).toList(),
                "total", result.total(), "page", page, "perpage", perPage);
    }

    public Object getInvoice(Call call) {
        return obj("invoice", detail(invoice(call)));
    }

    private InvoiceDetail invoice(Call call) {
        return billing.invoice(call.pathId("id")).orElseThrow(() -> StewardException.notFound("Invoice not found"));
    }

    /** {@code POST /invoices}: a manual invoice; 201 with the lines skipped (by index) for already-invoiced periods. */
    public Object createInvoice(Call call) {
        var p = call.params();
        long clientId = p.id("client_id").orElseThrow(() -> Params.missing("client_id"));
        List<InvoiceDraft.Line> lines = lines(p.node("items"));
        var draft = new InvoiceDraft(clientId, p.string("currency").filter(s -> !s.isBlank()).orElse(null),
                Params.date(p.string("duedate").orElse(null), "duedate"), lines, p.string("notes").orElse(""),
                p.id("gateway_id").orElse(null), p.string("series").filter(s -> !s.isBlank()).orElse(null));
        IssueResult result = billing.issue(draft);
        if (result.invoice().isEmpty()) {
            throw StewardException.conflict("Every line bills a service period that is already invoiced");
        }
        var skipped = new ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceDraft.Line l = lines.get(i);
            if (result.skipped().stream().anyMatch(s -> s == l)) skipped.add(i);
        }
        return Reply.json(201, obj("invoice", detail(result.invoice().get()), "skipped", skipped));
    }

    public Object recordPayment(Call call) {
        var p = call.params();
        var input = new PaymentService.PaymentInput(p.id("gateway_id").orElse(null), amount(p, "amount", true),
                amount(p, "fee", false), p.string("transaction_id").orElse(null), stamp(p.string("date").orElse(null), "date"));
        return Reply.json(201, obj("invoice", detail(payments.recordPayment(call.pathId("id"), input, staff(call)))));
    }

    public Object refund(Call call) {
        var p = call.params();
        var r = payments.refund(call.pathId("id"), amount(p, "amount", false), p.string("method").orElse(CreditNote.CREDIT),
                p.string("reason").orElse(null), staff(call));
        return Reply.json(201, obj("credit_note", creditNote(r.note()), "invoice", detail(r.invoice())));
    }

    public Object cancel(Call call) {
        return obj("invoice", detail(billing.cancel(call.pathId("id"), staff(call))));
    }

    // Credit

    public Object creditLedger(Call call) {
        long clientId = call.pathId("id");
        credit.requireClient(clientId);
        var p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        var balance = credit.balance(clientId);
        var entries = credit.entries(clientId, page, perPage);
        return obj("client_id", clientId, "currency", balance.currency(), "balance", Money.format(balance.credit(), balance.currency()),
                "entries", entries.entries().stream().map(e -> entry(e, balance.currency())).toList(),
                "total", entries.total(), "page", page, "perpage", perPage);
    }

    public Object adjustCredit(Call call) {
        long clientId = call.pathId("id");
        var e = credit.adjust(clientId, amount(call.params(), "amount", true), call.params().string("reason").orElse(null), staff(call));
        var balance = credit.balance(clientId);
        return Reply.json(201, obj("entry", entry(e, balance.currency()), "balance", Money.format(balance.credit(), balance.currency())));
    }

    public Object addFunds(Call call) {
        var p = call.params();
        var d = payments.addFunds(call.pathId("id"), amount(p, "amount", true), p.id("gateway_id").orElse(null), staff(call));
        return Reply.json(201, obj("invoice", detail(d)));
    }

    // Gateways and numbering series

    public Object listGateways(Call call) {
        return obj("gateways", gateways.list(false).stream().map(BillingAdminHandlers::gateway).toList());
    }

    public Object updateGateway(Call call) {
        var p = call.params();
        var change = new Gateways.Change(p.string("name").orElse(null), p.optionalFlag("enabled").orElse(null),
                amount(p, "fixed_fee", false), amount(p, "percent_fee", false),
                p.longValue("sort_order").map(Long::intValue).orElse(null));
        return obj("gateway", gateway(gateways.update(call.pathId("id"), change)));
    }

    public Object listSeries(Call call) {
        return obj("series", series.list().stream().map(BillingAdminHandlers::series).toList());
    }

    public Object defineSeries(Call call) {
        var p = call.params();
        return obj("series", series(series.define(call.pathParam("name"), p.string("format").orElse(null),
                p.string("reset").orElse(null), p.longValue("next_number").orElse(null))));
    }

    // Shapes

    private static Map<String, Object> summary(Invoice i) {
        String c = i.currency();
        return obj("id", i.id(), "client_id", i.clientId(), "number", i.number(), "series", i.series(), "status", i.status(),
                "date", Times.date(i.date()), "duedate", Times.date(i.dueDate()),
                "datepaid", i.paidAt() == null ? null : Times.stamp(i.paidAt()), "currency", c,
                "subtotal", Money.format(i.subtotal(), c), "tax", Money.format(i.tax(), c), "taxrate", i.taxRate().toPlainString(),
                "tax2", Money.format(i.tax2(), c), "taxrate2", i.taxRate2().toPlainString(), "taxexempt", i.taxExempt(),
                "total", Money.format(i.total(), c), "credit", Money.format(i.credit(), c),
                "amount_paid", Money.format(i.amountPaid(), c), "refunded", Money.format(i.refunded(), c),
                "balance_due", Money.format(i.due(), c), "gateway_id", i.gatewayId(), "notes", i.notes(),
                "created_at", Times.stamp(i.createdAt()));
    }

    private static Map<String, Object> detail(InvoiceDetail d) {
        String c = d.invoice().currency();
        var m = summary(d.invoice());
        var snapshot = ClientSnapshot.parse(d.invoice().clientSnapshot());
        var client = BillingClientHandlers.client(snapshot);
        client.put("id", d.invoice().clientId());
        client.put("vat_number", snapshot.vatNumber());
        m.put("client", client);
        m.put("items", d.lines().stream().map(l -> obj("id", l.id(), "type", l.type(), "item_id", l.itemId(),
                "description", l.description(), "amount", Money.format(l.amount(), c), "qty", l.qty().toPlainString(),
                "taxed", l.taxed(), "linetotal", Money.format(l.linetotal(), c), "service_id", l.serviceId(),
                "period_start", l.periodStart() == null ? null : l.periodStart().toString(),
                "period_end", l.periodEnd() == null ? null : l.periodEnd().toString())).toList());
        m.put("payments", d.payments().stream().map(p -> obj("id", p.id(), "gateway_id", p.gatewayId(),
                "amount", Money.format(p.amount(), c), "fee", Money.format(p.fee(), c), "refunded", Money.format(p.refunded(), c),
                "transaction_id", p.transactionId(), "date", Times.stamp(p.paidAt()), "recorded_by", p.recordedBy())).toList());
        m.put("credit_notes", d.creditNotes().stream().map(BillingAdminHandlers::creditNote).toList());
        return m;
    }

    private static Map<String, Object> creditNote(CreditNote n) {
        return obj("id", n.id(), "invoice_id", n.invoiceId(), "number", n.number(), "series", n.series(),
                "date", Times.date(n.date()), "currency", n.currency(), "amount", Money.format(n.amount(), n.currency()),
                "method", n.method(), "reason", n.reason(), "created_by", n.createdBy());
    }

    private static Map<String, Object> entry(CreditLedger.Entry e, String currency) {
        return obj("id", e.id(), "amount", Money.format(e.amount(), currency), "balance_after", Money.format(e.balanceAfter(), currency),
                "reason", e.reason(), "invoice_id", e.invoiceId(), "created_by", e.createdBy(), "date", Times.stamp(e.createdAt()));
    }

    private static Map<String, Object> gateway(Gateway g) {
        return obj("id", g.id(), "module", g.module(), "name", g.name(), "enabled", g.enabled(),
                "fixed_fee", Sql.plain(g.fixedFee()).toPlainString(),
                "percent_fee", Sql.plain(g.percentFee()).toPlainString(), "sort_order", g.sortOrder());
    }

    private static Map<String, Object> series(NumberingSeries.Series s) {
        return obj("name", s.name(), "format", s.format(), "next_number", s.nextNumber(), "reset", s.resetEvery(),
                "period", s.periodKey());
    }

    // Parameters

    private static BigDecimal amount(Params p, String name, boolean required) {
        var text = p.string(name).filter(s -> !s.isBlank());
        if (text.isEmpty() && required) throw Params.missing(name);
        return text.map(s -> Money.parse(s, name)).orElse(null);
    }

    private static LocalDateTime stamp(String text, String field) {
        if (text == null || text.isBlank()) return null;
        try {
            return text.trim().length() == 10 ? LocalDate.parse(text.trim()).atStartOfDay()
                    : LocalDateTime.parse(text.trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw new StewardException(ErrorCode.BAD_REQUEST, List.of(field + " must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"),
                    Map.of(field, List.of("must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS")));
        }
    }

    /** Invoice lines from a JSON array or a bracket-notation form ({@code items[0][amount]=...}). */
    private static List<InvoiceDraft.Line> lines(JsonNode items) {
        if (items == null || items.isNull()) throw Params.missing("items");
        var nodes = new ArrayList<JsonNode>();
        if (items.isArray() || items.isObject()) items.elements().forEachRemaining(nodes::add);
        else throw StewardException.badRequest("items must be a list of lines");
        var out = new ArrayList<InvoiceDraft.Line>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String at = "items[" + i + "]";
            if (!n.isObject()) throw StewardException.badRequest(at + " must be an object");
            var fields = new LinkedHashMap<String, String>();
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) throw StewardException.badRequest(at + "." + e.getKey() + " must be a single value");
                if (!e.getValue().isNull()) fields.put(e.getKey(), e.getValue().asText());
            });
            if (!fields.containsKey("amount") || fields.get("amount").isBlank()) throw Params.missing(at + ".amount");
            Long serviceId = fields.containsKey("service_id") && !fields.get("service_id").isBlank()
                    ? whole(fields.get("service_id"), at + ".service_id") : null;
            long itemId = fields.containsKey("item_id") && !fields.get("item_id").isBlank()
                    ? whole(fields.get("item_id"), at + ".item_id") : serviceId == null ? 0 : serviceId;
            out.add(new InvoiceDraft.Line(fields.getOrDefault("type", "Other"), itemId, fields.get("description"),
                    Money.parse(fields.get("amount"), at + ".amount"),
                    fields.containsKey("qty") ? Money.parse(fields.get("qty"), at + ".qty") : BigDecimal.ONE,
                    Params.flag(fields.get("taxed"), at + ".taxed", true), serviceId,
                    Params.date(fields.get("period_start"), at + ".period_start"), Params.date(fields.get("period_end"), at + ".period_end")));
        }
        return out;
    }

    private static long whole(String text, String field) {
        return Ids.parseWhole(text.trim()).orElseThrow(() -> new StewardException(ErrorCode.BAD_REQUEST,
                List.of(field + " must be a whole number"), Map.of(field, List.of("must be a whole number"))));
    }
}
