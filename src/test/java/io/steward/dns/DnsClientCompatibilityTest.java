package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Two public clients written against the real DNS.services API, replayed request by request as they
 * send them (method, path, headers, body bytes) and read the answers as they do: acme.sh's
 * {@code dns_dnsservices} hook (Basic auth, grep and cut on the raw JSON text) and dns-lexicon's
 * {@code dnsservices} provider (form login, Bearer token, {@code payload["records"].items()}).
 */
class DnsClientCompatibilityTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** A fresh client with one Active DNS hosting service and one zone; answers the zone's name. */
    private record Account(NewClient client, long serviceId, long zoneId, String zone) {}

    private static Account account(String prefix) {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 3);
        String zone = prefix + "-" + System.nanoTime() + ".example";
        return new Account(c, serviceId, zone(server, c.auth(), serviceId, zone), zone);
    }

    // acme.sh: _H1 is the Basic credentials, _H2 "Content-Type: application/json", on every request.

    private static Auth acmeAuth(NewClient c) {
        return Auth.basic(c.email(), c.password()).withHeader("Accept", "*/*");
    }

    /** {@code _get} with _H1 and _H2: a GET carrying the JSON content type and no body. */
    private static String acmeGet(NewClient c, String path) {
        Res res = server.http().send("GET", "/api" + path, acmeAuth(c), Body.raw("application/json", ""));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.text();
    }

    /** {@code cut -d'D' -fN}: the Nth field, or the whole line when it holds no delimiter. */
    private static String cut(String line, char delimiter, int field) {
        if (line.indexOf(delimiter) < 0) return line;
        String[] fields = line.split(Pattern.quote(String.valueOf(delimiter)), -1);
        return field <= fields.length ? fields[field - 1] : "";
    }

    /** acme.sh's {@code _get_root} on {@code GET /dns}: the root zone, its domain id and service id. */
    private static String[] acmeGetRoot(NewClient c) {
        String result = acmeGet(c, "/dns");
        // grep -c '"name"' counts lines: the compact answer is one line, so the one-zone path is taken.
        assertThat(result.lines().filter(l -> l.contains("\"name\"")).count()).isEqualTo(1);
        Matcher m = Pattern.compile("\"name\":\"[^\"]*").matcher(result);
        assertThat(m.find()).as("grep -o '\"name\":\"[^\"]*' in %s", result).isTrue();
        String rootZone = cut(m.group(), '"', 4);
        // sed "s,\"zones,\n&,g" | grep zones | cut -d'[' -f2 | cut -d']' -f1 | tr '}' '\n' | grep "\"$rootZone\""
        String zonesLine = Arrays.stream(result.replace("\"zones", "\n\"zones").split("\n")).filter(l -> l.contains("zones"))
                .findFirst().orElseThrow();
        String zoneInfo = Arrays.stream(cut(cut(zonesLine, '[', 2), ']', 1).split("}"))
                .filter(l -> l.contains("\"" + rootZone + "\"")).findFirst().orElseThrow();
        // tr ',' '\n' | grep domain_id | cut -d'"' -f4 (and service_id likewise)
        String domainId = Arrays.stream(zoneInfo.split(",")).filter(l -> l.contains("domain_id")).map(l -> cut(l, '"', 4)).findFirst().orElseThrow();
        String serviceId = Arrays.stream(zoneInfo.split(",")).filter(l -> l.contains("service_id")).map(l -> cut(l, '"', 4)).findFirst().orElseThrow();
        return new String[] {rootZone, domainId, serviceId};
    }

    /** acme.sh's {@code deleteRecord} lookup: the record id grepped out of the zone details, or "". */
    private static String acmeFindRecordId(NewClient c, String serviceId, String domainId, String fulldomain, String txtvalue) {
        String result = acmeGet(c, "/service/" + serviceId + "/dns/" + domainId);
        // tr '}' '\n' | grep "\"name\":\"${fulldomain}" | grep "\"content\":\"" | grep "${txtvalue}"
        List<String> recordInfo = Arrays.stream(result.split("}")).filter(l -> l.contains("\"name\":\"" + fulldomain))
                .filter(l -> l.contains("\"content\":\"")).filter(l -> l.contains(txtvalue)).toList();
        // tr ',' '\n' | egrep "\"id\":\"[0-9]+\"" | cut -d'"' -f4
        Pattern id = Pattern.compile("\"id\":\"[0-9]+\"");
        return recordInfo.stream().flatMap(l -> Arrays.stream(l.split(","))).filter(l -> id.matcher(l).find())
                .map(l -> cut(l, '"', 4)).findFirst().orElse("");
    }

    private static List<String> txtAt(String name) {
        Message m = query(server, name, Type.TXT, false);
        var out = new ArrayList<String>();
        for (var r : m.getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord t) for (byte[] b : t.getStringsAsByteArrays()) out.add(new String(b, StandardCharsets.US_ASCII));
        }
        return out;
    }

    @Test
    void acme_sh_adds_its_challenge_with_a_ten_second_TTL_finds_it_by_grep_and_deletes_it() {
        Account a = account("acme");
        String fulldomain = "_acme-challenge.www." + a.zone();
        String txtvalue = "XKrxpRBosdIKFzxW_CT3KLZNf6q0HG9i01zxXp5CPBs";

        String[] root = acmeGetRoot(a.client());
        assertThat(root).containsExactly(a.zone(), Long.toString(a.zoneId()), Long.toString(a.serviceId()));

        // createRecord: the body byte for byte, and the answer grepped for "success":true.
        String data = "{\"name\":\"" + fulldomain + "\",\"type\":\"TXT\",\"content\":\"" + txtvalue + "\", \"ttl\":\"10\"}";
        Res created = server.http().post("/api/service/" + root[2] + "/dns/" + root[1] + "/records", acmeAuth(a.client()),
                Body.raw("application/json", data));
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(created.text()).contains("\"success\":true");

        Message answer = query(server, fulldomain, Type.TXT, false);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(txtAt(fulldomain)).containsExactly(txtvalue);
            assertThat(r.getTTL()).isEqualTo(10);
        });

        // dns_dnsservices_rm: _get_root again, the id grepped from the zone details, then DELETE with
        // _H2's JSON content type and curl's empty --data.
        String recordId = acmeFindRecordId(a.client(), root[2], root[1], fulldomain, txtvalue);
        assertThat(recordId).as("the id acme.sh greps").matches("[0-9]+");
        assertThat(recordId).isEqualTo(created.json().at("/record/id").asText());
        Res deleted = server.http().send("DELETE", "/api/service/" + root[2] + "/dns/" + root[1] + "/records/" + recordId,
                acmeAuth(a.client()), Body.raw("application/json", ""));
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.text()).contains("\"success\":true");
        assertThat(acmeFindRecordId(a.client(), root[2], root[1], fulldomain, txtvalue)).isEmpty();
        assertThat(query(server, fulldomain, Type.TXT, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    // dns-lexicon: form login, then JSON requests with a Bearer token; GET and DELETE send "{}".

    private record Lexicon(Auth auth, String domain, String serviceId, String domainId) {
        String zonePath() { return "/api/service/" + serviceId + "/dns/" + domainId; }

        /** {@code _full_name}: rstrip('.'), then the domain appended unless the name ends with it. */
        String fullName(String name) {
            String n = name.replaceAll("\\.+$", "");
            return n.endsWith(domain) ? n : n + "." + domain;
        }

        /** {@code _relative_name}: rstrip('.'), then the domain and its dot cut off the end. */
        String relativeName(String name) {
            String n = name.replaceAll("\\.+$", "");
            return n.endsWith(domain) ? n.substring(0, n.length() - domain.length()).replaceAll("\\.+$", "") : n;
        }
    }

    private static Res lexiconRequest(Lexicon lx, String method, String path, String json) {
        Res res = server.http().send(method, path, lx.auth(), Body.raw("application/json", json));
        assertThat(res.status()).as("%s %s: %s (raise_for_status)", method, path, res).isBetween(200, 299);
        return res;
    }

    /** {@code authenticate}: POST /login with a form, then the zone found by name in GET /dns. */
    private static Lexicon lexiconAuthenticate(NewClient c, String domain) {
        Res login = server.http().post("/api/login", Auth.NONE, Body.form("username", c.email(), "password", c.password()));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        Auth auth = Auth.bearer(login.json().get("token").asText()).withHeader("Accept", "application/json");
        var probe = new Lexicon(auth, domain, null, null);
        for (JsonNode z : lexiconRequest(probe, "GET", "/api/dns", "{}").json().get("zones")) {
            if (z.get("name").asText().equals(domain)) return new Lexicon(auth, domain, z.get("service_id").asText(), z.get("domain_id").asText());
        }
        throw new AssertionError("No domain found");
    }

    /** {@code list_records}: every entry of {@code payload["records"].items()}, TXT quotes cleaned, then filtered. */
    private static List<Map<String, String>> lexiconList(Lexicon lx, String rtype, String name, String content) {
        JsonNode records = lexiconRequest(lx, "GET", lx.zonePath(), "{}").json().get("records");
        assertThat(records.isObject()).as("records.items() needs an object: %s", records).isTrue();
        var out = new ArrayList<Map<String, String>>();
        for (Map.Entry<String, JsonNode> item : records.properties()) {
            JsonNode r = item.getValue();
            String text = r.get("content").isTextual() ? r.get("content").asText() : r.get("content").toString();
            if (r.get("type").asText().equals("TXT") && text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                text = text.substring(1, text.length() - 1);
            }
            out.add(Map.of("type", r.get("type").asText(), "name", r.get("name").asText(), "ttl", r.get("ttl").asText(),
                    "content", text, "id", r.get("id").asText(), "position", item.getKey()));
        }
        return out.stream().filter(r -> rtype == null || r.get("type").equals(rtype))
                .filter(r -> name == null || r.get("name").equals(lx.fullName(name)))
                .filter(r -> content == null || r.get("content").equalsIgnoreCase(content)).toList();
    }

    /** {@code create_record}: skipped when the record is listed already; ttl as configured, priority as a string. */
    private static void lexiconCreate(Lexicon lx, String rtype, String name, String content, String extra) {
        if (!lexiconList(lx, rtype, name, content).isEmpty()) return;
        String body = "{\"type\": \"" + rtype + "\", \"name\": \"" + lx.relativeName(name) + "\", \"content\": \"" + content + "\"" + extra + "}";
        Res res = lexiconRequest(lx, "POST", lx.zonePath() + "/records", body);
        assertThat(res.text()).contains("\"success\":true");
    }

    @Test
    void dns_lexicon_creates_lists_updates_by_name_and_deletes_records_through_records_items() {
        Account a = account("lexicon");
        Lexicon lx = lexiconAuthenticate(a.client(), a.zone());
        assertThat(lx.serviceId()).isEqualTo(Long.toString(a.serviceId()));

        // lexicon create TXT _acme-challenge.lexicon --content challengetoken --ttl 3600
        lexiconCreate(lx, "TXT", "_acme-challenge.lexicon", "challengetoken", ", \"ttl\": 3600");
        lexiconCreate(lx, "TXT", "_acme-challenge.lexicon", "challengetoken", ", \"ttl\": 3600");
        List<Map<String, String>> listed = lexiconList(lx, "TXT", "_acme-challenge.lexicon", "challengetoken");
        assertThat(listed).as("created once: the second create saw it listed").singleElement().satisfies(r -> {
            assertThat(r.get("name")).isEqualTo("_acme-challenge.lexicon." + a.zone());
            assertThat(r.get("ttl")).isEqualTo("3600");
            assertThat(r.get("id")).matches("[0-9]+");
        });
        assertThat(txtAt("_acme-challenge.lexicon." + a.zone())).containsExactly("challengetoken");

        // A priority comes as a string; the FQDN form of a name lands on the same relative name.
        lexiconCreate(lx, "MX", "mail." + a.zone() + ".", "mx.example.org", ", \"priority\": \"10\"");
        JsonNode mx = null;
        for (JsonNode r : lexiconRequest(lx, "GET", lx.zonePath(), "{}").json().get("records")) if (r.get("type").asText().equals("MX")) mx = r;
        assertThat(mx).isNotNull();
        assertThat(mx.get("name").asText()).isEqualTo("mail." + a.zone());
        assertThat(mx.get("prio").asText()).isEqualTo("10");
        assertThat(mx.get("priority").isTextual()).isTrue();
        assertThat(mx.get("priority").asText()).isEqualTo("10");

        // lexicon update TXT --name _acme-challenge.lexicon --content updatedtoken: the id found by name, then PUT type, name, content.
        Map<String, String> before = lexiconList(lx, "TXT", "_acme-challenge.lexicon", null).get(0);
        Res updated = lexiconRequest(lx, "PUT", lx.zonePath() + "/records/" + before.get("id"),
                "{\"type\": \"TXT\", \"name\": \"_acme-challenge.lexicon\", \"content\": \"updatedtoken\"}");
        assertThat(updated.text()).contains("\"success\":true");
        assertThat(updated.json().at("/record/id").asText()).isEqualTo(before.get("id"));
        assertThat(lexiconList(lx, "TXT", "_acme-challenge.lexicon", null)).singleElement().satisfies(r -> {
            assertThat(r.get("content")).isEqualTo("updatedtoken");
            assertThat(r.get("id")).isEqualTo(before.get("id"));
            assertThat(r.get("position")).as("an edit keeps the position").isEqualTo(before.get("position"));
            assertThat(r.get("ttl")).as("a TTL left out is kept").isEqualTo("3600");
        });
        assertThat(txtAt("_acme-challenge.lexicon." + a.zone())).containsExactly("updatedtoken");

        // lexicon delete TXT --name _acme-challenge.lexicon: ids by filter, one DELETE each (with its "{}" body).
        for (Map<String, String> r : lexiconList(lx, "TXT", "_acme-challenge.lexicon", null)) {
            lexiconRequest(lx, "DELETE", lx.zonePath() + "/records/" + r.get("id"), "{}");
        }
        assertThat(lexiconList(lx, "TXT", "_acme-challenge.lexicon", null)).isEmpty();
        assertThat(query(server, "_acme-challenge.lexicon." + a.zone(), Type.TXT, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        JsonNode records = lexiconRequest(lx, "GET", lx.zonePath(), "{}").json().get("records");
        assertThat(records.has(before.get("position"))).as("the deleted record leaves a gap").isFalse();
    }

    @Test
    void a_relative_name_a_full_name_and_a_full_name_with_the_final_dot_are_one_owner() {
        Account a = account("names");
        String owner = "_acme-challenge.www." + a.zone();
        added(server, a.client().auth(), a.serviceId(), a.zoneId(), obj("name", "_acme-challenge.www", "type", "TXT", "content", "from-lexicon"));
        added(server, a.client().auth(), a.serviceId(), a.zoneId(), obj("name", owner, "type", "TXT", "content", "from-acme", "ttl", "10"));
        added(server, a.client().auth(), a.serviceId(), a.zoneId(), obj("name", owner + ".", "type", "TXT", "content", "with-dot", "ttl", 10));
        JsonNode records = server.http().get("/api/service/" + a.serviceId() + "/dns/" + a.zoneId(), a.client().auth()).json().get("records");
        var names = new ArrayList<String>();
        for (JsonNode r : records) if (r.get("type").asText().equals("TXT")) names.add(r.get("name").asText());
        assertThat(names).containsExactly(owner, owner, owner);
        assertThat(txtAt(owner)).containsExactlyInAnyOrder("from-lexicon", "from-acme", "with-dot");
    }

    @Test
    void zone_details_key_records_by_a_stable_position_that_deletions_leave_as_gaps_and_never_reuse() {
        Account a = account("positions");
        String base = "/api/service/" + a.serviceId() + "/dns/" + a.zoneId();
        Auth auth = a.client().auth();
        JsonNode fresh = server.http().get(base, auth).json().get("records");
        int defaults = fresh.size();
        var freshKeys = new ArrayList<String>();
        fresh.fieldNames().forEachRemaining(freshKeys::add);
        assertThat(freshKeys).as("a new zone's records hold positions 0..n-1").containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, defaults).mapToObj(Integer::toString).toList());

        String one = added(server, auth, a.serviceId(), a.zoneId(), obj("name", "one", "type", "A", "content", "192.0.2.1")).get("id").asText();
        String two = added(server, auth, a.serviceId(), a.zoneId(), obj("name", "two", "type", "A", "content", "192.0.2.2")).get("id").asText();
        String three = added(server, auth, a.serviceId(), a.zoneId(), obj("name", "three", "type", "A", "content", "192.0.2.3")).get("id").asText();
        assertThat(positionOf(base, auth, one)).isEqualTo(Integer.toString(defaults));
        assertThat(positionOf(base, auth, three)).isEqualTo(Integer.toString(defaults + 2));

        assertThat(server.http().delete(base + "/records/" + two, auth).status()).isEqualTo(200);
        assertThat(server.http().put(base + "/records/" + one, auth, Body.json(obj("name", "uno", "content", "192.0.2.11"))).status()).isEqualTo(200);
        assertThat(server.http().delete(base + "/records/" + three, auth).status()).isEqualTo(200);
        String four = added(server, auth, a.serviceId(), a.zoneId(), obj("name", "four", "type", "A", "content", "192.0.2.4")).get("id").asText();

        JsonNode records = server.http().get(base, auth).json().get("records");
        var keys = new ArrayList<String>();
        records.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).endsWith(Integer.toString(defaults), Integer.toString(defaults + 3));
        assertThat(positionOf(base, auth, one)).as("an edit keeps its position").isEqualTo(Integer.toString(defaults));
        assertThat(positionOf(base, auth, four)).as("the deleted last position is not given again").isEqualTo(Integer.toString(defaults + 3));
    }

    private static String positionOf(String base, Auth auth, String recordId) {
        for (Map.Entry<String, JsonNode> e : server.http().get(base, auth).json().get("records").properties()) {
            if (e.getValue().get("id").asText().equals(recordId)) return e.getKey();
        }
        throw new AssertionError("record " + recordId + " not listed");
    }

    @Test
    void every_field_of_a_listed_record_is_a_string_TXT_is_quoted_and_a_quoted_TXT_sent_back_is_unchanged() {
        Account a = account("shapes");
        String base = "/api/service/" + a.serviceId() + "/dns/" + a.zoneId();
        Auth auth = a.client().auth();
        String txtId = added(server, auth, a.serviceId(), a.zoneId(), obj("name", "@", "type", "TXT", "content", "say \"hi\" \\o/")).get("id").asText();
        added(server, auth, a.serviceId(), a.zoneId(), obj("name", "_sip._tcp", "type", "SRV", "priority", 10, "content", List.of(5, 5060, "sip.example.org")));

        JsonNode details = server.http().get(base, auth).json();
        JsonNode txt = null, soa = null, srv = null;
        for (JsonNode r : details.get("records")) {
            for (String f : List.of("id", "domain_id", "name", "type", "ttl", "prio", "change_date", "priority")) {
                assertThat(r.get(f).isTextual()).as("%s of %s", f, r).isTrue();
            }
            assertThat(r.get("domain_id").asText()).isEqualTo(Long.toString(a.zoneId()));
            assertThat(r.get("change_date").asText()).matches("[1-9][0-9]{9}");
            switch (r.get("type").asText()) {
                case "TXT" -> txt = r;
                case "SOA" -> soa = r;
                case "SRV" -> srv = r;
                default -> { }
            }
        }
        assertThat(txt.get("content").asText()).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        assertThat(soa.get("content")).hasSize(7).allSatisfy(f -> assertThat(f.isTextual()).isTrue());
        assertThat(soa.get("content").get(2).asText()).matches("[0-9]{10}");
        assertThat(srv.get("content").get(0).asInt()).isEqualTo(5);
        assertThat(srv.get("content").get(2).asText()).isEqualTo("sip.example.org");
        assertThat(srv.get("priority").asText()).isEqualTo("10");

        // What a client read from the listing, sent back as it is, stores the same text.
        Res put = server.http().put(base + "/records/" + txtId, auth, Body.json(obj("type", "TXT", "name", a.zone(), "content", txt.get("content").asText())));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(txtAt(a.zone())).containsExactly("say \"hi\" \\o/");
    }
}
