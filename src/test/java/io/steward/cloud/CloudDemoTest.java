package io.steward.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's Cloud VPS: the product on the sandbox cloud and the demo client's service with one running VM, loaded once. */
class CloudDemoTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("cloud.sandbox.delay-ms", "50"));
        server.steward().loadDemo();
        server.steward().loadDemo();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_demo_client_has_a_cloud_vps_with_one_running_vm() {
        long service = -1;
        for (JsonNode s : server.http().get("/api/service", Auth.demo()).json().get("services")) {
            if (s.get("domain").asText().equals(CloudDemo.DOMAIN)) service = s.get("id").asLong();
        }
        assertThat(service).as("the Cloud VPS service").isPositive();
        JsonNode vms = server.http().get("/api/service/" + service + "/vms", Auth.demo()).json().get("vms");
        assertThat(vms).as("loaded once").hasSize(1);
        assertThat(vms.get(0).get("label").asText()).isEqualTo("demo-vm");
        String vm = vms.get(0).get("id").asText();
        assertThat(CloudFixtures.settle(server, Auth.demo(), service, vm, java.time.Duration.ofSeconds(30))).as("once its job ran").isEqualTo("running");
        assertThat(vms.get(0).get("ipv4").get(0).asText()).startsWith("192.0.2.");
        JsonNode r = server.http().get("/api/service/" + service + "/resources", Auth.demo()).json().get("resources");
        assertThat(r.at("/vms/limit").asText()).isEqualTo("3");
        assertThat(r.at("/vms/used").asText()).isEqualTo("1");
        long products = 0;
        for (JsonNode p : server.http().get("/admin/api/products", Auth.admin()).json().get("products")) {
            if (p.get("name").asText().equals(CloudDemo.PRODUCT)) products++;
        }
        assertThat(products).isEqualTo(1);
    }
}
