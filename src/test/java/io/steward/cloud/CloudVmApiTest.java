package io.steward.cloud;

import static io.steward.cloud.CloudFixtures.act;
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

/**
 * The reference's VM endpoints on the sandbox cloud: creation within the service's limits,
 * addresses from the pools, every action through the job engine with its transitional status
 * visible, templates and resources, and who may touch which VM.
 */
class CloudVmApiTest {
    static TestServer server;
    static AccountFixtures.NewClient client;
    static long product;
    static long pool;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("cloud.sandbox.delay-ms", "30").with("cloud.poll-interval", "PT0.02S"));
        client = AccountFixtures.client(server);
        pool = CloudFixtures.pool(server, "198.51.100.0/28", "198.51.100.1");
        product = CloudFixtures.product(server, SandboxCloudFactory.ID, limits(2, 2048, 20, 2, 2), List.of(pool));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> limits(int cores, int memory, int disk, int vms, int ipv4) {
        return obj("cores", cores, "memory_mb", memory, "disk_gb", disk, "vms", vms, "ipv4", ipv4, "ipv6", 0);
    }

    private static long service() {
        return CloudFixtures.service(server, client.id(), product, SandboxCloudFactory.ID,
                io.steward.core.Json.text(limits(2, 2048, 20, 2, 2)));
    }

    private static Res get(String path) {
        return server.http().get(path, client.auth());
    }

    @Test
    void a_vm_is_created_from_a_template_gets_an_address_from_the_pool_and_runs_once_its_job_is_done() {
        long service = service();
        JsonNode templates = get("/api/service/" + service + "/templates").json().get("templates");
        assertThat(templates.findValuesAsText("id")).contains("debian-12", "busybox");

        JsonNode vm = createVm(server, client.auth(), service, obj("label", "web 1", "template", "debian-12", "flavor", "small", "disk", "5",
                "password", "s3cret-root-pw", "keypair", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx7dYqXkZ0n9bS0mE2o4yHq1uYbG7pQ3cVrT8wLfNk2 me@laptop"));
        assertThat(vm.get("status").asText()).isEqualTo("creating");
        assertThat(vm.get("hostname").asText()).isEqualTo("web-1");
        String id = vm.get("id").asText();
        String address = vm.get("ipv4").get(0).asText();
        assertThat(address).startsWith("198.51.100.");

        assertThat(settle(server, client.auth(), service, id, Duration.ofSeconds(20))).isEqualTo("running");
        assertThat(get("/api/service/" + service + "/vms").json().get("vms").findValuesAsText("id")).containsExactly(id);
        assertThat(get("/api/service/" + service + "/ip").json().get("ips").findValuesAsText("ip")).containsExactly(address);

        JsonNode resources = get("/api/service/" + service + "/resources").json().get("resources");
        assertThat(resources.at("/vms/used").asText()).isEqualTo("1");
        assertThat(resources.at("/cores/used").asText()).isEqualTo("1");
        assertThat(resources.at("/memory/available").asText()).isEqualTo("1536");
        assertThat(resources.at("/disk/used").asText()).isEqualTo("5");
        assertThat(resources.at("/ipv4/used").asText()).isEqualTo("1");

        String sealed = server.steward().db().dsl().select(CloudStore.PASSWORD_SEALED).from(CloudStore.T).where(CloudStore.ID.eq(Long.parseLong(id)))
                .fetchOne().value1();
        assertThat(sealed).as("the root password is stored sealed").isNotBlank().doesNotContain("s3cret-root-pw");
    }

    @Test
    void every_action_shows_its_transitional_status_while_its_job_runs_then_the_state_the_hypervisor_reports() {
        long service = service();
        String id = createVm(server, client.auth(), service, obj("label", "life", "template", "debian-12")).get("id").asText();
        assertThat(settle(server, client.auth(), service, id, Duration.ofSeconds(20))).isEqualTo("running");

        record Step(String action, Map<String, Object> body, String during, String after) {}
        for (Step s : List.of(new Step("stop", Map.of(), "stopping", "stopped"), new Step("start", Map.of(), "starting", "running"),
                new Step("reboot", Map.of(), "rebooting", "running"), new Step("rescue", Map.of(), "rescuing", "rescue"),
                new Step("unrescue", Map.of(), "unrescuing", "running"), new Step("rebuild", Map.of("template", "alma-9"), "rebuilding", "running"),
                new Step("resize", Map.of("flavor", "medium", "disk", "8"), "resizing", "running"))) {
            assertThat(act(server, client.auth(), service, id, s.action(), s.body()).get("status").asText()).as(s.action()).isEqualTo(s.during());
            assertThat(CloudFixtures.vm(server, client.auth(), service, id).get("status").asText()).as(s.action()).isEqualTo(s.during());
            assertThat(settle(server, client.auth(), service, id, Duration.ofSeconds(20))).as(s.action()).isEqualTo(s.after());
        }
        JsonNode vm = CloudFixtures.vm(server, client.auth(), service, id);
        assertThat(vm.get("template").asText()).isEqualTo("alma-9");
        assertThat(vm.get("flavor").asText()).isEqualTo("medium");
        assertThat(vm.get("cpu").asText()).isEqualTo("2");
        assertThat(vm.get("memory").asText()).isEqualTo("1024");
        assertThat(vm.get("disk").asText()).isEqualTo("8");

        Res delete = server.http().delete("/api/service/" + service + "/vms/" + id, client.auth());
        assertThat(delete.status()).as("%s", delete).isEqualTo(200);
        assertThat(delete.json().at("/vm/status").asText()).isEqualTo("deleting");
        assertThat(settle(server, client.auth(), service, id, Duration.ofSeconds(20))).isEqualTo("deleted");
        assertThat(get("/api/service/" + service + "/vms").json().get("vms")).isEmpty();
        assertThat(get("/api/service/" + service + "/resources").json().at("/resources/vms/used").asText()).isEqualTo("0");
        assertThat(get("/api/service/" + service + "/ip").status()).as("the address went back to the pool: the service holds none").isEqualTo(422);
    }

    @Test
    void an_action_while_another_runs_or_from_the_wrong_state_answers_409() {
        long service = service();
        String id = createVm(server, client.auth(), service, obj("label", "busy", "template", "busybox")).get("id").asText();
        Res during = server.http().post("/api/service/" + service + "/vms/" + id + "/stop", client.auth(), Body.json(Map.of()));
        assertThat(during.status()).as("%s", during).isEqualTo(409);
        assertThat(settle(server, client.auth(), service, id, Duration.ofSeconds(20))).isEqualTo("running");
        Res start = server.http().post("/api/service/" + service + "/vms/" + id + "/start", client.auth(), Body.json(Map.of()));
        assertThat(start.status()).as("a running VM cannot start: %s", start).isEqualTo(409);
        Res unrescue = server.http().post("/api/service/" + service + "/vms/" + id + "/unrescue", client.auth(), Body.json(Map.of()));
        assertThat(unrescue.status()).isEqualTo(409);
    }

    @Test
    void a_vm_beyond_the_services_limits_answers_422_saying_which_limit() {
        long service = service();
        createVm(server, client.auth(), service, obj("label", "one", "template", "debian-12", "flavor", "medium", "disk", "5"));
        Res cores = server.http().post("/api/service/" + service + "/vms", client.auth(),
                Body.json(obj("label", "two", "template", "debian-12", "flavor", "small")));
        assertThat(cores.status()).as("%s", cores).isEqualTo(422);
        assertThat(cores.json().at("/error/0").asText()).contains("CPU cores");
        Res disk = server.http().post("/api/service/" + service + "/vms", client.auth(),
                Body.json(obj("label", "two", "template", "debian-12", "flavor", "small", "disk", "100")));
        assertThat(disk.status()).isEqualTo(422);

        long small = CloudFixtures.service(server, client.id(), product, SandboxCloudFactory.ID, io.steward.core.Json.text(limits(8, 8192, 50, 1, 1)));
        createVm(server, client.auth(), small, obj("label", "only", "template", "debian-12"));
        Res count = server.http().post("/api/service/" + small + "/vms", client.auth(), Body.json(obj("label", "more", "template", "debian-12")));
        assertThat(count.status()).isEqualTo(422);
        assertThat(count.json().at("/error/0").asText()).contains("VM limit");
        assertThat(get("/api/service/" + small + "/vms").json().get("vms")).as("nothing half-made").hasSize(1);
    }

    @Test
    void bad_input_answers_422_naming_the_field_and_creates_nothing() {
        long service = service();
        for (var bad : List.<Map<String, Object>>of(obj("template", "debian-12"), obj("label", "x", "template", "windows-95"),
                obj("label", "x", "template", "debian-12", "flavor", "huge"), obj("label", "x", "template", "debian-12", "disk", "-3"),
                obj("label", "x", "template", "debian-12", "keypair", "not a key"), obj("label", "x", "template", "debian-12", "password", "short"),
                obj("label", "x"))) {
            Res res = server.http().post("/api/service/" + service + "/vms", client.auth(), Body.json(bad));
            assertThat(res.status()).as("%s -> %s", bad, res).isEqualTo(422);
            assertThat(res.json().get("fields")).as("%s", res).isNotNull();
        }
        Res rebuild = server.http().post("/api/service/" + service + "/vms/1/rebuild", client.auth(), Body.json(Map.of()));
        assertThat(rebuild.status()).isIn(400, 404);
        assertThat(get("/api/service/" + service + "/vms").json().get("vms")).isEmpty();
    }

    @Test
    void another_clients_vm_and_a_vm_of_another_service_are_not_found() {
        long mine = service();
        long other = service();
        String id = createVm(server, client.auth(), mine, obj("label", "mine", "template", "debian-12")).get("id").asText();
        settle(server, client.auth(), mine, id, Duration.ofSeconds(20));

        assertThat(get("/api/service/" + other + "/vms/" + id).status()).as("a VM named under the wrong service").isEqualTo(404);
        assertThat(server.http().post("/api/service/" + other + "/vms/" + id + "/stop", client.auth(), Body.json(Map.of())).status()).isEqualTo(404);

        var stranger = AccountFixtures.client(server);
        for (String path : List.of("/vms", "/vms/" + id, "/templates", "/resources")) {
            assertThat(server.http().get("/api/service/" + mine + path, stranger.auth()).status()).as(path).isEqualTo(404);
        }
        for (String action : List.of("stop", "reboot", "rescue", "rebuild")) {
            Res res = server.http().post("/api/service/" + mine + "/vms/" + id + "/" + action, stranger.auth(), Body.json(Map.of("template", "debian-12")));
            assertThat(res.status()).as(action).isEqualTo(404);
        }
        assertThat(server.http().delete("/api/service/" + mine + "/vms/" + id, stranger.auth()).status()).isEqualTo(404);
        assertThat(server.http().post("/api/service/" + mine + "/vms", stranger.auth(), Body.json(obj("label", "x", "template", "debian-12"))).status())
                .isEqualTo(404);
        assertThat(CloudFixtures.vm(server, client.auth(), mine, id).get("status").asText()).as("untouched").isEqualTo("running");
        assertThat(get("/api/service/" + mine + "/vms/99999999").status()).isEqualTo(404);
        assertThat(get("/api/service/" + mine + "/vms/abc").status()).isEqualTo(404);
    }

    @Test
    void a_contact_needs_the_services_basic_privilege() {
        long service = service();
        var without = AccountFixtures.contact(server, client.auth(), Map.of("support", List.of("tickets")), true);
        var with = AccountFixtures.contact(server, client.auth(), Map.of("services", Map.of(Long.toString(service), List.of("basic"))), true);
        assertThat(server.http().get("/api/service/" + service + "/vms", without.auth()).status()).isEqualTo(403);
        assertThat(server.http().post("/api/service/" + service + "/vms", without.auth(), Body.json(obj("label", "c", "template", "debian-12")))
                .status()).isEqualTo(403);
        assertThat(server.http().get("/api/service/" + service + "/vms", with.auth()).status()).isEqualTo(200);
        assertThat(createVm(server, with.auth(), service, obj("label", "by-contact", "template", "debian-12")).get("status").asText())
                .isEqualTo("creating");
    }

    @Test
    void a_service_whose_module_runs_no_vms_answers_422() {
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", client.id(), "billing_cycle", "m", "currency", "USD",
                "recurring_amount", "1.00", "name", "Web", "category", "Web", "category_slug", "web", "domain", "w" + System.nanoTime() + ".example.com",
                "module", "recording", "activate", true)));
        long service = res.json().at("/service/id").asLong();
        server.steward().services().provisioning().runDueJobsNow();
        Res vms = get("/api/service/" + service + "/vms");
        assertThat(vms.status()).isEqualTo(422);
        assertThat(vms.json().at("/error/0").asText()).contains("no virtual servers");
    }

    @Test
    void running_vms_count_traffic_through_the_traffic_feature() {
        long service = service();
        String id = createVm(server, client.auth(), service, obj("label", "traffic", "template", "debian-12")).get("id").asText();
        settle(server, client.auth(), service, id, Duration.ofSeconds(20));
        assertThat(server.steward().traffic().sampleNow()).isGreaterThanOrEqualTo(1);
        String name = server.steward().db().dsl().select(CloudStore.NAME).from(CloudStore.T).where(CloudStore.ID.eq(Long.parseLong(id))).fetchOne().value1();
        var counters = server.steward().db().dsl().select(org.jooq.impl.DSL.field("counter_name", String.class))
                .from(org.jooq.impl.DSL.table("traffic_reading")).where(org.jooq.impl.DSL.field("service_id", Long.class).eq(service)).fetch().getValues(0, String.class);
        assertThat(counters).containsExactly(name + "/eth0");
    }

    @Test
    void a_terminated_service_takes_its_vms_along() {
        long service = service();
        String id = createVm(server, client.auth(), service, obj("label", "doomed", "template", "debian-12")).get("id").asText();
        settle(server, client.auth(), service, id, Duration.ofSeconds(20));
        Res term = server.http().post("/admin/api/services/" + service + "/terminate", Auth.admin(), Body.json(Map.of()));
        assertThat(term.status()).as("%s", term).isIn(200, 202);
        server.steward().services().provisioning().runDueJobsNow();
        server.steward().cloud().runJobsNow();
        for (int i = 0; i < 100 && !deleted(id); i++) {
            sleep(50);
            server.steward().cloud().runJobsNow();
        }
        assertThat(deleted(id)).isTrue();
    }

    @Test
    void suspension_stops_the_running_vms_and_unsuspension_starts_only_those() {
        long service = service();
        String running = createVm(server, client.auth(), service, obj("label", "kept-running", "template", "debian-12")).get("id").asText();
        String stopped = createVm(server, client.auth(), service, obj("label", "client-stopped", "template", "debian-12")).get("id").asText();
        assertThat(settle(server, client.auth(), service, running, Duration.ofSeconds(20))).isEqualTo("running");
        assertThat(settle(server, client.auth(), service, stopped, Duration.ofSeconds(20))).isEqualTo("running");
        act(server, client.auth(), service, stopped, "stop", Map.of());
        assertThat(settle(server, client.auth(), service, stopped, Duration.ofSeconds(20))).isEqualTo("stopped");

        Res suspend = server.http().post("/admin/api/services/" + service + "/suspend", Auth.admin(), Body.json(Map.of("reason", "Overdue")));
        assertThat(suspend.status()).as("%s", suspend).isIn(200, 202);
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(CloudFixtures.vm(server, client.auth(), service, running).get("status").asText()).isIn("stopping", "stopped");
        assertThat(settle(server, client.auth(), service, running, Duration.ofSeconds(20))).isEqualTo("stopped");
        assertThat(server.steward().services().services().find(service).orElseThrow().status()).isEqualTo("Suspended");
        // The client cannot start it while the service is suspended.
        Res start = server.http().post("/api/service/" + service + "/vms/" + running + "/start", client.auth(), Body.json(Map.of()));
        assertThat(start.status()).as("%s", start).isEqualTo(422);

        Res unsuspend = server.http().post("/admin/api/services/" + service + "/unsuspend", Auth.admin(), Body.json(Map.of()));
        assertThat(unsuspend.status()).as("%s", unsuspend).isIn(200, 202);
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(settle(server, client.auth(), service, running, Duration.ofSeconds(20))).isEqualTo("running");
        server.steward().cloud().runJobsNow();
        assertThat(CloudFixtures.vm(server, client.auth(), service, stopped).get("status").asText())
                .as("a VM the client had stopped stays stopped").isEqualTo("stopped");
    }

    static boolean deleted(String id) {
        return "deleted".equals(server.steward().db().dsl().select(CloudStore.STATUS).from(CloudStore.T).where(CloudStore.ID.eq(Long.parseLong(id)))
                .fetchOne().value1());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
