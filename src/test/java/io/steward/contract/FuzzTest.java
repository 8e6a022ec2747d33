package io.steward.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.support.Contract;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import io.steward.support.contract.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every documented operation of every dialect, generated from the OpenAPI documents:
 * malformed JSON, wrong types for each documented parameter, huge values, PHP bracket arrays in
 * form bodies, odd content types and odd path ids, as the demo client (client API) and the demo
 * admin key (admin API). Seeded and bounded, so a failure reproduces. Nothing may answer 5xx, and
 * every answer must be in its dialect's envelope; whether each status is documented is the
 * contract tests' business, so these requests bypass the contract check.
 */
class FuzzTest {
    private static final long SEED = 20261207L;
    /** Requests per operation at most, besides the baseline. */
    private static final int PER_OPERATION = 16;
    private static final String HUGE = "x".repeat(70_000);
    private static final List<String> MALFORMED_JSON = List.of("{", "{\"a\":", "[1, 2", "\"unterminated", "{\"a\": 1}}", "nul",
            "{\"a\": 01}", "{'a': 1}", "\u0000\u0001\u0002", "{\"a\": \"\\ud800\"}");
    /** Wrong types and odd values for a parameter, as JSON. */
    private static final List<String> WRONG_VALUES = List.of("[]", "[1, 2]", "[\"x\"]", "{}", "{\"a\": {\"b\": 1}}", "true", "false",
            "null", "0", "-1", "1.5", "1e308", "123456789012345678901234567890", "\"" + "9".repeat(40) + "\"", "\"\"", "\"   \"",
            "\"a\\u0000b\"", "\"\uD83D\uDE00\"", "\"" + HUGE + "\"", "\"2026-13-45\"", "\"<script>\"");
    private static final List<String> ODD_IDS = List.of("0", "-1", "99999999999999999999", "abc", "1.5", "%00", "%2e%2e");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static TestServer server;
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(4);
    private static final Map<String, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeAll
    static void start() {
        // Fuzzing /login and Basic auth counts failures from 127.0.0.1; the demo credentials must keep working.
        server = TestServer.start(c -> c.with("auth.login.max-failures-per-address", "1000000")
                .with("auth.login.max-failures-per-account", "1000000"));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        server.close();
    }

    /** One request and what came back, for the failure report. */
    private record Sent(String method, String path, String contentType, String body, int status, String contentTypeBack, String answer) {
        @Override
        public String toString() {
            String b = body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "...(" + body.length() + ")" : body;
            String p = path.length() > 160 ? path.substring(0, 160) + "...(" + path.length() + ")" : path;
            String a = answer.length() > 300 ? answer.substring(0, 300) + "..." : answer;
            return method + " " + p + " [" + contentType + "] " + b + "\n    -> " + status + " [" + contentTypeBack + "] " + a;
        }
    }

    @Test
    void no_bad_input_on_any_documented_operation_answers_5xx_or_leaves_the_dialects_envelope() {
        var problems = new ArrayList<String>();
        // The services API first: the client and admin APIs' DELETEs revoke API keys, the demo key among them.
        int sent = fuzz(Contract.services(), Auth.demoApiKey(), FuzzTest::servicesEnvelope, problems)
                + fuzz(Contract.client(), Auth.demo(), FuzzTest::clientEnvelope, problems)
                + fuzz(Contract.admin(), Auth.admin(), FuzzTest::adminEnvelope, problems)
                + fuzz(Contract.partner(), partnerAuth(), FuzzTest::partnerEnvelope, problems);
        // The mix of answers, so a change that turns every request into a 400 shows.
        System.out.println("fuzz: " + sent + " requests, statuses " + STATUSES);
        assertThat(sent).isGreaterThan(2000);
        // Real objects were reached (valid path ids), and rules were checked, not only syntax.
        assertThat(STATUSES).containsKeys("/api 200", "/api 422", "/admin/api 200", "/admin/api 422", "/v1 200", "/v1 422", "/partner 200", "/partner 422");
        assertThat(problems).as("%d of %d requests broke the rules:%n%s", problems.size(), sent,
                String.join("\n", problems.subList(0, Math.min(problems.size(), 60)))).isEmpty();
    }

    private interface Envelope {
        /** Null if {@code body} is in the dialect's envelope for {@code status}, else what is wrong. */
        String check(int status, String contentType, String body, boolean documentAllowed);
    }

