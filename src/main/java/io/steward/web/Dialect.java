package io.steward.web;

import io.steward.core.StewardException;

/**
 * One API face of Steward: its URL prefix, its route table, how it authenticates and authorises
 * a call against a route's declared access, and its error envelope. Nothing else.
 */
public interface Dialect<A> {
    /** Short name used in metrics and logs ({@code client}, {@code admin}). */
    String name();

    /** Mount point, e.g. {@code /api}; the empty string for the root. */
    String prefix();

    Router<A> router();

    /** Authenticates the caller and checks {@code access}; throws to refuse. */
    void authorize(Call call, A access);

    /** The error body this dialect speaks, for a domain error. */
    Object errorBody(StewardException error);

    /** Body for a path that no route of this dialect serves. */
    Object unknownRoute();

    /**
     * Called once a matched route's call is answered (handled or refused), before the reply is
     * written; a dialect that audits does it here. A failure here is logged, never the caller's.
     */
    default void completed(Call call, Route<A> route, Reply reply) {}
    /** Content type of {@link #errorBody} and {@link #unknownRoute} (the web pages answer HTML). */
    default String errorContentType() {
        return "application/json";
    }

    /**
     * When dialects share a prefix (the operations endpoints and the web client area both live at
     * the root), whether this one takes the request: {@code known} says whether its route table has
     * the path. By default a dialect takes what it knows; a request none takes goes to the last one.
     */
    default boolean takes(String method, String localPath, boolean known, java.util.function.Function<String, java.util.Optional<String>> header) {
        return known;
    }

    /** Extra response headers for an error (e.g. WWW-Authenticate on 401). */
    default java.util.Map<String, String> errorHeaders(StewardException error) {
        return java.util.Map.of();
    }
}
