package io.steward.support;

import static io.steward.support.SupportFixtures.departmentId;
import static io.steward.support.SupportFixtures.multipart;
import static io.steward.support.SupportFixtures.text;
import static io.steward.support.SupportFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Res;
import io.steward.support.SupportFixtures.FilePart;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Multipart attachments on tickets: upload, download, ownership, limits, types, names. */
class TicketAttachmentsTest {
    static TestServer server;
    static long technical;

    @BeforeAll
    static void start() {
        // A small per-file limit so the oversized upload stays quick; the body limit for uploads stays the default.
        server = TestServer.start(c -> c.with("support.attachments.max-bytes", "65536"));
        technical = departmentId(server, "Technical Support");
    }

    @AfterAll
    static void stop() { server.close(); }

    private static Res open(Auth who, FilePart... files) {
        return server.http().post("/api/tickets", who, multipart(Map.of("dept_id", Long.toString(technical), "subject", "With files",
                "body", "See attached"), files));
    }

    @Test
    void files_uploaded_with_a_new_ticket_and_a_reply_download_with_their_type() {
        var c = AccountFixtures.client(server);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        Res created = open(c.auth(), text("error.log", "line one\nline two\n"), new FilePart("shot", "screen.png", "image/png", png));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String number = created.json().get("ticket").asText();

        Res reply = server.http().post("/api/tickets/" + number, c.auth(), multipart(Map.of("body", "One more"), text("more.txt", "more")));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);

        JsonNode d = server.http().get("/api/tickets/" + number, c.auth()).json();
        JsonNode files = d.at("/ticket/attachments");
        assertThat(files.findValuesAsText("name")).containsExactly("error.log", "screen.png");
        assertThat(files.get(0).get("size").asText()).isEqualTo("18");
        assertThat(d.at("/replies/0/attachments/0/name").asText()).isEqualTo("more.txt");

        Res log = server.http().get("/api/ticket/attachment/" + files.get(0).get("file").asText(), c.auth());
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.header("Content-Type")).startsWith("text/plain");
        assertThat(log.header("Content-Disposition")).isEqualTo("attachment; filename=\"error.log\"");
        assertThat(log.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(log.text()).isEqualTo("line one\nline two\n");
        Res image = server.http().get("/api/ticket/attachment/" + files.get(1).get("file").asText(), c.auth());
        assertThat(image.header("Content-Type")).isEqualTo("image/png");

        Res staff = server.http().get("/admin/api/ticket-attachments/" + files.get(0).get("file").asText(), Auth.admin());
        assertThat(staff.text()).isEqualTo("line one\nline two\n");
        assertThat(server.http().get("/admin/api/tickets/" + number, Auth.admin()).json().at("/ticket/attachments/0/sha256").asText())
                .hasSize(64);
    }

    @Test
    void another_clients_attachment_is_not_found() {
        var owner = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        String number = open(owner.auth(), text("secret.txt", "owner only")).json().get("ticket").asText();
        String file = server.http().get("/api/tickets/" + number, owner.auth()).json().at("/ticket/attachments/0/file").asText();
        assertThat(server.http().get("/api/ticket/attachment/" + file, other.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/ticket/attachment/" + file, owner.auth()).text()).isEqualTo("owner only");
        assertThat(server.http().get("/api/ticket/attachment/no-such-file-key", owner.auth()).status()).isEqualTo(404);
    }

    @Test
    void an_oversized_file_is_413_and_nothing_is_created() {
        var c = AccountFixtures.client(server);
        byte[] big = new byte[65537];
        Res res = open(c.auth(), new FilePart("attachments[]", "big.zip", "application/zip", big));
        assertThat(res.status()).isEqualTo(413);
        assertThat(server.http().get("/api/tickets", c.auth()).json().get("tickets")).isEmpty();
    }

    @Test
    void uploads_may_exceed_the_body_limit_up_to_the_upload_limit() {
        try (var small = TestServer.start(c -> c.with("http.max-body-bytes", "2048").with("http.max-upload-bytes", "16384"))) {
            var c = AccountFixtures.client(small);
            long dept = departmentId(small, "Technical Support");
            var fields = Map.of("dept_id", Long.toString(dept), "subject", "s", "body", "b");
            Res fits = small.http().post("/api/tickets", c.auth(), multipart(fields, new FilePart("f", "mid.txt", "text/plain", new byte[8000])));
            assertThat(fits.status()).as(fits.toString()).isEqualTo(200);
            Res over = small.http().post("/api/tickets", c.auth(), multipart(fields, new FilePart("f", "big.txt", "text/plain", new byte[20000])));
            assertThat(over.status()).isEqualTo(413);
        }
    }

    @Test
    void a_file_of_another_type_is_refused_and_names_are_sanitised() {
        var c = AccountFixtures.client(server);
        Res html = open(c.auth(), new FilePart("attachments[]", "page.html", "text/html", "<script>".getBytes(StandardCharsets.UTF_8)));
        assertThat(html.status()).isEqualTo(422);
        assertThat(html.json().get("fields").has("attachments")).isTrue();
        // A declared type does not matter: the name decides, and the name must be an allowed one.
        Res disguised = open(c.auth(), new FilePart("attachments[]", "evil.exe", "text/plain", "MZ".getBytes(StandardCharsets.UTF_8)));
        assertThat(disguised.status()).isEqualTo(422);

        Res ok = open(c.auth(), text("../../etc/my report (final).txt", "report"));
        assertThat(ok.status()).isEqualTo(200);
        String number = ok.json().get("ticket").asText();
        assertThat(server.http().get("/api/tickets/" + number, c.auth()).json().at("/ticket/attachments/0/name").asText())
                .isEqualTo("my_report_final_.txt");
    }

    @Test
    void too_many_files_is_413() {
        var c = AccountFixtures.client(server);
        var files = new FilePart[6];
        for (int i = 0; i < files.length; i++) files[i] = text("f" + i + ".txt", "x");
        assertThat(open(c.auth(), files).status()).isEqualTo(413);
    }

    @Test
    void staff_reply_with_an_attachment_is_visible_to_the_client() {
        var c = AccountFixtures.client(server);
        String number = ticket(server, c.auth(), technical, "Need the invoice copy");
        Res res = server.http().post("/admin/api/tickets/" + number + "/replies", Auth.admin(),
                multipart(Map.of("body", "Attached."), new FilePart("attachments[]", "invoice.pdf", "application/pdf",
                        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode d = server.http().get("/api/tickets/" + number, c.auth()).json();
        String file = d.at("/replies/0/attachments/0/file").asText();
        Res pdf = server.http().get("/api/ticket/attachment/" + file, c.auth());
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.text()).startsWith("%PDF-1.4");
    }

    @Test
    void a_malformed_multipart_body_is_400() {
        var c = AccountFixtures.client(server);
        Res res = server.http().post("/api/tickets", c.auth(), Http.Body.raw("multipart/form-data; boundary=xyz", "no parts here"));
        assertThat(res.status()).isEqualTo(400);
    }
}