    private int fuzz(OpenApiContract doc, Auth auth, Envelope envelope, List<String> problems) {
        var random = new Random(SEED);
        var ids = new PathIds(doc.server(), auth);
        var operations = new ArrayList<>(doc.operations());
        // Reads first, deletions last, so destructive calls cannot make the others meaningless.
        operations.sort(Comparator.comparingInt((OpenApiContract.Operation o) -> switch (o.method()) {
            case "GET" -> 0;
            case "DELETE" -> 2;
            default -> 1;
        }).thenComparing(OpenApiContract.Operation::path));
        int count = 0;
        for (var op : operations) {
            String path = ids.resolve(op.path());
            List<String> params = parameters(doc, op);
            var requests = requests(op, path, params, random);
            // One operation's requests are independent of each other: sent four at a time.
            var answers = new ArrayList<java.util.concurrent.Future<Sent>>();
            for (Request r : requests) answers.add(POOL.submit(() -> send(op.method(), doc.server() + r.path(), auth, r.contentType(), r.body())));
            for (var answer : answers) {
                Sent s = join(answer);
                count++;
                STATUSES.merge(doc.server() + " " + s.status(), 1, Integer::sum);
                String wrong = s.status() >= 500 ? "answered " + s.status()
                        : envelope.check(s.status(), s.contentTypeBack(), s.answer(), documented(doc, op, s.status(), s.contentTypeBack()));
                if (wrong != null) problems.add(op + ": " + wrong + "\n  " + s);
            }
        }
        return count;
    }

