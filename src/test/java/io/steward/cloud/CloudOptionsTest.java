package io.steward.cloud;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.cloud.sandbox.SandboxCloudFactory;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Configurable options raise a cloud service's limits: an option item's module value
 * {@code cores+=1} adds a core per unit, {@code memory_mb=4096} sets the memory limit; ordered
 * options count at once and an applied upgrade that changes them changes the limits.
 */
class CloudOptionsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("cloud.sandbox.delay-ms", "30").with("cloud.poll-interval", "PT0.02S"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> usd(String price) {
        return Map.of("USD", Map.of("m", Map.of("price", price, "setup", "0.00")));
    }

    @Test
    void ordered_options_raise_the_limits_and_an_applied_upgrade_changes_them() {
        long pool = CloudFixtures.pool(server, "203.0.113.0/28", "203.0.113.1");
        var cat = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", "Cloud " + UUID.randomUUID(), "sort_order", 100)));
        assertThat(cat.status()).as("%s", cat).isEqualTo(201);
        var created = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("category_id", cat.json().at("/category/id").asLong(),
                "name", "Cloud opt " + UUID.randomUUID().toString().substring(0, 8), "type", "vps", "module", SandboxCloudFactory.ID,
                "module_config", obj("cores", 2, "memory_mb", 2048, "disk_gb", 20, "vms", 2, "ipv4", 2, "ipv6", 0), "prices", usd("10.00"),
                "forms", List.of(
                        obj("type", "quantity", "name", "Extra cores", "required", false, "min", 0, "max", 8, "step", 1,
                                "items", List.of(obj("name", "Core", "module_value", "cores+=1", "prices", usd("3.00")))),
                        obj("type", "select", "name", "Memory", "required", true,
                                "items", List.of(obj("name", "Base", "module_value", "", "prices", usd("0.00")),
                                        obj("name", "4 GB", "module_value", "memory_mb=4096, os=linux", "prices", usd("5.00"))))))));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode product = created.json().get("product");
        long productId = product.get("id").asLong();
        assertThat(server.http().put("/admin/api/products/" + productId + "/ip-policy", Auth.admin(),
                Body.json(obj("ipv4_count", 0, "ipv6_count", 0, "pool_ids", List.of(pool)))).status()).isEqualTo(200);
        String cores = product.at("/forms/0/id").asText();
        String memory = product.at("/forms/1/id").asText();
        String fourGb = product.at("/forms/1/items/1/id").asText();

        var client = AccountFixtures.client(server);
        assertThat(server.http().post("/admin/api/clients/" + client.id() + "/credit", Auth.admin(),
                Body.json(Map.of("amount", "100.00", "reason", "Prepaid"))).status()).isBetween(200, 201);
        var order = server.http().post("/api/order/" + productId, client.auth(),
                Body.form("cycle", "m", "domain", "opt.example", "custom[" + cores + "]", "2", "custom[" + memory + "]", fourGb));
        assertThat(order.status()).as("%s", order).isEqualTo(200);
        long service = order.json().at("/items/id").asLong();
        var paid = server.http().post("/api/invoice/" + order.json().get("invoice_id").asText() + "/credit", client.auth(), Body.NONE);
        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        server.steward().services().provisioning().runDueJobsNow();

        JsonNode res = resources(client.auth(), service);
        assertThat(res.at("/cores/limit").asText()).as("2 from the product + 2 extra cores").isEqualTo("4");
        assertThat(res.at("/memory/limit").asText()).as("set by the 4 GB item").isEqualTo("4096");
        assertThat(res.at("/disk/limit").asText()).isEqualTo("20");
        // The raised limit is the one creation checks: a 4-core VM fits.
        CloudFixtures.createVm(server, client.auth(), service, obj("label", "big", "template", "debian-12", "flavor", "large"));

        // Upgrade: 5 extra cores; nothing changes until the invoice is paid.
        Res sent = server.http().post("/api/service/" + service + "/upgrade", client.auth(),
                Body.json(Map.of("resources", Map.of(cores, "5"), "send", true)));
        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        assertThat(resources(client.auth(), service).at("/cores/limit").asText()).isEqualTo("4");
        var upgradePaid = server.http().post("/api/invoice/" + sent.json().at("/upgrade/invoice_id").asText() + "/credit", client.auth(), Body.NONE);
        assertThat(upgradePaid.json().get("invoice_status").asText()).as("%s", upgradePaid).isEqualTo("Paid");
        res = resources(client.auth(), service);
        assertThat(res.at("/cores/limit").asText()).isEqualTo("7");
        assertThat(res.at("/cores/used").asText()).isEqualTo("4");
        assertThat(res.at("/memory/limit").asText()).isEqualTo("4096");
    }

    @Test
    void module_values_set_first_then_add_per_unit_and_ignore_other_text() {
        var base = CloudLimits.of(null);
        var limits = base.with(List.of(
                new io.steward.upgrade.ServiceOptions.Chosen(1, "Extra", "3", 3, "cores+=2;ipv4 += 1"),
                new io.steward.upgrade.ServiceOptions.Chosen(2, "Plan", "9", 1, "cores=8 vms=5 template=debian"),
                new io.steward.upgrade.ServiceOptions.Chosen(3, "Other", "1", 1, "disk=40")));
        assertThat(limits.cores()).isEqualTo(8 + 3 * 2);
        assertThat(limits.vms()).isEqualTo(5);
        assertThat(limits.ipv4()).isEqualTo(base.ipv4() + 3);
        assertThat(limits.diskGb()).as("disk is not a limit key (disk_gb is)").isEqualTo(base.diskGb());
        assertThat(limits.memoryMb()).isEqualTo(base.memoryMb());
    }

    private static JsonNode resources(Auth auth, long service) {
        Res res = server.http().get("/api/service/" + service + "/resources", auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("resources");
    }
}
