package io.steward.billing;

import static io.steward.billing.BillingFixtures.issue;
import static io.steward.billing.BillingFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Contract;
import io.steward.support.Http;
import io.steward.support.Http.Auth;
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

/** GET /invoice/@id/pdf and its admin twin: a real PDF of the invoice, for its owner only. */
class InvoicePdfApiTest {
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

    @Test
    void the_owner_gets_a_valid_pdf_naming_the_invoice_number_and_its_lines() throws Exception {
        var c = AccountFixtures.client(server, Map.of("companyname", "Pdf Test Ltd"));
        long bank = BillingFixtures.gatewayId(server, "banktransfer");
        var inv = issue(server, io.steward.core.Json.obj("client_id", c.id(), "gateway_id", bank,
                "items", List.of(item("Shared hosting (annual)", "119.88"), item("Setup", "10"))));
        var res = fetch("/api/invoice/" + inv.get("id").asText() + "/pdf", c.auth());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(res.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("inline; filename=\"invoice-" + inv.get("number").asText().replace('/', '-') + ".pdf\"");
        var parsed = PdfCheck.parse(res.body());
        assertThat(parsed.text()).contains("(" + inv.get("number").asText() + ")", "(Shared hosting \\(annual\\))", "(Pdf Test Ltd)",
                "(129.88 USD)", "(Pay by bank transfer quoting invoice " + inv.get("number").asText());
    }

    @Test
    void staff_get_the_same_document_and_others_get_none() throws Exception {
        var c = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        var inv = issue(server, c.id(), List.of(item("Thing", "1")));
        var staff = fetch("/admin/api/invoices/" + inv.get("id").asText() + "/pdf", Auth.admin());
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(PdfCheck.parse(staff.body()).text()).contains("(" + inv.get("number").asText() + ")");
        assertThat(fetch("/api/invoice/" + inv.get("id").asText() + "/pdf", other.auth()).statusCode()).isEqualTo(404);
        assertThat(fetch("/admin/api/invoices/999999999/pdf", Auth.admin()).statusCode()).isEqualTo(404);
        var support = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), true);
        assertThat(fetch("/api/invoice/" + inv.get("id").asText() + "/pdf", support.auth()).statusCode()).isEqualTo(403);
    }
}
