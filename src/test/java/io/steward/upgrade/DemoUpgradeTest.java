package io.steward.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo client's hosting service upgraded as the README shows it, and concurrent requests leaving one pending upgrade. */
class DemoUpgradeTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = UpgradeFixtures.server(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void the_demo_hosting_service_lists_its_plans_and_concurrent_upgrade_requests_leave_exactly_one_pending() throws Exception {
        long id = -1;
        for (JsonNode s : server.http().get("/api/service", Auth.demo()).json().get("services")) {
            if (s.get("name").asText().equals("Starter Hosting")) id = s.get("id").asLong();
        }
        assertThat(id).as("the demo hosting service").isPositive();
        long serviceId = id;
        JsonNode options = server.http().get("/api/service/" + id + "/upgrade", Auth.demo()).json();
        assertThat(options.get("package")).extracting(p -> p.get("name").asText()).containsExactly("Business Hosting", "Pro Hosting");
        String business = options.get("package").get(0).get("id").asText();
        var quote = server.http().post("/api/service/" + id + "/upgrade", Auth.demo(), Body.form("package", business));
        assertThat(quote.status()).as(quote.toString()).isEqualTo(200);
        assertThat(quote.json().at("/upgrade/total").decimalValue()).isPositive();

        // Four requests at once: the service's lock and the unique key let one through.
        var pool = Executors.newFixedThreadPool(4);
        try {
            var calls = new ArrayList<Callable<Res>>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> server.http().post("/api/service/" + serviceId + "/upgrade", Auth.demo(),
                        Body.form("package", business, "send", "true")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var f : pool.invokeAll(calls)) statuses.add(f.get().status());
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        var pending = server.http().get("/admin/api/upgrades?status=Pending&service_id=" + id, Auth.admin()).json();
        assertThat(pending.get("total").asInt()).isEqualTo(1);
        assertThat(pending.at("/upgrades/0/invoice_id").isNumber()).isTrue();

        // Paid with the demo credit: the plan changes, and the sandbox platform's account moves to the new package.
        String invoiceId = pending.at("/upgrades/0/invoice_id").asText();
        var paid = server.http().post("/api/invoice/" + invoiceId + "/credit", Auth.demo(), Body.NONE);
        assertThat(paid.json().get("invoice_status").asText()).as(paid.toString()).isEqualTo("Paid");
        UpgradeFixtures.runJobs(server);
        JsonNode s = UpgradeFixtures.admin(server, id);
        assertThat(s.get("name").asText()).isEqualTo("Business Hosting");
        assertThat(s.get("recurring_amount").asText()).isEqualTo("19.99");
        assertThat(s.at("/module_state/platform").asText()).isEqualTo("sandbox");
        assertThat(s.at("/module_state/package").asText()).isEqualTo("business");
        assertThat(server.http().get("/admin/api/upgrade-settings", Auth.admin()).json().at("/settings/downgrade_credit").asText())
                .isEqualTo("credit");
    }
}
