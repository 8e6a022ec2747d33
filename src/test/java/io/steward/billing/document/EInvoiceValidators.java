package io.steward.billing.document;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XsltExecutable;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * The offline validators the e-invoice tests run: the EN 16931 schematron for CII and UBL (the
 * compiled XSLTs Mustang's validator ships), the Peppol BIS Billing 3.0 schematron (the compiled
 * XSLTs of the phive Peppol rules), and Mustang's validator on the whole Factur-X PDF.
 */
final class EInvoiceValidators {
    static final String EN16931_CII = "/xslt/en16931schematron/EN16931-CII-validation.xslt";
    static final String EN16931_UBL = "/external/schematron/openpeppol/2026.5/xslt/CEN-EN16931-UBL.xslt";
    static final String PEPPOL_UBL = "/external/schematron/openpeppol/2026.5/xslt/PEPPOL-EN16931-UBL.xslt";

    private static final Processor SAXON = new Processor(false);
    private static final Map<String, XsltExecutable> COMPILED = new ConcurrentHashMap<>();

    private EInvoiceValidators() {}

    /**
     * Runs one compiled schematron on {@code xml} and returns its failed assertions of flag
     * {@code fatal} or {@code error} (warnings are advice, not a rule broken), as "id: text".
     */
    static List<String> schematronErrors(String xslt, byte[] xml) throws Exception {
        XsltExecutable exec = COMPILED.computeIfAbsent(xslt, EInvoiceValidators::compile);
        var out = new XdmDestination();
        var t = exec.load30();
        t.transform(new StreamSource(new ByteArrayInputStream(xml)), out);
        XdmNode svrl = out.getXdmNode();
        XPathCompiler xp = SAXON.newXPathCompiler();
        xp.declareNamespace("svrl", "http://purl.oclc.org/dsdl/svrl");
        List<String> errors = new ArrayList<>();
        for (XdmItem fa : xp.evaluate("//svrl:failed-assert[not(@flag) or @flag = ('fatal', 'error')]", svrl)) {
            XdmNode n = (XdmNode) fa;
            errors.add(n.getAttributeValue(new QName("id")) + ": " + n.getStringValue().strip());
        }
        return errors;
    }

    private static XsltExecutable compile(String resource) {
        URL url = EInvoiceValidators.class.getResource(resource);
        if (url == null) throw new IllegalStateException("schematron not on the test class path: " + resource);
        try {
            return SAXON.newXsltCompiler().compile(new StreamSource(url.openStream(), url.toExternalForm()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot compile " + resource, e);
        }
    }

    /** Mustang's validator on a Factur-X PDF: its XML report, and whether it found the file completely valid. */
    record Report(boolean valid, String xml) {
        List<String> errors() {
            var m = java.util.regex.Pattern.compile("<error[^>]*>.*?</error>", java.util.regex.Pattern.DOTALL).matcher(xml);
            List<String> out = new ArrayList<>();
            while (m.find()) out.add(m.group());
            return out;
        }
    }

    /** The schemas UBL 2.1 imports by namespace only, as the ph-xsds jars ship them. */
    private static final Map<String, String> IMPORTED = Map.of(
            "urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2", "/schemas/CCTS_CCT_SchemaModule.xsd",
            "http://www.w3.org/2000/09/xmldsig#", "/schemas/xmldsig-core-schema.xsd",
            "http://uri.etsi.org/01903/v1.3.2#", "/schemas/XAdES01903v132-201601.xsd",
            "http://uri.etsi.org/01903/v1.4.1#", "/schemas/XAdES01903v141-201601.xsd");

    /** XSD errors of a UBL 2.1 Invoice or CreditNote (the OASIS schemas ph-ubl21 ships), empty when it is schema-valid. */
    static List<String> ublSchemaErrors(byte[] xml, boolean creditNote) throws Exception {
        String xsd = "/external/schemas/ubl21/maindoc/UBL-" + (creditNote ? "CreditNote" : "Invoice") + "-2.1.xsd";
        URL url = EInvoiceValidators.class.getResource(xsd);
        if (url == null) throw new IllegalStateException("UBL schema not on the test class path: " + xsd);
        var factory = javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // UBL imports the CCTS core component types by namespace only; ph-xsds ships that schema
        var ls = (org.w3c.dom.ls.DOMImplementationLS) javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .getDOMImplementation().getFeature("LS", "3.0");
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            String resource = systemId != null ? null : IMPORTED.get(namespace);
            if (resource == null) return null;
            var input = ls.createLSInput();
            input.setSystemId(EInvoiceValidators.class.getResource(resource).toExternalForm());
            return input;
        });
        var schema = factory.newSchema(url);
        var validator = schema.newValidator();
        List<String> errors = new ArrayList<>();
        validator.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override public void error(org.xml.sax.SAXParseException e) { errors.add(e.getMessage()); }
            @Override public void fatalError(org.xml.sax.SAXParseException e) { errors.add(e.getMessage()); }
        });
        validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        return errors;
    }

    static Report mustang(byte[] pdf) {
        return mustang(pdf, true);
    }

    /**
     * {@code arithmetic} false skips the validator's recalculation, which reads the XML back
     * through Mustang's importer: that importer fails (a NullPointerException on the missing
     * rate) on a line of category O, whose rate EN 16931 forbids (BR-O-05).
     */
    static Report mustang(byte[] pdf, boolean arithmetic) {
        var v = new ZUGFeRDValidator();
        if (!arithmetic) v.disableArithmeticCheck();
        String report = v.validate(pdf, "invoice.pdf");
        return new Report(v.wasCompletelyValid(), report);
    }

}
