package io.steward.cloud;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Cloud products, services and VMs through the admin and client APIs. */
final class CloudFixtures {
    private CloudFixtures() {}

    /** An IPv4 pool with a gateway; answers its id. */
    static long pool(TestServer server, String cidr, String gateway) {
        Res res = server.http().post("/admin/api/ip-pools", Auth.admin(), Body.json(obj("name", "Cloud " + UUID.randomUUID().toString().substring(0, 6),
                "cidr", cidr, "gateway", gateway)));
        assertThat(res.status()).as("creating a pool: %s", res).isEqualTo(201);
        return res.json().at("/pool/id").asLong();
    }

    /** A cloud product on {@code module} with these limits, its VMs' addresses from the pools. */
    static long product(TestServer server, String module, Map<String, Object> limits, List<Long> pools) {
        var cat = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", "Cloud " + UUID.randomUUID(), "sort_order", 100)));
        assertThat(cat.status()).as("%s", cat).isEqualTo(201);
        var product = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("category_id", cat.json().at("/category/id").asLong(),
                "name", "Cloud " + UUID.randomUUID().toString().substring(0, 8), "type", "vps", "module", module, "module_config", limits,
                "prices", Map.of("USD", Map.of("m", Map.of("price", "10.00", "setup", "0.00"))))));
        assertThat(product.status()).as("%s", product).isEqualTo(201);
        long id = product.json().at("/product/id").asLong();
        Res policy = server.http().put("/admin/api/products/" + id + "/ip-policy", Auth.admin(),
                Body.json(obj("ipv4_count", 0, "ipv6_count", 0, "pool_ids", pools)));
        assertThat(policy.status()).as("%s", policy).isEqualTo(200);
        return id;
    }

    /** An Active service of the product, provisioned by its create job. */
    static long service(TestServer server, long clientId, long productId, String module, String config) {
        var body = obj("client_id", clientId, "product_id", productId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "10.00",
                "name", "Cloud", "category", "Cloud", "category_slug", "cloud", "domain", "cloud-" + System.nanoTime() + ".example.com",
                "module", module, "module_config", config, "activate", true);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a service: %s", res).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(server.steward().services().services().find(id).orElseThrow().status()).isEqualTo("Active");
        return id;
    }

    static JsonNode createVm(TestServer server, Auth auth, long serviceId, Map<String, Object> fields) {
        Res res = server.http().post("/api/service/" + serviceId + "/vms", auth, Body.json(fields));
        assertThat(res.status()).as("creating a VM: %s", res).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        return res.json().get("vm");
    }

    static JsonNode vm(TestServer server, Auth auth, long serviceId, String vmId) {
        Res res = server.http().get("/api/service/" + serviceId + "/vms/" + vmId, auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("vm");
    }

    /** Posts an action; answers the VM as the answer shows it (in its transitional state). */
    static JsonNode act(TestServer server, Auth auth, long serviceId, String vmId, String action, Map<String, Object> body) {
        Res res = server.http().post("/api/service/" + serviceId + "/vms/" + vmId + "/" + action, auth, Body.json(body));
        assertThat(res.status()).as("%s: %s", action, res).isEqualTo(200);
        assertThat(res.json().at("/info/0").asText()).isEqualTo("vm_" + action + "_queued");
        return res.json().get("vm");
    }

    /** Runs the cloud jobs until the VM is idle (or gone); answers its last status. */
    static String settle(TestServer server, Auth auth, long serviceId, String vmId, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            server.steward().cloud().runJobsNow();
            Res res = server.http().get("/api/service/" + serviceId + "/vms/" + vmId, auth);
            if (res.status() == 404) return "deleted";
            String status = res.json().at("/vm/status").asText();
            if (List.of("running", "stopped", "rescue", "error").contains(status)) return status;
            String error = server.steward().db().dsl().select(CloudStore.LAST_ERROR).from(CloudStore.T)
                    .where(CloudStore.ID.eq(Long.parseLong(vmId))).fetchOne().value1();
            assertThat(System.nanoTime()).as("VM %s still %s (last error: %s)", vmId, status, error).isLessThan(deadline);
            // A failed attempt retries after its backoff: let the test's clock get there.
            if (error != null) server.clock.advance(Duration.ofMinutes(11));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
