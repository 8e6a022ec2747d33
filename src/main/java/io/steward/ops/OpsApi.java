package io.steward.ops;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.db.Db;
import io.steward.metrics.Metrics;
import io.steward.web.Call;
import io.steward.web.Dialect;
import io.steward.web.Reply;
import io.steward.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Operations endpoints at the root: liveness and readiness, Prometheus metrics, and the
 * browsable API documentation page. Not a customer dialect, so no OpenAPI document of its own.
 */
public final class OpsApi implements Dialect<Boolean> {
    private final Db db;
    private final Metrics metrics;
    private final Router<Boolean> router = new Router<>();
    private final byte[] docsPage;
    private volatile boolean draining;

    public OpsApi(Db db, Metrics metrics, String version) {
        this.db = db;
        this.metrics = metrics;
        this.docsPage = resource("docs/index.html");
        router.get("/", call -> obj("name", "Steward", "version", version, "apis", List.of("/api", "/admin/api", "/v1"), "docs", "/docs"), true)
              .get("/health", this::health, true)
              .get("/health/live", call -> obj("status", "UP"), true)
              .get("/health/ready", this::health, true)
              .get("/metrics", call -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()), true)
              .get("/docs", call -> new Reply(200, docsPage, "text/html; charset=utf-8", Map.of()), true);
    }

    /** Called at shutdown: readiness turns DOWN so a load balancer stops sending traffic. */
    public void drain() {
        draining = true;
    }

    private Object health(Call call) {
        boolean dbUp;
        try {
            dbUp = db.dsl().selectOne().fetchOne() != null;
        } catch (RuntimeException e) {
            dbUp = false;
        }
        boolean up = dbUp && !draining;
        var body = obj("status", up ? "UP" : "DOWN", "checks", obj("database", dbUp ? "UP" : "DOWN", "accepting", draining ? "DOWN" : "UP"));
        return up ? body : Reply.json(503, body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpsApi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public String name() { return "ops"; }

    @Override public String prefix() { return ""; }

    @Override public Router<Boolean> router() { return router; }

    @Override public void authorize(Call call, Boolean access) {}

    @Override public Object errorBody(StewardException e) { return obj("error", e.messages()); }

    @Override public Object unknownRoute() { return obj("error", List.of("not found")); }
}
