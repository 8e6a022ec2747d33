package io.steward.support.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.steward.core.Json;
import io.steward.support.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One dialect's OpenAPI 3.1 document as a contract: finds the operation a request reached (with
 * the router's precedence, so {@code /contact/privileges} beats {@code /contact/{id}}) and checks a
 * response against it: documented status, JSON content type, required headers, and the body
 * against the JSON Schema (2020-12) of that status.
 *
 * <p>A response schema is compiled on its own, with the document's {@code components/schemas}
 * copied in as {@code $defs} and every {@code #/components/schemas/X} reference rewritten to
 * {@code #/$defs/X}, so references resolve without the validator having to understand OpenAPI.
 * Unknown keywords are errors, so a misspelt keyword cannot silently weaken a schema.
 */
public final class OpenApiContract {
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance()).build()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).build();

    /** An operation of the document: {@code GET /contact/{id}} and its OpenAPI node. */
    public record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() { return method + " " + path; }
    }

    private record Template(String path, String[] segments) {}

    private final String resource;
    private final JsonNode document;
    private final String server;
    private final List<Template> templates = new ArrayList<>();
    private final ObjectNode defs;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String resource, JsonNode document) {
        this.resource = resource;
        this.document = document;
        this.server = document.at("/servers/0/url").asText("");
        document.path("paths").fieldNames().forEachRemaining(p -> templates.add(new Template(p, split(p))));
        this.defs = (ObjectNode) rewriteRefs(document.at("/components/schemas").deepCopy());
    }

    /** Loads a document from the classpath and compiles every schema in it, so a broken document fails at once. */
    public static OpenApiContract load(String resource) {
        // The same merged document (base plus x-fragments) that the server serves.
        var contract = new OpenApiContract(resource, io.steward.web.OpenApiDocument.load(resource).tree());
        contract.compileAll();
        return contract;
    }

    public JsonNode document() { return document; }

    /** The {@code servers[0].url} the paths are relative to, e.g. {@code /api}. */
    public String server() { return server; }

    /** Every method + path the document defines, e.g. {@code GET /contact/{id}}. */
    public List<Operation> operations() {
        var out = new ArrayList<Operation>();
        for (Template t : templates) {
            document.path("paths").path(t.path()).fields().forEachRemaining(e -> {
                if (METHODS.contains(e.getKey())) out.add(new Operation(e.getKey().toUpperCase(Locale.ROOT), t.path(), e.getValue()));
            });
        }
        return out;
    }

    /**
     * The operation serving {@code method} on {@code path} (relative to the server URL). As in the
     * router, only templates with an operation for the method compete, and literal segments
     * earlier in the path weigh more than later ones.
     */
    public Optional<Operation> find(String method, String path) {
        String[] parts = split(path);
        String m = method.toLowerCase(Locale.ROOT);
        Template best = null;
        int bestScore = -1;
        for (Template t : templates) {
            if (t.segments().length != parts.length || !document.path("paths").path(t.path()).has(m)) continue;
            int score = 0;
            boolean ok = true;
            for (int s = 0; s < parts.length && ok; s++) {
                String seg = t.segments()[s];
                if (seg.startsWith("{") && seg.endsWith("}")) ok = !parts[s].isEmpty();
                else if (seg.equals(parts[s])) score += 1 << (parts.length - s);
                else ok = false;
            }
            if (ok && score > bestScore) {
                best = t;
                bestScore = score;
            }
        }
        if (best == null) return Optional.empty();
        return Optional.of(new Operation(method.toUpperCase(Locale.ROOT), best.path(), document.path("paths").path(best.path()).path(m)));
    }

    /** Checks a response to {@code method path} (path relative to the server URL, no query). */
    public void check(String method, String path, Http.Res res) {
        Optional<Operation> op = find(method, path);
        if (op.isEmpty()) {
            String where = method + " " + server + path + " (no such operation in " + resource + ")";
            if (res.status() != 404) throw violation(where, res, List.of("expected the unknown-route answer 404, got " + res.status()));
            checkContent(where, "/components/responses/UnknownRoute", res);
            return;
        }
        Operation operation = op.get();
        String where = operation.method() + " " + server + operation.path() + " -> " + res.status();
        String pointer = responsePointer(operation, res.status());
        if (pointer == null) {
            var documented = new ArrayList<String>();
            operation.node().path("responses").fieldNames().forEachRemaining(documented::add);
            throw violation(where, res, List.of("status " + res.status() + " is not documented for this operation (documented: "
                    + String.join(", ", documented) + ")"));
        }
        checkContent(where, pointer, res);
    }

    /** The JSON pointer of the response object documenting {@code status}: exact, else its range ({@code 5XX}). */
    private String responsePointer(Operation op, int status) {
        JsonNode responses = op.node().path("responses");
        for (String key : List.of(Integer.toString(status), (status / 100) + "XX")) {
            if (responses.has(key)) return resolveResponse(responsesPointer(op) + key);
        }
        return null;
    }

    private static String responsesPointer(Operation op) {
        return "/paths/" + op.path().replace("~", "~0").replace("/", "~1") + "/" + op.method().toLowerCase(Locale.ROOT) + "/responses/";
    }

    private String resolveResponse(String pointer) {
        JsonNode node = document.at(pointer);
        for (int hops = 0; node.has("$ref"); hops++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 5) throw new IllegalStateException(resource + ": cannot follow " + ref + " at " + pointer);
            pointer = ref.substring(1);
            node = document.at(pointer);
            if (node.isMissingNode()) throw new IllegalStateException(resource + ": dangling reference " + ref);
        }
        return pointer;
    }

    private void checkContent(String where, String responsePointer, Http.Res res) {
        JsonNode response = document.at(responsePointer);
        for (var it = response.path("headers").fields(); it.hasNext(); ) {
            var h = it.next();
            if (h.getValue().path("required").asBoolean(false) && res.header(h.getKey()) == null) {
                throw violation(where, res, List.of("required header " + h.getKey() + " is missing"));
            }
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!res.text().isEmpty()) throw violation(where, res, List.of("documented without content, but a body was sent"));
            return;
        }
        JsonNode json = content.path("application/json");
        String type = res.header("Content-Type");
        if (json.isMissingNode()) {
            // A document that is not JSON (an invoice PDF): its media type must be the documented one
            // and it must not be empty; its bytes are the business of the feature's own tests.
            String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!content.has(media)) {
                var documented = new ArrayList<String>();
                content.fieldNames().forEachRemaining(documented::add);
                throw violation(where, res, List.of("Content-Type is " + type + ", documented " + String.join(", ", documented)));
            }
            if (res.text().isEmpty()) throw violation(where, res, List.of("documented with content, but the body is empty"));
            return;
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw violation(where, res, List.of("Content-Type is " + type + ", documented application/json"));
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(res.text());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || body.isMissingNode()) throw violation(where, res, List.of("body is not JSON"));
        Set<ValidationMessage> errors = schema(responsePointer + "/content/application~1json/schema").validate(body);
        if (!errors.isEmpty()) throw violation(where, res, errors.stream().map(ValidationMessage::getMessage).sorted().toList());
    }

    /** The compiled schema at {@code pointer}, with the document's components as {@code $defs}. */
    JsonSchema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            JsonNode node = document.at(p);
            if (!node.isObject()) throw new IllegalStateException(resource + ": no schema at " + p);
            ObjectNode root = (ObjectNode) rewriteRefs(node.deepCopy());
            root.put("$schema", DIALECT);
            root.set("$defs", defs);
            JsonSchema schema = FACTORY.getSchema(root, CONFIG);
            schema.initializeValidators();
            return schema;
        });
    }

    private void compileAll() {
        for (Operation op : operations()) {
            for (var it = op.node().path("responses").fieldNames(); it.hasNext(); ) {
                String pointer = resolveResponse(responsesPointer(op) + it.next());
                if (document.at(pointer).path("content").has("application/json")) schema(pointer + "/content/application~1json/schema");
            }
        }
        schema("/components/responses/UnknownRoute/content/application~1json/schema");
    }

    private JsonNode rewriteRefs(JsonNode node) {
        if (node.isObject()) {
            var obj = (ObjectNode) node;
            JsonNode ref = obj.get("$ref");
            if (ref != null && ref.isTextual()) {
                String r = ref.asText();
                if (!r.startsWith(SCHEMA_REF)) throw new IllegalStateException(resource + ": schemas may only reference " + SCHEMA_REF + "*, not " + r);
                if (document.at(r.substring(1)).isMissingNode()) throw new IllegalStateException(resource + ": dangling reference " + r);
                obj.put("$ref", "#/$defs/" + r.substring(SCHEMA_REF.length()));
            }
            obj.fields().forEachRemaining(e -> rewriteRefs(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(this::rewriteRefs);
        }
        return node;
    }

    private static AssertionError violation(String where, Http.Res res, List<String> problems) {
        return new AssertionError("Response does not match the OpenAPI contract for " + where + ":\n  - "
                + String.join("\n  - ", problems) + "\n  body: " + abbreviate(res.text()));
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "... (" + s.length() + " chars)" : s;
    }

    /** Path segments as the router splits them: leading and trailing slashes ignored. */
    static String[] split(String path) {
        String p = path;
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
