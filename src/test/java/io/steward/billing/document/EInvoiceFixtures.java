package io.steward.billing.document;

import io.steward.billing.document.InvoiceDocument.Kind;
import io.steward.billing.document.InvoiceDocument.Line;
import io.steward.billing.document.InvoiceDocument.Party;
import io.steward.billing.document.InvoiceDocument.Payment;
import io.steward.billing.document.InvoiceDocument.Reference;
import io.steward.billing.document.InvoiceDocument.Totals;
import io.steward.billing.document.InvoiceDocument.VatBreakdown;
import io.steward.billing.document.InvoiceDocument.VatCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Invoice documents of the four cases EU invoicing distinguishes, made by hand with the amounts worked out below. */
final class EInvoiceFixtures {
    static final LocalDate ISSUED = LocalDate.of(2026, 12, 1);
    static final LocalDate DUE = LocalDate.of(2026, 12, 15);

    private EInvoiceFixtures() {}

    static Party seller() {
        return new Party("Steward Hosting B.V.", "", List.of("Keizersgracht 100"), "1015 AA", "Amsterdam", "", "NL",
                "NL123456789B01", "12345678", "KvK Amsterdam", "billing@steward.example", "+31 20 123 4567", "12345678", "0106");
    }

    /** A Dutch company buying from the Dutch seller: 21 % VAT (category S). 2 × 9.99 + 100.00 = 119.98 net, 25.20 VAT. */
    static InvoiceDocument domestic() {
        Party buyer = new Party("Jan de Vries", "De Vries Webdesign", List.of("Oudegracht 12", "2e verdieping"), "3511 AP", "Utrecht", "",
                "NL", "NL987654321B01", "", "", "jan@devries.example", "", "", "");
        var r21 = new BigDecimal("21");
        List<Line> lines = List.of(
                new Line(1, "Shared hosting Ł (monthly)", new BigDecimal("2"), new BigDecimal("9.99"), new BigDecimal("19.98"), VatCategory.S, r21,
                        new BigDecimal("4.20"), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)),
                new Line(2, "Setup", BigDecimal.ONE, new BigDecimal("100.00"), new BigDecimal("100.00"), VatCategory.S, r21,
                        new BigDecimal("21.00"), ISSUED, ISSUED));
        var vat = List.of(new VatBreakdown(VatCategory.S, r21, new BigDecimal("119.98"), new BigDecimal("25.20"), "", ""));
        return new InvoiceDocument(Kind.INVOICE, 1, "2026/12/1", ISSUED, DUE, "EUR", "nl", null, seller(), buyer, lines, vat,
                new Totals(new BigDecimal("119.98"), new BigDecimal("25.20"), new BigDecimal("145.18"), new BigDecimal("0.00"), new BigDecimal("145.18")),
                transfer("2026/12/1"), List.of());
    }

    /** A German business with a VAT number: the customer accounts for the VAT (category AE, VATEX-EU-AE). */
    static InvoiceDocument reverseCharge() {
        Party buyer = new Party("Łukasz Żółć", "Müller Server GmbH", List.of("Friedrichstraße 10"), "10117", "Berlin", "",
                "DE", "DE123456789", "", "", "it@mueller.example", "", "", "");
        List<Line> lines = List.of(new Line(1, "VPS L (annual)", BigDecimal.ONE, new BigDecimal("240.00"), new BigDecimal("240.00"),
                VatCategory.AE, BigDecimal.ZERO, new BigDecimal("0.00"), LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30)));
        var vat = List.of(new VatBreakdown(VatCategory.AE, BigDecimal.ZERO, new BigDecimal("240.00"), new BigDecimal("0.00"),
                "Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC)", "VATEX-EU-AE"));
        return new InvoiceDocument(Kind.INVOICE, 2, "2026/12/2", ISSUED, DUE, "EUR", "de", null, seller(), buyer, lines, vat,
                new Totals(new BigDecimal("240.00"), new BigDecimal("0.00"), new BigDecimal("240.00"), new BigDecimal("40.00"), new BigDecimal("200.00")),
                transfer("2026/12/2"), List.of("Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC)"));
    }

    /** A client in the United States: services supplied outside the EU are not subject to EU VAT (category O). */
    static InvoiceDocument export() {
        Party buyer = new Party("Ada Example", "", List.of("1 Market Street"), "94105", "San Francisco", "CA", "US", "", "", "",
                "ada@example.com", "", "", "");
        List<Line> lines = List.of(new Line(1, "Dedicated server\nApril rack fee", new BigDecimal("3"), new BigDecimal("33.333"),
                new BigDecimal("100.00"), VatCategory.O, BigDecimal.ZERO, new BigDecimal("0.00"), LocalDate.of(2026, 12, 1), LocalDate.of(2027, 2, 28)));
        var vat = List.of(new VatBreakdown(VatCategory.O, BigDecimal.ZERO, new BigDecimal("100.00"), new BigDecimal("0.00"),
                "Not subject to VAT: place of supply outside the EU", "VATEX-EU-O"));
        return new InvoiceDocument(Kind.INVOICE, 3, "2026/12/3", ISSUED, DUE, "USD", "en", null, seller(), buyer, lines, vat,
                new Totals(new BigDecimal("100.00"), new BigDecimal("0.00"), new BigDecimal("100.00"), new BigDecimal("0.00"), new BigDecimal("100.00")),
                transfer("2026/12/3"), List.of("Not subject to VAT: place of supply outside the EU"));
    }

    /** The export invoice to a US business known in Peppol (participant id 0060 = its DUNS number). */
    static InvoiceDocument exportToPeppolParticipant() {
        InvoiceDocument d = export();
        var b = d.buyer();
        var buyer = new Party(b.name(), "Example Corp", b.addressLines(), b.postcode(), b.city(), b.region(), b.country(), "", "", "",
                b.email(), b.phone(), "123456789", "0060");
        return new InvoiceDocument(d.kind(), d.sourceId(), d.number(), d.issueDate(), d.dueDate(), d.currency(), d.language(), d.corrects(),
                d.seller(), buyer, d.lines(), d.vat(), d.totals(), d.payment(), d.notes());
    }

    /** A credit note refunding the domestic invoice's setup line (100.00 + 21.00 VAT) to the account credit. */
    static InvoiceDocument creditNote() {
        InvoiceDocument inv = domestic();
        var r21 = new BigDecimal("21");
        LocalDate on = LocalDate.of(2026, 12, 5);
        List<Line> lines = List.of(new Line(1, "Refund of invoice 2026/12/1: setup not needed", BigDecimal.ONE, new BigDecimal("100.00"),
                new BigDecimal("100.00"), VatCategory.S, r21, new BigDecimal("21.00"), on, on));
        var vat = List.of(new VatBreakdown(VatCategory.S, r21, new BigDecimal("100.00"), new BigDecimal("21.00"), "", ""));
        return new InvoiceDocument(Kind.CREDIT_NOTE, 7, "CN-2026-1", on, on, "EUR", "nl", new Reference("2026/12/1", ISSUED), inv.seller(),
                inv.buyer(), lines, vat,
                new Totals(new BigDecimal("100.00"), new BigDecimal("21.00"), new BigDecimal("121.00"), new BigDecimal("121.00"), new BigDecimal("0.00")),
                new Payment("Credited to your account", "58", "", "", "", "CN-2026-1", ""), List.of("setup not needed"));
    }

    private static Payment transfer(String number) {
        return new Payment("Please pay by " + DUE + " quoting " + number, "58", "NL91ABNA0417164300", "ABNANL2A", "ABN AMRO", number, "");
    }
}
