package io.steward.web;

import java.util.Map;

/** A response other than "200 with this JSON": another status, content type or extra headers. */
public record Reply(int status, Object body, String contentType, Map<String, String> headers) {
    public static Reply json(int status, Object body) {
        return new Reply(status, body, "application/json", Map.of());
    }

    public static Reply text(int status, String contentType, String body) {
        return new Reply(status, body, contentType, Map.of());
    }
}
