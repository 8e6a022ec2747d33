package io.steward.cloud.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.service.module.CloudVms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * LXD's REST API (https://documentation.ubuntu.com/lxd/en/latest/rest-api/) over its unix socket,
 * in plain HTTP/1.1 (RFC 9112): one connection per request, {@code Connection: close}, the answer
 * read to its {@code Content-Length}, its chunked end or the connection's close, every read bounded
 * by {@code timeout}. Answers the response's JSON; LXD's error responses ({@code "type": "error"})
 * become the contract's errors: 404 not found, 409 busy, other 4xx rejected, 5xx unavailable.
 */
final class LxdClient {
    /** One HTTP answer. */
    record Response(int status, JsonNode json) {
        JsonNode metadata() {
            return json.path("metadata");
        }
    }

    private final Path socket;
    private final Duration timeout;

    LxdClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    JsonNode get(String path) {
        return call("GET", path, null).metadata();
    }

    Response call(String method, String path, Object body) {
        return call(method, path, body, timeout);
    }

    /** Sends the request; {@code wait} bounds the whole exchange (an operation's wait takes longer). */
    Response call(String method, String path, Object body, Duration wait) {
        return call(method, path, body, wait, Map.of());
    }

    /** With extra request headers (the file API's {@code X-LXD-type}, {@code X-LXD-mode}). */
    Response call(String method, String path, Object body, Duration wait, Map<String, String> headers) {
        var extra = new StringBuilder();
        headers.forEach((k, v) -> extra.append(k).append(": ").append(v).append("\r\n"));
        byte[] payload = body == null ? new byte[0] : body instanceof byte[] b ? b : Json.write(body);
        String head = method + " " + path + " HTTP/1.1\r\nHost: lxd\r\nUser-Agent: steward\r\nConnection: close\r\nAccept: application/json\r\n"
                + (body == null ? "" : "Content-Type: " + (body instanceof byte[] ? "application/octet-stream" : "application/json") + "\r\n")
                + extra + "Content-Length: " + payload.length + "\r\n\r\n";
        byte[] raw;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.allocate(head.length() + payload.length);
            out.put(head.getBytes(StandardCharsets.US_ASCII)).put(payload).flip();
            while (out.hasRemaining()) ch.write(out);
            raw = readAll(ch, wait);
        } catch (IOException e) {
            throw new CloudVms.Unavailable("LXD at " + socket + ": " + e.getMessage(), e);
        }
        Response r = parse(raw);
        if (r.status() >= 400 || "error".equals(r.json().path("type").asText())) {
            int code = r.json().path("error_code").asInt(r.status());
            String msg = "LXD " + method + " " + path + ": " + code + " " + r.json().path("error").asText();
            if (code == 404) throw new CloudVms.VmNotFound(msg);
            String lower = msg.toLowerCase(Locale.ROOT);
            if (code == 409 || lower.contains("busy") || lower.contains("already running an operation")) throw new CloudVms.Busy(msg);
            if (code >= 400 && code < 500) throw new CloudVms.Rejected(msg);
            throw new CloudVms.Unavailable(msg, null);
        }
        return r;
    }

    private static byte[] readAll(SocketChannel ch, Duration wait) throws IOException {
        ch.configureBlocking(false);
        var buf = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + wait.toNanos();
        try (Selector sel = Selector.open()) {
            ch.register(sel, SelectionKey.OP_READ);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new IOException("no complete answer within " + wait);
                sel.select(left);
                sel.selectedKeys().clear();
                int n = ch.read(in);
                if (n < 0) return buf.toByteArray();
                if (n > 0) {
                    buf.write(in.array(), 0, in.position());
                    in.clear();
                    if (complete(buf.toByteArray())) return buf.toByteArray();
                }
            }
        }
    }

    /** Whether the bytes hold a whole response (by Content-Length or the chunked terminator). */
    static boolean complete(byte[] raw) {
        int end = headerEnd(raw);
        if (end < 0) return false;
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int cl = head.indexOf("\ncontent-length:");
        if (cl >= 0) {
            int eol = head.indexOf('\r', cl + 1);
            long len = Long.parseLong(head.substring(cl + 16, eol < 0 ? head.length() : eol).trim());
            return raw.length - (end + 4) >= len;
        }
        if (head.contains("\ntransfer-encoding: chunked")) {
            String tail = new String(raw, Math.max(end, raw.length - 7), raw.length - Math.max(end, raw.length - 7), StandardCharsets.ISO_8859_1);
            return tail.endsWith("0\r\n\r\n");
        }
        return false;
    }

    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') return i;
        }
        return -1;
    }

    static Response parse(byte[] raw) {
        int end = headerEnd(raw);
        if (end < 0) throw new CloudVms.Unavailable("LXD answered no complete HTTP head", null);
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String[] first = head.split("\r\n", 2)[0].split(" ");
        int status;
        try {
            status = Integer.parseInt(first[1]);
        } catch (RuntimeException e) {
            throw new CloudVms.Unavailable("LXD answered a bad status line: " + first[0], e);
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head.toLowerCase(Locale.ROOT).contains("\ntransfer-encoding: chunked")) body = dechunk(body);
        try {
            JsonNode json = body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
            return new Response(status, json);
        } catch (IOException e) {
            return new Response(status, Json.MAPPER.createObjectNode().put("raw", new String(body, StandardCharsets.UTF_8)));
        }
    }

    /** RFC 9112 §7.1 chunked transfer coding, without trailers. */
    static byte[] dechunk(byte[] body) {
        var out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int eol = i;
            while (eol + 1 < body.length && !(body[eol] == '\r' && body[eol + 1] == '\n')) eol++;
            String size = new String(body, i, eol - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) break;
            out.write(body, eol + 2, n);
            i = eol + 2 + n + 2;
        }
        return out.toByteArray();
    }

    /**
     * Waits for an asynchronous answer's operation ({@code GET /1.0/operations/<id>/wait}) and
     * throws the contract's error when it failed.
     */
    JsonNode await(Response async, Duration max) {
        String op = async.json().path("operation").asText("");
        if (op.isEmpty()) return async.metadata();
        Response r = call("GET", op + "/wait?timeout=" + Math.max(1, max.toSeconds()), null, max.plusSeconds(10));
        JsonNode md = r.metadata();
        String status = md.path("status").asText();
        if ("Success".equals(status)) return md;
        if ("Running".equals(status)) throw new CloudVms.Unavailable("LXD operation " + op + " still running after " + max, null);
        String err = md.path("err").asText(status);
        String lower = err.toLowerCase(Locale.ROOT);
        if (lower.contains("not found")) throw new CloudVms.VmNotFound("LXD operation " + op + ": " + err);
        if (lower.contains("busy") || lower.contains("already running")) throw new CloudVms.Busy("LXD operation " + op + ": " + err);
        throw new CloudVms.Unavailable("LXD operation " + op + ": " + err, null);
    }
}
