package io.steward.webui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client for the web pages without a browser: it keeps cookies, asks for
 * HTML, does not follow redirects (tests look at them) and finds the CSRF token in a page.
 */
final class WebClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    WebClient(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A form post; {@code kv} are name, value pairs. */
    HttpResponse<String> post(String path, String... kv) {
        var form = new StringJoiner("&");
        for (int i = 0; i + 1 < kv.length; i += 2) {
            form.add(URLEncoder.encode(kv[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        request.header("Accept", "text/html,application/xhtml+xml");
        if (!cookies.isEmpty()) {
            var c = new StringJoiner("; ");
            cookies.forEach((k, v) -> c.add(k + "=" + v));
            request.header("Cookie", c.toString());
        }
        try {
            var res = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : res.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || set.contains("Max-Age=0")) cookies.remove(name);
                else cookies.put(name, value);
            }
            return res;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String csrf(HttpResponse<String> page) {
        var m = CSRF.matcher(page.body());
        if (!m.find()) throw new AssertionError("no CSRF field in " + page.uri());
        return m.group(1);
    }

    /** Signs in through the form; answers the response to the sign-in post. */
    HttpResponse<String> signIn(String email, String password) {
        var form = get("/login");
        return post("/login", "_csrf", csrf(form), "email", email, "password", password, "next", "/");
    }
}
