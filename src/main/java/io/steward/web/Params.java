package io.steward.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Request parameters merged from the query string and the body (JSON or form), the body winning.
 * The references' clients send all three, and PHP clients send nested values in bracket notation
 * ({@code privileges[support][]=tickets}), so form and query strings are decoded into the same
 * tree a JSON body would give.
 */
public final class Params {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ObjectNode root;
    private final List<Upload> files;

    private Params(ObjectNode root) {
        this(root, List.of());
    }

    private Params(ObjectNode root, List<Upload> files) {
        this.root = root;
        this.files = List.copyOf(files);
    }

    public static Params of(ObjectNode root) {
        return new Params(root);
    }

    public static Params empty() {
        return new Params(F.objectNode());
    }

    /** Query string, then body (by content type) over it. */
    public static Params parse(String rawQuery, String contentType, byte[] body) {
        ObjectNode root = F.objectNode();
        if (rawQuery != null && !rawQuery.isEmpty()) decodeForm(rawQuery, root);
        if (body != null && body.length > 0) {
            String ct = contentType == null ? "" : contentType.toLowerCase();
            if (ct.startsWith("application/x-www-form-urlencoded")) {
                decodeForm(new String(body, StandardCharsets.UTF_8), root);
            } else if (Multipart.is(ct)) {
                // Text fields decode as a form's would; files are kept apart for the features that take uploads.
                Multipart parts = Multipart.parse(contentType, body);
                for (Multipart.Field f : parts.fields) put(root, f.name(), f.value());
                return new Params(root, parts.files);
            } else if (ct.isEmpty() || ct.contains("json") || ct.startsWith("text/plain")) {
                mergeJson(body, root);
            } else {
                throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST, "Unsupported content type: " + contentType);
            }
        }
        return new Params(root);
    }

    private static void mergeJson(byte[] body, ObjectNode root) {
        JsonNode parsed;
        try {
            // Trailing data after the object is malformed too, not something to ignore silently.
            parsed = Json.MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (Exception e) {
            throw StewardException.badRequest("Malformed JSON in request body");
        }
        if (parsed == null || parsed.isMissingNode() || parsed.isNull()) return;
        if (!parsed.isObject()) throw StewardException.badRequest("Request body must be a JSON object");
        root.setAll((ObjectNode) parsed);
    }

    static void decodeForm(String raw, ObjectNode root) {
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, key, value);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StewardException.badRequest("Malformed URL encoding");
        }
    }

    /** Places {@code a[b][]=v} into the tree as {@code {"a": {"b": ["v"]}}}. */
    private static void put(ObjectNode root, String key, String value) {
        int br = key.indexOf('[');
        if (br <= 0 || !key.endsWith("]")) {
            root.put(key, value);
            return;
        }
        List<String> path = new ArrayList<>();
        path.add(key.substring(0, br));
        String rest = key.substring(br);
        while (!rest.isEmpty()) {
            int close = rest.indexOf(']');
            if (!rest.startsWith("[") || close < 0) {
                root.put(key, value);
                return;
            }
            path.add(rest.substring(1, close));
            rest = rest.substring(close + 1);
        }
        JsonNode node = root;
        for (int i = 0; i < path.size(); i++) {
            String seg = path.get(i);
            boolean last = i == path.size() - 1;
            boolean nextIsAppend = !last && path.get(i + 1).isEmpty();
            if (node instanceof ObjectNode obj) {
                if (last) {
                    obj.put(seg, value);
                } else {
                    JsonNode child = obj.get(seg);
                    if (child == null || !(child.isContainerNode())) {
                        child = nextIsAppend ? obj.putArray(seg) : obj.putObject(seg);
                    }
                    node = child;
                }
            } else if (node instanceof ArrayNode arr) {
                // "[]" appends; anything else in an array position is treated as an append too.
                if (last) {
                    arr.add(value);
                } else {
                    node = nextIsAppend ? arr.addArray() : arr.addObject();
                }
            }
        }
    }

    public ObjectNode tree() { return root; }

    /** The files of a {@code multipart/form-data} body, in the order sent (empty for other bodies). */
    public List<Upload> files() { return files; }

    public boolean has(String name) {
        return root.has(name) && !root.get(name).isNull();
    }

    public JsonNode node(String name) {
        return root.get(name);
    }

    /** A scalar parameter as text; a non-scalar value is a 400 naming the parameter. */
    public Optional<String> string(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) return Optional.empty();
        if (n.isValueNode()) return Optional.of(n.asText());
        throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST,
                List.of("Parameter '" + name + "' must be a single value"), java.util.Map.of(name, List.of("must be a single value")));
    }

    public String required(String name) {
        return string(name).filter(s -> !s.isBlank()).orElseThrow(() -> missing(name));
    }

    /** The 400 for a required parameter that was not given. */
    public static StewardException missing(String name) {
        return new StewardException(io.steward.core.ErrorCode.BAD_REQUEST, List.of("Missing parameter: " + name),
                java.util.Map.of(name, List.of("is required")));
    }

    /**
     * A whole number (an optional {@code -} and ASCII digits, see {@link io.steward.core.Ids#parseWhole});
     * absent or empty is empty; anything else a 400 naming the parameter.
     */
    public Optional<Long> longValue(String name) {
        return string(name).filter(s -> !s.isBlank()).map(s -> {
            var v = io.steward.core.Ids.parseWhole(s);
            if (v.isEmpty()) {
                throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST,
                        List.of("Parameter '" + name + "' must be a whole number"), java.util.Map.of(name, List.of("must be a whole number")));
            }
            return v.getAsLong();
        });
    }

    /**
     * An id ({@link io.steward.core.Ids}: ASCII digits, no sign, no leading zero); absent or empty
     * is empty; anything else a 400 naming the parameter.
     */
    public Optional<Long> id(String name) {
        return string(name).filter(s -> !s.isBlank()).map(s -> {
            var v = io.steward.core.Ids.parse(s);
            if (v.isEmpty()) {
                throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST,
                        List.of("Parameter '" + name + "' must be an id (digits 0-9)"), java.util.Map.of(name, List.of("must be an id (digits 0-9)")));
            }
            return v.getAsLong();
        });
    }

    /** A yes/no parameter: true/1/yes/on or false/0/no/off (any case); absent or empty gives {@code fallback}; else 400. */
    public boolean flag(String name, boolean fallback) {
        return flag(string(name).orElse(null), name, fallback);
    }

    /** {@link #flag(String, boolean)} for a value read elsewhere (a nested field), named {@code name} in the error. */
    public static boolean flag(String value, String name, boolean fallback) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "" -> fallback;
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST, List.of("Parameter '" + name + "' must be true or false"),
                    java.util.Map.of(name, List.of("must be true or false")));
        };
    }

    /** {@link #flag(String, boolean)} for an optional setting: absent or empty is empty (leave it as it is). */
    public Optional<Boolean> optionalFlag(String name) {
        return string(name).filter(s -> !s.isBlank()).map(v -> flag(v, name, false));
    }

    /** A date {@code YYYY-MM-DD}; absent or empty is empty; anything else a 400 naming the parameter. */
    public Optional<java.time.LocalDate> date(String name) {
        return Optional.ofNullable(date(string(name).orElse(null), name));
    }

    /** {@link #date(String)} for a value read elsewhere (a nested field), named {@code name} in the error; null when empty. */
    public static java.time.LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) return null;
        try {
            return java.time.LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST, List.of("Parameter '" + name + "' must be a date YYYY-MM-DD"),
                    java.util.Map.of(name, List.of("must be a date YYYY-MM-DD")));
        }
    }

    public int intValue(String name, int fallback, int min, int max) {
        long v = longValue(name).orElse((long) fallback);
        if (v < min || v > max) {
            throw new StewardException(io.steward.core.ErrorCode.BAD_REQUEST,
                    List.of("Parameter '" + name + "' must be between " + min + " and " + max), java.util.Map.of(name, List.of("out of range")));
        }
        return (int) v;
    }

    /**
     * A list parameter: a JSON array, a bracket-notation list, or a single scalar (which the
     * references' "string[]" flags such as {@code authy: "Yes"} are often sent as).
     */
    public Optional<List<String>> list(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) return Optional.empty();
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isValueNode()) throw StewardException.badRequest("Parameter '" + name + "' must be a list of values");
                out.add(e.asText());
            }
        } else if (n.isObject()) {
            n.elements().forEachRemaining(e -> out.add(e.asText()));
        } else {
            if (!n.asText().isEmpty()) out.add(n.asText());
        }
        return Optional.of(out);
    }
}
