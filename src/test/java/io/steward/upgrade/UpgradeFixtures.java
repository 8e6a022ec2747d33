package io.steward.upgrade;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Services of the demo catalog's products, the clock moved forward, invoices paid: for the upgrade tests. */
final class UpgradeFixtures {
    private UpgradeFixtures() {}

    /** A node whose scheduler does not run: tests run the provisioning jobs and the billing run themselves. */
    static TestServer server() {
        return TestServer.start(c -> c.with("scheduler.enabled", "false").with("billing.renewal-lead-days", "7"));
    }

    static LocalDate today(TestServer server) {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    /** Moves the clock forward to noon of {@code date} (never back: jobs and tokens keep their order). */
    static void moveTo(TestServer server, LocalDate date) {
        var target = date.atTime(12, 0).toInstant(ZoneOffset.UTC);
        assertThat(target).as("tests only move time forward").isAfterOrEqualTo(server.clock.instant());
        server.clock.advance(Duration.between(server.clock.instant(), target));
    }

    /** The first day of a month at least {@code days} days from the clock's today. */
    static LocalDate firstOfMonthAfter(TestServer server, int days) {
        return today(server).plusDays(days).withDayOfMonth(1).plusMonths(1);
    }

    /** The demo catalog's product of this name. */
    static JsonNode product(TestServer server, String name) {
        Res res = server.http().get("/admin/api/products", Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        for (JsonNode p : res.json().get("products")) if (p.get("name").asText().equals(name)) return p;
        throw new AssertionError("no product " + name);
    }

    static long productId(TestServer server, String name) {
        return product(server, name).get("id").asLong();
    }

    /** An Active service of the product, paid until {@code nextDue}, set up by staff (no options recorded). */
    static long service(TestServer server, long clientId, String product, String cycle, String recurring, LocalDate nextDue) {
        var body = obj("client_id", clientId, "product_id", productId(server, product), "billing_cycle", cycle, "currency", "USD",
                "recurring_amount", recurring, "first_payment", recurring, "name", product, "category", "Hosting",
                "category_slug", "hosting", "domain", "upgrade-" + System.nanoTime() + ".example", "next_due", nextDue.toString(),
                "registered_on", today(server).minusDays(1).toString(), "activate", true);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a service: %s", res).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        runJobs(server);
        assertThat(admin(server, id).get("status").asText()).isEqualTo("Active");
        return id;
    }

    static int runJobs(TestServer server) {
        return server.steward().services().provisioning().runDueJobsNow();
    }

    static JsonNode admin(TestServer server, long serviceId) {
        Res res = server.http().get("/admin/api/services/" + serviceId, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("service");
    }

    static void addCredit(TestServer server, long clientId, String amount) {
        Res res = server.http().post("/admin/api/clients/" + clientId + "/credit", Auth.admin(),
                Body.json(Map.of("amount", amount, "reason", "Prepaid")));
        assertThat(res.status()).as(res.toString()).isBetween(200, 201);
    }

    static String credit(TestServer server, AccountFixtures.NewClient c) {
        return server.http().get("/api/balance", c.auth()).json().at("/details/acc_credit").asText();
    }

    static Res quote(TestServer server, Auth auth, long serviceId, Map<String, Object> body) {
        return server.http().post("/api/service/" + serviceId + "/upgrade", auth, Body.json(body));
    }

    static JsonNode invoice(TestServer server, Auth auth, long invoiceId) {
        Res res = server.http().get("/api/invoice/" + invoiceId, auth);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("invoice");
    }

    static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }
}
