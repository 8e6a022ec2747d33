package io.steward.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.service.module.CloudVms.Busy;
import io.steward.service.module.CloudVms.CloudException;
import io.steward.service.module.CloudVms.Rejected;
import io.steward.service.module.CloudVms.Unavailable;
import io.steward.service.module.CloudVms.VmNotFound;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A small client of the Proxmox VE REST API on {@code java.net.http}, authenticated with an API
 * token ({@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}, no ticket or CSRF token
 * needed). Parameters go as query strings (GET, DELETE) or {@code application/x-www-form-urlencoded}
 * bodies (POST, PUT); every answer is {@code {"data": ...}} and the client hands back {@code data}.
 *
 * <p>Why {@code /api2/extjs} and not {@code /api2/json}: both formats run the same handlers, but
 * the json formatter puts a failed call's message only into the HTTP status line ("500 VM is
 * locked (clone)"), and {@code java.net.http} does not expose the reason phrase. The extjs
 * formatter answers 200 with {@code success}, {@code status}, {@code message} and {@code errors}
 * in the body, so the message that tells a lock from a missing VM reaches the driver. A 401 from
 * the authentication layer still comes with its real status.
 *
 * <p>Errors become the {@link io.steward.service.module.CloudVms} exception kinds: unreachable,
 * timed out, refused token, 5xx → {@link Unavailable}; a lock → {@link Busy}; a missing VM
 * configuration → {@link VmNotFound}; parameter verification (400 with {@code errors}) and what PVE
 * can never do (shrink a disk) → {@link Rejected}. The token secret appears in no message.
 */
final class PveClient {
    /** Messages PVE gives when another task holds the VM (the config lock, or the lock file of a running update). */
    private static final Pattern LOCKED = Pattern.compile("VM is locked \\(|can't lock file|got timeout|is locked", Pattern.CASE_INSENSITIVE);
    private static final Pattern MISSING = Pattern.compile("Configuration file '[^']*' does not exist|no such VM|unable to find configuration file",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEVER = Pattern.compile("shrinking disks is not supported|not a template|already exists|"
            + "can't (?:find|parse)|invalid format|does not exist", Pattern.CASE_INSENSITIVE);

    private final URI api;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the node's address ({@code https://pve1.example.net:8006}); a trailing {@code /api2/json} is accepted
     * @param tokenId {@code USER@REALM!TOKENID}
     */
    PveClient(String baseUrl, String tokenId, String secret, Duration timeout, HttpClient http) {
        String base = baseUrl.trim().replaceAll("/+$", "").replaceAll("/api2/(json|extjs)$", "");
        this.api = URI.create(base + "/api2/extjs");
        this.authorization = "PVEAPIToken=" + tokenId.trim() + "=" + secret.trim();
        this.timeout = timeout;
        this.http = http;
    }

    String host() {
        return api.getHost() + (api.getPort() > 0 ? ":" + api.getPort() : "");
    }

    JsonNode get(String path, Map<String, String> query) {
        return send("GET", path + query(query), null);
    }

    JsonNode post(String path, Map<String, String> form) {
        return send("POST", path, form(form));
    }

    JsonNode put(String path, Map<String, String> form) {
        return send("PUT", path, form(form));
    }

    JsonNode delete(String path, Map<String, String> query) {
        return send("DELETE", path + query(query), null);
    }

    /** A path segment (a node name, a UPID) encoded for the URL. */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String pathAndQuery, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res;
        try {
            res = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable("Proxmox VE at " + host() + " cannot be reached (" + method + " " + pathOnly(pathAndQuery) + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while calling Proxmox VE at " + host(), e);
        }
        return answer(method, pathOnly(pathAndQuery), res.statusCode(), res.body());
    }

    /** The {@code data} of a successful answer, or the exception its failure stands for. */
    JsonNode answer(String method, String path, int httpStatus, String body) {
        JsonNode doc = parse(body);
        int status = httpStatus;
        String message = null;
        if (doc != null && doc.has("success") && !doc.path("success").asBoolean(true)) {
            status = doc.path("status").asInt(status == 200 ? 500 : status);
            message = doc.path("message").asText(null);
        }
        if (status == 401) {
            throw new Unavailable("Proxmox VE at " + host() + " refused the API token (401" + (message == null ? "" : " " + clean(message))
                    + "): check the token id and secret", null);
        }
        if (status == 403) {
            throw new Unavailable("The API token lacks a privilege on Proxmox VE at " + host() + " (" + method + " " + path + ": "
                    + clean(message == null ? "permission denied" : message) + ")", null);
        }
        if (status >= 200 && status < 300) {
            if (doc == null) throw new Unavailable("Proxmox VE at " + host() + " answered " + method + " " + path + " with no JSON", null);
            return doc.path("data");
        }
        String errors = errors(doc);
        String what = "Proxmox VE " + method + " " + path + ": " + (message == null ? "HTTP " + status : clean(message))
                + (errors.isEmpty() ? "" : " (" + errors + ")");
        throw classify(status, message == null ? "" : message, errors, what);
    }

    private static CloudException classify(int status, String message, String errors, String what) {
        if (LOCKED.matcher(message).find()) return new Busy(what);
        if (MISSING.matcher(message).find()) return new VmNotFound(what);
        if (status == 400 || !errors.isEmpty()) return new Rejected(what);
        if (status == 501 || status == 404) return new Rejected(what);
        if (status == 500 && NEVER.matcher(message).find()) return new Rejected(what);
        return new Unavailable(what, null);
    }

    /** PVE's per-parameter errors, {@code key: message; ...}. */
    private static String errors(JsonNode doc) {
        if (doc == null || !doc.path("errors").isObject()) return "";
        var out = new StringJoiner("; ");
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("errors").fields(); it.hasNext(); ) {
            var e = it.next();
            out.add(e.getKey() + ": " + clean(e.getValue().asText()));
        }
        return out.toString();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String clean(String s) {
        String t = s.strip();
        return t.length() > 500 ? t.substring(0, 500) + "…" : t;
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String query(Map<String, String> params) {
        String f = form(params);
        return f.isEmpty() ? "" : "?" + f;
    }

    private static String form(Map<String, String> params) {
        var out = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /**
     * The value PVE wants for {@code sshkeys}: percent-encoded as {@code encodeURIComponent} does
     * (PVE checks the format {@code urlencoded} against {@code [-%a-zA-Z0-9_.!~*'()]*} and decodes
     * it before writing the keys), then form-encoded once more like every parameter.
     */
    static String uriComponent(String s) {
        String e = URLEncoder.encode(s, StandardCharsets.UTF_8);
        // URLEncoder is HTML-form encoding: a space is '+', and it escapes what encodeURIComponent keeps.
        return e.replace("+", "%20").replace("%21", "!").replace("%27", "'").replace("%28", "(").replace("%29", ")")
                .replace("%7E", "~");
    }

}
