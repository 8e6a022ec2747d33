package io.steward.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.steward.core.DatabaseErrors;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import io.steward.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport: one Helidon handler that picks the dialect by URL prefix, enforces the body
 * limit, parses parameters, matches the dialect's route table, authorises, calls the handler and
 * writes the reply; maps every failure to the dialect's envelope; logs one access line and records
 * metrics per request. Helidon serves each request on a virtual thread, so handlers block freely.
 */
public final class HttpApp {
    private static final Logger ACCESS = LoggerFactory.getLogger("steward.access");
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);
    /** Built once: Helidon validates a header value when it is created, not when a cached one is reused. */
    private static final io.helidon.http.Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");

    private final List<Dialect<?>> dialects;
    private final Metrics metrics;
    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final boolean trustForwarded;
    private WebServer server;

    public HttpApp(List<Dialect<?>> dialects, Metrics metrics, long maxBodyBytes, boolean trustForwarded) {
        this(dialects, metrics, maxBodyBytes, maxBodyBytes, trustForwarded);
    }

    /**
     * {@code maxUploadBytes} bounds {@code multipart/form-data} bodies (file uploads), which may be
     * larger than other bodies; features apply their own per-file limits on top.
     */
    public HttpApp(List<Dialect<?>> dialects, Metrics metrics, long maxBodyBytes, long maxUploadBytes, boolean trustForwarded) {
        var sorted = new ArrayList<>(dialects);
        // Longest prefix first so /admin/api is not taken for /api's and "" comes last.
        sorted.sort(Comparator.comparingInt((Dialect<?> d) -> d.prefix().length()).reversed());
        this.dialects = List.copyOf(sorted);
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.maxUploadBytes = Math.max(maxBodyBytes, maxUploadBytes);
        this.trustForwarded = trustForwarded;
    }

    public HttpApp start(String host, int port, Duration grace) {
        server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownGracePeriod(grace)
                // PHP clients send bracket notation unencoded (?privileges[support][]=tickets);
                // Helidon's strict request-target check would refuse it before our parser runs.
                .addProtocol(io.helidon.webserver.http1.Http1Config.builder().validatePath(false).validatePrologue(false).build())
                .routing(r -> r.any(this::serve))
                .build()
                .start();
        // Helidon logs a failed bind (port in use) and returns a stopped server instead of throwing.
        if (!server.isRunning()) throw new IllegalStateException("cannot listen on " + host + ":" + port + " (in use?)");
        return this;
    }

    public int port() { return server.port(); }

    public void stop() {
        if (server != null) server.stop();
    }

    private void serve(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        String path = req.path().path();
        Dialect<?> dialect = dialectFor(method, path, name -> req.headers().first(HeaderNames.create(name)));
        String template = "unmatched";
        int status;
        try {
            var outcome = dispatch(dialect, method, path, req);
            template = outcome.template;
            status = write(res, outcome.reply);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            status = write(res, failure(dialect, e, method, path));
        }
        long nanos = System.nanoTime() - start;
        metrics.record(dialect.name(), method, template, status, nanos);
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("method={} path=\"{}\" route=\"{}\" status={} ms={} ip={}", method, path, template, status,
                    String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6), ip(req));
        }
    }

    private record Outcome(String template, Reply reply) {}

    private <A> Outcome dispatch(Dialect<A> dialect, String method, String path, ServerRequest req) {
        String local = path.substring(dialect.prefix().length());
        Router.Match<A> match = dialect.router().match(method, local);
        if (match.route() == null) {
            return new Outcome("unmatched", new Reply(404, dialect.unknownRoute(), dialect.errorContentType(),
                    dialect.errorHeaders(StewardException.notFound("unknown route"))));
        }
        Route<A> route = match.route();
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        byte[] body = readBody(req, Multipart.is(contentType) ? maxUploadBytes : maxBodyBytes);
        Params params = Params.parse(req.query().rawValue(), contentType, body);
        var call = new Call(method, local, match.pathParams(), params,
                name -> req.headers().first(HeaderNames.create(name)), ip(req));
        Reply reply;
        try {
            dialect.authorize(call, route.access());
            Object result = route.handler().handle(call);
            reply = result instanceof Reply r ? r : Reply.json(200, result);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            reply = failure(dialect, e, method, path);
        }
        try {
            dialect.completed(call, route, reply);
        } catch (RuntimeException e) {
            LOG.error("after {} {} (answered {}): the dialect's completion failed", method, path, reply.status(), e);
        }
        return new Outcome(route.template(), reply);
    }

    private byte[] readBody(ServerRequest req, long limit) {
        var declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) throw tooLarge(limit);
        if (!req.content().hasEntity()) return new byte[0];
        try (InputStream in = req.content().inputStream()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (data.length > limit) throw tooLarge(limit);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StewardException tooLarge(long limit) {
        return new StewardException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + limit + " bytes");
    }

    private Reply failure(Dialect<?> dialect, Throwable e, String method, String path) {
        StewardException se;
        StewardException refused;
        if (e instanceof StewardException s) {
            se = s;
        } else if ((refused = DatabaseErrors.translate(e)) != null) {
            // A unique key lost to a concurrent request, a value the database refused: the caller's, not a bug.
            LOG.warn("database refused {} {} (SQL state {}): {}", method, path, DatabaseErrors.sqlState(e), refused.getMessage());
            se = refused;
        } else if (e instanceof DataAccessException dae && isConnectivity(dae)) {
            LOG.error("database unavailable during {} {}", method, path, e);
            se = new StewardException(ErrorCode.UNAVAILABLE, "Service temporarily unavailable");
        } else {
            LOG.error("unhandled error during {} {}", method, path, e);
            se = new StewardException(ErrorCode.INTERNAL, "Internal error");
        }
        var headers = dialect.errorHeaders(se);
        if (se.retryAfterSeconds().isPresent()) {
            headers = new java.util.HashMap<>(headers);
            headers.put("Retry-After", Long.toString(se.retryAfterSeconds().getAsLong()));
        }
        return new Reply(se.code().httpStatus(), dialect.errorBody(se), dialect.errorContentType(), headers);
    }

    private static boolean isConnectivity(DataAccessException e) {
        String state = e.sqlState();
        return state != null && state.startsWith("08");
    }

    private int write(ServerResponse res, Reply reply) {
        res.status(reply.status());
        reply.headers().forEach(res::header);
        res.header(reply.contentType().equals("application/json") ? JSON : HeaderValues.create(HeaderNames.CONTENT_TYPE, reply.contentType()));
        Object body = reply.body();
        if (body == null) {
            res.send();
        } else if (body instanceof byte[] bytes) {
            res.send(bytes);
        } else if (body instanceof String s && !reply.contentType().startsWith("application/json")) {
            res.send(s.getBytes(StandardCharsets.UTF_8));
        } else {
            res.send(Json.write(body));
        }
        return reply.status();
    }

    /**
     * The dialect of the longest prefix that matches; among dialects sharing that prefix (the root),
     * the first that takes the request knowing the path, else the first that takes it anyway,
     * else the last of them.
     */
    private Dialect<?> dialectFor(String method, String path, java.util.function.Function<String, java.util.Optional<String>> header) {
        String prefix = null;
        List<Dialect<?>> candidates = new ArrayList<>(2);
        for (Dialect<?> d : dialects) {
            String p = d.prefix();
            if (prefix != null && !p.equals(prefix)) continue;
            if (p.isEmpty() || path.equals(p) || path.startsWith(p + "/")) {
                prefix = p;
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) throw new IllegalStateException("no root dialect configured");
        if (candidates.size() == 1) return candidates.get(0);
        String local = path.substring(prefix.length());
        for (Dialect<?> d : candidates) {
            if (d.router().match(method, local).pathExists() && d.takes(method, local, true, header)) return d;
        }
        for (Dialect<?> d : candidates) {
            if (d.takes(method, local, false, header)) return d;
        }
        return candidates.get(candidates.size() - 1);
    }

    private String ip(ServerRequest req) {
        if (trustForwarded) {
            var fwd = req.headers().first(HeaderNames.X_FORWARDED_FOR);
            if (fwd.isPresent()) return fwd.get().split(",")[0].trim();
        }
        if (req.remotePeer().address() instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress().getHostAddress();
        }
        return req.remotePeer().host();
    }

    /** For tests and the contract check: every dialect with its routes. */
    public List<Dialect<?>> dialects() { return dialects; }
}
