package io.steward.service;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.Map;

/** Services for tests, created through the admin API, and the provisioning queue driven by hand. */
final class ServiceFixtures {
    private ServiceFixtures() {}

    /** A monthly USD service of the client; {@code fields} override the defaults (e.g. "activate", true). */
    static long service(TestServer server, long clientId, Map<String, Object> fields) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "9.99",
                "first_payment", "14.99", "name", "Starter Hosting", "category", "Hosting", "category_slug", "hosting",
                "domain", "example-" + System.nanoTime() + ".com");
        body.putAll(fields);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a fixture service: %s", res).isEqualTo(201);
        return res.json().at("/service/id").asLong();
    }

    /** An active (provisioned by the recording module) monthly service. */
    static long activeService(TestServer server, long clientId) {
        long id = service(server, clientId, Map.of("activate", true));
        runJobs(server);
        assertThat(admin(server, id).path("status").asText()).isEqualTo("Active");
        return id;
    }

    static int runJobs(TestServer server) {
        return server.steward().services().provisioning().runDueJobsNow();
    }

    /** The service as staff see it. */
    static JsonNode admin(TestServer server, long id) {
        Res res = server.http().get("/admin/api/services/" + id, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("service");
    }

    static JsonNode job(TestServer server, long jobId) {
        Res res = server.http().get("/admin/api/provisioning-jobs/" + jobId, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("job");
    }

    /** The actions the recording module received for the service, in order. */
    static java.util.List<String> moduleCalls(TestServer server, long id) {
        var out = new java.util.ArrayList<String>();
        server.http().get("/admin/api/services/" + id + "/module-calls", Auth.admin()).json().get("calls")
                .forEach(c -> out.add(c.get("action").asText()));
        return out;
    }

    /** A TestServer whose scheduler does not run, so tests drive the queue with {@link #runJobs}. */
    static TestServer manualServer() {
        // No jitter: the tests predict retry times exactly.
        return TestServer.start(c -> c.with("scheduler.enabled", "false").with("provisioning.retry-jitter", "0"));
    }
}
