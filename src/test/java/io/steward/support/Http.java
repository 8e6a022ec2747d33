package io.steward.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP client tests speak to a {@link TestServer} with. Every response it receives is checked
 * against the dialect's OpenAPI document by {@link Contract} before the test sees it.
 */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    /** How a request authenticates. */
    public record Auth(String header, Map<String, String> extraHeaders) {
        public static final Auth NONE = new Auth(null, Map.of());

        public static Auth basic(String user, String password) {
            return new Auth("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), Map.of());
        }

        public static Auth bearer(String token) {
            return new Auth("Bearer " + token, Map.of());
        }

        /** A raw Authorization header value, for malformed-header tests. */
        public static Auth raw(String header) {
            return new Auth(header, Map.of());
        }

        public static Auth demo() {
            return basic("demo@example.com", "Demo-pass-1");
        }

        public static Auth demoContact() {
            return basic("contact@example.com", "Contact-pass-1");
        }

        /** The demo client's services-API key (read-write). */
        public static Auth demoApiKey() {
            return bearer(io.steward.Steward.DEMO_API_KEY);
        }

        public static Auth admin() {
            return bearer("demo-admin-key");
        }

        public Auth withHeader(String name, String value) {
            var m = new LinkedHashMap<>(extraHeaders);
            m.put(name, value);
            return new Auth(header, Map.copyOf(m));
        }
    }

    /** A request body. */
    public record Body(String contentType, byte[] bytes) {
        public static final Body NONE = new Body(null, new byte[0]);

        public static Body json(Object value) {
            return new Body("application/json", Json.write(value));
        }

        /** A form body from alternating names and values (names may use bracket notation). */
        public static Body form(String... kv) {
            var sb = new StringBuilder();
            for (int i = 0; i < kv.length; i += 2) {
                if (sb.length() > 0) sb.append('&');
                sb.append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
            }
            return new Body("application/x-www-form-urlencoded", sb.toString().getBytes(StandardCharsets.UTF_8));
        }

        public static Body raw(String contentType, String text) {
            return new Body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A response: status, headers and body (parsed as JSON when it is JSON). */
    public record Res(int status, Map<String, java.util.List<String>> headers, String text) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + text, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Res get(String path, Auth auth) { return send("GET", path, auth, Body.NONE); }

    public Res delete(String path, Auth auth) { return send("DELETE", path, auth, Body.NONE); }

    public Res post(String path, Auth auth, Body body) { return send("POST", path, auth, body); }

    public Res put(String path, Auth auth, Body body) { return send("PUT", path, auth, body); }

    /** Sends any request; {@code path} may carry a query string. The response is contract-checked. */
    public Res send(String method, String path, Auth auth, Body body) {
        Res res = sendUnchecked(method, path, auth, body);
        Contract.check(method, path, res);
        return res;
    }

    /**
     * Sends a request without checking the response against the OpenAPI document: only for
     * benchmarks, where the validation would be counted in the server's CPU per request.
     */
    public Res sendUnchecked(String method, String path, Auth auth, Body body) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (auth.header() != null) b.header("Authorization", auth.header());
        auth.extraHeaders().forEach(b::header);
        if (body.contentType() != null) b.header("Content-Type", body.contentType());
        b.method(method, body.bytes().length == 0 && body.contentType() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
