package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** URL and FRAME forwarding through the forwarding listener; the admin API for zones, records and templates. */
class DnsForwardingAndAdminTest {
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** A request to the forwarding listener as a browser sends it for {@code host} (its Host header). */
    private static HttpResponse<String> visit(String host) throws Exception {
        int port = server.steward().dns().forwardingPort();
        // The JDK client sets Host from the URI, so the name is mapped to the listener through the port only.
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).header("X-Unused", "1").build();
        var sock = new java.net.Socket("127.0.0.1", port);
        try (sock) {
            var out = sock.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes());
            out.flush();
            String raw = new String(sock.getInputStream().readAllBytes());
            int status = Integer.parseInt(raw.substring(9, 12));
            return new RawResponse(status, raw, req);
        }
    }

    private record RawResponse(int statusCode, String raw, HttpRequest request) implements HttpResponse<String> {
        @Override public HttpRequest request() { return request; }
        @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() {
            var map = new java.util.TreeMap<String, java.util.List<String>>(String.CASE_INSENSITIVE_ORDER);
            for (String line : raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0) map.computeIfAbsent(line.substring(0, c).trim(), k -> new java.util.ArrayList<>()).add(line.substring(c + 1).trim());
            }
            return java.net.http.HttpHeaders.of(map, (a, b) -> true);
        }
        @Override public String body() { return raw.substring(raw.indexOf("\r\n\r\n") + 4); }
        @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        @Override public URI uri() { return request.uri(); }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }

    @Test
    void a_URL_record_resolves_to_the_listener_which_redirects() throws Exception {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 2);
        String zone = "fwd-" + System.nanoTime() + ".example";
        long zoneId = zone(server, c.auth(), serviceId, zone);
        added(server, c.auth(), serviceId, zoneId, obj("name", "go", "type", "URL", "content", "https://target.example.org/landing"));
        added(server, c.auth(), serviceId, zoneId, obj("name", "tmp", "type", "URL", "priority", 302, "content", "https://target.example.org/tmp"));
        var m = query(server, "go." + zone, Type.A, false);
        assertThat(((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("127.0.0.1");

        var permanent = visit("go." + zone);
        assertThat(permanent.statusCode()).isEqualTo(301);
        assertThat(permanent.headers().firstValue("Location")).contains("https://target.example.org/landing");
        var temporary = visit("TMP." + zone + ":8053");
        assertThat(temporary.statusCode()).isEqualTo(302);
        assertThat(temporary.headers().firstValue("Location")).contains("https://target.example.org/tmp");
        assertThat(visit("nothing." + zone).statusCode()).isEqualTo(404);
        // A forwarded name owns its addresses.
        Res clash = server.http().post("/api/service/" + serviceId + "/dns/" + zoneId + "/records", c.auth(),
                Body.json(obj("name", "go", "type", "A", "content", "192.0.2.1")));
        assertThat(clash.status()).isEqualTo(422);
    }

    @Test
    void a_FRAME_record_answers_a_page_framing_the_target() throws Exception {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 2);
        String zone = "frame-" + System.nanoTime() + ".example";
        long zoneId = zone(server, c.auth(), serviceId, zone);
        added(server, c.auth(), serviceId, zoneId, obj("name", "@", "type", "FRAME", "content", "https://site.example.org/?a=1&b=2"));
        var page = visit(zone);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<iframe src=\"https://site.example.org/?a=1&amp;b=2\"");
    }

    @Test
    void staff_manage_any_clients_zone_and_records() {
        var c = AccountFixtures.client(server);
        String name = "staff-" + System.nanoTime() + ".example";
        Res created = server.http().post("/admin/api/dns/zones", Auth.admin(), Body.json(obj("client_id", c.id(), "name", name)));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        long zoneId = created.json().at("/zone/id").asLong();
        assertThat(created.json().at("/zone/service_id").isNull()).isTrue();

        Res rec = server.http().post("/admin/api/dns/zones/" + zoneId + "/records", Auth.admin(),
                Body.json(obj("name", "txt", "type", "TXT", "content", "staff wrote this")));
        assertThat(rec.status()).as("%s", rec).isEqualTo(201);
        long recordId = rec.json().at("/record/id").asLong();
        var m = query(server, "txt." + name, Type.TXT, false);
        assertThat(((TXTRecord) m.getSection(Section.ANSWER).get(0)).getStrings()).containsExactly("staff wrote this");

        Res upd = server.http().put("/admin/api/dns/zones/" + zoneId + "/records/" + recordId, Auth.admin(), Body.json(obj("content", "changed")));
        assertThat(upd.status()).isEqualTo(200);
        assertThat(upd.json().at("/record/content").asText()).isEqualTo("changed");

        JsonNode list = server.http().get("/admin/api/dns/zones?client_id=" + c.id(), Auth.admin()).json().get("zones");
        assertThat(list).singleElement().satisfies(z -> assertThat(z.get("name").asText()).isEqualTo(name));
        JsonNode details = server.http().get("/admin/api/dns/zones/" + zoneId, Auth.admin()).json().get("zone");
        assertThat(details.get("records")).hasSizeGreaterThanOrEqualTo(4);

        assertThat(server.http().delete("/admin/api/dns/zones/" + zoneId + "/records/" + recordId, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().delete("/admin/api/dns/zones/" + zoneId, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/dns/zones/" + zoneId, Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().post("/admin/api/dns/zones", Auth.admin(), Body.json(obj("client_id", 987654321, "name", "x.example"))).status())
                .isEqualTo(422);
    }

    @Test
    void staff_import_many_records_at_once_or_none_when_one_is_invalid() {
        var c = AccountFixtures.client(server);
        String name = "import-" + System.nanoTime() + ".example";
        long zoneId = server.http().post("/admin/api/dns/zones", Auth.admin(), Body.json(obj("client_id", c.id(), "name", name)))
                .json().at("/zone/id").asLong();
        var records = new java.util.ArrayList<Object>();
        for (int i = 0; i < 300; i++) records.add(obj("name", "h" + i, "type", "A", "ttl", 300, "content", "10.0." + (i / 256) + "." + (i % 256)));
        records.add(obj("name", "_sip._tcp", "type", "SRV", "priority", 1, "content", java.util.List.of(5, 5060, "sip.example.org")));
        Res ok = server.http().post("/admin/api/dns/zones/" + zoneId + "/import", Auth.admin(), Body.json(obj("records", records)));
        assertThat(ok.status()).as("%s", ok).isEqualTo(201);
        assertThat(ok.json().get("imported").asInt()).isEqualTo(301);
        var m = query(server, "h299." + name, Type.A, false);
        assertThat(((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("10.0.1.43");

        Res bad = server.http().post("/admin/api/dns/zones/" + zoneId + "/import", Auth.admin(), Body.json(obj("records", java.util.List.of(
                obj("name", "fine", "type", "A", "content", "192.0.2.1"), obj("name", "broken", "type", "A", "content", "nope")))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").has("records[1].content")).isTrue();
        assertThat(query(server, "fine." + name, Type.A, false).getRcode()).as("nothing was imported").isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
    }

    @Test
    void default_records_from_templates_are_added_to_new_zones() {
        Res t = server.http().post("/admin/api/dns/templates", Auth.admin(),
                Body.json(obj("name", "@", "type", "MX", "priority", 5, "content", "mx.{zone}")));
        assertThat(t.status()).as("%s", t).isEqualTo(201);
        long templateId = t.json().at("/template/id").asLong();
        assertThat(server.http().get("/admin/api/dns/templates", Auth.admin()).json().get("templates")).isNotEmpty();
        try {
            var c = AccountFixtures.client(server);
            long serviceId = dnsService(server, c.id(), 2);
            String zone = "tpl-" + System.nanoTime() + ".example";
            long zoneId = zone(server, c.auth(), serviceId, zone);
            JsonNode records = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, c.auth()).json().get("records");
            assertThat(records.isObject()).as("records keyed by position").isTrue();
            assertThat(records).anySatisfy(r -> {
                assertThat(r.get("type").asText()).isEqualTo("MX");
                assertThat(r.get("content").asText()).isEqualTo("mx." + zone);
                assertThat(r.get("priority").asText()).isEqualTo("5");
            });
            assertThat(server.http().post("/admin/api/dns/templates", Auth.admin(), Body.json(obj("name", "@", "type", "A", "content", "nope")))
                    .status()).isEqualTo(422);
        } finally {
            assertThat(server.http().delete("/admin/api/dns/templates/" + templateId, Auth.admin()).status()).isEqualTo(200);
        }
    }
}
