package io.steward;

import io.steward.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code steward train}: the training run the launcher records the JDK's ahead-of-time cache from
 * (classes loaded and linked, method profiles). It does what a start does: a first start with the
 * demo data, a few of the commonest requests, and a restart on the existing data directory, all on
 * loopback with free ports, then exits so the JVM writes the cache.
 */
final class StartupTraining {
    private StartupTraining() {}

    static int run(Config config, Path dataDir) {
        if (Files.exists(dataDir)) throw new IllegalArgumentException("train needs a fresh --data directory: " + dataDir + " exists");
        Config local = config.with("dns.port", "0").with("dns.forwarding.port", "0").with("dns.host", "127.0.0.1")
                .with("billing.engine.scheduled", "false").with("domains.scheduled", "false").with("mail.scheduled", "false");
        try (Steward first = Steward.create(local, dataDir, Clock.systemUTC()).loadDemo().listen("127.0.0.1", 0, Duration.ZERO)) {
            requests("http://127.0.0.1:" + first.port());
        }
        try (Steward again = Steward.create(local, dataDir, Clock.systemUTC()).listen("127.0.0.1", 0, Duration.ZERO)) {
            requests("http://127.0.0.1:" + again.port());
        }
        return 0;
    }

    private static void requests(String base) {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            send(client, HttpRequest.newBuilder(URI.create(base + "/health")).GET());
            String login = send(client, HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo@example.com\",\"password\":\"Demo-pass-1\"}")));
            var token = io.steward.core.Json.MAPPER.readTree(login).path("token").asText("");
            for (String path : new String[] {"/api/details", "/api/invoice", "/api/service", "/api/category"}) {
                send(client, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String send(HttpClient client, HttpRequest.Builder request) throws java.io.IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
