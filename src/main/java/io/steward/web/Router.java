package io.steward.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dialect's route table. Literal segments beat parameters ({@code /contact/privileges} wins
 * over {@code /contact/@id}), so the table can be written in the order a reader expects.
 */
public final class Router<A> {
    private final List<Route<A>> routes = new ArrayList<>();
    private final List<String[]> segments = new ArrayList<>();
    /** Route indexes by segment count: a request is compared only with templates of its length. */
    private final Map<Integer, List<Integer>> byLength = new HashMap<>();

    public Router<A> get(String template, Handler handler, A access) { return add("GET", template, handler, access); }

    public Router<A> post(String template, Handler handler, A access) { return add("POST", template, handler, access); }

    public Router<A> put(String template, Handler handler, A access) { return add("PUT", template, handler, access); }

    public Router<A> delete(String template, Handler handler, A access) { return add("DELETE", template, handler, access); }

    public Router<A> add(String method, String template, Handler handler, A access) {
        routes.add(new Route<>(method, template, handler, access));
        String[] parts = split(template);
        segments.add(parts);
        byLength.computeIfAbsent(parts.length, n -> new ArrayList<>()).add(routes.size() - 1);
        return this;
    }

    public List<Route<A>> routes() { return List.copyOf(routes); }

    /** The outcome of matching: a route with its path parameters, or why none matched. */
    public record Match<A>(Route<A> route, Map<String, String> pathParams, boolean pathExists) {}

    public Match<A> match(String method, String path) {
        String[] parts = split(path);
        Route<A> best = null;
        Map<String, String> bestParams = null;
        int bestScore = -1;
        boolean pathExists = false;
        for (int i : byLength.getOrDefault(parts.length, List.of())) {
            String[] tpl = segments.get(i);
            int score = 0;
            Map<String, String> params = null;
            boolean ok = true;
            for (int s = 0; s < tpl.length && ok; s++) {
                if (tpl[s].startsWith("@")) {
                    if (parts[s].isEmpty()) ok = false;
                    else {
                        if (params == null) params = new HashMap<>(4);
                        params.put(tpl[s].substring(1), parts[s]);
                    }
                } else if (tpl[s].equals(parts[s])) {
                    // Earlier literal segments weigh more, so /a/x/@p beats /a/@q/y.
                    score += 1 << (tpl.length - s);
                } else {
                    ok = false;
                }
            }
            if (!ok) continue;
            pathExists = true;
            Route<A> r = routes.get(i);
            if (r.method().equals(method) && score > bestScore) {
                best = r;
                bestScore = score;
                bestParams = params == null ? Map.of() : params;
            }
        }
        return new Match<>(best, bestParams, pathExists);
    }

    static String[] split(String path) {
        String p = path;
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
