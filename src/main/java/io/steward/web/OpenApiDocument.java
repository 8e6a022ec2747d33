package io.steward.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.steward.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A dialect's hand-written OpenAPI 3.1 document (YAML in resources), served as JSON. Helidon SE
 * has no code-first OpenAPI; the contract tests keep the document and the route table in step.
 */
public final class OpenApiDocument {
    private final JsonNode tree;
    private final byte[] json;

    private OpenApiDocument(JsonNode tree) {
        this.tree = tree;
        this.json = Json.write(tree);
    }

    public static OpenApiDocument load(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree() { return tree; }

    /** A handler serving the document. */
    public Handler handler() {
        return call -> new Reply(200, json, "application/json", java.util.Map.of());
    }
}
