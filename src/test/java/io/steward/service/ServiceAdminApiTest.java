package io.steward.service;

import static io.steward.service.ServiceFixtures.activeService;
import static io.steward.service.ServiceFixtures.admin;
import static io.steward.service.ServiceFixtures.moduleCalls;
import static io.steward.service.ServiceFixtures.runJobs;
import static io.steward.service.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff on services, provisioning jobs and modules through the admin API. */
class ServiceAdminApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = ServiceFixtures.manualServer(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res post(String path, Object body) {
        return server.http().post(path, Auth.admin(), body == null ? Body.NONE : Body.json(body));
    }

    @Test
    void POST_services_creates_a_Pending_service_with_defaults_and_numeric_ids() {
        NewClient c = AccountFixtures.client(server);
        Res res = post("/admin/api/services", Map.of("client_id", c.id(), "billing_cycle", "q", "currency", "EUR",
                "recurring_amount", "30", "registered_on", "2025-01-31", "module_config", Map.of("package", "pro")));
        assertThat(res.status()).isEqualTo(201);
        JsonNode s = res.json().get("service");
        assertThat(s.get("id").isNumber()).isTrue();
        assertThat(s.get("client_id").asLong()).isEqualTo(c.id());
        assertThat(s.get("status").asText()).isEqualTo("Pending");
        assertThat(s.get("recurring_amount").asText()).isEqualTo("30.00");
        assertThat(s.get("first_payment").asText()).as("defaults to the recurring amount").isEqualTo("30.00");
        assertThat(s.get("next_due").asText()).isEqualTo("2025-04-30");
        assertThat(s.get("next_invoice").asText()).isEqualTo("2025-04-30");
        assertThat(s.get("billing_day").asInt()).isEqualTo(30);
        assertThat(s.get("module").asText()).isEqualTo("recording");
        assertThat(s.at("/module_config/package").asText()).isEqualTo("pro");
        assertThat(s.get("product_id").isNull()).isTrue();
        assertThat(res.json().get("job").isNull()).isTrue();
    }

    @Test
    void POST_services_refuses_bad_input_naming_each_field() {
        NewClient c = AccountFixtures.client(server);
        assertThat(post("/admin/api/services", Map.of("billing_cycle", "m", "currency", "USD")).status()).isEqualTo(400);
        assertThat(post("/admin/api/services", Map.of("client_id", c.id(), "currency", "USD")).status()).isEqualTo(400);
        assertThat(post("/admin/api/services", Map.of("client_id", c.id(), "billing_cycle", "m", "currency", "USD",
                "next_due", "tomorrow")).status()).isEqualTo(400);
        assertThat(post("/admin/api/services", Map.of("client_id", c.id(), "billing_cycle", "m", "currency", "USD",
                "recurring_amount", "ten")).status()).isEqualTo(400);
        assertThat(post("/admin/api/services", Map.of("client_id", c.id(), "billing_cycle", "weekly", "currency", "USD")).status())
                .isEqualTo(422);
        Res invalid = post("/admin/api/services", Map.of("client_id", 999999999, "billing_cycle", "m", "currency", "usd",
                "recurring_amount", "-1", "module", "nope", "module_config", "[1]", "registered_on", "2025-05-01", "next_due", "2025-04-01"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("fields").fieldNames()).toIterable()
                .contains("client_id", "currency", "total", "module", "module_config", "next_due");
        assertThat(server.http().get("/admin/api/services?client_id=" + c.id(), Auth.admin()).json().get("total").asInt()).isZero();
    }

    @Test
    void GET_services_filters_by_client_status_and_product_and_leaves_out_passwords() {
        NewClient c = AccountFixtures.client(server);
        long active = activeService(server, c.id());
        long pending = service(server, c.id(), Map.of("product_id", 4242));
        JsonNode all = server.http().get("/admin/api/services?client_id=" + c.id(), Auth.admin()).json();
        assertThat(all.get("total").asInt()).isEqualTo(2);
        assertThat(all.at("/services/0/id").asLong()).isEqualTo(active);
        assertThat(all.at("/services/0").has("password")).isFalse();
        JsonNode byStatus = server.http().get("/admin/api/services?client_id=" + c.id() + "&status=Pending", Auth.admin()).json();
        assertThat(byStatus.get("total").asInt()).isEqualTo(1);
        assertThat(byStatus.at("/services/0/id").asLong()).isEqualTo(pending);
        JsonNode byProduct = server.http().get("/admin/api/services?product_id=4242", Auth.admin()).json();
        assertThat(byProduct.at("/services/0/id").asLong()).isEqualTo(pending);
        assertThat(server.http().get("/admin/api/services?status=Gone", Auth.admin()).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/services?perpage=0", Auth.admin()).status()).isEqualTo(400);
        assertThat(server.http().get("/admin/api/services", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/services/999999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(admin(server, active).get("password").asText()).hasSize(12);
    }

    @Test
    void suspend_unsuspend_and_terminate_queue_jobs_and_repeats_queue_nothing() {
        NewClient c = AccountFixtures.client(server);
        long id = activeService(server, c.id());
        String base = "/admin/api/services/" + id;
        Res suspend = post(base + "/suspend", Map.of("reason", "Overdue on payment"));
        assertThat(suspend.status()).isEqualTo(202);
        assertThat(suspend.json().at("/job/action").asText()).isEqualTo("suspend");
        assertThat(suspend.json().at("/service/status").asText()).isEqualTo("Active");
        Res again = post(base + "/suspend", Map.of("reason", "twice"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/job/id").asLong()).isEqualTo(suspend.json().at("/job/id").asLong());
        runJobs(server);
        assertThat(admin(server, id).get("status").asText()).isEqualTo("Suspended");
        assertThat(admin(server, id).get("suspend_reason").asText()).isEqualTo("Overdue on payment");
        assertThat(post(base + "/suspend", null).json().get("job").isNull()).isTrue();

        assertThat(post(base + "/unsuspend", null).status()).isEqualTo(202);
        runJobs(server);
        assertThat(admin(server, id).get("status").asText()).isEqualTo("Active");
        assertThat(admin(server, id).get("suspend_reason").asText()).isEmpty();
        assertThat(post(base + "/unsuspend", null).status()).isEqualTo(200);

        Res terminate = post(base + "/terminate", null);
        assertThat(terminate.status()).isEqualTo(202);
        Res repeated = post(base + "/terminate", null);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().at("/job/id").asLong()).isEqualTo(terminate.json().at("/job/id").asLong());
        runJobs(server);
        assertThat(admin(server, id).get("status").asText()).isEqualTo("Terminated");
        assertThat(moduleCalls(server, id)).containsExactly("create", "suspend", "unsuspend", "terminate");
        assertThat(post(base + "/terminate", null).status()).isEqualTo(200);
        for (String action : List.of("suspend", "unsuspend", "activate")) {
            assertThat(post(base + "/" + action, null).status()).as(action).isEqualTo(409);
        }
        assertThat(post("/admin/api/services/999999999/suspend", null).status()).isEqualTo(404);
    }

    @Test
    void activate_queues_create_or_marks_a_hand_provisioned_service_Active() {
        NewClient c = AccountFixtures.client(server);
        long auto = service(server, c.id(), Map.of());
        Res queued = post("/admin/api/services/" + auto + "/activate", null);
        assertThat(queued.status()).isEqualTo(202);
        assertThat(post("/admin/api/services/" + auto + "/activate", null).json().at("/job/id").asLong())
                .as("one create job per service").isEqualTo(queued.json().at("/job/id").asLong());

        long manual = service(server, c.id(), Map.of("manual_provisioning", true));
        Res nothing = post("/admin/api/services/" + manual + "/activate", null);
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json().at("/service/status").asText()).isEqualTo("Pending");
        Res byHand = post("/admin/api/services/" + manual + "/activate", Map.of("provision", false));
        assertThat(byHand.status()).isEqualTo(200);
        assertThat(byHand.json().at("/service/status").asText()).isEqualTo("Active");
        assertThat(byHand.json().at("/service/latest_job").isNull()).isTrue();
        assertThat(post("/admin/api/services/" + manual + "/activate", Map.of("provision", false)).status()).isEqualTo(409);
    }

    @Test
    void the_job_list_pages_newest_first_and_filters_by_action() {
        NewClient c = AccountFixtures.client(server);
        long id = activeService(server, c.id());
        post("/admin/api/services/" + id + "/suspend", null);
        JsonNode jobs = server.http().get("/admin/api/provisioning-jobs?service_id=" + id, Auth.admin()).json();
        assertThat(jobs.get("total").asInt()).isEqualTo(2);
        assertThat(jobs.at("/jobs/0/action").asText()).isEqualTo("suspend");
        assertThat(jobs.at("/jobs/0/status").asText()).isEqualTo("queued");
        assertThat(jobs.at("/jobs/1/action").asText()).isEqualTo("create");
        JsonNode creates = server.http().get("/admin/api/provisioning-jobs?service_id=" + id + "&action=create&perpage=1", Auth.admin()).json();
        assertThat(creates.get("total").asInt()).isEqualTo(1);
        assertThat(creates.get("perpage").asInt()).isEqualTo(1);
        assertThat(creates.at("/jobs/0/params/final_status").isMissingNode()).isTrue();
    }

    @Test
    void GET_modules_lists_the_installed_modules_with_the_default() {
        JsonNode modules = server.http().get("/admin/api/modules", Auth.admin()).json().get("modules");
        var ids = new ArrayList<String>();
        modules.forEach(m -> ids.add(m.get("id").asText()));
        // flaky, iptest and panel are test modules (registered by the test resources).
        assertThat(ids).containsExactly("certificate", "dns", "flaky", "iptest", "lxd", "panel", "proxmox", "recording", "sandbox",
                "sandbox-cloud");
        for (int i = 0; i < ids.size(); i++) {
            assertThat(modules.get(i).get("default").asBoolean()).as("%s is the default", ids.get(i)).isEqualTo(ids.get(i).equals("recording"));
        }
    }

    @Test
    void module_calls_show_what_the_recording_module_was_asked_with_the_password_masked() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("password", "Secret-pass-9", "domain", "calls.example.net", "activate", true));
        runJobs(server);
        JsonNode call = server.http().get("/admin/api/services/" + id + "/module-calls", Auth.admin()).json().at("/calls/0");
        assertThat(call.get("module").asText()).isEqualTo("recording");
        assertThat(call.get("action").asText()).isEqualTo("create");
        assertThat(call.at("/parameters/domain").asText()).isEqualTo("calls.example.net");
        assertThat(call.at("/parameters/password").asText()).isEqualTo("***");
        assertThat(call.toString()).doesNotContain("Secret-pass-9");
        assertThat(server.http().get("/admin/api/services/999999999/module-calls", Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void a_client_holding_services_cannot_be_deleted() {
        NewClient c = AccountFixtures.client(server);
        service(server, c.id(), Map.of());
        Res res = server.http().delete("/admin/api/clients/" + c.id(), Auth.admin());
        assertThat(res.status()).isEqualTo(409);
        assertThat(res.json().at("/messages/0").asText()).contains("1 service(s)");
    }
}
