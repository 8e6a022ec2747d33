package io.steward.billing.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * What makes the printed invoice (a PDF/A-3b) a Factur-X / ZUGFeRD 2 invoice: the document's CII
 * XML embedded as {@code factur-x.xml} (an associated file, relationship "Alternative", listed in
 * the catalog's /AF array) and declared in the XMP metadata with the Factur-X PDF/A extension
 * schema, so one file is both the page a person reads and the data a machine books.
 *
 * <p>Written into the document the renderer still holds, before its one save: Mustang's exporter
 * re-parsed and re-saved the finished PDF to do the same, which cost more CPU than rendering it
 * (docs/BENCHMARKS.md). The XML itself is still Mustang's ({@link CiiWriter}).
 */
final class FacturX {
    static final String FILE_NAME = "factur-x.xml";
    private static final String NS = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

    /** The Factur-X XMP: the declaration of the embedded file and the extension schema PDF/A requires for it. */
    static final String XMP = "<rdf:Description rdf:about=\"\" xmlns:fx=\"" + NS + "\">"
            + "<fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>" + FILE_NAME + "</fx:DocumentFileName>"
            + "<fx:Version>1.0</fx:Version><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel></rdf:Description>\n"
            + "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
            + " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">"
            + "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
            + "<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>"
            + "<pdfaSchema:namespaceURI>" + NS + "</pdfaSchema:namespaceURI><pdfaSchema:prefix>fx</pdfaSchema:prefix>"
            + "<pdfaSchema:property><rdf:Seq>"
            + property("DocumentFileName", "The name of the embedded XML invoice file")
            + property("DocumentType", "INVOICE")
            + property("Version", "The version of the Factur-X XML schema")
            + property("ConformanceLevel", "The Factur-X profile of the XML")
            + "</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\n";

    private FacturX() {}

    private static String property(String name, String description) {
        return "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>" + name + "</pdfaProperty:name>"
                + "<pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>"
                + "<pdfaProperty:description>" + description + "</pdfaProperty:description></rdf:li>";
    }

    /**
     * Embeds {@code xml} (the CII of the document) into {@code doc} as its Factur-X invoice, dated
     * {@code at}; the caller writes {@link #XMP} into the document's metadata.
     */
    static void attach(PDDocument doc, byte[] xml, Calendar at) {
        try {
            var file = new PDEmbeddedFile(doc, new ByteArrayInputStream(xml));
            file.setSubtype("text/xml");
            file.setSize(xml.length);
            file.setCreationDate(at);
            file.setModDate(at);
            var spec = new PDComplexFileSpecification();
            spec.setFile(FILE_NAME);
            spec.setFileUnicode(FILE_NAME);
            spec.setFileDescription("Factur-X invoice (EN 16931)");
            spec.setEmbeddedFile(file);
            spec.setEmbeddedFileUnicode(file);
            spec.getCOSObject().setItem(COSName.getPDFName("AFRelationship"), COSName.getPDFName("Alternative"));

            var tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of(FILE_NAME, spec));
            var catalog = doc.getDocumentCatalog();
            var names = new PDDocumentNameDictionary(catalog);
            names.setEmbeddedFiles(tree);
            catalog.setNames(names);
            var af = new COSArray();
            af.add(spec);
            catalog.getCOSObject().setItem(COSName.getPDFName("AF"), af);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
