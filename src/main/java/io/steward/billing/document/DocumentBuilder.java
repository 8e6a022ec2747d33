package io.steward.billing.document;

import io.steward.billing.ClientSnapshot;
import io.steward.billing.CreditNote;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.billing.InvoiceLine;
import io.steward.billing.document.InvoiceDocument.Kind;
import io.steward.billing.document.InvoiceDocument.Line;
import io.steward.billing.document.InvoiceDocument.Party;
import io.steward.billing.document.InvoiceDocument.Payment;
import io.steward.billing.document.InvoiceDocument.Totals;
import io.steward.billing.document.InvoiceDocument.VatBreakdown;
import io.steward.billing.document.InvoiceDocument.VatCategory;
import io.steward.core.Money;
import io.steward.core.VatNumbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link InvoiceDocument}s from what billing stored: a pure function of the invoice, the
 * buyer snapshot it keeps, the seller profile in force at issue and the language.
 *
 * <p>Steward computes tax per invoice (one rate, possibly two levels) and records only that the
 * invoice was exempt, not why, so the VAT category is derived from the parties as the tax feature
 * decided it: tax charged on a taxed line is {@code S}; an exempt invoice to a business with a
 * VAT number in another member state than an EU seller is reverse-charged ({@code AE}); no tax to
 * a buyer outside the EU of an EU seller is {@code O} (services whose place of supply is outside
 * the EU — art. 44 and 59 of the VAT Directive); anything else untaxed is {@code E} (exempt, with
 * the reason). {@code O} is never mixed with other categories (EN 16931 BR-O-11…14): when one line
 * carries VAT, the untaxed ones are {@code E}.
 */
final class DocumentBuilder {
    static final String VATEX_REVERSE_CHARGE = "VATEX-EU-AE";
    static final String VATEX_NOT_SUBJECT = "VATEX-EU-O";

    private DocumentBuilder() {}

    /** The invoice as issued. {@code instructions}: the chosen gateway's payment instructions, or empty. */
    static InvoiceDocument invoice(InvoiceDetail d, SellerProfile seller, String language, String instructions) {
        Invoice inv = d.invoice();
        Labels labels = Labels.of(language);
        ClientSnapshot buyerSnapshot = ClientSnapshot.parse(inv.clientSnapshot());
        Party buyer = buyer(buyerSnapshot);
        Situation s = situation(inv, d.lines(), seller, buyer);
        var lines = new ArrayList<Line>();
        int position = 1;
        for (InvoiceLine l : d.lines()) {
            VatCategory c = s.category(l.taxed());
            BigDecimal rate = c == VatCategory.S ? s.rate() : BigDecimal.ZERO;
            lines.add(new Line(position++, l.description(), l.qty(), l.amount(), l.linetotal(), c, rate,
                    Money.percentOf(l.linetotal(), rate, inv.currency()),
                    l.periodStart() != null ? l.periodStart() : inv.date(), l.periodEnd() != null ? l.periodEnd() : inv.date()));
        }
        // The VAT due is the invoice's own (rounded once per invoice), not a sum of line shares.
        List<VatBreakdown> vat = breakdown(lines, inv.tax().add(inv.tax2()), inv.currency(), labels);
        BigDecimal net = Money.sum(lines.stream().map(Line::netAmount).toList());
        BigDecimal tax = Money.sum(vat.stream().map(VatBreakdown::taxAmount).toList());
        BigDecimal paid = inv.credit().add(inv.amountPaid()).subtract(inv.refunded());
        var totals = new Totals(net, tax, net.add(tax), paid.max(BigDecimal.ZERO.setScale(paid.scale())), inv.due());
        var fmt = new Formats(labels.locale());
        String terms = inv.open() ? labels.format("payment_terms", fmt.money(inv.due(), inv.currency()), fmt.date(inv.dueDate()), inv.number())
                : inv.status().equals(Invoice.PAID) ? labels.get("paid_in_full") : "";
        var payment = new Payment(terms, seller.iban().isEmpty() ? "1" : "58", seller.iban(), seller.bic(), seller.bankName(), inv.number(),
                instructions == null ? "" : instructions);
        return new InvoiceDocument(Kind.INVOICE, inv.id(), inv.number(), inv.date(), inv.dueDate(), inv.currency(), labels.language(),
                null, seller(seller), buyer, lines, vat, totals, payment, notes(vat, inv.notes(), labels));
    }

