package io.steward.cloud;

import static io.steward.cloud.CloudFixtures.createVm;
import static io.steward.cloud.CloudFixtures.settle;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.cloud.sandbox.SandboxCloudFactory;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff's VM endpoints: any client's VMs, the same actions through the same jobs, no contact privileges needed. */
class CloudAdminApiTest {
    static TestServer server;
    static AccountFixtures.NewClient client;
    static long service;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("cloud.sandbox.delay-ms", "30").with("cloud.poll-interval", "PT0.02S"));
        client = AccountFixtures.client(server);
        long pool = CloudFixtures.pool(server, "198.51.100.64/28", "198.51.100.65");
        var limits = obj("cores", 4, "memory_mb", 4096, "disk_gb", 40, "vms", 3, "ipv4", 3, "ipv6", 0);
        long product = CloudFixtures.product(server, SandboxCloudFactory.ID, limits, List.of(pool));
        service = CloudFixtures.service(server, client.id(), product, SandboxCloudFactory.ID, io.steward.core.Json.text(limits));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Res post(String path, Map<String, Object> body) {
        return server.http().post("/admin/api" + path, Auth.admin(), Body.json(body));
    }

    private static String staffSettle(long vmId) {
        for (int i = 0; i < 400; i++) {
            server.steward().cloud().runJobsNow();
            String status = server.http().get("/admin/api/cloud/vms/" + vmId, Auth.admin()).json().at("/vm/status").asText();
            if (List.of("running", "stopped", "rescue", "error", "deleted").contains(status)) return status;
            CloudVmApiTest.sleep(50);
        }
        throw new AssertionError("VM " + vmId + " did not settle");
    }

    @Test
    void staff_list_read_and_act_on_a_clients_vms() {
        String id = createVm(server, client.auth(), service, obj("label", "staffed", "template", "debian-12")).get("id").asText();
        settle(server, client.auth(), service, id, Duration.ofSeconds(20));
        long vmId = Long.parseLong(id);

        Res list = server.http().get("/admin/api/services/" + service + "/vms", Auth.admin());
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(list.json().get("vms")).extracting(v -> v.get("id").asLong()).contains(vmId);
        JsonNode vm = server.http().get("/admin/api/cloud/vms/" + vmId, Auth.admin()).json().get("vm");
        assertThat(vm.get("service_id").asLong()).isEqualTo(service);
        assertThat(vm.get("client_id").asLong()).isEqualTo(client.id());
        assertThat(vm.get("status").asText()).isEqualTo("running");
        assertThat(vm.get("name").asText()).startsWith("stw-");
        assertThat(vm.get("addresses").get(0).asText()).startsWith("198.51.100.");

        Res stop = post("/cloud/vms/" + vmId + "/stop", Map.of());
        assertThat(stop.status()).as("%s", stop).isEqualTo(200);
        assertThat(stop.json().at("/info/0").asText()).isEqualTo("vm_stop_queued");
        assertThat(stop.json().at("/vm/status").asText()).isEqualTo("stopping");
        assertThat(post("/cloud/vms/" + vmId + "/stop", Map.of()).status()).as("busy").isEqualTo(409);
        assertThat(staffSettle(vmId)).isEqualTo("stopped");
        // The client sees what staff did.
        assertThat(CloudFixtures.vm(server, client.auth(), service, id).get("status").asText()).isEqualTo("stopped");

        assertThat(post("/cloud/vms/" + vmId + "/start", Map.of()).status()).isEqualTo(200);
        assertThat(staffSettle(vmId)).isEqualTo("running");
        Res resize = post("/cloud/vms/" + vmId + "/resize", Map.of("flavor", "medium", "disk", "8"));
        assertThat(resize.status()).as("%s", resize).isEqualTo(200);
        assertThat(staffSettle(vmId)).isEqualTo("running");
        JsonNode resized = server.http().get("/admin/api/cloud/vms/" + vmId, Auth.admin()).json().get("vm");
        assertThat(resized.get("cores").asInt()).isEqualTo(2);
        assertThat(resized.get("disk_gb").asInt()).isEqualTo(8);
        assertThat(post("/cloud/vms/" + vmId + "/resize", Map.of("flavor", "huge")).status()).isEqualTo(422);
        assertThat(post("/cloud/vms/" + vmId + "/rebuild", Map.of("template", "no-such-os")).status()).isEqualTo(422);
        Res rebuild = post("/cloud/vms/" + vmId + "/rebuild", Map.of("template", "debian-12"));
        assertThat(rebuild.status()).as("%s", rebuild).isEqualTo(200);
        assertThat(rebuild.json().at("/vm/status").asText()).isEqualTo("rebuilding");
        assertThat(staffSettle(vmId)).isEqualTo("running");

        assertThat(post("/cloud/vms/" + vmId + "/delete", Map.of()).status()).isEqualTo(200);
        assertThat(staffSettle(vmId)).isEqualTo("deleted");
        assertThat(server.http().get("/admin/api/cloud/vms/" + vmId, Auth.admin()).json().at("/vm/deleted_at").isNull()).isFalse();
        assertThat(post("/cloud/vms/" + vmId + "/start", Map.of()).status()).as("a deleted VM takes no action").isEqualTo(404);
    }

    @Test
    void unknown_ids_answer_404_a_service_without_vms_422_and_a_client_key_401() {
        assertThat(server.http().get("/admin/api/cloud/vms/999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(post("/cloud/vms/999999/stop", Map.of()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/services/999999/vms", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/services/" + service + "/vms", client.auth()).status()).isEqualTo(401);
        var plain = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", client.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "1.00", "name", "Plain", "category", "Other", "category_slug", "other",
                "domain", "plain-" + System.nanoTime() + ".example.com")));
        assertThat(plain.status()).as("%s", plain).isEqualTo(201);
        Res noVms = server.http().get("/admin/api/services/" + plain.json().at("/service/id").asLong() + "/vms", Auth.admin());
        assertThat(noVms.status()).as("%s", noVms).isEqualTo(422);
    }
}
