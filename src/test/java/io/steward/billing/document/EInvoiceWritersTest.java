package io.steward.billing.document;

import static io.steward.billing.document.EInvoiceValidators.EN16931_CII;
import static io.steward.billing.document.EInvoiceValidators.EN16931_UBL;
import static io.steward.billing.document.EInvoiceValidators.PEPPOL_UBL;
import static io.steward.billing.document.EInvoiceValidators.schematronErrors;
import static io.steward.billing.document.EInvoiceValidators.ublSchemaErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The CII and UBL of a domestic, an intra-EU reverse-charge and a non-EU invoice and of a credit
 * note validate against the EN 16931 schematron (CII and UBL), the Peppol BIS Billing 3.0
 * schematron and the UBL 2.1 schema, and carry the business terms each case needs.
 */
class EInvoiceWritersTest {
    private static final Map<String, String> NS = Map.of(
            "rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
            "cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
            "cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
            "inv", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
            "cn", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2");

    private static void assertValid(InvoiceDocument doc) throws Exception {
        assertValidEn16931(doc);
        assertThat(schematronErrors(PEPPOL_UBL, UblWriter.xml(doc))).as("Peppol BIS 3 schematron").isEmpty();
    }

    private static void assertValidEn16931(InvoiceDocument doc) throws Exception {
        byte[] cii = CiiWriter.xml(doc);
        byte[] ubl = UblWriter.xml(doc);
        assertThat(schematronErrors(EN16931_CII, cii)).as("EN 16931 CII schematron").isEmpty();
        assertThat(schematronErrors(EN16931_UBL, ubl)).as("EN 16931 UBL schematron").isEmpty();
        assertThat(ublSchemaErrors(ubl, doc.kind() == InvoiceDocument.Kind.CREDIT_NOTE)).as("UBL 2.1 schema").isEmpty();
    }

    @Test
    void a_domestic_invoice_validates_and_states_vat_per_rate_with_the_sellers_registration_and_account() throws Exception {
        InvoiceDocument doc = EInvoiceFixtures.domestic();
        assertValid(doc);
        Document cii = parse(CiiWriter.xml(doc));
        assertThat(text(cii, "//rsm:ExchangedDocument/ram:TypeCode")).isEqualTo("380");
        assertThat(text(cii, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")).isEqualTo("NL123456789B01");
        assertThat(text(cii, "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")).isEqualTo("NL987654321B01");
        assertThat(text(cii, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0106']")).isEqualTo("12345678");
        assertThat(text(cii, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID")).isEqualTo("NL91ABNA0417164300");
        assertThat(text(cii, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount")).isEqualTo("25.20");
        assertThat(text(cii, "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount")).isEqualTo("145.18");
        assertThat(text(cii, "//ram:IncludedSupplyChainTradeLineItem[1]//ram:BillingSpecifiedPeriod/ram:EndDateTime/*")).isEqualTo("20261231");

        Document ubl = parse(UblWriter.xml(doc));
        assertThat(text(ubl, "/inv:Invoice/cbc:CustomizationID")).isEqualTo(UblWriter.CUSTOMIZATION);
        assertThat(text(ubl, "/inv:Invoice/cbc:ProfileID")).isEqualTo(UblWriter.PROFILE);
        assertThat(text(ubl, "/inv:Invoice/cbc:InvoiceTypeCode")).isEqualTo("380");
        assertThat(text(ubl, "//cac:AccountingSupplierParty//cac:PartyTaxScheme/cbc:CompanyID")).isEqualTo("NL123456789B01");
        assertThat(text(ubl, "//cac:AccountingCustomerParty//cac:PartyTaxScheme/cbc:CompanyID")).isEqualTo("NL987654321B01");
        assertThat(text(ubl, "//cac:AccountingSupplierParty//cac:PartyLegalEntity/cbc:CompanyID")).isEqualTo("12345678");
        assertThat(text(ubl, "//cac:PayeeFinancialAccount/cbc:ID")).isEqualTo("NL91ABNA0417164300");
        assertThat(text(ubl, "/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("25.20");
        assertThat(text(ubl, "//cac:TaxSubtotal/cac:TaxCategory/cbc:Percent")).isEqualTo("21");
        assertThat(text(ubl, "//cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("145.18");
        assertThat(text(ubl, "//cac:InvoiceLine[1]/cac:InvoicePeriod/cbc:EndDate")).isEqualTo("2026-12-31");
        assertThat(text(ubl, "//cac:InvoiceLine[1]/cac:Item/cbc:Name")).isEqualTo("Shared hosting Ł (monthly)");
    }

    @Test
    void an_intra_eu_reverse_charge_invoice_names_both_vat_numbers_and_the_exemption_reason_and_code() throws Exception {
        InvoiceDocument doc = EInvoiceFixtures.reverseCharge();
        assertValid(doc);
        Document cii = parse(CiiWriter.xml(doc));
        assertThat(text(cii, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode")).isEqualTo("AE");
        assertThat(text(cii, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReasonCode")).isEqualTo("VATEX-EU-AE");
        assertThat(text(cii, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReason")).startsWith("Reverse charge");
        assertThat(text(cii, "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID")).isEqualTo("DE123456789");
        assertThat(text(cii, "//ram:BuyerTradeParty/ram:Name")).isEqualTo("Müller Server GmbH");
        assertThat(text(cii, "//ram:TotalPrepaidAmount")).isEqualTo("40.00");
        assertThat(text(cii, "//ram:DuePayableAmount")).isEqualTo("200.00");

        Document ubl = parse(UblWriter.xml(doc));
        assertThat(text(ubl, "//cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).isEqualTo("AE");
        assertThat(text(ubl, "//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode")).isEqualTo("VATEX-EU-AE");
        assertThat(text(ubl, "//cac:AccountingCustomerParty//cac:PartyTaxScheme/cbc:CompanyID")).isEqualTo("DE123456789");
        assertThat(text(ubl, "//cac:AccountingCustomerParty//cac:Contact/cbc:Name")).isEqualTo("Łukasz Żółć");
        assertThat(text(ubl, "//cac:LegalMonetaryTotal/cbc:PrepaidAmount")).isEqualTo("40.00");
        assertThat(text(ubl, "/inv:Invoice/cbc:Note")).startsWith("Reverse charge");
    }

    @Test
    void a_non_eu_invoice_is_not_subject_to_vat_and_carries_the_sellers_number_as_tax_registration() throws Exception {
        InvoiceDocument doc = EInvoiceFixtures.export();
        assertValidEn16931(doc);
        // a consumer has no address in Peppol (no participant id, no VAT number): valid EN 16931, not deliverable
        assertThat(schematronErrors(PEPPOL_UBL, UblWriter.xml(doc))).singleElement().asString().startsWith("PEPPOL-EN16931-R010");
        assertValid(EInvoiceFixtures.exportToPeppolParticipant());
        Document cii = parse(CiiWriter.xml(doc));
        assertThat(text(cii, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode")).isEqualTo("O");
        assertThat(count(cii, "//ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")).as("BR-O-02: no VAT identifiers").isZero();
        assertThat(text(cii, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']")).isEqualTo("NL123456789B01");
        assertThat(text(cii, "//ram:InvoiceCurrencyCode")).isEqualTo("USD");

        Document ubl = parse(UblWriter.xml(doc));
        assertThat(text(ubl, "//cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).isEqualTo("O");
        assertThat(count(ubl, "//cac:TaxCategory/cbc:Percent | //cac:ClassifiedTaxCategory/cbc:Percent")).isZero();
        assertThat(count(ubl, "//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']")).isZero();
        assertThat(text(ubl, "//cac:AccountingSupplierParty//cac:PartyTaxScheme/cbc:CompanyID")).isEqualTo("NL123456789B01");
        assertThat(text(ubl, "//cac:InvoiceLine/cac:Item/cbc:Name")).isEqualTo("Dedicated server");
        assertThat(text(ubl, "//cac:InvoiceLine/cbc:LineExtensionAmount")).isEqualTo("100.00");
    }

    @Test
    void a_credit_note_is_type_381_and_references_the_invoice_it_corrects() throws Exception {
        InvoiceDocument doc = EInvoiceFixtures.creditNote();
        assertValid(doc);
        Document cii = parse(CiiWriter.xml(doc));
        assertThat(text(cii, "//rsm:ExchangedDocument/ram:TypeCode")).isEqualTo("381");
        assertThat(text(cii, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID")).isEqualTo("2026/12/1");
        assertThat(text(cii, "//ram:DuePayableAmount")).isEqualTo("0.00");

        Document ubl = parse(UblWriter.xml(doc));
        assertThat(text(ubl, "/cn:CreditNote/cbc:CreditNoteTypeCode")).isEqualTo("381");
        assertThat(text(ubl, "//cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")).isEqualTo("2026/12/1");
        assertThat(text(ubl, "//cac:CreditNoteLine/cbc:CreditedQuantity")).isEqualTo("1");
        assertThat(text(ubl, "//cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")).isEqualTo("121.00");
    }

    @Test
    void the_validators_find_a_broken_document() throws Exception {
        // the reverse-charge invoice without the buyer's VAT number breaks BR-AE-02 in both syntaxes
        InvoiceDocument ok = EInvoiceFixtures.reverseCharge();
        var b = ok.buyer();
        var buyer = new InvoiceDocument.Party(b.name(), b.company(), b.addressLines(), b.postcode(), b.city(), b.region(), b.country(),
                "", "", "", b.email(), b.phone(), "", "");
        var broken = new InvoiceDocument(ok.kind(), ok.sourceId(), ok.number(), ok.issueDate(), ok.dueDate(), ok.currency(), ok.language(),
                ok.corrects(), ok.seller(), buyer, ok.lines(), ok.vat(), ok.totals(), ok.payment(), ok.notes());
        assertThat(schematronErrors(EN16931_CII, CiiWriter.xml(broken))).anyMatch(e -> e.startsWith("BR-AE-02"));
        assertThat(schematronErrors(EN16931_UBL, UblWriter.xml(broken))).anyMatch(e -> e.startsWith("BR-AE-02"));
        // and Peppol's own rules: a second document-level note
        String twoNotes = new String(UblWriter.xml(ok), StandardCharsets.UTF_8).replace("<cbc:DocumentCurrencyCode>",
                "<cbc:Note>second</cbc:Note><cbc:DocumentCurrencyCode>");
        assertThat(schematronErrors(PEPPOL_UBL, twoNotes.getBytes(StandardCharsets.UTF_8))).anyMatch(e -> e.startsWith("PEPPOL-EN16931-R002"));
    }

    static Document parse(byte[] xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static String text(Document d, String xpath) throws Exception {
        NodeList n = nodes(d, xpath);
        assertThat(n.getLength()).as("nodes at " + xpath).isGreaterThan(0);
        return n.item(0).getTextContent().strip();
    }

    static int count(Document d, String xpath) throws Exception {
        return nodes(d, xpath).getLength();
    }

    private static NodeList nodes(Document d, String xpath) throws Exception {
        var xp = XPathFactory.newInstance().newXPath();
        xp.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            public String getNamespaceURI(String p) { return NS.get(p); }
            public String getPrefix(String u) { return null; }
            public java.util.Iterator<String> getPrefixes(String u) { return null; }
        });
        return (NodeList) xp.evaluate(xpath, d, XPathConstants.NODESET);
    }
}
