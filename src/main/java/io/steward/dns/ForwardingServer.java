package io.steward.dns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The forwarding HTTP listener names with URL and FRAME records resolve to. It reads the Host
 * header, finds the name's forwarding in the in-memory zones and answers a redirect (URL: 301, or
 * 302 when the record's priority is 302) or a page framing the target (FRAME). Unknown hosts: 404.
 * The JDK's HTTP server is enough here: one small, unauthenticated, read-only endpoint.
 */
final class ForwardingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingServer.class);

    private final ZoneCache cache;
    private HttpServer server;

    ForwardingServer(ZoneCache cache) {
        this.cache = cache;
    }

    void start(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 128);
        } catch (IOException e) {
            throw new IllegalStateException("forwarding listener cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        LOG.info("dns forwarding listener on {}:{}", host, port());
    }

    int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String host = ex.getRequestHeaders().getFirst("Host");
            ZoneCache.Forward f = host == null ? null : lookup(host);
            if (f == null) {
                send(ex, 404, "text/plain; charset=utf-8", "No forwarding is configured for this host name.\n");
            } else if (f.type().equals("URL")) {
                ex.getResponseHeaders().set("Location", f.target());
                send(ex, f.status() == 302 ? 302 : 301, "text/plain; charset=utf-8", "Moved to " + f.target() + "\n");
            } else {
                String t = html(f.target());
                send(ex, 200, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html(host)
                        + "</title><style>html,body,iframe{margin:0;padding:0;border:0;width:100%;height:100%}</style></head>\n"
                        + "<body><iframe src=\"" + t + "\" title=\"" + html(host) + "\"></iframe></body></html>\n");
            }
        }
    }

    private ZoneCache.Forward lookup(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) return null; // an IPv6 literal names no zone
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        if (h.isEmpty()) return null;
        try {
            return cache.forward(Name.fromString(h.endsWith(".") ? h : h + "."));
        } catch (TextParseException e) {
            return null;
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) ex.getResponseBody().write(b);
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
    }
}
