package io.steward.support;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A provisioning job going dead opens a ticket for staff, which the client never sees. */
class DeadJobTicketTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(c -> c.with("scheduler.enabled", "false")); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void a_dead_job_opens_a_high_priority_staff_ticket_in_technical_support() {
        var c = AccountFixtures.client(server);
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", c.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "5", "first_payment", "5", "name", "Flaky VPS", "category", "VPS",
                "category_slug", "vps", "domain", "flaky.example.com", "module", "flaky",
                "module_config", obj("fail_times", 1, "fatal", true), "activate", true)));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        long serviceId = res.json().at("/service/id").asLong();
        server.steward().services().provisioning().runDueJobsNow();

        JsonNode page = server.http().get("/admin/api/tickets?client_id=" + c.id(), Auth.admin()).json();
        assertThat(page.get("total").asInt()).isEqualTo(1);
        JsonNode t = page.at("/tickets/0");
        assertThat(t.get("source").asText()).isEqualTo("system");
        assertThat(t.get("client_visible").asBoolean()).isFalse();
        assertThat(t.get("priority").asText()).isEqualTo("High");
        assertThat(t.get("department").asText()).isEqualTo("Technical Support");
        assertThat(t.get("service_id").asLong()).isEqualTo(serviceId);
        assertThat(t.get("subject").asText()).contains("create").contains("#" + serviceId);
        JsonNode full = server.http().get("/admin/api/tickets/" + t.get("number").asText(), Auth.admin()).json().get("ticket");
        assertThat(full.get("body").asText()).contains("platform unavailable").contains("/retry");

        assertThat(server.http().get("/api/tickets", c.auth()).json().get("tickets")).isEmpty();
        assertThat(server.http().get("/api/tickets/" + t.get("number").asText(), c.auth()).status()).isEqualTo(404);
        // Running the queue again finds nothing new to kill, so no second ticket.
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(server.http().get("/admin/api/tickets?client_id=" + c.id(), Auth.admin()).json().get("total").asInt()).isEqualTo(1);
    }
}
