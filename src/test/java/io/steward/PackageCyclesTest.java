package io.steward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the main code form no cycle: a feature reaches another through its service
 * interfaces, downhill, and shared types live below the features that use them. Read from the
 * sources' imports and qualified names, comments left out (a Javadoc mention is not a dependency).
 */
class PackageCyclesTest {
    /** A reference to a type of ours: an import or a qualified name in the code. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.steward(?:\\.[a-z0-9_]+)*)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void the_main_packages_import_each_other_without_a_cycle() throws IOException {
        Map<String, Set<String>> imports = imports(Path.of("src/main/java"));
        assertThat(imports).as("the main sources were read").containsKey("io.steward.service");
        assertThat(cycles(imports)).as("package cycles").isEmpty();
    }

    @Test
    void a_cycle_is_found_when_there_is_one() {
        var graph = new TreeMap<String, Set<String>>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        graph.put("d", Set.of("a"));
        assertThat(cycles(graph)).containsExactly(new TreeSet<>(List.of("a", "b", "c")));
    }

    private static Map<String, Set<String>> imports(Path root) throws IOException {
        var graph = new TreeMap<String, Set<String>>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.');
                Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                String code = COMMENT.matcher(Files.readString(f)).replaceAll(" ");
                code = code.replaceFirst("(?m)^package [^;]+;", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) if (!m.group(1).equals(pkg)) deps.add(m.group(1));
            }
        }
        return graph;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        var index = new HashMap<String, Integer>();
        var low = new HashMap<String, Integer>();
        var stack = new ArrayDeque<String>();
        var onStack = new HashSet<String>();
        var found = new ArrayList<Set<String>>();
        for (String v : graph.keySet()) if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, found);
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            var component = new TreeSet<String>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) found.add(component);
        }
    }
}
