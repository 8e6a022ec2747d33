package io.steward.webui;

import io.steward.core.StewardException;
import io.steward.web.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The static files under {@code /assets/} (the vendored htmx, the style sheet), read from
 * {@code web/assets/} on the class path once at start. Only the listed files exist: a path never
 * reaches the class path, so nothing else can be read through it.
 */
public final class Assets {
    private record Asset(byte[] bytes, String type) {}

    private final Map<String, Asset> files = new HashMap<>();

    public Assets() {
        add("htmx.min.js", "text/javascript; charset=utf-8");
        add("steward.css", "text/css; charset=utf-8");
    }

    private void add(String name, String type) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("web/assets/" + name)) {
            if (in == null) throw new IllegalStateException("missing web asset " + name);
            files.put(name, new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply get(String name) {
        var asset = files.get(name);
        if (asset == null) throw StewardException.notFound("No such file");
        // Files change only with a new release; an hour's cache keeps page loads light without
        // serving a stale script for long after an upgrade.
        return new Reply(200, asset.bytes(), asset.type(), Map.of("Cache-Control", "public, max-age=3600",
                "X-Content-Type-Options", "nosniff"));
    }
}
