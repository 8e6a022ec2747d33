package io.steward.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.billing.CreditNote;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.billing.InvoiceLine;
import io.steward.billing.document.InvoiceDocument.VatCategory;
import io.steward.core.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The invoice document made from stored invoices: VAT categories, breakdown, totals and notes, without a database. */
class DocumentBuilderTest {
    static final SellerProfile SELLER = new SellerProfile(1, SellerProfiles.BEGINNING, "Steward Hosting B.V.", "Herengracht 100", "",
            "1015 BS", "Amsterdam", "NL", "NL123456789B01", "12345678", "Kamer van Koophandel", "NL91ABNA0417164300", "ABNANL2A",
            "ABN AMRO", "billing@steward.example", "+31 20 123 4567", "12345678", "0106");
    static final LocalDate ISSUED = LocalDate.of(2026, 3, 2);

    static String snapshot(String company, String country, String vat) {
        return Json.text(Map.ofEntries(Map.entry("id", 7), Map.entry("email", "buyer@example.com"), Map.entry("firstname", "Łukasz"),
                Map.entry("lastname", "Żółć"), Map.entry("companyname", company), Map.entry("address1", "ul. Piotrkowska 1"),
                Map.entry("address2", ""), Map.entry("city", "Łódź"), Map.entry("state", ""), Map.entry("postcode", "90-001"),
                Map.entry("country", country), Map.entry("phonenumber", ""), Map.entry("vatNumber", vat)));
    }

    static Invoice invoice(String snapshot, String status, String subtotal, String rate, String tax, boolean exempt, String paid) {
        var sub = new BigDecimal(subtotal);
        var t = new BigDecimal(tax);
        return new Invoice(11, 7, status, "invoice", "2026/03/17", ISSUED, ISSUED.plusDays(14), null, "EUR", sub,
                new BigDecimal("0.00"), new BigDecimal(paid), new BigDecimal("0.00"), t, new BigDecimal(rate), new BigDecimal("0.00"),
                new BigDecimal("0.00"), exempt, sub.add(t), null, "", snapshot, ISSUED.atTime(10, 0));
    }

    static InvoiceLine line(long id, String description, String amount, String qty, boolean taxed, LocalDate from, LocalDate to) {
        var a = new BigDecimal(amount);
        return new InvoiceLine(id, 11, "Other", 0, description, a, new BigDecimal(qty), taxed,
                a.multiply(new BigDecimal(qty)).setScale(2, java.math.RoundingMode.HALF_UP), null, from, to);
    }

    static InvoiceDetail detail(Invoice inv, InvoiceLine... lines) {
        return new InvoiceDetail(inv, List.of(lines), List.of(), List.of());
    }

    @Test
    void a_domestic_invoice_charges_the_standard_rate_and_adds_untaxed_lines_as_exempt() {
        var inv = invoice(snapshot("Hosting Klant B.V.", "NL", ""), Invoice.UNPAID, "130.00", "21", "21.00", false, "0.00");
        var doc = DocumentBuilder.invoice(detail(inv,
                line(1, "Shared hosting", "50.00", "2", true, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)),
                line(2, "Account credit", "30.00", "1", false, null, null)), SELLER, "nl", "");

