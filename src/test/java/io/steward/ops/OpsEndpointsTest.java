package io.steward.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.Steward;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpsEndpointsTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void GET_health_answers_200_UP_with_the_database_check_UP() {
        var res = server.http().get("/health", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Type")).startsWith("application/json");
        assertThat(res.json().path("status").asText()).isEqualTo("UP");
        assertThat(res.json().at("/checks/database").asText()).isEqualTo("UP");
    }

    @Test
    void GET_health_ready_answers_200_UP_with_the_database_check_UP() {
        var res = server.http().get("/health/ready", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().path("status").asText()).isEqualTo("UP");
        assertThat(res.json().at("/checks/database").asText()).isEqualTo("UP");
        assertThat(res.json().at("/checks/accepting").asText()).isEqualTo("UP");
    }

    @Test
    void GET_health_live_answers_200_UP() {
        var res = server.http().get("/health/live", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void GET_root_answers_the_name_and_version() {
        var res = server.http().get("/", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().path("name").asText()).isEqualTo("Steward");
        assertThat(res.json().path("version").asText()).isEqualTo(Steward.VERSION);
        assertThat(res.json().path("docs").asText()).isEqualTo("/docs");
    }

    @Test
    void GET_docs_returns_the_HTML_documentation_page() {
        var res = server.http().get("/docs", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Type")).startsWith("text/html");
        assertThat(res.text()).contains("<title>Steward API documentation</title>")
                .contains("/api/swagger.json").contains("/admin/api/openapi.json");
    }

    @Test
    void an_unknown_root_path_answers_404_not_found() {
        var res = server.http().get("/no-such-page", Auth.NONE);
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.json().path("error").get(0).asText()).isEqualTo("not found");
    }

    @Test
    void GET_metrics_is_Prometheus_text() {
        var res = server.http().get("/metrics", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        var p = Prometheus.parse(res.text());
        assertThat(p.declaresType("steward_http_requests_total", "counter")).isTrue();
        assertThat(p.declaresType("steward_http_request_duration_seconds", "histogram")).isTrue();
    }

    @Test
    void GET_metrics_counts_a_request_under_its_dialect_method_route_template_and_status() {
        var labels = Map.of("dialect", "client", "method", "GET", "route", "/details", "status", "200");
        double before = scrape().value("steward_http_requests_total", labels).orElse(0.0);

        assertThat(server.http().get("/api/details", Auth.demo()).status()).isEqualTo(200);

        var p = awaitScrape(m -> m.value("steward_http_requests_total", labels).orElse(0.0) >= before + 1);
        assertThat(p.value("steward_http_requests_total", labels)).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(before + 1));
        assertThat(p.all("steward_http_requests_total")).noneMatch(s -> s.labels().get("route").startsWith("/api/"));
    }

    @Test
    void GET_metrics_labels_a_parameterised_path_with_its_template_not_the_concrete_path() {
        var res = server.http().get("/api/contact/987654321", Auth.demo());
        assertThat(res.status()).isEqualTo(404);

        var labels = Map.of("dialect", "client", "method", "GET", "route", "/contact/@id", "status", "404");
        var p = awaitScrape(m -> m.value("steward_http_requests_total", labels).isPresent());
        assertThat(p.value("steward_http_requests_total", labels)).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(p.all("steward_http_requests_total")).noneMatch(s -> s.labels().get("route").contains("987654321"));
    }

    @Test
    void GET_metrics_has_a_cumulative_latency_histogram_for_a_route() {
        assertThat(server.http().get("/health/live", Auth.NONE).status()).isEqualTo(200);
        var labels = Map.of("dialect", "ops", "method", "GET", "route", "/health/live", "status", "200");
        var p = awaitScrape(m -> m.value("steward_http_request_duration_seconds_count", labels).isPresent());

        var buckets = p.matching("steward_http_request_duration_seconds_bucket", labels).stream()
                .sorted(Comparator.comparingDouble(s -> le(s.labels().get("le"))))
                .toList();
        assertThat(buckets).hasSizeGreaterThan(5);
        assertThat(buckets.getLast().labels().get("le")).isEqualTo("+Inf");
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value()).as("bucket le=%s", buckets.get(i).labels().get("le"))
                    .isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }
        double count = p.value("steward_http_request_duration_seconds_count", labels).orElseThrow();
        assertThat(count).isGreaterThanOrEqualTo(1);
        assertThat(buckets.getLast().value()).isEqualTo(count);
        assertThat(p.value("steward_http_request_duration_seconds_sum", labels)).hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
    }

    @Test
    void GET_metrics_reports_the_database_pool_gauges() {
        var p = scrape();
        int configured = server.steward().db().pool().getMaximumPoolSize();
        assertThat(p.value("steward_db_pool_max_connections", Map.of())).contains((double) configured);
        double total = p.value("steward_db_pool_total_connections", Map.of()).orElseThrow();
        assertThat(total).isBetween(1.0, (double) configured);
        assertThat(p.value("steward_db_pool_active_connections", Map.of())).hasValueSatisfying(v -> assertThat(v).isBetween(0.0, total));
        assertThat(p.value("steward_db_pool_idle_connections", Map.of())).hasValueSatisfying(v -> assertThat(v).isBetween(0.0, total));
        assertThat(p.value("steward_db_pool_pending_threads", Map.of())).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(0));
    }

    @Test
    void GET_metrics_reports_the_jvm_gauges() {
        var p = scrape();
        double used = p.value("jvm_memory_heap_used_bytes", Map.of()).orElseThrow();
        assertThat(used).isPositive();
        assertThat(p.value("jvm_memory_heap_committed_bytes", Map.of())).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(used));
        assertThat(p.value("jvm_threads_live", Map.of())).hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(p.all("jvm_gc_collection_seconds_total")).isNotEmpty().allMatch(s -> s.labels().containsKey("gc"));
        for (String gauge : List.of("jvm_memory_heap_used_bytes", "jvm_threads_live", "jvm_uptime_seconds")) {
            assertThat(p.declaresType(gauge, "gauge")).as(gauge).isTrue();
        }
    }

    private static Prometheus scrape() {
        var res = server.http().get("/metrics", Auth.NONE);
        assertThat(res.status()).isEqualTo(200);
        return Prometheus.parse(res.text());
    }

    /**
     * Metrics are recorded after the response is written, so the request a test just made may
     * reach the counters a moment after its response reached the test.
     */
    private static Prometheus awaitScrape(Predicate<Prometheus> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Prometheus p = scrape();
        while (!ready.test(p) && System.nanoTime() < deadline) {
            sleep();
            p = scrape();
        }
        return p;
    }

    private static double le(String bound) {
        return bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
