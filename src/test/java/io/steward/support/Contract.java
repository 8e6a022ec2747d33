package io.steward.support;

import io.steward.support.contract.OpenApiContract;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Validates every response a test receives against the OpenAPI document of the dialect it came
 * from (the document the server itself serves, read from the same resources). Paths under
 * {@code /admin/api} are checked against {@code openapi/admin.yaml}, paths under {@code /api}
 * against {@code openapi/client.yaml}, paths under {@code /v1} against {@code openapi/services.yaml} (each document's {@code servers[0].url}); anything else
 * (health, metrics, docs) has no document and is not checked.
 */
public final class Contract {
    private Contract() {}

    /** Loaded on first use, once per test JVM. */
    private static final class Documents {
        static final OpenApiContract CLIENT = OpenApiContract.load("openapi/client.yaml");
        static final OpenApiContract ADMIN = OpenApiContract.load("openapi/admin.yaml");
        static final OpenApiContract SERVICES = OpenApiContract.load("openapi/services.yaml");
        static final OpenApiContract PARTNER = OpenApiContract.load("openapi/partner.yaml");
        /** Longest server URL first, as the server picks a dialect by prefix: /admin/api is not /api's. */
        static final List<OpenApiContract> BY_PREFIX = Stream.of(CLIENT, ADMIN, SERVICES, PARTNER)
                .sorted(Comparator.comparingInt((OpenApiContract d) -> d.server().length()).reversed()).toList();
    }

    public static OpenApiContract client() { return Documents.CLIENT; }

    public static OpenApiContract admin() { return Documents.ADMIN; }

    /** The services API ({@code /v1}). */
    public static OpenApiContract services() { return Documents.SERVICES; }

    /** The partner API ({@code /partner}). */
    public static OpenApiContract partner() { return Documents.PARTNER; }

    /** Throws AssertionError if the response does not match the documented operation. */
    public static void check(String method, String pathAndQuery, Http.Res res) {
        String path = path(pathAndQuery);
        dialectOf(path).ifPresent(doc -> doc.check(method, path.substring(doc.server().length()), res));
    }

    /** The document for a request path, chosen by its server URL as the server picks a dialect by prefix. */
    public static Optional<OpenApiContract> dialectOf(String path) {
        return Documents.BY_PREFIX.stream()
                .filter(d -> path.equals(d.server()) || path.startsWith(d.server() + "/"))
                .findFirst();
    }

    /** The decoded path without the query, as the server routes it. */
    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String raw = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        try {
            return URI.create(raw).getPath();
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
