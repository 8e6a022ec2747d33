package io.steward.tax;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Staff handlers for {@code /admin/api/tax-rules...} and {@code /admin/api/tax-preview}. */
public final class TaxHandlers {
    private final TaxService tax;

    public TaxHandlers(TaxService tax) {
        this.tax = tax;
    }

    public Object list(Call call) {
        return obj("tax_rules", tax.rules().stream().map(TaxHandlers::shape).toList());
    }

    public Object create(Call call) {
        return Reply.json(201, obj("tax_rule", shape(tax.create(input(call.params())))));
    }

    public Object get(Call call) {
        return obj("tax_rule", shape(tax.rule(call.pathId("id"))));
    }

    public Object update(Call call) {
        return obj("tax_rule", shape(tax.update(call.pathId("id"), input(call.params()))));
    }

    public Object delete(Call call) {
        tax.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    /** What a client would pay: the seam billing uses, for staff to try rules out. */
    public Object preview(Call call) {
        Params p = call.params();
        long clientId = p.id("client_id").orElseThrow(() -> Params.missing("client_id"));
        String currency = p.string("currency").filter(s -> !s.isBlank()).map(String::strip).orElseGet(() -> tax.clientCurrency(clientId));
        if (!io.steward.account.BillingInput.validCurrency(currency)) {
            throw StewardException.invalid(Map.of("currency", List.of("Currency must be an ISO 4217 code, e.g. USD or EUR")));
        }
        var lines = new ArrayList<TaxableLine>();
        p.string("amount").ifPresent(a -> lines.add(new TaxableLine(Money.round(Money.parse(a, "amount"), currency), true)));
        JsonNode given = p.node("lines");
        if (given != null && given.isContainerNode()) {
            for (JsonNode l : given) {
                if (!l.isObject() || !l.hasNonNull("amount")) throw StewardException.badRequest("Each line needs an amount");
                BigDecimal amount = Money.round(Money.parse(l.get("amount").asText(), "lines.amount"), currency);
                String taxed = l.path("taxed").asText("1");
                lines.add(new TaxableLine(amount, !(taxed.equals("0") || taxed.equalsIgnoreCase("false"))));
            }
        }
        if (lines.isEmpty()) {
            throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST, List.of("Missing parameter: amount or lines"),
                    Map.of("amount", List.of("is required unless lines are given")));
        }
        TaxSubject subject = tax.subject(clientId);
        TaxResult r = tax.compute(subject, currency, lines);
        return obj("tax", obj("currency", r.currency(), "base", Money.format(r.base(), currency),
                "taxrate", rate(r.taxrate()), "tax", Money.format(r.tax(), currency),
                "taxrate2", rate(r.taxrate2()), "tax2", Money.format(r.tax2(), currency),
                "total_tax", Money.format(r.total(), currency), "taxexempt", r.taxExempt(),
                "reverse_charge", r.reverseCharge(), "note", r.note(),
                "lines", r.lines().stream().map(l -> obj("level", l.level(), "name", l.name(), "rate", rate(l.rate()),
                        "compound", l.compound(), "amount", Money.format(l.amount(), currency))).toList(),
                "subject", obj("country", subject.country(), "state", subject.state(), "tax_exempt", subject.taxExempt(),
                        "vat_number_valid", subject.vatNumberValid(), "seller_country", tax.sellerCountry())));
    }

    static Map<String, Object> shape(TaxRule r) {
        return obj("id", r.id(), "level", r.level(), "name", r.name(), "rate", rate(r.rate()), "country", r.country(),
                "state", r.state(), "compound", r.compound(),
                "created_at", Times.stamp(r.createdAt()), "updated_at", Times.stamp(r.updatedAt()));
    }

    /** A percentage as plain text without trailing zeros: "21", "9.975". */
    static String rate(BigDecimal r) {
        return r.signum() == 0 ? "0" : r.stripTrailingZeros().toPlainString();
    }

    private static TaxRuleInput input(Params p) {
        return new TaxRuleInput(p.string("level").orElse(null), p.string("name").orElse(null), p.string("rate").orElse(null),
                p.string("country").orElse(null), p.string("state").orElse(null),
                p.optionalFlag("compound").orElse(null));
    }
}