    /**
     * A credit note: the refund of part or all of an invoice. A refund of the whole invoice
     * repeats its lines; a part is spread over the invoice's VAT groups in proportion to their
     * gross amounts (rounded once per group, the last group taking the remainder), one line each.
     */
    static InvoiceDocument creditNote(InvoiceDetail d, CreditNote note, SellerProfile seller, String language) {
        InvoiceDocument original = invoice(d, seller, language, "");
        Labels labels = Labels.of(language);
        Invoice inv = d.invoice();
        String cur = inv.currency();
        List<Line> lines;
        List<VatBreakdown> vat;
        if (note.amount().compareTo(original.totals().gross()) == 0) {
            lines = original.lines();
            vat = original.vat();
        } else {
            lines = new ArrayList<>();
            var shares = new ArrayList<VatBreakdown>();
            BigDecimal gross = original.totals().gross();
            BigDecimal left = note.amount();
            List<VatBreakdown> groups = original.vat().stream().filter(g -> g.taxableAmount().add(g.taxAmount()).signum() != 0).toList();
            for (int i = 0; i < groups.size(); i++) {
                VatBreakdown g = groups.get(i);
                BigDecimal groupGross = g.taxableAmount().add(g.taxAmount());
                BigDecimal share = i == groups.size() - 1 ? left
                        : Money.round(note.amount().multiply(groupGross).divide(gross, 10, RoundingMode.HALF_UP), cur);
                left = left.subtract(share);
                BigDecimal net = Money.round(share.multiply(g.taxableAmount()).divide(groupGross, 10, RoundingMode.HALF_UP), cur);
                BigDecimal tax = share.subtract(net);
                String text = labels.format("refund_of", inv.number()) + (note.reason().isBlank() ? "" : ": " + note.reason());
                lines.add(new Line(i + 1, text, BigDecimal.ONE, net, net, g.category(), g.rate(), tax, note.date(), note.date()));
                shares.add(new VatBreakdown(g.category(), g.rate(), net, tax, g.exemptionReason(), g.exemptionCode()));
            }
            vat = shares;
        }
        BigDecimal net = Money.sum(lines.stream().map(Line::netAmount).toList());
        BigDecimal tax = Money.sum(vat.stream().map(VatBreakdown::taxAmount).toList());
        BigDecimal zero = BigDecimal.ZERO.setScale(Money.scale(cur));
        var totals = new Totals(net, tax, net.add(tax), note.amount(), zero);
        String settled = labels.get(note.method().equals(CreditNote.CREDIT) ? "credited_to_account" : "refunded_externally");
        var payment = new Payment(settled, original.payment().meansCode(), "", "", "", note.number(), "");
        return new InvoiceDocument(Kind.CREDIT_NOTE, note.id(), note.number(), note.date(), note.date(), cur, labels.language(),
                new InvoiceDocument.Reference(inv.number(), inv.date()), original.seller(), original.buyer(), lines, vat, totals, payment,
                notes(vat, note.reason(), labels));
    }

    /** How the invoice was taxed, read back from what was stored (see the class comment). */
    private record Situation(boolean standard, BigDecimal rate, VatCategory untaxed) {
        VatCategory category(boolean taxedLine) {
            return standard && taxedLine ? VatCategory.S : untaxed;
        }
    }

