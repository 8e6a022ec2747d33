package io.steward.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain error. {@link #messages()} are safe to show to the caller (short message keys or
 * sentences, in the style of the references' {@code "error": ["..."]}); {@link #fields()} names the
 * offending parameters where there are any. Nothing else about the failure leaves the server.
 */
public class StewardException extends RuntimeException {
    private final ErrorCode code;
    private final List<String> messages;
    private final Map<String, List<String>> fields;
    private final Long retryAfterSeconds;

    public StewardException(ErrorCode code, String message) {
        this(code, List.of(message), Map.of());
    }

    public StewardException(ErrorCode code, List<String> messages, Map<String, List<String>> fields) {
        this(code, messages, fields, null);
    }

    private StewardException(ErrorCode code, List<String> messages, Map<String, List<String>> fields, Long retryAfterSeconds) {
        super(String.join("; ", messages));
        this.code = code;
        this.messages = List.copyOf(messages);
        this.fields = Map.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A 429: the caller may try again after {@code seconds} (at least 1), which every dialect
     * sends as {@code Retry-After}.
     */
    public static StewardException tooManyRequests(String message, long seconds) {
        return new StewardException(ErrorCode.TOO_MANY_REQUESTS, List.of(message), Map.of(), Math.max(1, seconds));
    }

    /** Seconds until a refused request may be repeated, for {@code Retry-After}; empty when it does not apply. */
    public java.util.OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(retryAfterSeconds);
    }

    public ErrorCode code() { return code; }

    public List<String> messages() { return messages; }

    public Map<String, List<String>> fields() { return fields; }

    public static StewardException badRequest(String message) { return new StewardException(ErrorCode.BAD_REQUEST, message); }

    public static StewardException notFound(String message) { return new StewardException(ErrorCode.NOT_FOUND, message); }

    public static StewardException forbidden(String message) { return new StewardException(ErrorCode.FORBIDDEN, message); }

    public static StewardException unauthorized(String message) { return new StewardException(ErrorCode.UNAUTHORIZED, message); }

    public static StewardException conflict(String message) { return new StewardException(ErrorCode.CONFLICT, message); }

    /** A validation failure naming each offending field. */
    public static StewardException invalid(Map<String, List<String>> fields) {
        var messages = fields.values().stream().flatMap(List::stream).toList();
        return new StewardException(ErrorCode.UNPROCESSABLE, messages, new LinkedHashMap<>(fields));
    }
}
