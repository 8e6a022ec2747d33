package io.steward.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Steward's configuration: dotted keys ({@code http.port}) read from one file ({@code .yaml},
 * {@code .yml} or {@code .properties}), each overridable by an environment variable named
 * {@code STEWARD_} + the key upper-cased with dots and dashes as underscores
 * ({@code STEWARD_HTTP_PORT}), and finally by explicit overrides (command-line options, tests).
 * Immutable; {@link #with} returns a copy.
 */
public final class Config {
    private final Map<String, String> values;
    private final Map<String, String> env;

    private Config(Map<String, String> values, Map<String, String> env) {
        this.values = values;
        this.env = env;
    }

    public static Config empty() {
        return new Config(new TreeMap<>(), Map.of());
    }

    /** Reads the file (if given) and takes the process environment as the override layer. */
    public static Config load(Path file, Map<String, String> environment) {
        var values = new TreeMap<String, String>();
        if (file != null) values.putAll(readFile(file));
        return new Config(values, Map.copyOf(environment));
    }

    public Config with(String key, String value) {
        var copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Config(copy, env);
    }

    public Optional<String> find(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null) return Optional.of(fromEnv);
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    public long getLong(String key, long fallback) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    public boolean getBool(String key, boolean fallback) {
        return find(key).map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")).orElse(fallback);
    }

    /** Durations as ISO-8601 ({@code PT15M}) or a number of seconds. */
    public Duration getDuration(String key, Duration fallback) {
        return find(key).map(v -> parse(key, v, s -> s.startsWith("P") || s.startsWith("p")
                ? Duration.parse(s) : Duration.ofSeconds(Long.parseLong(s)))).orElse(fallback);
    }

    static String envName(String key) {
        return "STEWARD_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + key + " has an invalid value: " + value);
        }
    }

    private static Map<String, String> readFile(Path file) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            var out = new TreeMap<String, String>();
            if (name.endsWith(".properties")) {
                var p = new Properties();
                p.load(in);
                p.forEach((k, v) -> out.put(k.toString(), v.toString()));
            } else {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
                if (root != null) flatten("", root, out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file, e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (!node.isNull()) {
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
