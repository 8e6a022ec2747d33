package io.steward.cloud;

import static io.steward.cloud.CloudFixtures.createVm;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.cloud.sandbox.SandboxCloudFactory;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Hypervisor failures (injected into the sandbox cloud) answer 4xx or 502, never 500, and leave no
 * VM unaccounted for; concurrent creations never exceed a service's limits.
 */
class CloudFailureTest {

    private static TestServer start(String failActions) {
        return TestServer.start(c -> c.with("scheduler.enabled", "false").with("cloud.sandbox.delay-ms", "20")
                .with("cloud.poll-interval", "PT0.02S").with("cloud.max-attempts", "2").with("cloud.sandbox.fail-actions", failActions));
    }

    private static long service(TestServer server, long clientId, Map<String, Object> limits) {
        long pool = CloudFixtures.pool(server, "198.51.100.0/28", "198.51.100.1");
        long product = CloudFixtures.product(server, SandboxCloudFactory.ID, limits, List.of(pool));
        return CloudFixtures.service(server, clientId, product, SandboxCloudFactory.ID, io.steward.core.Json.text(limits));
    }

    private static Map<String, Object> limits(int vms) {
        return obj("cores", 8, "memory_mb", 8192, "disk_gb", 100, "vms", vms, "ipv4", 8, "ipv6", 0);
    }

    @Test
    void a_creation_that_fails_for_good_is_deleted_again_and_its_address_released() {
        try (TestServer server = start("create")) {
            var client = AccountFixtures.client(server);
            long service = service(server, client.id(), limits(2));
            String id = createVm(server, client.auth(), service, obj("label", "fails", "template", "debian-12")).get("id").asText();
            String name = CloudTestAccess.name(server, id);
            // Two attempts fail (the sandbox's create task), the job goes dead, a delete job removes what the hypervisor holds.
            assertThat(CloudFixtures.settle(server, client.auth(), service, id, Duration.ofSeconds(30))).isEqualTo("deleted");
            var row = server.steward().db().dsl().select(CloudStore.STATUS, CloudStore.LAST_ERROR).from(CloudStore.T)
                    .where(CloudStore.ID.eq(Long.parseLong(id))).fetchOne();
            assertThat(row.value1()).as("the row stays, as deleted").isEqualTo("deleted");
            assertThat(row.value2()).contains("creation failed").contains("injected failure");
            int left = server.steward().db().dsl().fetchCount(org.jooq.impl.DSL.table("sandbox_cloud_vm"),
                    org.jooq.impl.DSL.field("name", String.class).eq(name));
            assertThat(left).as("nothing left on the hypervisor").isZero();
            assertThat(server.http().get("/api/service/" + service + "/resources", client.auth()).json().at("/resources/ipv4/used").asText())
                    .isEqualTo("0");
            assertThat(server.http().get("/api/service/" + service + "/ip", client.auth()).status()).as("no address held").isEqualTo(422);
        }
    }

    @Test
    void an_unreachable_hypervisor_answers_502_and_creates_nothing() {
        try (TestServer server = start("unavailable")) {
            var client = AccountFixtures.client(server);
            long service = service(server, client.id(), limits(2));
            Res templates = server.http().get("/api/service/" + service + "/templates", client.auth());
            assertThat(templates.status()).as("%s", templates).isEqualTo(502);
            assertThat(templates.json().at("/error/0").asText()).contains("could not be reached").doesNotContain("injected");
            Res create = server.http().post("/api/service/" + service + "/vms", client.auth(), Body.json(obj("label", "x", "template", "debian-12")));
            assertThat(create.status()).isEqualTo(502);
            assertThat(server.http().get("/api/service/" + service + "/vms", client.auth()).json().get("vms")).isEmpty();
        }
    }

    @Test
    void a_failed_action_leaves_the_vm_in_error_from_which_the_client_can_act_again() {
        try (TestServer server = start("reboot")) {
            var client = AccountFixtures.client(server);
            long service = service(server, client.id(), limits(2));
            String id = createVm(server, client.auth(), service, obj("label", "flaky", "template", "debian-12")).get("id").asText();
            assertThat(CloudFixtures.settle(server, client.auth(), service, id, Duration.ofSeconds(30))).isEqualTo("running");
            CloudFixtures.act(server, client.auth(), service, id, "reboot", Map.of());
            assertThat(CloudFixtures.settle(server, client.auth(), service, id, Duration.ofSeconds(30))).isEqualTo("error");
            assertThat(CloudFixtures.vm(server, client.auth(), service, id).get("error").asText()).isNotEmpty().doesNotContain("injected");
            CloudFixtures.act(server, client.auth(), service, id, "stop", Map.of());
            assertThat(CloudFixtures.settle(server, client.auth(), service, id, Duration.ofSeconds(30))).isEqualTo("stopped");
        }
    }

    @Test
    void concurrent_creations_never_exceed_the_vm_limit() throws Exception {
        try (TestServer server = start("")) {
            var client = AccountFixtures.client(server);
            long service = service(server, client.id(), limits(2));
            var statuses = Collections.synchronizedList(new ArrayList<Integer>());
            var go = new CountDownLatch(1);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 6; i++) {
                    int k = i;
                    pool.submit(() -> {
                        go.await();
                        statuses.add(server.http().post("/api/service/" + service + "/vms", client.auth(),
                                Body.json(obj("label", "c" + k, "template", "debian-12"))).status());
                        return null;
                    });
                }
                go.countDown();
            }
            assertThat(statuses).as("%s", statuses).containsOnly(200, 422);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(2);
            assertThat(server.http().get("/api/service/" + service + "/vms", client.auth()).json().get("vms")).hasSize(2);
            assertThat(server.http().get("/admin/api/jobs?kind=cloud", Auth.admin()).status()).isEqualTo(200);
        }
    }
}
