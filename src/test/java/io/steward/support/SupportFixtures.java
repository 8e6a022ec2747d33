package io.steward.support;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Departments, tickets and multipart bodies for the support tests. */
public final class SupportFixtures {
    private SupportFixtures() {}

    /** A file part of a multipart body. */
    public record FilePart(String field, String filename, String contentType, byte[] bytes) {}

    /** A {@code multipart/form-data} body: text fields (alternating names and values) and files. */
    public static Body multipart(Map<String, String> fields, FilePart... files) {
        String boundary = "----steward" + UUID.randomUUID().toString().replace("-", "");
        var out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n"));
        for (FilePart f : files) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field() + "\"; filename=\"" + f.filename()
                    + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n");
            out.writeBytes(f.bytes());
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return new Body("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public static FilePart text(String filename, String content) {
        return new FilePart("attachments[]", filename, "text/plain", content.getBytes(StandardCharsets.UTF_8));
    }

    /** A department created through the admin API; {@code fields} override the defaults. */
    public static JsonNode department(TestServer server, Map<String, Object> fields) {
        var body = obj("name", "Dept " + UUID.randomUUID().toString().substring(0, 8), "description", "test department");
        body.putAll(fields);
        Res res = server.http().post("/admin/api/departments", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a department: %s", res).isEqualTo(201);
        return res.json().get("department");
    }

    /** Opens a ticket as {@code who} and answers its number. */
    public static String ticket(TestServer server, Auth who, long departmentId, String subject) {
        Res res = server.http().post("/api/tickets", who, Body.json(obj("dept_id", departmentId, "subject", subject, "body", "Help with " + subject)));
        assertThat(res.status()).as("opening a ticket: %s", res).isEqualTo(200);
        return res.json().get("ticket").asText();
    }

    /** The department named {@code name} (demo data), by the admin API. */
    public static long departmentId(TestServer server, String name) {
        for (JsonNode d : server.http().get("/admin/api/departments", Auth.admin()).json().get("departments")) {
            if (d.get("name").asText().equals(name)) return d.get("id").asLong();
        }
        throw new AssertionError("no department " + name);
    }

    public static JsonNode staffReply(TestServer server, String number, String body) {
        Res res = server.http().post("/admin/api/tickets/" + number + "/replies", Auth.admin(), Body.json(obj("body", body)));
        assertThat(res.status()).as("staff reply: %s", res).isEqualTo(200);
        return res.json().get("ticket");
    }
}