    private static Sent join(java.util.concurrent.Future<Sent> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Request(String path, String contentType, String body) {}

    /** The bounded, seeded set of bad requests for one operation. */
    private static List<Request> requests(OpenApiContract.Operation op, String path, List<String> params, Random random) {
        boolean hasBody = !op.method().equals("GET") && !op.method().equals("DELETE");
        var candidates = new ArrayList<Request>();
        // Malformed JSON.
        for (String junk : MALFORMED_JSON) candidates.add(new Request(path, "application/json", junk));
        // Wrong types per documented parameter: in a JSON body (every endpoint reads all three
        // encodings), and short ones in the query string as GET clients send them.
        for (String name : params) {
            for (String value : WRONG_VALUES) {
                candidates.add(new Request(path, "application/json", "{\"" + name + "\": " + value + "}"));
                if (!hasBody && value.length() < 100 && (value.startsWith("\"") || !value.startsWith("[") && !value.startsWith("{"))) {
                    String raw = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
                    candidates.add(new Request(path + "?" + enc(name) + "=" + enc(raw), null, null));
                }
            }
            // PHP bracket arrays and nested maps in form bodies and query strings.
            candidates.add(new Request(path, "application/x-www-form-urlencoded", enc(name + "[]") + "=x&" + enc(name + "[]") + "=y"));
            candidates.add(new Request(path, "application/x-www-form-urlencoded", enc(name + "[a][b]") + "=x"));
            candidates.add(new Request(path + "?" + enc(name + "[]") + "=1", null, null));
            candidates.add(new Request(path, "application/x-www-form-urlencoded", enc(name) + "=" + HUGE));
        }
        // Every parameter huge at once.
        if (!params.isEmpty()) {
            var all = new LinkedHashMap<String, Object>();
            params.forEach(n -> all.put(n, HUGE));
            candidates.add(new Request(path, "application/json", Json.text(all)));
            var digits = new LinkedHashMap<String, Object>();
            params.forEach(n -> digits.put(n, "9".repeat(30)));
            candidates.add(new Request(path, "application/json", Json.text(digits)));
        }
        // Odd content types.
        candidates.add(new Request(path, "text/plain", "{\"a\": 1}"));
        candidates.add(new Request(path, "application/xml", "<?xml version=\"1.0\"?><a><b>1</b></a>"));
        candidates.add(new Request(path, "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\njunk"));
        candidates.add(new Request(path, "multipart/form-data", "junk without a boundary"));
        candidates.add(new Request(path, "application/x-www-form-urlencoded", "%zz=%&&==&a[=1&b]=2"));
        candidates.add(new Request(path, "", "a=1"));
        candidates.add(new Request(path, null, "{\"a\": 1}"));
        Collections.shuffle(candidates, random);
        var chosen = new ArrayList<Request>();
        chosen.add(new Request(path, null, null));
        chosen.addAll(candidates.subList(0, Math.min(PER_OPERATION, candidates.size())));
        // Odd path ids, each in place of every path parameter in turn.
        if (op.path().contains("{")) {
            Matcher m = Pattern.compile("\\{[^}]+}").matcher(op.path());
            var segments = new ArrayList<int[]>();
            while (m.find()) segments.add(new int[] {m.start(), m.end()});
            for (int[] seg : segments) {
                String odd = ODD_IDS.get(random.nextInt(ODD_IDS.size()));
                String other = ODD_IDS.get(random.nextInt(ODD_IDS.size()));
                for (String id : List.of(odd, other)) {
                    String template = op.path().substring(0, seg[0]) + id + op.path().substring(seg[1]);
                    chosen.add(new Request(PathIds.fill(template, path, op.path()), hasBody ? "application/json" : null, hasBody ? "{}" : null));
                }
            }
        }
        return chosen;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The names of the operation's documented parameters: query and header-free ones, and the request body's properties. */
    private static List<String> parameters(OpenApiContract doc, OpenApiContract.Operation op) {
        var names = new LinkedHashSet<String>();
        JsonNode document = doc.document();
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode resolved = deref(document, p);
            if (resolved.path("in").asText().equals("query")) names.add(resolved.path("name").asText());
        }
        for (JsonNode content : op.node().path("requestBody").path("content")) {
            collectProperties(document, content.path("schema"), names, 0);
        }
        return new ArrayList<>(names);
    }

    private static void collectProperties(JsonNode document, JsonNode schema, Set<String> names, int depth) {
        if (depth > 6) return;
        JsonNode s = deref(document, schema);
        s.path("properties").fieldNames().forEachRemaining(names::add);
        for (String k : List.of("allOf", "oneOf", "anyOf")) for (JsonNode sub : s.path(k)) collectProperties(document, sub, names, depth + 1);
    }

    private static JsonNode deref(JsonNode document, JsonNode node) {
        for (int i = 0; i < 5 && node.has("$ref"); i++) node = document.at(node.get("$ref").asText().substring(1));
        return node;
    }

    private static Sent send(String method, String path, Auth auth, String contentType, String body) {
        var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (auth.header() != null) b.header("Authorization", auth.header());
        if (contentType != null && !contentType.isEmpty()) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Sent(method, path, contentType, body, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            return new Sent(method, path, contentType, body, 599, "", "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String contentType, String body) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) return null;
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the operation documents a success of this media type other than JSON (an invoice PDF, an attachment). */
    private static boolean documented(OpenApiContract doc, OpenApiContract.Operation op, int status, String contentType) {
        String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode response = deref(doc.document(), op.node().path("responses").path(Integer.toString(status)));
        return status < 300 && !media.isEmpty() && response.path("content").has(media);
    }

    /** Client API: JSON; errors {@code {"error": [...]}} with {@code success} false where it is given. */
    private static String clientEnvelope(int status, String contentType, String body, boolean documentAllowed) {
        JsonNode json = json(contentType, body);
        if (status < 400) return json != null || documentAllowed ? null : "a success that is not JSON";
        if (json == null || !json.isObject()) return "an error that is not a JSON object";
        JsonNode error = json.get("error");
        if (error == null || !error.isArray() || error.isEmpty()) return "an error without an \"error\" array";
        for (JsonNode e : error) if (!e.isTextual()) return "an error message that is not a string";
        if (json.has("success") && !json.get("success").isBoolean() || json.path("success").asBoolean(false)) return "an error with success not false";
        return null;
    }

    /** Admin API: JSON; errors {@code {"error": "code", "messages": [...], "fields"?: {...}}}. */
    private static String adminEnvelope(int status, String contentType, String body, boolean documentAllowed) {
        JsonNode json = json(contentType, body);
        if (status < 400) return json != null || documentAllowed ? null : "a success that is not JSON";
        if (json == null || !json.isObject()) return "an error that is not a JSON object";
        if (!json.path("error").isTextual()) return "an error without an \"error\" code";
        JsonNode messages = json.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) return "an error without messages";
        if (json.has("fields") && !json.get("fields").isObject()) return "an error whose fields are not an object";
        return null;
    }

    /** Services API: JSON; errors {@code {"status": "error", "message": "...", "errors"?: {...}}}. */
    private static String servicesEnvelope(int status, String contentType, String body, boolean documentAllowed) {
        JsonNode json = json(contentType, body);
        if (status < 400) return json != null || documentAllowed ? null : "a success that is not JSON";
        if (json == null || !json.isObject()) return "an error that is not a JSON object";
        if (!"error".equals(json.path("status").asText())) return "an error without \"status\": \"error\"";
        if (!json.path("message").isTextual() || json.path("message").asText().isEmpty()) return "an error without a message";
        if (json.has("errors") && !json.get("errors").isObject()) return "an error whose errors are not an object";
        return null;
    }

    /** The demo partner's access token (its documented OAuth credential). */
    private static Auth partnerAuth() {
        Sent s = send("POST", "/partner/auth/token", Auth.NONE, "application/json", Json.text(Map.of("client_id",
                io.steward.partner.PartnerDemo.CLIENT_ID, "client_secret", io.steward.partner.PartnerDemo.CLIENT_SECRET)));
        assertThat(s.status()).as("%s", s).isEqualTo(200);
        return Auth.bearer(json(s.contentTypeBack(), s.answer()).get("access_token").asText());
    }

    /** Partner API: JSON; errors {@code {"success": false, "message": "...", "errors"?: {...}}}. */
    private static String partnerEnvelope(int status, String contentType, String body, boolean documentAllowed) {
        JsonNode json = json(contentType, body);
        if (status < 400) return json != null || documentAllowed ? null : "a success that is not JSON";
        if (json == null || !json.isObject()) return "an error that is not a JSON object";
        if (!json.path("success").isBoolean() || json.get("success").asBoolean()) return "an error without success false";
        if (!json.path("message").isTextual() || json.get("message").asText().isEmpty()) return "an error without a message";
        if (json.has("errors") && !json.get("errors").isObject()) return "an error whose errors are not an object";
        return null;
    }

    /**
     * Valid path ids from the demo data: a parameter is filled from the list its path's prefix
     * answers ({@code /invoice/{id}} from {@code GET /invoice}), resolved left to right, so nested
     * paths reach real objects; where there is no list, a plausible default.
     */
    private static final class PathIds {
        private static final Map<String, String> DEFAULTS = Map.of("name", "example.com", "file", "missing.txt", "number", "1",
                "key", "1-1-1-00", "index", "1", "domain", "partner-demo.test");
        private final String server;
        private final Auth auth;
        private final Map<String, String> cache = new LinkedHashMap<>();

        PathIds(String server, Auth auth) {
            this.server = server;
            this.auth = auth;
        }

        String resolve(String template) {
            StringBuilder out = new StringBuilder();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            int last = 0;
            while (m.find()) {
                out.append(template, last, m.start());
                String prefix = out.toString().replaceAll("/$", "");
                out.append(cache.computeIfAbsent(prefix + "|" + m.group(1), k -> lookup(prefix, m.group(1))));
                last = m.end();
            }
            return out.append(template.substring(last)).toString();
        }

        /** {@code template} with one parameter already replaced, the others taken from {@code resolved}. */
        static String fill(String template, String resolved, String original) {
            String[] t = template.split("/", -1);
            String[] r = resolved.split("/", -1);
            String[] o = original.split("/", -1);
            for (int i = 0; i < t.length && i < r.length; i++) if (t[i].startsWith("{") && o[i].equals(t[i])) t[i] = r[i];
            return String.join("/", t);
        }

        private String lookup(String prefix, String param) {
            for (String list : List.of(prefix, prefix + "s")) {
                Sent s = send("GET", server + list, auth, null, null);
                JsonNode json = json(s.contentTypeBack(), s.answer());
                if (s.status() != 200 || json == null) continue;
                JsonNode item = firstItem(json, 0);
                if (item == null) continue;
                for (String key : List.of(param, "id", "number", "name")) {
                    JsonNode v = item.get(key);
                    if (v != null && v.isValueNode() && !v.asText().isEmpty()) return enc(v.asText());
                }
            }
            return DEFAULTS.getOrDefault(param, "1");
        }

        private static JsonNode firstItem(JsonNode node, int depth) {
            if (depth > 3 || node == null) return null;
            if (node.isArray()) return node.isEmpty() ? null : node.get(0).isObject() ? node.get(0) : null;
            if (node.isObject()) {
                for (var it = node.fields(); it.hasNext(); ) {
                    JsonNode found = firstItem(it.next().getValue(), depth + 1);
                    if (found != null) return found;
                }
            }
            return null;
        }
    }
}
