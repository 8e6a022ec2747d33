package io.steward.traffic;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Services on the sandbox module, sampling driven by hand, traffic written through the store. */
final class TrafficFixtures {
    private TrafficFixtures() {}

    /** A node whose scheduler does not run: tests sample, roll up and bill by hand. */
    static TestServer server() {
        return TestServer.start(c -> c.with("scheduler.enabled", "false").with("billing.renewal-lead-days", "14"));
    }

    static TrafficStore store(TestServer server) {
        return new TrafficStore(server.steward().db());
    }

    static Rollups rollups(TestServer server) {
        return new Rollups(server.steward().db(), server.clock, store(server), Duration.ofMinutes(10));
    }

    /** A catalog product id by name (the demo catalog's). */
    static long product(TestServer server, String name) {
        for (JsonNode p : server.http().get("/admin/api/products", Auth.admin()).json().get("products")) {
            if (p.get("name").asText().equals(name)) return p.get("id").asLong();
        }
        throw new AssertionError("no product " + name);
    }

    static void terms(TestServer server, long productId, String quotaGb, String price) {
        var res = server.http().put("/admin/api/products/" + productId + "/bandwidth", Auth.admin(),
                Body.json(Map.of("quota_gb", quotaGb, "overage_price", price)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }

    /** An active monthly USD service of the client on {@code module}, provisioned; {@code fields} override. */
    static long service(TestServer server, long clientId, String module, Map<String, Object> fields) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "10.00",
                "first_payment", "10.00", "name", "Pro Hosting", "category", "Hosting", "category_slug", "hosting",
                "domain", "traffic-" + System.nanoTime() + ".example", "module", module, "activate", true);
        body.putAll(fields);
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a service: %s", res).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        server.steward().services().provisioning().runDueJobsNow();
        var s = server.http().get("/admin/api/services/" + id, Auth.admin()).json().get("service");
        assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("Active");
        return id;
    }

    /** Five-minute buckets of {@code in}/{@code out} bytes each, every five minutes in [from, to). */
    static List<TrafficStore.Bucket> steady(long serviceId, LocalDateTime from, LocalDateTime to, long in, long out) {
        var out2 = new ArrayList<TrafficStore.Bucket>();
        for (LocalDateTime t = from; t.isBefore(to); t = t.plusMinutes(5)) out2.add(new TrafficStore.Bucket(serviceId, t, in, out));
        return out2;
    }

    /** Writes buckets of the past and recomputes the service's hours and days over them, as the demo set does. */
    static void history(TestServer server, long serviceId, List<TrafficStore.Bucket> buckets) {
        var db = server.steward().db();
        db.txRun(() -> store(server).add(TrafficStore.FIVE_MINUTES, buckets));
        rollups(server).rebuild(serviceId, buckets.getFirst().start());
    }

    static LocalDateTime now(TestServer server) {
        return LocalDateTime.ofInstant(server.clock.instant(), java.time.ZoneOffset.UTC);
    }
}
