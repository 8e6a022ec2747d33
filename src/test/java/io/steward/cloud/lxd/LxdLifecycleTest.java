package io.steward.cloud.lxd;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.cloud.CloudTestAccess;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LXD driver on the machine's real LXD, through the client API: a container's whole life
 * (create, stop, start, reboot, rescue, unrescue, rebuild, resize, delete) with what LXD then
 * holds checked at each step. Fails when LXD is not set up (../shared/lxd/setup.sh).
 */
class LxdLifecycleTest {
    static final String PREFIX = LxdFixtures.PREFIX + "l";
    static TestServer server;
    static AccountFixtures.NewClient client;
    static long service;

    @BeforeAll
    static void start() {
        LxdFixtures.requireLxd();
        // A run killed before its clean-up leaves containers holding the pool's first addresses.
        LxdFixtures.removeTestInstances(PREFIX);
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("cloud.vm-prefix", PREFIX)
                .with("cloud.lxd.stop-timeout-seconds", "2").with("cloud.poll-interval", "PT0.05S"));
        client = AccountFixtures.client(server);
        long pool = CloudTestAccess.pool(server, "10.204.7.0/24", "10.204.7.1");
        long product = CloudTestAccess.product(server, LxdCloudFactory.ID, obj("cores", 2, "memory_mb", 1024, "disk_gb", 10, "vms", 2, "ipv4", 2,
                "ipv6", 0), List.of(pool));
        service = CloudTestAccess.service(server, client.id(), product, LxdCloudFactory.ID,
                io.steward.core.Json.text(obj("cores", 2, "memory_mb", 1024, "disk_gb", 10, "vms", 2, "ipv4", 2, "ipv6", 0)));
    }

    @AfterAll
    static void stop() {
        try {
            LxdFixtures.removeTestInstances(PREFIX);
        } finally {
            if (server != null) server.close();
        }
    }

    private static String settle(String id) {
        return CloudTestAccess.settle(server, client.auth(), service, id, Duration.ofSeconds(120));
    }

    private static JsonNode act(String id, String action, Map<String, Object> body) {
        return CloudTestAccess.act(server, client.auth(), service, id, action, body);
    }

    @Test
    void a_container_lives_its_whole_life_through_the_client_api() {
        JsonNode templates = server.http().get("/api/service/" + service + "/templates", client.auth()).json().get("templates");
        assertThat(templates.findValuesAsText("id")).contains("busybox");

        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx7dYqXkZ0n9bS0mE2o4yHq1uYbG7pQ3cVrT8wLfNk2 test@steward";
        JsonNode vm = CloudTestAccess.createVm(server, client.auth(), service, obj("label", "box", "template", "busybox", "flavor", "small",
                "keypair", key));
        String id = vm.get("id").asText();
        String address = vm.get("ipv4").get(0).asText();
        assertThat(address).startsWith("10.204.7.");
        assertThat(settle(id)).isEqualTo("running");
        String name = CloudTestAccess.name(server, id);
        assertThat(name).startsWith(PREFIX);

        JsonNode inst = LxdFixtures.instance(name);
        assertThat(LxdFixtures.status(name)).isEqualTo("Running");
        assertThat(inst.at("/config/limits.memory").asText()).isEqualTo("512MB");
        assertThat(inst.at("/config/limits.cpu").asText()).isEqualTo("0-0");
        assertThat(inst.at("/config/user.steward.service").asText()).isEqualTo(Long.toString(service));
        assertThat(inst.at("/devices/eth0/ipv4.address").asText()).isEqualTo(address);
        assertThat(inst.at("/devices/eth0/network").asText()).isEqualTo("lxdbr0");
        assertThat(LxdFixtures.file(name, "/root/.ssh/authorized_keys")).contains(key);

        assertThat(act(id, "stop", Map.of()).get("status").asText()).isEqualTo("stopping");
        assertThat(settle(id)).isEqualTo("stopped");
        assertThat(LxdFixtures.status(name)).isEqualTo("Stopped");

        assertThat(act(id, "start", Map.of()).get("status").asText()).isEqualTo("starting");
        assertThat(settle(id)).isEqualTo("running");
        assertThat(LxdFixtures.status(name)).isEqualTo("Running");

        assertThat(act(id, "reboot", Map.of()).get("status").asText()).isEqualTo("rebooting");
        assertThat(settle(id)).isEqualTo("running");
        assertThat(LxdFixtures.status(name)).isEqualTo("Running");

        assertThat(act(id, "rescue", Map.of()).get("status").asText()).isEqualTo("rescuing");
        assertThat(settle(id)).isEqualTo("rescue");
        assertThat(LxdFixtures.status(name)).isEqualTo("Stopped");
        String helper = LxdCloud.helper(name);
        assertThat(LxdFixtures.status(helper)).isEqualTo("Running");
        assertThat(LxdFixtures.instance(helper).at("/devices/target/source").asText()).endsWith("/containers/" + name + "/rootfs");
        assertThat(LxdFixtures.file(helper, "/mnt/root/root/.ssh/authorized_keys")).as("the VM's disk is reachable in rescue").contains(key);

        assertThat(act(id, "unrescue", Map.of()).get("status").asText()).isEqualTo("unrescuing");
        assertThat(settle(id)).isEqualTo("running");
        assertThat(LxdFixtures.instance(helper)).as("the rescue helper is gone").isNull();
        assertThat(LxdFixtures.status(name)).isEqualTo("Running");

        String createdBefore = LxdFixtures.instance(name).path("created_at").asText();
        assertThat(act(id, "rebuild", Map.of("template", "busybox")).get("status").asText()).isEqualTo("rebuilding");
        assertThat(settle(id)).isEqualTo("running");
        JsonNode rebuilt = LxdFixtures.instance(name);
        assertThat(rebuilt.path("created_at").asText()).as("re-created").isNotEqualTo(createdBefore);
        assertThat(rebuilt.at("/devices/eth0/ipv4.address").asText()).as("same address").isEqualTo(address);

        assertThat(act(id, "resize", Map.of("flavor", "medium")).get("status").asText()).isEqualTo("resizing");
        assertThat(settle(id)).isEqualTo("running");
        assertThat(LxdFixtures.instance(name).at("/config/limits.memory").asText()).isEqualTo("1024MB");
        assertThat(LxdFixtures.instance(name).at("/config/limits.cpu").asText()).isEqualTo("0-1");

        assertThat(server.steward().traffic().sampleNow()).as("the service's counters were read").isGreaterThanOrEqualTo(1);

        Res delete = server.http().delete("/api/service/" + service + "/vms/" + id, client.auth());
        assertThat(delete.status()).as("%s", delete).isEqualTo(200);
        assertThat(settle(id)).isEqualTo("deleted");
        assertThat(LxdFixtures.instance(name)).as("the container is gone from LXD").isNull();
    }

    @Test
    void an_unknown_image_is_refused_before_anything_is_made() {
        Res res = server.http().post("/api/service/" + service + "/vms", client.auth(), Body.json(obj("label", "nope", "template", "no-such-image")));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().at("/fields/template/0").asText()).contains("Unknown template");
    }
}