        assertThat(doc.kind()).isEqualTo(InvoiceDocument.Kind.INVOICE);
        assertThat(doc.language()).isEqualTo("nl");
        assertThat(doc.lines()).extracting(InvoiceDocument.Line::category).containsExactly(VatCategory.S, VatCategory.E);
        assertThat(doc.lines().get(0).vatRate()).isEqualByComparingTo("21");
        assertThat(doc.lines().get(0).vatAmount()).isEqualTo(new BigDecimal("21.00"));
        assertThat(doc.lines().get(0).periodStart()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(doc.lines().get(1).periodStart()).as("no period: supplied on the issue date").isEqualTo(ISSUED);
        assertThat(doc.vat()).hasSize(2);
        var standard = doc.vat().get(0);
        assertThat(standard.category()).isEqualTo(VatCategory.S);
        assertThat(standard.taxableAmount()).isEqualTo(new BigDecimal("100.00"));
        assertThat(standard.taxAmount()).isEqualTo(new BigDecimal("21.00"));
        assertThat(standard.exemptionReason()).isEmpty();
        var exempt = doc.vat().get(1);
        assertThat(exempt.category()).isEqualTo(VatCategory.E);
        assertThat(exempt.taxAmount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(exempt.exemptionReason()).isEqualTo("Vrijgesteld van btw.");
        assertThat(doc.totals().net()).isEqualTo(new BigDecimal("130.00"));
        assertThat(doc.totals().vat()).isEqualTo(new BigDecimal("21.00"));
        assertThat(doc.totals().gross()).isEqualTo(new BigDecimal("151.00"));
        assertThat(doc.totals().due()).isEqualTo(new BigDecimal("151.00"));
        assertThat(doc.seller().vatNumber()).isEqualTo("NL123456789B01");
        assertThat(doc.buyer().company()).isEqualTo("Hosting Klant B.V.");
        assertThat(doc.buyer().name()).isEqualTo("Łukasz Żółć");
        assertThat(doc.payment().iban()).isEqualTo("NL91ABNA0417164300");
        assertThat(doc.payment().meansCode()).isEqualTo("58");
        assertThat(doc.payment().terms()).contains("2026/03/17").contains("151,00");
        assertThat(doc.notes()).isEmpty();
    }

    @Test
    void an_intra_eu_business_with_a_vat_number_is_reverse_charged_with_the_statement() {
        var inv = invoice(snapshot("Firma GmbH", "DE", "DE123456789"), Invoice.PAID, "99.99", "0", "0.00", true, "99.99");
        var doc = DocumentBuilder.invoice(detail(inv, line(1, "VPS", "99.99", "1", true, null, null)), SELLER, "de", "");

        assertThat(doc.lines()).extracting(InvoiceDocument.Line::category).containsExactly(VatCategory.AE);
        assertThat(doc.lines().get(0).vatAmount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(doc.vat()).singleElement().satisfies(v -> {
            assertThat(v.category()).isEqualTo(VatCategory.AE);
            assertThat(v.taxableAmount()).isEqualTo(new BigDecimal("99.99"));
            assertThat(v.taxAmount()).isEqualTo(new BigDecimal("0.00"));
            assertThat(v.exemptionCode()).isEqualTo("VATEX-EU-AE");
            assertThat(v.exemptionReason()).contains("Steuerschuldnerschaft des Leistungsempfängers");
        });
        assertThat(doc.notes()).singleElement().asString().contains("Art. 196");
        assertThat(doc.buyer().vatNumber()).isEqualTo("DE123456789");
        assertThat(doc.totals().gross()).isEqualTo(new BigDecimal("99.99"));
        assertThat(doc.totals().paid()).isEqualTo(new BigDecimal("99.99"));
        assertThat(doc.totals().due()).isEqualTo(new BigDecimal("0.00"));
        assertThat(doc.payment().terms()).isEqualTo("Diese Rechnung ist bezahlt.");
    }

    @Test
    void a_buyer_outside_the_eu_is_not_subject_to_eu_vat() {
        var inv = invoice(snapshot("", "US", ""), Invoice.UNPAID, "10.00", "0", "0.00", false, "0.00");
        var doc = DocumentBuilder.invoice(detail(inv, line(1, "DNS hosting", "5.00", "2", true, null, null)), SELLER, "en", "");

        assertThat(doc.lines()).extracting(InvoiceDocument.Line::category).containsExactly(VatCategory.O);
        assertThat(doc.vat()).singleElement().satisfies(v -> {
            assertThat(v.category()).isEqualTo(VatCategory.O);
            assertThat(v.exemptionCode()).isEqualTo("VATEX-EU-O");
            assertThat(v.taxAmount()).isEqualTo(new BigDecimal("0.00"));
        });
        assertThat(doc.notes()).singleElement().asString().startsWith("Not subject to VAT in the EU");
        assertThat(doc.buyer().displayName()).as("a private buyer goes by name").isEqualTo("Łukasz Żółć");
        assertThat(doc.totals().gross()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void an_exempt_client_in_the_sellers_country_is_exempt_with_a_reason() {
        var inv = invoice(snapshot("Stichting", "NL", ""), Invoice.UNPAID, "10.00", "0", "0.00", true, "0.00");
        var doc = DocumentBuilder.invoice(detail(inv, line(1, "Hosting", "10.00", "1", true, null, null)), SELLER, "en", "");
        assertThat(doc.vat()).singleElement().satisfies(v -> {
            assertThat(v.category()).isEqualTo(VatCategory.E);
            assertThat(v.exemptionReason()).isEqualTo("Exempt from VAT.");
        });
    }

    @Test
    void a_partial_credit_note_splits_the_refund_over_the_vat_groups_and_references_the_invoice() {
        var inv = invoice(snapshot("Hosting Klant B.V.", "NL", ""), Invoice.PAID, "130.00", "21", "21.00", false, "151.00");
        var d = detail(inv, line(1, "Shared hosting", "50.00", "2", true, null, null), line(2, "Setup", "30.00", "1", false, null, null));
        var note = new CreditNote(5, 11, 7, "creditnote", "CN-2026-3", ISSUED.plusDays(3), "EUR", new BigDecimal("50.00"),
                CreditNote.CREDIT, "Downtime", "staff:test", LocalDateTime.of(2026, 3, 5, 9, 0));
        var doc = DocumentBuilder.creditNote(d, note, SELLER, "fr");

        assertThat(doc.kind()).isEqualTo(InvoiceDocument.Kind.CREDIT_NOTE);
        assertThat(doc.kind().typeCode()).isEqualTo("381");
        assertThat(doc.number()).isEqualTo("CN-2026-3");
        assertThat(doc.corrects()).isEqualTo(new InvoiceDocument.Reference("2026/03/17", ISSUED));
        // 121.00 of the 151.00 gross is standard rated: 50 × 121/151 = 40.07 (100 % 21 → 33.12 net + 6.95 VAT); 9.93 exempt.
        assertThat(doc.vat()).extracting(InvoiceDocument.VatBreakdown::category).containsExactly(VatCategory.S, VatCategory.E);
        assertThat(doc.vat().get(0).taxableAmount()).isEqualTo(new BigDecimal("33.12"));
        assertThat(doc.vat().get(0).taxAmount()).isEqualTo(new BigDecimal("6.95"));
        assertThat(doc.vat().get(1).taxableAmount()).isEqualTo(new BigDecimal("9.93"));
        assertThat(doc.totals().gross()).isEqualTo(new BigDecimal("50.00"));
        assertThat(doc.totals().net().add(doc.totals().vat())).isEqualTo(new BigDecimal("50.00"));
        assertThat(doc.lines()).allSatisfy(l -> assertThat(l.description()).startsWith("Remboursement de la facture 2026/03/17: Downtime"));
        assertThat(doc.payment().terms()).isEqualTo("Le montant a été crédité sur votre compte client.");
    }

    @Test
    void a_full_credit_note_repeats_the_invoice_lines() {
        var inv = invoice(snapshot("Firma GmbH", "DE", "DE123456789"), Invoice.REFUNDED, "99.99", "0", "0.00", true, "99.99");
        var d = detail(inv, line(1, "VPS", "99.99", "1", true, null, null));
        var note = new CreditNote(6, 11, 7, "creditnote", "CN-2026-4", ISSUED.plusDays(3), "EUR", new BigDecimal("99.99"),
                CreditNote.EXTERNAL, "", "staff:test", LocalDateTime.of(2026, 3, 5, 9, 0));
        var doc = DocumentBuilder.creditNote(d, note, SELLER, "en");
        assertThat(doc.lines()).extracting(InvoiceDocument.Line::description).containsExactly("VPS");
        assertThat(doc.vat()).singleElement().extracting(InvoiceDocument.VatBreakdown::category).isEqualTo(VatCategory.AE);
        assertThat(doc.notes()).first().asString().startsWith("Reverse charge");
        assertThat(doc.payment().terms()).isEqualTo("The amount has been refunded to you.");
    }
}
