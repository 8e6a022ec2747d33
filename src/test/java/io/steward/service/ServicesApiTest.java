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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client API's services: list, details with the decrypted password, methods, label and cancellation. */
class ServicesApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = ServiceFixtures.manualServer(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode details(NewClient c, long id) {
        Res res = server.http().get("/api/service/" + id, c.auth());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("service");
    }

    @Test
    void GET_service_lists_the_callers_services_in_the_references_shape() {
        NewClient c = AccountFixtures.client(server);
        long first = service(server, c.id(), Map.of("domain", "first.example.com", "recurring_amount", "19.5"));
        long second = service(server, c.id(), Map.of("billing_cycle", "Annually", "registered_on", "2025-01-31"));
        service(server, AccountFixtures.client(server).id(), Map.of());

        JsonNode services = server.http().get("/api/service", c.auth()).json().get("services");
        assertThat(services).hasSize(2);
        JsonNode s = services.get(0);
        assertThat(s.get("id").asText()).isEqualTo(Long.toString(first));
        assertThat(s.get("domain").asText()).isEqualTo("first.example.com");
        assertThat(s.get("total").asText()).isEqualTo("19.50");
        assertThat(s.get("status").asText()).isEqualTo("Pending");
        assertThat(s.get("billingcycle").asText()).isEqualTo("Monthly");
        assertThat(s.get("category").asText()).isEqualTo("Hosting");
        assertThat(s.get("category_url").asText()).isEqualTo("hosting");
        assertThat(s.get("name").asText()).isEqualTo("Starter Hosting");
        JsonNode annual = services.get(1);
        assertThat(annual.get("id").asText()).isEqualTo(Long.toString(second));
        assertThat(annual.get("billingcycle").asText()).isEqualTo("Annually");
        assertThat(annual.get("next_due").asText()).isEqualTo("2026-01-31");
    }

    @Test
    void GET_service_id_shows_the_password_decrypted_while_the_database_holds_it_sealed() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("username", "preset", "password", "Preset-pass-77", "activate", true));
        runJobs(server);
        JsonNode s = details(c, id);
        assertThat(s.get("username").asText()).as("a preset account name is kept").isEqualTo("preset");
        assertThat(s.get("password").asText()).isEqualTo("Preset-pass-77");
        assertThat(s.get("firstpayment").asText()).isEqualTo("14.99");
        assertThat(s.get("total").asText()).isEqualTo("9.99");
        assertThat(s.get("status").asText()).isEqualTo("Active");
        assertThat(s.get("date_created").asText()).isEqualTo(LocalDate.ofInstant(server.clock.instant(), java.time.ZoneOffset.UTC).toString());

        String stored = server.steward().db().dsl().fetchValue("SELECT password_sealed FROM service WHERE id = " + id).toString();
        assertThat(stored).startsWith("v1:").doesNotContain("Preset-pass-77");
    }

    @Test
    void a_free_service_has_no_due_dates() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("billing_cycle", "Free", "recurring_amount", "0"));
        JsonNode s = details(c, id);
        assertThat(s.get("billingcycle").asText()).isEqualTo("Free");
        assertThat(s.get("next_due").asText()).isEqualTo("0000-00-00");
        assertThat(s.get("next_invoice").asText()).isEqualTo("0000-00-00");
        assertThat(s.get("provisioning").isNull()).as("no job ever ran").isTrue();
    }

    @Test
    void another_clients_service_an_unknown_id_and_a_non_numeric_id_are_404() {
        NewClient c = AccountFixtures.client(server);
        long other = service(server, AccountFixtures.client(server).id(), Map.of());
        for (String path : List.of("/api/service/" + other, "/api/service/" + other + "/methods", "/api/service/" + other + "/label",
                "/api/service/999999999", "/api/service/abc")) {
            assertThat(server.http().get(path, c.auth()).status()).as(path).isEqualTo(404);
        }
        assertThat(server.http().post("/api/service/" + other + "/label", c.auth(), Body.json(Map.of("label", "mine"))).status())
                .isEqualTo(404);
        assertThat(server.http().post("/api/service/" + other + "/cancel", c.auth(), Body.json(Map.of("immediate", true))).status())
                .isEqualTo(404);
        assertThat(admin(server, other).get("label").asText()).isEmpty();
        assertThat(admin(server, other).get("cancellation").isNull()).isTrue();
    }

    @Test
    void the_service_routes_need_credentials() {
        long id = service(server, AccountFixtures.client(server).id(), Map.of());
        for (Res res : List.of(server.http().get("/api/service", Auth.NONE), server.http().get("/api/service/" + id, Auth.NONE),
                server.http().post("/api/service/" + id + "/cancel", Auth.NONE, Body.NONE))) {
            assertThat(res.status()).isEqualTo(401);
            assertThat(res.header("WWW-Authenticate")).isNotNull();
        }
        assertThat(admin(server, id).get("cancellation").isNull()).isTrue();
    }

    @Test
    void the_label_is_read_and_changed_by_form_json_or_query_and_validated() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of());
        String base = "/api/service/" + id + "/label";
        assertThat(server.http().get(base, c.auth()).json().get("label").asText()).isEmpty();

        Res set = server.http().post(base, c.auth(), Body.form("label", "  web server  "));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("success").asBoolean()).isTrue();
        assertThat(set.json().at("/info/0").asText()).isEqualTo("label_updated");
        assertThat(server.http().get(base, c.auth()).json().get("label").asText()).isEqualTo("web server");
        assertThat(details(c, id).get("label").asText()).isEqualTo("web server");

        assertThat(server.http().post(base + "?label=from-query", c.auth(), Body.NONE).status()).isEqualTo(200);
        assertThat(server.http().get(base, c.auth()).json().get("label").asText()).isEqualTo("from-query");

        Res tooLong = server.http().post(base, c.auth(), Body.json(Map.of("label", "x".repeat(101))));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().at("/fields/label")).isNotEmpty();
        assertThat(server.http().post(base, c.auth(), Body.json(Map.of())).status()).isEqualTo(400);
        assertThat(server.http().get(base, c.auth()).json().get("label").asText()).isEqualTo("from-query");

        assertThat(server.http().post(base, c.auth(), Body.json(Map.of("label", ""))).status()).isEqualTo(200);
        assertThat(server.http().get(base, c.auth()).json().get("label").asText()).isEmpty();
    }

    private static List<String> methodNames(NewClient c, long id) {
        var out = new ArrayList<String>();
        server.http().get("/api/service/" + id + "/methods", c.auth()).json().get("methods").forEach(m -> out.add(m.get("name").asText()));
        return out;
    }

    @Test
    void GET_methods_offers_label_and_cancellation_until_a_cancellation_is_requested() {
        NewClient c = AccountFixtures.client(server);
        long id = activeService(server, c.id());
        JsonNode methods = server.http().get("/api/service/" + id + "/methods", c.auth()).json().get("methods");
        assertThat(methods.get(0).get("route").asText()).isEqualTo("/service/@id/label");
        assertThat(methods.get(0).get("method").asText()).isEqualTo("POST");
        assertThat(methodNames(c, id)).containsExactly("Change service label", "Service label", "Cancel Service");
        server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.json(Map.of("immediate", "false")));
        assertThat(methodNames(c, id)).containsExactly("Change service label", "Service label");
    }

    @Test
    void an_immediate_cancellation_terminates_through_the_module_and_ends_Cancelled() {
        NewClient c = AccountFixtures.client(server);
        long id = activeService(server, c.id());
        Res res = server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.json(Map.of("immediate", "true", "reason", "moving")));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().at("/info/0").asText()).isEqualTo("cancell_sent");
        JsonNode queued = details(c, id);
        assertThat(queued.get("status").asText()).as("until the module has terminated it").isEqualTo("Active");
        assertThat(queued.at("/provisioning/action").asText()).isEqualTo("terminate");
        assertThat(admin(server, id).at("/cancellation/type").asText()).isEqualTo("Immediate");
        assertThat(admin(server, id).at("/cancellation/reason").asText()).isEqualTo("moving");

        runJobs(server);
        assertThat(details(c, id).get("status").asText()).isEqualTo("Cancelled");
        assertThat(moduleCalls(server, id)).containsExactly("create", "terminate");
        JsonNode log = server.http().get("/api/logs", c.auth()).json().at("/logs/0");
        assertThat(log.get("action").asText()).isEqualTo("service_cancellation");
        assertThat(log.get("description").asText()).contains("#" + id).contains("immediately").contains("moving");

        Res again = server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.json(Map.of("immediate", true)));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void an_end_of_period_cancellation_waits_for_next_due_and_the_billing_run_then_ends_it_once() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("activate", true, "registered_on", "2025-03-10"));
        runJobs(server);
        assertThat(server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.form("immediate", "0")).status()).isEqualTo(200);
        assertThat(server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.form("immediate", "1")).status())
                .as("one request per service").isEqualTo(409);
        assertThat(admin(server, id).at("/cancellation/type").asText()).isEqualTo("End of Billing Period");

        ServiceOperations ops = server.steward().services().services();
        assertThat(ops.processEndOfPeriodCancellations(LocalDate.of(2025, 4, 9))).isZero();
        runJobs(server);
        assertThat(details(c, id).get("status").asText()).isEqualTo("Active");
        assertThat(ops.dueForInvoicing(LocalDate.of(2025, 4, 30), id - 1, 1)).as("no renewal invoice for a service ending")
                .noneMatch(s -> s.id() == id);

        assertThat(ops.processEndOfPeriodCancellations(LocalDate.of(2025, 4, 10))).isGreaterThanOrEqualTo(1);
        assertThat(ops.processEndOfPeriodCancellations(LocalDate.of(2025, 4, 10))).as("a rerun queues nothing").isZero();
        runJobs(server);
        assertThat(details(c, id).get("status").asText()).isEqualTo("Cancelled");
        assertThat(moduleCalls(server, id)).containsExactly("create", "terminate");
    }

    @Test
    void cancelling_a_pending_service_never_provisioned_ends_it_without_a_module_call() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of());
        assertThat(server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.json(Map.of("immediate", true))).status()).isEqualTo(200);
        assertThat(details(c, id).get("status").asText()).isEqualTo("Cancelled");
        assertThat(moduleCalls(server, id)).isEmpty();
    }

    @Test
    void cancelling_asks_billing_to_cancel_unpaid_renewal_invoices_in_the_same_transaction() {
        NewClient c = AccountFixtures.client(server);
        long kept = service(server, c.id(), Map.of());
        long cancelled = service(server, c.id(), Map.of());
        var calls = new ArrayList<long[]>();
        var manager = server.steward().services().services();
        try {
            manager.useInvoiceCanceller((clientId, serviceId) -> {
                if (serviceId == kept) throw new IllegalStateException("billing failed");
                calls.add(new long[] {clientId, serviceId});
                return 2;
            });
            assertThat(server.http().post("/api/service/" + cancelled + "/cancel", c.auth(), Body.NONE).status()).isEqualTo(200);
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0)).containsExactly(c.id(), cancelled);
            assertThat(server.http().get("/api/logs", c.auth()).json().at("/logs/0/description").asText())
                    .contains("2 unpaid invoice(s) cancelled");

            Res failed = server.http().post("/api/service/" + kept + "/cancel", c.auth(), Body.json(Map.of("immediate", true)));
            assertThat(failed.status()).isEqualTo(500);
            assertThat(admin(server, kept).get("cancellation").isNull()).as("rolled back with billing's failure").isTrue();
            assertThat(admin(server, kept).get("status").asText()).isEqualTo("Pending");
        } finally {
            manager.useInvoiceCanceller(UnpaidInvoiceCanceller.UNWIRED);
        }
    }

    @Test
    void a_cancellation_with_a_bad_immediate_value_or_an_overlong_reason_is_refused() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of());
        assertThat(server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.json(Map.of("immediate", "soon"))).status())
                .isEqualTo(400);
        assertThat(server.http().post("/api/service/" + id + "/cancel", c.auth(), Body.json(Map.of("reason", "r".repeat(1001)))).status())
                .isEqualTo(422);
        assertThat(admin(server, id).get("cancellation").isNull()).isTrue();
    }

    @Test
    void the_demo_client_holds_one_active_hosting_service_with_its_login_details() {
        JsonNode services = server.http().get("/api/service", Auth.demo()).json().get("services");
        assertThat(services).hasSize(1);
        JsonNode s = server.http().get("/api/service/" + services.get(0).get("id").asText(), Auth.demo()).json().get("service");
        assertThat(s.get("status").asText()).isEqualTo("Active");
        assertThat(s.get("name").asText()).isEqualTo("Starter Hosting");
        assertThat(s.get("domain").asText()).isEqualTo(ServiceDemo.DOMAIN);
        assertThat(s.get("username").asText()).isEqualTo(ServiceDemo.USERNAME);
        assertThat(s.get("password").asText()).isEqualTo(ServiceDemo.PASSWORD);
        assertThat(LocalDate.parse(s.get("next_due").asText())).isAfter(LocalDate.parse(s.get("date_created").asText()));

        server.steward().loadDemo();
        assertThat(server.http().get("/api/service", Auth.demo()).json().get("services")).as("loading again adds nothing").hasSize(1);
    }
}
