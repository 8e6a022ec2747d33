package io.steward.m365;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subscriptions follow their tenant's service at the sandbox CSP; the catalog is priced in the partner's currency. */
class M365LifecycleTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("partner.oauth.access-ttl", "P400D"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private record P(long account, String email, Auth auth) {}

    private static P partner(String currency, String credit) {
        String email = "l-" + UUID.randomUUID() + "@example.com";
        Res made = server.http().post("/admin/api/clients", Auth.admin(), Body.json(Map.of("email", email, "password", "Fixture-pass-1",
                "firstname", "L", "country", "US", "state", "Oregon", "currency", currency)));
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        long account = made.json().at("/client/id").asLong();
        long id = server.http().post("/admin/api/partners", Auth.admin(), Body.json(Map.of("client_id", account))).json().at("/partner/id").asLong();
        JsonNode cred = server.http().post("/admin/api/partners/" + id + "/credentials", Auth.admin(), Body.NONE).json().get("credential");
        String token = server.http().post("/partner/auth/token", Auth.NONE, Body.json(Map.of("client_id", cred.get("client_id").asText(),
                "client_secret", cred.get("client_secret").asText()))).json().get("access_token").asText();
        server.http().post("/admin/api/clients/" + account + "/credit", Auth.admin(), Body.json(Map.of("amount", credit, "reason", "prepaid")));
        return new P(account, email, Auth.bearer(token));
    }

    private static long tenant(P p) {
        Res res = server.http().post("/partner/products/m365/tenant", p.auth(), Body.json(Map.of("tenant_name",
                "l" + UUID.randomUUID().toString().replace("-", "").substring(0, 14))));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().at("/data/service_id").asLong();
    }

    private static String subscribe(P p, long service, int seats) {
        Res sub = server.http().post("/partner/products/" + service + "/m365/subscription", p.auth(), Body.json(Map.of("quantity", seats,
                "term_duration", "P1Y", "billing_cycle", "P1M", "catalog_id", 77)));
        assertThat(sub.status()).as("%s", sub).isEqualTo(200);
        return sub.json().at("/data/Subscriptions/0/SubscriptionId").asText();
    }

    private static JsonNode invoices(P p) {
        return server.http().get("/api/invoice", Auth.basic(p.email(), "Fixture-pass-1")).json().get("invoices");
    }

    private static void runJobs() {
        for (int i = 0; i < 5; i++) server.steward().jobs().runDue();
    }

    private static String cspStatus(String subscriptionId) {
        return server.steward().db().tx(() -> server.steward().db().dsl()
                .fetchValue("select status from m365_sandbox_subscription where id = ?", subscriptionId).toString());
    }

    private static Res seats(P p, long service, String id, int quantity) {
        return server.http().post("/partner/products/" + service + "/m365/subscription/" + id + "/update/quantity", p.auth(),
                Body.json(Map.of("quantity", quantity)));
    }

    private static void toNextPeriod() {
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
        server.clock.set(today.plusMonths(1).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    @Test
    void suspending_the_tenant_suspends_its_subscriptions_and_ending_it_cancels_them_with_no_more_seats_billed() {
        var p = partner("USD", "2000.00");
        long service = tenant(p);
        String id = subscribe(p, service, 2);
        assertThat(cspStatus(id)).isEqualTo("active");
        assertThat(invoices(p)).hasSize(1);

        assertThat(server.http().post("/admin/api/services/" + service + "/suspend", Auth.admin(), Body.json(Map.of("reason", "overdue"))).status())
                .isIn(200, 202);
        runJobs();
        assertThat(cspStatus(id)).isEqualTo("suspended");
        assertThat(seats(p, service, id, 3).status()).as("no seat changes while suspended").isEqualTo(422);
        Res refused = server.http().post("/partner/products/" + service + "/m365/subscription", p.auth(), Body.json(Map.of("quantity", 1,
                "term_duration", "P1M", "billing_cycle", "P1M", "catalog_id", 78)));
        assertThat(refused.status()).as("no new subscription on a suspended tenant").isEqualTo(422);

        assertThat(server.http().post("/admin/api/services/" + service + "/unsuspend", Auth.admin(), Body.NONE).status()).isIn(200, 202);
        runJobs();
        assertThat(cspStatus(id)).isEqualTo("active");
        assertThat(seats(p, service, id, 3).status()).isEqualTo(200);

        assertThat(server.http().post("/admin/api/services/" + service + "/terminate", Auth.admin(), Body.NONE).status()).isIn(200, 202);
        assertThat(cspStatus(id)).as("the CSP is told by the job engine, not in the request").isEqualTo("active");
        runJobs();
        assertThat(cspStatus(id)).isEqualTo("cancelled");
        assertThat(seats(p, service, id, 4).status()).isEqualTo(422);

        // The cycle that was paid ends; nothing more is billed for the cancelled seats, now or later.
        int before = invoices(p).size();
        toNextPeriod();
        server.steward().m365().service().renewDue();
        toNextPeriod();
        server.steward().m365().service().renewDue();
        assertThat(invoices(p)).hasSize(before);
    }

    @Test
    void a_partner_billed_in_euros_sees_euro_prices_subscribes_and_is_invoiced_in_euros() {
        var p = partner("EUR", "500.00");
        JsonNode catalog = server.http().get("/partner/products/m365/catalog", p.auth()).json().get("data");
        assertThat(catalog).hasSize(3);
        assertThat(catalog.get(1).get("Currency").asText()).isEqualTo("EUR");
        assertThat(catalog.get(1).at("/Prices/P1Y:P1M").asText()).isEqualTo("11.70");

        long service = tenant(p);
        subscribe(p, service, 2);
        JsonNode invoice = invoices(p).get(0);
        assertThat(invoice.get("total").asText()).isEqualTo("23.40");
        assertThat(invoice.get("currency").asText()).isEqualTo("EUR");
        assertThat(invoice.get("status").asText()).isEqualTo("Paid");
        JsonNode listed = server.http().get("/partner/products/" + service + "/m365/subscriptions", p.auth()).json().at("/nce_licenses/0");
        assertThat(listed.get("actual_sale_price").asText()).isEqualTo("11.70");
    }

    @Test
    void a_currency_the_csp_does_not_sell_in_is_refused_clearly() {
        var p = partner("CHF", "500.00");
        assertThat(server.http().get("/partner/products/m365/catalog", p.auth()).json().get("data")).isEmpty();
        long service = tenant(p);
        Res res = server.http().post("/partner/products/" + service + "/m365/subscription", p.auth(), Body.json(Map.of("quantity", 1,
                "term_duration", "P1Y", "billing_cycle", "P1M", "catalog_id", 77)));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().at("/errors/catalog_id/0").asText()).contains("not sold in CHF");
        assertThat(invoices(p)).isEmpty();
    }
}
