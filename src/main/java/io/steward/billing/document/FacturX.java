package io.steward.billing.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;

/**
 * Turns the printed invoice (a PDF/A-3b) into a Factur-X / ZUGFeRD 2 invoice: Mustang embeds the
 * document's CII XML as {@code factur-x.xml} (relationship "Alternative") and declares it in the
 * XMP metadata, so one file is both the page a person reads and the data a machine books.
 */
public final class FacturX {
    private static final String PRODUCER = "Steward";

    private FacturX() {}

    /** The Factur-X PDF of {@code doc}; {@code pdfA3} is its rendering, which must be PDF/A-3 already. */
    public static byte[] embed(byte[] pdfA3, InvoiceDocument doc) {
        try (var exporter = new ZUGFeRDExporterFromA3()) {
            exporter.setProducer(PRODUCER).setCreator(PRODUCER).setCreatorTool(PRODUCER).setProfile(CiiWriter.PROFILE).load(pdfA3);
            exporter.setTransaction(CiiWriter.transaction(doc));
            var out = new ByteArrayOutputStream(pdfA3.length + 16 * 1024);
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Factur-X of " + doc.number() + " could not be written", e);
        }
    }
}
