package io.steward.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Readiness going DOWN; each test has its own server because what it does cannot be undone. */
class ReadinessTest {

    @Test
    void a_draining_node_answers_ready_503_DOWN_but_stays_live() {
        try (var server = TestServer.start()) {
            ops(server).drain();

            var ready = server.http().get("/health/ready", Auth.NONE);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(ready.json().at("/checks/accepting").asText()).isEqualTo("DOWN");
            assertThat(ready.json().at("/checks/database").asText()).isEqualTo("UP");
            assertThat(server.http().get("/health/live", Auth.NONE).status()).isEqualTo(200);
        }
    }

    @Test
    void with_the_database_unreachable_health_answers_503_with_the_database_check_DOWN() {
        try (var server = TestServer.start()) {
            server.steward().db().pool().close();

            for (String path : new String[] {"/health", "/health/ready"}) {
                var res = server.http().get(path, Auth.NONE);
                assertThat(res.status()).as(path).isEqualTo(503);
                assertThat(res.json().path("status").asText()).as(path).isEqualTo("DOWN");
                assertThat(res.json().at("/checks/database").asText()).as(path).isEqualTo("DOWN");
            }
            assertThat(server.http().get("/health/live", Auth.NONE).status()).isEqualTo(200);
        }
    }

    @Test
    void a_closed_node_no_longer_answers_ready() {
        try (var server = TestServer.start()) {
            assertThat(server.http().get("/health/ready", Auth.NONE).status()).isEqualTo(200);

            server.steward().close();

            Http.Res after;
            try {
                after = server.http().get("/health/ready", Auth.NONE);
            } catch (UncheckedIOException refused) {
                return; // the listener is gone: a load balancer sees the node as not ready
            }
            assertThat(after.status()).isEqualTo(503);
        }
    }

    private static OpsApi ops(TestServer server) {
        return server.steward().http().dialects().stream()
                .filter(OpsApi.class::isInstance).map(OpsApi.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no ops dialect"));
    }
}
