package io.steward.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the scheduler running (the default), jobs run without anyone asking, and the client watches the status change. */
class ScheduledProvisioningTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.poll-interval", "PT0.1S").with("jobs.poll-interval", "PT0.1S"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode awaitStatus(NewClient c, long id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode s;
        do {
            s = server.http().get("/api/service/" + id, c.auth()).json().get("service");
            if (s.get("status").asText().equals(status)) return s;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return s;
    }

    @Test
    void the_scheduler_provisions_suspends_and_terminates_a_service_on_its_own() throws Exception {
        assertThat(server.steward().scheduler().running()).isTrue();
        NewClient c = AccountFixtures.client(server);
        long id = ServiceFixtures.service(server, c.id(), Map.of("activate", true));
        JsonNode active = awaitStatus(c, id, "Active");
        assertThat(active.get("status").asText()).isEqualTo("Active");
        assertThat(active.at("/provisioning/status").asText()).isEqualTo("done");

        server.http().post("/admin/api/services/" + id + "/suspend", Auth.admin(), Body.json(Map.of("reason", "Overdue on payment")));
        assertThat(awaitStatus(c, id, "Suspended").get("status").asText()).isEqualTo("Suspended");
        server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.json(Map.of("immediate", true)));
        assertThat(awaitStatus(c, id, "Cancelled").get("status").asText()).isEqualTo("Cancelled");
        assertThat(ServiceFixtures.moduleCalls(server, id)).containsExactly("create", "suspend", "terminate");
    }
}
