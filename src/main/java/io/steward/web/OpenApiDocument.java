package io.steward.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * Loads a document and merges the fragments its {@code x-fragments} list names (paths relative
     * to the document's folder), so each feature keeps its paths and schemas in a file of its own.
     * A fragment holds {@code paths} and {@code components}; a name defined twice is an error.
     */
    public static OpenApiDocument load(String resource) {
        ObjectNode root = (ObjectNode) read(resource);
        JsonNode fragments = root.remove("x-fragments");
        if (fragments != null) {
            String folder = resource.contains("/") ? resource.substring(0, resource.lastIndexOf('/') + 1) : "";
            for (JsonNode f : fragments) merge(root, read(folder + f.asText()), f.asText());
        }
        return new OpenApiDocument(root);
    }

    private static void merge(ObjectNode root, JsonNode fragment, String name) {
        // A path may get its operations from several fragments (GET /order/{product_id} is the
        // catalog's, POST the orders'); one operation defined twice is still an error.
        ObjectNode paths = root.with("paths");
        fragment.path("paths").fields().forEachRemaining(e -> {
            if (paths.has(e.getKey()) && paths.get(e.getKey()).isObject() && e.getValue().isObject()) {
                mergeMap((ObjectNode) paths.get(e.getKey()), e.getValue(), name, "paths/" + e.getKey());
            } else {
                mergeMap(paths, Json.MAPPER.createObjectNode().set(e.getKey(), e.getValue()), name, "paths");
            }
        });
        fragment.path("components").fields().forEachRemaining(section ->
                mergeMap(root.with("components").with(section.getKey()), section.getValue(), name, "components/" + section.getKey()));
    }

    private static void mergeMap(ObjectNode into, JsonNode from, String fragment, String where) {
        from.fields().forEachRemaining(e -> {
            if (into.has(e.getKey())) {
                throw new IllegalStateException("OpenAPI fragment " + fragment + " redefines " + where + "/" + e.getKey());
            }
            into.set(e.getKey(), e.getValue());
        });
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new ObjectMapper(new YAMLFactory()).readTree(in);
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
