package io.steward.ipam;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.service.module.ModuleCallLog;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pools, products with address policies and services of the {@code iptest} module, through the admin API. */
final class IpamFixtures {
    private IpamFixtures() {}

    static JsonNode pool(TestServer server, Map<String, Object> fields) {
        var body = obj("name", "Pool " + UUID.randomUUID().toString().substring(0, 6));
        body.putAll(fields);
        Res res = server.http().post("/admin/api/ip-pools", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a pool: %s", res).isEqualTo(201);
        return res.json().get("pool");
    }

    /** A hosting product whose services get {@code v4} and {@code v6} addresses from the pools. */
    static long product(TestServer server, int v4, int v6, List<Long> poolIds) {
        var cat = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", "IP " + UUID.randomUUID(), "sort_order", 100)));
        assertThat(cat.status()).as("%s", cat).isEqualTo(201);
        var product = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("category_id", cat.json().at("/category/id").asLong(),
                "name", "VPS " + UUID.randomUUID().toString().substring(0, 8), "type", "vps",
                "prices", Map.of("USD", Map.of("m", Map.of("price", "5.00", "setup", "0.00"))))));
        assertThat(product.status()).as("%s", product).isEqualTo(201);
        long id = product.json().at("/product/id").asLong();
        Res policy = server.http().put("/admin/api/products/" + id + "/ip-policy", Auth.admin(),
                Body.json(obj("ipv4_count", v4, "ipv6_count", v6, "pool_ids", poolIds)));
        assertThat(policy.status()).as("%s", policy).isEqualTo(200);
        return id;
    }

    /** A Pending service of the product on {@code module}, its create job queued (not run). */
    static long queuedService(TestServer server, long clientId, Long productId, String module) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "5.00", "name", "VPS",
                "category", "VPS", "category_slug", "vps", "domain", "vps-" + System.nanoTime() + ".example.com", "module", module,
                "activate", true);
        if (productId != null) body.put("product_id", productId);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a service: %s", res).isEqualTo(201);
        return res.json().at("/service/id").asLong();
    }

    static int runJobs(TestServer server) {
        return server.steward().services().provisioning().runDueJobsNow();
    }

    /** An Active service of the product on the {@code iptest} module. */
    static long activeService(TestServer server, long clientId, long productId) {
        long id = queuedService(server, clientId, productId, IpTestModuleFactory.ID);
        runJobs(server);
        assertThat(status(server, id)).isEqualTo("Active");
        return id;
    }

    static String status(TestServer server, long serviceId) {
        return server.steward().services().services().find(serviceId).orElseThrow().status();
    }

    /** The service's addresses as the client API lists them. */
    static List<String> ips(TestServer server, Auth auth, long serviceId) {
        Res res = server.http().get("/api/service/" + serviceId + "/ip", auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        var out = new java.util.ArrayList<String>();
        res.json().get("ips").forEach(ip -> out.add(ip.get("ip").asText()));
        return out;
    }

    /** What the {@code iptest} module was told, as "action parameters" lines. */
    static List<String> moduleCalls(TestServer server, long serviceId) {
        return new ModuleCallLog(server.steward().db(), server.clock).calls(serviceId).stream()
                .filter(c -> c.module().equals(IpTestModuleFactory.ID)).map(c -> c.action() + " " + c.parameters()).toList();
    }
}
