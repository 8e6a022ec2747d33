package io.steward.web;

import io.steward.core.StewardException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Everything a handler may know about the request it serves. */
public final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Params params;
    private final Function<String, Optional<String>> headers;
    private final String ip;
    private final Map<Class<?>, Object> attributes = new HashMap<>(4);

    public Call(String method, String path, Map<String, String> pathParams, Params params,
                Function<String, Optional<String>> headers, String ip) {
        this.method = method;
        this.path = path;
        this.pathParams = pathParams;
        this.params = params;
        this.headers = headers;
        this.ip = ip;
    }

    public String method() { return method; }

    public String path() { return path; }

    public Params params() { return params; }

    public String ip() { return ip; }

    public Optional<String> header(String name) { return headers.apply(name); }

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) throw new IllegalStateException("route has no path parameter " + name);
        return v;
    }

    /**
     * A path id ({@link io.steward.core.Ids}: ASCII digits, no sign, no leading zero); anything
     * else cannot name an object, so it is simply not found.
     */
    public long pathId(String name) {
        return io.steward.core.Ids.parse(pathParam(name)).orElseThrow(() -> StewardException.notFound("Object not found"));
    }

    public <T> void set(Class<T> type, T value) { attributes.put(type, value); }

    public <T> T get(Class<T> type) {
        Object v = attributes.get(type);
        if (v == null) throw new IllegalStateException("no " + type.getSimpleName() + " on this call");
        return type.cast(v);
    }

    public <T> Optional<T> find(Class<T> type) { return Optional.ofNullable(type.cast(attributes.get(type))); }
}
