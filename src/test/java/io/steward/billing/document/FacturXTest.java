package io.steward.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.Test;

/**
 * The printed invoice made Factur-X: the PDF/A-3 the renderer writes, with the CII embedded,
 * passes Mustang's validator (veraPDF PDF/A-3b, the Factur-X EN 16931 schematron, the XMP
 * declaration) for the four cases, and the embedded XML is the one {@link CiiWriter} writes.
 */
class FacturXTest {
    private static final DocumentPdf RENDERER = new DocumentPdf(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    private static byte[] facturX(InvoiceDocument doc) {
        return RENDERER.facturX(doc);
    }

    private static void assertValid(InvoiceDocument doc) throws Exception {
        byte[] pdf = facturX(doc);
        boolean notSubject = doc.lines().stream().anyMatch(l -> l.category() == InvoiceDocument.VatCategory.O);
        var report = EInvoiceValidators.mustang(pdf, !notSubject);
        assertThat(report.errors()).as(report.xml()).isEmpty();
        assertThat(report.valid()).as(report.xml()).isTrue();
        assertThat(embedded(pdf)).isEqualTo(new String(CiiWriter.xml(doc), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The XML embedded as factur-x.xml. */
    private static String embedded(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            PDNameTreeNode<PDComplexFileSpecification> files = doc.getDocumentCatalog().getNames().getEmbeddedFiles();
            var names = files.getNames();
            assertThat(names).containsKey("factur-x.xml");
            var file = names.get("factur-x.xml").getEmbeddedFile();
            return new String(file.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_domestic_invoice_is_a_valid_factur_x_pdf() throws Exception {
        assertValid(EInvoiceFixtures.domestic());
    }

    @Test
    void a_reverse_charge_invoice_is_a_valid_factur_x_pdf() throws Exception {
        assertValid(EInvoiceFixtures.reverseCharge());
    }

    @Test
    void a_non_eu_invoice_is_a_valid_factur_x_pdf() throws Exception {
        assertValid(EInvoiceFixtures.export());
    }

    @Test
    void a_credit_note_is_a_valid_factur_x_pdf() throws Exception {
        assertValid(EInvoiceFixtures.creditNote());
    }

    @Test
    void the_validator_rejects_a_pdf_without_the_invoice() throws Exception {
        var report = EInvoiceValidators.mustang(RENDERER.render(EInvoiceFixtures.domestic()));
        assertThat(report.valid()).isFalse();
    }
}