    private static Situation situation(Invoice inv, List<InvoiceLine> lines, SellerProfile seller, Party buyer) {
        BigDecimal rate = inv.taxRate().add(inv.taxRate2()).stripTrailingZeros();
        if (rate.scale() < 0) rate = rate.setScale(0);
        boolean standard = !inv.taxExempt() && rate.signum() > 0 && lines.stream().anyMatch(InvoiceLine::taxed);
        if (standard) return new Situation(true, rate, VatCategory.E);
        boolean sellerEu = VatNumbers.isEu(seller.country());
        String buyerCountry = buyer.country();
        boolean buyerOutsideEu = sellerEu && !buyerCountry.isEmpty() && !VatNumbers.isEu(buyerCountry);
        boolean reverseCharge = inv.taxExempt() && sellerEu && VatNumbers.isEu(buyerCountry)
                && !buyerCountry.equalsIgnoreCase(seller.country()) && !buyer.vatNumber().isEmpty();
        if (reverseCharge) return new Situation(false, BigDecimal.ZERO, VatCategory.AE);
        if (buyerOutsideEu) return new Situation(false, BigDecimal.ZERO, VatCategory.O);
        return new Situation(false, BigDecimal.ZERO, VatCategory.E);
    }

    /** One group per category and rate, in the order the lines first use them. */
    private static List<VatBreakdown> breakdown(List<Line> lines, BigDecimal standardTax, String currency, Labels labels) {
        var groups = new LinkedHashMap<String, List<Line>>();
        for (Line l : lines) groups.computeIfAbsent(l.category() + "/" + l.vatRate().toPlainString(), k -> new ArrayList<>()).add(l);
        var out = new ArrayList<VatBreakdown>();
        BigDecimal zero = BigDecimal.ZERO.setScale(Money.scale(currency));
        for (Map.Entry<String, List<Line>> e : groups.entrySet()) {
            Line first = e.getValue().get(0);
            BigDecimal taxable = Money.sum(e.getValue().stream().map(Line::netAmount).toList()).setScale(zero.scale());
            VatCategory c = first.category();
            BigDecimal tax = c == VatCategory.S ? standardTax.setScale(zero.scale()) : zero;
            String reason = switch (c) {
                case AE -> labels.get("reverse_charge");
                case O -> labels.get("not_subject");
                case E -> labels.get("exempt");
                case G -> labels.get("export");
                case S, Z -> "";
            };
            String code = switch (c) {
                case AE -> VATEX_REVERSE_CHARGE;
                case O -> VATEX_NOT_SUBJECT;
                case G -> "VATEX-EU-G";
                default -> "";
            };
            out.add(new VatBreakdown(c, first.vatRate(), taxable, tax, reason, code));
        }
        return out;
    }

    /** The reverse-charge statement (art. 226 (11a)) first, then the document's own notes. */
    private static List<String> notes(List<VatBreakdown> vat, String own, Labels labels) {
        var out = new ArrayList<String>();
        if (vat.stream().anyMatch(v -> v.category() == VatCategory.AE)) out.add(labels.get("reverse_charge"));
        if (vat.stream().anyMatch(v -> v.category() == VatCategory.O)) out.add(labels.get("not_subject"));
        if (own != null && !own.isBlank()) out.add(own.strip());
        return out;
    }

    static Party seller(SellerProfile s) {
        return new Party(s.legalName(), "", nonEmpty(s.address1(), s.address2()), s.postcode(), s.city(), "", s.country(),
                s.vatNumber(), s.registrationNumber(), s.register(), s.email(), s.phone(), s.peppolId(), s.peppolScheme());
    }

    static Party buyer(ClientSnapshot c) {
        String name = (c.firstname() + " " + c.lastname()).strip();
        return new Party(name, c.companyname().strip(), nonEmpty(c.address1(), c.address2()), c.postcode(), c.city(), c.state(),
                c.country().toUpperCase(java.util.Locale.ROOT), c.vatNumber(), "", "", c.email(), c.phonenumber(), "", "");
    }

    private static List<String> nonEmpty(String... parts) {
        var out = new ArrayList<String>();
        for (String p : parts) if (p != null && !p.isBlank()) out.add(p.strip());
        return out;
    }
}
