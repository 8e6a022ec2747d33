package io.steward.billing.document;

import static io.steward.billing.document.DocumentBuilderTest.ISSUED;
import static io.steward.billing.document.DocumentBuilderTest.SELLER;
import static io.steward.billing.document.DocumentBuilderTest.detail;
import static io.steward.billing.document.DocumentBuilderTest.invoice;
import static io.steward.billing.document.DocumentBuilderTest.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.billing.CreditNote;
import io.steward.billing.Invoice;
import io.steward.core.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The PDF of invoice documents, read back with PDFBox: every alphabet prints as given, the VAT
 * Directive's fields are there for the three tax situations, labels follow the language, and the
 * file carries what PDF/A-3b needs (embedded fonts, XMP identification, sRGB output intent).
 */
class DocumentPdfTest {
    static final DocumentPdf PDF = new DocumentPdf(Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));

    record Buyer(String first, String last, String company, String address, String city, String country, String vat) {}

    static String snapshot(Buyer b) {
        return Json.text(Map.ofEntries(Map.entry("id", 7), Map.entry("email", "buyer@example.com"), Map.entry("firstname", b.first()),
                Map.entry("lastname", b.last()), Map.entry("companyname", b.company()), Map.entry("address1", b.address()),
                Map.entry("address2", ""), Map.entry("city", b.city()), Map.entry("state", ""), Map.entry("postcode", "12345"),
                Map.entry("country", b.country()), Map.entry("phonenumber", ""), Map.entry("vatNumber", b.vat())));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // Amounts are written with the language's no-break spaces ("1.234,50 €"): read as spaces.
            return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }

    static List<String> lines(byte[] pdf) throws IOException {
        return text(pdf).lines().map(String::strip).toList();
    }

    static byte[] render(Buyer buyer, String language, String description) {
        var inv = invoice(snapshot(buyer), Invoice.UNPAID, "10.00", "0", "0.00", false, "0.00");
        return PDF.render(DocumentBuilder.invoice(detail(inv, line(1, description, "10.00", "1", true, null, null)), SELLER, language, ""));
    }

    @Test
    void names_in_five_alphabets_come_back_exactly_from_the_pdf_text() throws IOException {
        var names = List.of(
                new Buyer("Łukasz", "Żółć", "Łukasz Żółć, Łódź", "ul. Żeromskiego 5", "Łódź", "PL", ""),
                new Buyer("Αλέξανδρος", "Παπαδόπουλος", "Ελληνική Φιλοξενία ΑΕ", "Οδός Αθηνάς 12", "Αθήνα", "GR", ""),
                new Buyer("Дмитрий", "Иванов", "ООО «Хостинг»", "ул. Ленина, 1", "Москва", "RU", ""),
                new Buyer("王", "小明", "北京云计算有限公司", "朝阳区建国路88号", "北京", "CN", ""),
                new Buyer("山田", "太郎", "やまだホスティング株式会社", "東京都千代田区1-1", "東京", "JP", ""));
        for (Buyer b : names) {
            byte[] pdf = render(b, "en", "Hosting für " + b.company());
            List<String> lines = lines(pdf);
            assertThat(lines).as("%s", b).contains(b.company(), b.first() + " " + b.last(), b.address(), "12345 " + b.city());
            assertThat(lines).as("the line's description, then its amounts").anyMatch(l -> l.startsWith("Hosting für " + b.company() + " 1 "));
            assertThat(text(pdf)).doesNotContain("?").doesNotContain("\uFFFD");
        }
    }

    @Test
    void a_domestic_invoice_carries_every_field_of_article_226() throws IOException {
        var buyer = new Buyer("Jan", "de Vries", "Klant B.V.", "Damrak 1", "Amsterdam", "NL", "NL999999999B99");
        var inv = invoice(snapshot(buyer), Invoice.UNPAID, "100.00", "21", "21.00", false, "0.00");
        byte[] pdf = PDF.render(DocumentBuilder.invoice(detail(inv,
                line(1, "Shared hosting", "50.00", "2", true, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31))), SELLER, "en", ""));
        String t = text(pdf);
        assertThat(t).contains("Invoice", "2026/03/17", "Issue date", "Mar 2, 2026", "Due date", "Mar 16, 2026",
                "Steward Hosting B.V.", "Herengracht 100", "1015 BS Amsterdam", "Netherlands", "VAT number: NL123456789B01",
                "Company registration: 12345678 (Kamer van Koophandel)",
                "Klant B.V.", "Jan de Vries", "Damrak 1", "VAT number: NL999999999B99",
                "Shared hosting", "Supply period: Mar 1, 2026 – Mar 31, 2026", "21%", "€50.00", "€100.00",
                "VAT summary", "S – Standard rate", "Taxable amount", "€21.00",
                "Total excl. VAT", "Total incl. VAT", "€121.00", "Amount due",
                "IBAN: NL91 ABNA 0417 1643 00", "BIC: ABNANL2A", "Reference: 2026/03/17",
                "Please pay €121.00 by Mar 16, 2026, quoting 2026/03/17.", "Page 1 of 1");
    }

    @Test
    void a_reverse_charged_invoice_in_german_has_german_labels_and_the_statement() throws IOException {
        var buyer = new Buyer("Klaus", "Müller", "Müller Hosting GmbH", "Hauptstraße 5", "Berlin", "DE", "DE123456789");
        var inv = invoice(snapshot(buyer), Invoice.UNPAID, "1234.50", "0", "0.00", true, "0.00");
        byte[] pdf = PDF.render(DocumentBuilder.invoice(detail(inv, line(1, "Dedizierter Server", "1234.50", "1", true, null, null)),
                SELLER, "de", ""));
        String t = text(pdf);
        assertThat(t).contains("Rechnung", "Rechnungsdatum", "02.03.2026", "Fällig am", "USt-IdNr.: DE123456789", "Niederlande",
                "Deutschland", "Beschreibung", "Leistungszeitraum: 02.03.2026", "1.234,50 €", "Bemessungsgrundlage",
                "AE – Steuerschuldnerschaft des Leistungsempfängers", "VATEX-EU-AE", "Summe netto", "Gesamtbetrag brutto",
                "Offener Betrag", "Verwendungszweck", "Seite 1 von 1", "Hinweise",
                "Die Umsatzsteuer schuldet der Leistungsempfänger");
        assertThat(t).doesNotContain("Invoice", "Due date", "Total");
    }

    @Test
    void a_non_eu_invoice_says_it_is_not_subject_to_eu_vat() throws IOException {
        var buyer = new Buyer("John", "Smith", "Smith LLC", "1 Main St", "Portland", "US", "");
        var inv = invoice(snapshot(buyer), Invoice.UNPAID, "10.00", "0", "0.00", false, "0.00");
        String t = text(PDF.render(DocumentBuilder.invoice(detail(inv, line(1, "DNS hosting", "10.00", "1", true, null, null)),
                SELLER, "en", "")));
        assertThat(t).contains("Smith LLC", "United States", "O – Not subject to VAT", "VATEX-EU-O",
                "Not subject to VAT in the EU: the place of supply is outside the EU.", "€10.00", "VAT number: NL123456789B01");
    }

    @Test
    void a_credit_note_names_the_invoice_it_corrects() throws IOException {
        var buyer = new Buyer("Marie", "Dupont", "Dupont SARL", "1 rue de la Paix", "Paris", "FR", "");
        var inv = invoice(snapshot(buyer), Invoice.PAID, "100.00", "21", "21.00", false, "121.00");
        var note = new CreditNote(5, 11, 7, "creditnote", "CN-2026-3", ISSUED.plusDays(3), "EUR", new BigDecimal("121.00"),
                CreditNote.CREDIT, "Service interrompu", "staff:test", LocalDateTime.of(2026, 3, 5, 9, 0));
        byte[] pdf = PDF.render(DocumentBuilder.creditNote(detail(inv, line(1, "Hébergement", "100.00", "1", true, null, null)),
                note, SELLER, "fr"));
        assertThat(text(pdf)).contains("Avoir", "CN-2026-3", "Rectifie la facture", "2026/03/17", "du 2 mars 2026", "Hébergement",
                "Total TTC", "121,00", "Le montant a été crédité sur votre compte client.", "Service interrompu");
        assertThat(DocumentPdf.fileName(DocumentBuilder.creditNote(detail(inv, line(1, "x", "100.00", "1", true, null, null)), note,
                SELLER, "fr"))).isEqualTo("credit-note-CN-2026-3.pdf");
    }

    @Test
    void many_lines_continue_on_further_pages_numbered_in_the_footer() throws IOException {
        var lines = new ArrayList<io.steward.billing.InvoiceLine>();
        for (int i = 1; i <= 60; i++) lines.add(line(i, "Line number " + i, "1.00", "1", true, null, null));
        var inv = invoice(snapshot(new Buyer("A", "B", "", "C", "D", "NL", "")), Invoice.UNPAID, "60.00", "21", "12.60", false, "0.00");
        byte[] pdf = PDF.render(DocumentBuilder.invoice(new io.steward.billing.InvoiceDetail(inv, lines, List.of(), List.of()), SELLER, "nl", ""));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(1);
            String t = new PDFTextStripper().getText(doc);
            assertThat(t).contains("Line number 1 1 ", "Line number 60 1 ", "Pagina 1 van " + pages, "Pagina " + pages + " van " + pages);
        }
    }

    @Test
    void the_pdf_is_ready_for_pdf_a_3b_fonts_embedded_as_subsets_metadata_and_output_intent() throws IOException {
        byte[] pdf = render(new Buyer("王", "小明", "Łódź 北京 Ωμέγα", "x", "y", "CN", ""), "en", "Hosting");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getVersion()).isEqualTo(1.7f);
            var catalog = doc.getDocumentCatalog();
            String xmp = new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                    "<xmp:CreateDate>2026-03-02T10:00:00Z</xmp:CreateDate>", "Invoice 2026/03/17");
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Invoice 2026/03/17");
            assertThat(doc.getDocumentInformation().getProducer()).isEqualTo("Steward");
            assertThat(catalog.getLanguage()).isEqualTo("en");
            assertThat(catalog.getOutputIntents()).singleElement().satisfies(oi -> {
                assertThat(oi.getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1");
                assertThat(((org.apache.pdfbox.cos.COSStream) oi.getDestOutputIntent().getCOSObject()).getInt(COSName.N)).isEqualTo(3);
            });
            var fonts = new ArrayList<PDFont>();
            for (var page : doc.getPages()) for (COSName n : page.getResources().getFontNames()) fonts.add(page.getResources().getFont(n));
            assertThat(fonts).isNotEmpty().allSatisfy(f -> {
                assertThat(f).isInstanceOf(PDType0Font.class);
                assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                assertThat(f.getName()).as("a subset").matches("[A-Z]{6}\\+.*");
            });
            assertThat(fonts).extracting(PDFont::getName).anyMatch(n -> n.contains("DroidSansFallback"));
            assertThat(doc.getDocument().getTrailer().getCOSArray(COSName.ID)).as("a file identifier").isNotNull();
        }
        assertThat(pdf.length).as("subsets keep the file small").isLessThan(120_000);
    }

    @Test
    void a_character_no_font_has_is_drawn_as_the_replacement_character_not_a_question_mark() throws IOException {
        // U+1D11E (musical G clef) is in neither font.
        String t = text(render(new Buyer("Clef", "\uD834\uDD1E", "", "x", "y", "NL", ""), "en", "Hosting"));
        assertThat(t).contains("Clef \uFFFD").doesNotContain("Clef ?");
    }
}
