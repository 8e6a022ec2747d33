package io.steward.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Just enough of a Prometheus text-format (0.0.4) reader for the operations tests. */
final class Prometheus {
    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;
    private final List<String> comments;

    private Prometheus(List<Sample> samples, List<String> comments) {
        this.samples = samples;
        this.comments = comments;
    }

    static Prometheus parse(String text) {
        var samples = new ArrayList<Sample>();
        var comments = new ArrayList<String>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            if (line.startsWith("#")) {
                comments.add(line);
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) throw new AssertionError("not a sample line: " + line);
            String name;
            var labels = new LinkedHashMap<String, String>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int close = line.lastIndexOf('}');
                if (close < brace) throw new AssertionError("unclosed labels: " + line);
                parseLabels(line.substring(brace + 1, close), labels, line);
            } else {
                name = line.substring(0, space);
            }
            String value = line.substring(space + 1).trim();
            double v = switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            };
            samples.add(new Sample(name, Map.copyOf(labels), v));
        }
        return new Prometheus(List.copyOf(samples), List.copyOf(comments));
    }

    private static void parseLabels(String body, Map<String, String> out, String line) {
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            if (eq < 0 || eq + 1 >= body.length() || body.charAt(eq + 1) != '"') throw new AssertionError("bad labels: " + line);
            String key = body.substring(i, eq);
            var value = new StringBuilder();
            int j = eq + 2;
            for (; j < body.length() && body.charAt(j) != '"'; j++) {
                char c = body.charAt(j);
                if (c == '\\' && j + 1 < body.length()) {
                    char n = body.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            if (j >= body.length()) throw new AssertionError("unterminated label value: " + line);
            out.put(key, value.toString());
            i = j + 1;
            if (i < body.length() && body.charAt(i) == ',') i++;
        }
    }

    List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The samples of {@code name} whose labels include all of {@code labels}. */
    List<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    Optional<Double> value(String name, Map<String, String> labels) {
        var found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
        if (found.size() > 1) throw new AssertionError("more than one " + name + " sample with labels " + labels);
        return found.stream().findFirst().map(Sample::value);
    }

    boolean declaresType(String name, String type) {
        return comments.contains("# TYPE " + name + " " + type);
    }
}
