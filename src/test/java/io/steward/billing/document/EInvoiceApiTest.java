package io.steward.billing.document;

import static io.steward.billing.document.EInvoiceValidators.EN16931_UBL;
import static io.steward.billing.document.EInvoiceValidators.PEPPOL_UBL;
import static io.steward.billing.document.EInvoiceValidators.schematronErrors;
import static io.steward.billing.document.EInvoiceValidators.ublSchemaErrors;
import static io.steward.billing.document.EInvoiceWritersTest.parse;
import static io.steward.billing.document.EInvoiceWritersTest.text;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Contract;
import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * GET /invoice/@id/ubl, /invoice/@id/creditnote/@note/ubl and their admin twins on real invoices:
 * the Peppol UBL of a domestic, a reverse-charge and a non-EU invoice and of a credit note
 * validates offline, for the invoice's owner and staff only.
 */
class EInvoiceApiTest {
    static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** Fetches raw bytes (the JSON test client reads text), then runs the contract check on the response. */
    static HttpResponse<byte[]> fetch(String path, Auth auth) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (auth.header() != null) b.header("Authorization", auth.header());
        var r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Contract.check("GET", path, new Http.Res(r.statusCode(), r.headers().map(), new String(r.body(), StandardCharsets.ISO_8859_1)));
        return r;
    }

    private static JsonNode issue(long clientId, String description, String amount) {
        Res res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(obj("client_id", clientId,
                "items", List.of(obj("type", "Other", "description", description, "amount", amount)))));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().get("invoice");
    }

    /** The client's UBL of the invoice, checked against the UBL schema and the EN 16931 schematron. */
    private static Document ubl(AccountFixtures.NewClient c, JsonNode invoice) throws Exception {
        var res = fetch("/api/invoice/" + invoice.get("id").asText() + "/ubl", c.auth());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(res.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"invoice-" + invoice.get("number").asText().replaceAll("[^A-Za-z0-9_-]+", "-") + ".xml\"");
        assertThat(ublSchemaErrors(res.body(), false)).as("UBL 2.1 schema").isEmpty();
        assertThat(schematronErrors(EN16931_UBL, res.body())).as("EN 16931 schematron").isEmpty();
        return parse(res.body());
    }

    @Test
    void a_domestic_and_a_reverse_charge_invoice_are_valid_peppol_ubl() throws Exception {
        var dutch = AccountFixtures.client(server, Map.of("country", "NL", "state", "", "companyname", "Łódź Webdesign B.V.",
                "vat_number", "NL123456782B01", "address1", "Oudegracht 12", "city", "Utrecht", "postcode", "3511 AP"));
        JsonNode domestic = issue(dutch.id(), "Shared hosting Ωmega", "100.00");
        Document d = ubl(dutch, domestic);
        assertThat(schematronErrors(PEPPOL_UBL, fetch("/api/invoice/" + domestic.get("id").asText() + "/ubl", dutch.auth()).body()))
                .as("Peppol BIS 3 schematron").isEmpty();
        assertThat(text(d, "/inv:Invoice/cbc:ID")).isEqualTo(domestic.get("number").asText());
        assertThat(text(d, "//cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).isEqualTo("S");
        assertThat(text(d, "/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("21.00");
        assertThat(text(d, "//cac:AccountingCustomerParty//cac:PartyLegalEntity/cbc:RegistrationName")).isEqualTo("Łódź Webdesign B.V.");
        assertThat(text(d, "//cac:InvoiceLine/cac:Item/cbc:Name")).isEqualTo("Shared hosting Ωmega");
        assertThat(text(d, "//cac:AccountingSupplierParty//cac:PartyTaxScheme/cbc:CompanyID")).startsWith("NL");

        var german = AccountFixtures.client(server, Map.of("country", "DE", "state", "", "companyname", "Firma GmbH", "vat_number", "DE123456789"));
        JsonNode reverse = issue(german.id(), "VPS", "100.00");
        Document r = ubl(german, reverse);
        assertThat(schematronErrors(PEPPOL_UBL, fetch("/api/invoice/" + reverse.get("id").asText() + "/ubl", german.auth()).body())).isEmpty();
        assertThat(text(r, "//cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).isEqualTo("AE");
        assertThat(text(r, "//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode")).isEqualTo("VATEX-EU-AE");
        assertThat(text(r, "//cac:AccountingCustomerParty//cac:PartyTaxScheme/cbc:CompanyID")).isEqualTo("DE123456789");
        assertThat(text(r, "//cac:AccountingCustomerParty/cac:Party/cbc:EndpointID")).isEqualTo("DE123456789");
    }

    @Test
    void a_non_eu_invoice_is_valid_en16931_and_names_no_vat_identifiers() throws Exception {
        var american = AccountFixtures.client(server);
        JsonNode inv = issue(american.id(), "DNS hosting", "5.00");
        Document d = ubl(american, inv);
        assertThat(text(d, "//cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).isEqualTo("O");
        assertThat(EInvoiceWritersTest.count(d, "//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']")).isZero();
        assertThat(text(d, "//cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("5.00");
    }

    @Test
    void a_credit_note_is_a_peppol_credit_note_naming_the_invoice_it_corrects() throws Exception {
        var dutch = AccountFixtures.client(server, Map.of("country", "NL", "state", "", "companyname", "Refund B.V.", "vat_number", "NL123456782B01",
                "address1", "Keizersgracht 1", "city", "Amsterdam", "postcode", "1015 AA"));
        JsonNode inv = issue(dutch.id(), "Dedicated server", "200.00");
        String id = inv.get("id").asText();
        assertThat(server.http().post("/admin/api/invoices/" + id + "/payments", Auth.admin(), Body.json(Map.of("amount", "242.00"))).status())
                .isEqualTo(201);
        Res refund = server.http().post("/admin/api/invoices/" + id + "/refund", Auth.admin(), Body.json(Map.of("amount", "60.50", "reason", "Goodwill")));
        assertThat(refund.status()).as("%s", refund).isEqualTo(201);
        String note = refund.json().at("/credit_note/id").asText();

        var res = fetch("/api/invoice/" + id + "/creditnote/" + note + "/ubl", dutch.auth());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(ublSchemaErrors(res.body(), true)).isEmpty();
        assertThat(schematronErrors(EN16931_UBL, res.body())).isEmpty();
        assertThat(schematronErrors(PEPPOL_UBL, res.body())).isEmpty();
        Document d = parse(res.body());
        assertThat(text(d, "/cn:CreditNote/cbc:CreditNoteTypeCode")).isEqualTo("381");
        assertThat(text(d, "/cn:CreditNote/cbc:ID")).isEqualTo(refund.json().at("/credit_note/number").asText());
        assertThat(text(d, "//cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")).isEqualTo(inv.get("number").asText());
        assertThat(text(d, "//cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")).isEqualTo("60.50");
        assertThat(text(d, "/cn:CreditNote/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("10.50");

        var staff = fetch("/admin/api/invoices/" + id + "/credit-notes/" + note + "/ubl", Auth.admin());
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.body()).isEqualTo(res.body());
        assertThat(fetch("/api/invoice/" + id + "/creditnote/999999999/ubl", dutch.auth()).statusCode()).isEqualTo(404);
    }

    @Test
    void the_downloaded_pdf_is_a_valid_factur_x_invoice_for_the_client_and_for_staff() throws Exception {
        var german = AccountFixtures.client(server, Map.of("country", "DE", "state", "", "companyname", "Żółć GmbH", "vat_number", "DE123456789",
                "address1", "Friedrichstraße 10", "city", "Berlin", "postcode", "10117"));
        JsonNode reverse = issue(german.id(), "VPS", "100.00");
        var pdf = fetch("/api/invoice/" + reverse.get("id").asText() + "/pdf", german.auth());
        assertThat(pdf.statusCode()).isEqualTo(200);
        var report = EInvoiceValidators.mustang(pdf.body());
        assertThat(report.errors()).as(report.xml()).isEmpty();
        assertThat(report.valid()).as(report.xml()).isTrue();
        assertThat(report.xml()).contains("urn:cen.eu:en16931:2017");

        // a client without an address (the fixture's) still gets a valid one
        var bare = AccountFixtures.client(server);
        JsonNode inv = issue(bare.id(), "DNS hosting", "5.00");
        var staff = fetch("/admin/api/invoices/" + inv.get("id").asText() + "/pdf", Auth.admin());
        assertThat(staff.statusCode()).isEqualTo(200);
        var bareReport = EInvoiceValidators.mustang(staff.body(), false);
        assertThat(bareReport.errors()).as(bareReport.xml()).isEmpty();
        assertThat(bareReport.valid()).as(bareReport.xml()).isTrue();
    }

    @Test
    void staff_get_the_same_document_and_other_clients_and_unprivileged_contacts_get_none() throws Exception {
        var c = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        JsonNode inv = issue(c.id(), "Thing", "1.00");
        String id = inv.get("id").asText();
        var own = fetch("/api/invoice/" + id + "/ubl", c.auth());
        var staff = fetch("/admin/api/invoices/" + id + "/ubl", Auth.admin());
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.body()).isEqualTo(own.body());
        assertThat(fetch("/api/invoice/" + id + "/ubl", other.auth()).statusCode()).isEqualTo(404);
        assertThat(fetch("/admin/api/invoices/999999999/ubl", Auth.admin()).statusCode()).isEqualTo(404);
        assertThat(fetch("/admin/api/invoices/" + id + "/ubl", Auth.NONE).statusCode()).isEqualTo(401);
        var support = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), true);
        assertThat(fetch("/api/invoice/" + id + "/ubl", support.auth()).statusCode()).isEqualTo(403);
        var billing = AccountFixtures.contact(server, c.auth(), Map.of("billing", List.of("payinvoice")), true);
        assertThat(fetch("/api/invoice/" + id + "/ubl", billing.auth()).statusCode()).isEqualTo(200);
    }
}
