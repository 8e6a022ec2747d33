package io.steward.billing.document;

import io.steward.billing.document.InvoiceDocument.Kind;
import io.steward.billing.document.InvoiceDocument.Line;
import io.steward.billing.document.InvoiceDocument.Party;
import io.steward.billing.document.InvoiceDocument.VatBreakdown;
import io.steward.billing.document.InvoiceDocument.VatCategory;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an {@link InvoiceDocument} as a UBL 2.1 Invoice or CreditNote in the Peppol BIS Billing
 * 3.0 profile (EN 16931 compliant). Elements follow the UBL 2.1 schema's order; business terms
 * (BT-n) are EN 16931's. Empty values are left out, never written empty (PEPPOL-EN16931-R008).
 */
final class UblWriter {
    static final String CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    static final String PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    private static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final InvoiceDocument doc;
    private final XMLStreamWriter w;
    private final boolean credit;

    private UblWriter(InvoiceDocument doc, XMLStreamWriter w) {
        this.doc = doc;
        this.w = w;
        this.credit = doc.kind() == Kind.CREDIT_NOTE;
    }

    /** The document as UBL XML, UTF-8. */
    static byte[] xml(InvoiceDocument doc) {
        var out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            new UblWriter(doc, w).write();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("UBL of " + doc.number() + " could not be written", e);
        }
        return out.toByteArray();
    }

    private void write() throws XMLStreamException {
        String root = credit ? "CreditNote" : "Invoice";
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement(root);
        w.writeDefaultNamespace("urn:oasis:names:specification:ubl:schema:xsd:" + root + "-2");
        w.writeNamespace("cac", CAC);
        w.writeNamespace("cbc", CBC);
        cbc("CustomizationID", CUSTOMIZATION);
        cbc("ProfileID", PROFILE);
        cbc("ID", doc.number());
        cbc("IssueDate", date(doc.issueDate()));
        if (!credit && doc.dueDate() != null) cbc("DueDate", date(doc.dueDate()));
        cbc(credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", doc.kind().typeCode());
        // Peppol allows one document-level note (PEPPOL-EN16931-R002): the notes as paragraphs.
        if (!doc.notes().isEmpty()) cbc("Note", String.join("\n", doc.notes()));
        cbc("DocumentCurrencyCode", doc.currency());
        cbc("BuyerReference", EInvoiceRules.buyerReference(doc));
        if (doc.corrects() != null) {
            start("BillingReference");
            start("InvoiceDocumentReference");
            cbc("ID", doc.corrects().number());
            if (doc.corrects().issueDate() != null) cbc("IssueDate", date(doc.corrects().issueDate()));
            end();
            end();
        }
        party("AccountingSupplierParty", doc.seller(), true);
        party("AccountingCustomerParty", doc.buyer(), false);
        paymentMeans();
        if (doc.payment() != null && !doc.payment().terms().isEmpty()) {
            start("PaymentTerms");
            cbc("Note", doc.payment().terms());
            end();
        }
        taxTotal();
        monetaryTotal();
        for (Line l : doc.lines()) line(l);
        w.writeEndElement();
        w.writeEndDocument();
    }

    private void party(String role, Party p, boolean seller) throws XMLStreamException {
        start(role);
        start("Party");
        String[] address = EInvoiceRules.electronicAddress(p, false);
        if (address != null) cbc("EndpointID", address[0], "schemeID", address[1]);
        start("PostalAddress");
        if (!p.addressLines().isEmpty()) cbc("StreetName", p.addressLines().get(0));
        if (p.addressLines().size() > 1) cbc("AdditionalStreetName", String.join(", ", p.addressLines().subList(1, p.addressLines().size())));
        opt("CityName", p.city());
        opt("PostalZone", p.postcode());
        opt("CountrySubentity", p.region());
        start("Country");
        cbc("IdentificationCode", EInvoiceRules.upper(p.country()));
        end();
        end();
        boolean vatIds = EInvoiceRules.vatIdentifiers(doc);
        if (!p.vatNumber().isEmpty() && (vatIds || seller)) {
            start("PartyTaxScheme");
            cbc("CompanyID", p.vatNumber());
            start("TaxScheme");
            // BT-32 (a tax registration, scheme other than VAT) where BR-O-02 forbids BT-31
            cbc("ID", vatIds ? "VAT" : "TAX");
            end();
            end();
        }
        start("PartyLegalEntity");
        cbc("RegistrationName", p.displayName());
        if (seller && !p.registrationNumber().isEmpty()) {
            String scheme = EInvoiceRules.legalScheme(p);
            if (scheme.isEmpty()) cbc("CompanyID", p.registrationNumber());
            else cbc("CompanyID", p.registrationNumber(), "schemeID", scheme);
        }
        if (seller && !p.register().isEmpty()) cbc("CompanyLegalForm", p.register());
        end();
        // a company buyer's person is its contact (the company is the legal name above)
        String contact = !seller && !p.company().isEmpty() ? p.name() : "";
        if (!p.phone().isEmpty() || !p.email().isEmpty() || !contact.isEmpty()) {
            start("Contact");
            opt("Name", contact);
            opt("Telephone", p.phone());
            opt("ElectronicMail", p.email());
            end();
        }
        end();
        end();
    }

    private void paymentMeans() throws XMLStreamException {
        var pay = doc.payment();
        if (pay == null) return;
        boolean account = EInvoiceRules.paymentAccount(doc);
        // A credit transfer without an account to pay to would break BR-61: then nothing is said.
        if (!account && (pay.meansCode().equals("58") || pay.meansCode().equals("30"))) return;
        start("PaymentMeans");
        cbc("PaymentMeansCode", pay.meansCode());
        if (credit && doc.dueDate() != null) cbc("PaymentDueDate", date(doc.dueDate()));
        opt("PaymentID", pay.reference());
        if (account) {
            start("PayeeFinancialAccount");
            cbc("ID", pay.iban());
            opt("Name", doc.seller().displayName());
            if (!pay.bic().isEmpty()) {
                start("FinancialInstitutionBranch");
                cbc("ID", pay.bic());
                end();
            }
            end();
        }
        end();
    }

    private void taxTotal() throws XMLStreamException {
        start("TaxTotal");
        amount("TaxAmount", doc.totals().vat());
        for (VatBreakdown v : doc.vat()) {
            start("TaxSubtotal");
            amount("TaxableAmount", v.taxableAmount());
            amount("TaxAmount", v.taxAmount());
            start("TaxCategory");
            category(v.category(), v.rate());
            opt("TaxExemptionReasonCode", v.exemptionCode());
            opt("TaxExemptionReason", v.exemptionReason());
            vatScheme();
            end();
            end();
        }
        end();
    }

    private void monetaryTotal() throws XMLStreamException {
        var t = doc.totals();
        start("LegalMonetaryTotal");
        amount("LineExtensionAmount", t.net());
        amount("TaxExclusiveAmount", t.net());
        amount("TaxInclusiveAmount", t.gross());
        BigDecimal prepaid = EInvoiceRules.prepaid(doc);
        if (prepaid.signum() != 0) amount("PrepaidAmount", prepaid);
        amount("PayableAmount", t.due());
        end();
    }

    private void line(Line l) throws XMLStreamException {
        start(credit ? "CreditNoteLine" : "InvoiceLine");
        cbc("ID", Integer.toString(l.position()));
        cbc(credit ? "CreditedQuantity" : "InvoicedQuantity", l.quantity().stripTrailingZeros().toPlainString(), "unitCode", EInvoiceRules.UNIT);
        amount("LineExtensionAmount", l.netAmount());
        if (l.periodStart() != null && l.periodEnd() != null) {
            start("InvoicePeriod");
            cbc("StartDate", date(l.periodStart()));
            cbc("EndDate", date(l.periodEnd()));
            end();
        }
        start("Item");
        String description = l.description().strip();
        int nl = description.indexOf('\n');
        if (nl > 0) cbc("Description", description);
        cbc("Name", nl > 0 ? description.substring(0, nl).strip() : description);
        start("ClassifiedTaxCategory");
        category(l.category(), l.vatRate());
        vatScheme();
        end();
        end();
        start("Price");
        amount("PriceAmount", l.unitPrice());
        end();
        end();
    }

    /** Category code, and the rate except where "not subject to VAT" must have none (BR-O-05, BR-O-09). */
    private void category(VatCategory c, BigDecimal rate) throws XMLStreamException {
        cbc("ID", c.name());
        if (c != VatCategory.O) cbc("Percent", rate.stripTrailingZeros().toPlainString());
    }

    private void vatScheme() throws XMLStreamException {
        start("TaxScheme");
        cbc("ID", "VAT");
        end();
    }

    private void amount(String name, BigDecimal value) throws XMLStreamException {
        cbc(name, value.toPlainString(), "currencyID", doc.currency());
    }

    private void start(String name) throws XMLStreamException {
        w.writeStartElement("cac", name, CAC);
    }

    private void end() throws XMLStreamException {
        w.writeEndElement();
    }

    private void opt(String name, String value) throws XMLStreamException {
        if (value != null && !value.isBlank()) cbc(name, value);
    }

    private void cbc(String name, String value) throws XMLStreamException {
        w.writeStartElement("cbc", name, CBC);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private void cbc(String name, String value, String attribute, String attributeValue) throws XMLStreamException {
        w.writeStartElement("cbc", name, CBC);
        w.writeAttribute(attribute, attributeValue);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static String date(LocalDate d) {
        return d.toString();
    }
}
