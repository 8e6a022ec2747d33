package io.steward.billing.document;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Contract;
import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
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

/**
 * The invoice and credit note PDFs through HTTP: the client API's for the owner only (in the
 * client's language, every alphabet printed), the admin API's the same document.
 */
class DocumentPdfApiTest {
    static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** Fetches raw bytes (the JSON test client reads text), then runs the contract check on the response. */
    private static HttpResponse<byte[]> fetch(String path, Auth auth) throws IOException, InterruptedException {
        var r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", auth.header()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Contract.check("GET", path, new Http.Res(r.statusCode(), r.headers().map(), new String(r.body(), StandardCharsets.ISO_8859_1)));
        return r;
    }

    private static JsonNode issue(long clientId, String description, String amount) {
        var res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(obj("client_id", clientId,
                "items", List.of(obj("type", "Other", "description", description, "amount", amount)))));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().get("invoice");
    }

    @Test
    void a_german_client_downloads_its_invoice_in_german_with_its_cyrillic_name_printed() throws Exception {
        var c = AccountFixtures.client(server, Map.of("firstname", "Дмитрий", "lastname", "Иванов", "companyname", "Łódź Żółć GmbH",
                "country", "DE", "state", "", "city", "München", "language", "de"));
        var inv = issue(c.id(), "Webhosting 東京", "19.99");
        var res = fetch("/api/invoice/" + inv.get("id").asText() + "/pdf", c.auth());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(res.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("inline; filename=\"invoice-" + inv.get("number").asText().replaceAll("[^A-Za-z0-9_-]+", "-") + ".pdf\"");
        String text = DocumentPdfTest.text(res.body());
        assertThat(text).contains("Rechnung", "Rechnungsdatum", "Fällig am", "Дмитрий Иванов", "Łódź Żółć GmbH", "München",
                "Webhosting 東京", inv.get("number").asText(), "USt-IdNr.", "Gesamtbetrag brutto");

        var staff = fetch("/admin/api/invoices/" + inv.get("id").asText() + "/pdf", Auth.admin());
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(DocumentPdfTest.text(staff.body())).contains("Rechnung", "Дмитрий Иванов");
    }

    @Test
    void others_get_no_document_and_a_contact_needs_the_invoice_privilege() throws Exception {
        var c = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        var inv = issue(c.id(), "Thing", "1.00");
        assertThat(fetch("/api/invoice/" + inv.get("id").asText() + "/pdf", other.auth()).statusCode()).isEqualTo(404);
        assertThat(fetch("/admin/api/invoices/999999999/pdf", Auth.admin()).statusCode()).isEqualTo(404);
        var support = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), true);
        assertThat(fetch("/api/invoice/" + inv.get("id").asText() + "/pdf", support.auth()).statusCode()).isEqualTo(403);
    }

    @Test
    void a_credit_note_pdf_names_the_invoice_it_corrects_for_its_owner_and_staff() throws Exception {
        var c = AccountFixtures.client(server, Map.of("country", "NL", "state", "", "language", "nl"));
        var inv = issue(c.id(), "Hosting", "50.00");
        long id = inv.get("id").asLong();
        var paid = server.http().post("/admin/api/invoices/" + id + "/payments", Auth.admin(), Body.json(Map.of("amount", "60.50")));
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);
        var refund = server.http().post("/admin/api/invoices/" + id + "/refund", Auth.admin(), Body.json(Map.of("amount", "12.10", "reason", "Storing")));
        assertThat(refund.status()).as("%s", refund).isEqualTo(201);
        JsonNode note = refund.json().get("credit_note");
        String path = "/invoice/" + id + "/creditnote/" + note.get("id").asText() + "/pdf";

        var own = fetch("/api" + path, c.auth());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Disposition").orElseThrow()).contains("credit-note-");
        assertThat(DocumentPdfTest.text(own.body())).contains("Creditnota", note.get("number").asText(), "Correctie op factuur",
                inv.get("number").asText(), "Terugbetaling van factuur", "Storing", "12,10");
        var staff = fetch("/admin/api/invoices/" + id + "/credit-notes/" + note.get("id").asText() + "/pdf", Auth.admin());
        assertThat(staff.statusCode()).isEqualTo(200);

        var other = AccountFixtures.client(server);
        assertThat(fetch("/api" + path, other.auth()).statusCode()).isEqualTo(404);
        long otherInvoice = issue(c.id(), "Other", "1.00").get("id").asLong();
        assertThat(fetch("/api/invoice/" + otherInvoice + "/creditnote/" + note.get("id").asText() + "/pdf", c.auth()).statusCode())
                .as("a note of another invoice").isEqualTo(404);
    }
}
