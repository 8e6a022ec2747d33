package io.steward.m365;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Microsoft 365 through the partner API on the sandbox CSP: tenants, subscriptions, seat changes and their billing. */
class M365PartnerTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        // The seat tests move the clock weeks on; tokens live longer than that here.
        server = TestServer.start(c -> c.with("partner.oauth.access-ttl", "P90D"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private record P(long account, String email, Auth auth) {}

    private static P partner(String credit) {
        String email = "m-" + UUID.randomUUID() + "@example.com";
        long account = server.http().post("/admin/api/clients", Auth.admin(), Body.json(Map.of("email", email, "password", "Fixture-pass-1",
                "firstname", "M", "country", "US", "state", "Oregon"))).json().at("/client/id").asLong();
        long id = server.http().post("/admin/api/partners", Auth.admin(), Body.json(Map.of("client_id", account))).json().at("/partner/id").asLong();
        JsonNode cred = server.http().post("/admin/api/partners/" + id + "/credentials", Auth.admin(), Body.NONE).json().get("credential");
        String token = server.http().post("/partner/auth/token", Auth.NONE, Body.json(Map.of("client_id", cred.get("client_id").asText(),
                "client_secret", cred.get("client_secret").asText()))).json().get("access_token").asText();
        if (credit != null) {
            server.http().post("/admin/api/clients/" + account + "/credit", Auth.admin(), Body.json(Map.of("amount", credit, "reason", "prepaid")));
        }
        return new P(account, email, Auth.bearer(token));
    }

    private static String name() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    private static long tenant(P p, String name) {
        Res res = server.http().post("/partner/products/m365/tenant", p.auth(), Body.json(Map.of("tenant_name", name)));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().at("/data/service_id").asLong();
    }

    private static JsonNode invoices(P p) {
        return server.http().get("/api/invoice", Auth.basic(p.email(), "Fixture-pass-1")).json().get("invoices");
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void the_catalog_lists_offers_with_their_terms_and_seat_prices() {
        JsonNode data = server.http().get("/partner/products/m365/catalog", partner(null).auth()).json().get("data");
        assertThat(data).hasSize(3);
        JsonNode standard = data.get(1);
        assertThat(standard.get("Id").asText()).isEqualTo("77");
        assertThat(standard.get("Terms").toString()).contains("P1Y:P1M");
        assertThat(standard.at("/Prices/P1Y:P1M").asText()).isEqualTo("12.50");
    }

    @Test
    void a_tenant_name_is_unique_and_the_tenant_is_a_service_of_the_client() {
        var p = partner(null);
        String name = name();
        Res free = server.http().get("/partner/products/m365/check-tenant?tenant_name=" + name, p.auth());
        assertThat(free.status()).isEqualTo(201);
        assertThat(free.json().get("available").asBoolean()).isTrue();
        assertThat(free.json().get("message").asText()).isEqualTo(name + ".onmicrosoft.com is available to register!");
        long client = server.http().post("/partner/clients/add", p.auth(), Body.json(io.steward.partner.PartnerFixtures.clientBody()))
                .json().at("/data/0/id").asLong();
        Res made = server.http().post("/partner/products/m365/tenant", p.auth(), Body.json(Map.of("tenant_name", name, "client_id", client)));
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        String serviceId = made.json().at("/data/service_id").asText();

        assertThat(server.http().get("/partner/products/m365/check-tenant?tenant_name=" + name.toUpperCase(), p.auth()).json()
                .get("available").asBoolean()).isFalse();
        Res again = server.http().post("/partner/products/m365/tenant", partner(null).auth(), Body.json(Map.of("tenant_name", name)));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().at("/errors/tenant_name")).isNotEmpty();
        for (String bad : List.of("", "has-dash", "x".repeat(101))) {
            assertThat(server.http().post("/partner/products/m365/tenant", p.auth(), Body.json(Map.of("tenant_name", bad))).status()).isEqualTo(422);
        }

        JsonNode services = server.http().get("/partner/products/services?client_id=" + client, p.auth()).json().get("data");
        assertThat(services).hasSize(1);
        assertThat(services.get(0).get("id").asText()).isEqualTo(serviceId);
        assertThat(services.get(0).get("domain").asText()).isEqualTo(name + ".onmicrosoft.com");
        assertThat(services.get(0).get("status").asText()).isEqualTo("Active");
    }

    @Test
    void seats_are_billed_to_the_partner_increases_prorated_onto_the_next_invoice_and_renewals_bill_once() {
        var p = partner("1000.00");
        long service = tenant(p, name());
        LocalDate start = today();
        Res sub = server.http().post("/partner/products/" + service + "/m365/subscription", p.auth(), Body.json(Map.of("quantity", 2,
                "term_duration", "P1Y", "billing_cycle", "P1M", "catalog_id", 77)));
        assertThat(sub.status()).as("%s", sub).isEqualTo(200);
        String id = sub.json().at("/data/Subscriptions/0/SubscriptionId").asText();
        assertThat(sub.json().at("/data/Subscriptions/0/Quantity").asInt()).isEqualTo(2);
        JsonNode first = invoices(p);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("total").asText()).isEqualTo("25.00");
        assertThat(first.get(0).get("status").asText()).isEqualTo("Paid");

        // Inside the 7-day window: fewer seats are allowed, credited prorated.
        server.clock.advance(Duration.ofDays(2));
        String base = "/partner/products/" + service + "/m365/subscription/" + id + "/update/quantity";
        assertThat(server.http().post(base, p.auth(), Body.json(Map.of("quantity", 1))).status()).isEqualTo(200);
        // After it, more seats are fine and fewer are refused.
        server.clock.advance(Duration.ofDays(8));
        Res more = server.http().post(base, p.auth(), Body.json(Map.of("quantity", 4)));
        assertThat(more.status()).as("%s", more).isEqualTo(200);
        assertThat(more.json().at("/data/Subscriptions/0/Quantity").asInt()).isEqualTo(4);
        Res fewer = server.http().post(base, p.auth(), Body.json(Map.of("quantity", 3)));
        assertThat(fewer.status()).isEqualTo(422);
        assertThat(fewer.json().at("/errors/quantity")).isNotEmpty();
        assertThat(invoices(p)).as("seat changes wait for the next invoice").hasSize(1);

        JsonNode listed = server.http().get("/partner/products/" + service + "/m365/subscriptions", p.auth()).json().at("/nce_licenses/0");
        assertThat(listed.get("SubscriptionQuantity").asInt()).isEqualTo(4);
        assertThat(listed.get("AllowCancel").asBoolean()).isFalse();

        LocalDate periodEnd = start.plusMonths(1);
        long days = ChronoUnit.DAYS.between(start, periodEnd);
        BigDecimal credit = prorate("12.50", -1, ChronoUnit.DAYS.between(start.plusDays(2), periodEnd), days);
        BigDecimal charge = prorate("12.50", 3, ChronoUnit.DAYS.between(start.plusDays(10), periodEnd), days);
        server.clock.set(periodEnd.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600));
        assertThat(server.steward().m365().service().renewDue()).isGreaterThanOrEqualTo(1);
        assertThat(server.steward().m365().service().renewDue()).as("a rerun bills nothing again").isZero();
        JsonNode after = invoices(p);
        assertThat(after).hasSize(2);
        BigDecimal expected = new BigDecimal("50.00").add(credit).add(charge);
        assertThat(after.toString()).contains("\"" + expected.setScale(2, RoundingMode.HALF_UP).toPlainString() + "\"");
    }

    private static BigDecimal prorate(String price, int seats, long left, long total) {
        return new BigDecimal(price).multiply(BigDecimal.valueOf(seats)).multiply(BigDecimal.valueOf(left))
                .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
    }

    @Test
    void subscription_rules_of_the_reference_are_enforced() {
        var p = partner("100.00");
        long service = tenant(p, name());
        String path = "/partner/products/" + service + "/m365/subscription";
        for (var body : List.<Map<String, Object>>of(Map.of("quantity", 0, "term_duration", "P1M", "billing_cycle", "P1M", "catalog_id", 75),
                Map.of("quantity", 101, "term_duration", "P1M", "billing_cycle", "P1M", "catalog_id", 75),
                Map.of("quantity", 1, "term_duration", "P2M", "billing_cycle", "P1M", "catalog_id", 75),
                Map.of("quantity", 1, "term_duration", "P1M", "billing_cycle", "P1Y", "catalog_id", 75),
                Map.of("quantity", 1, "term_duration", "P1M", "billing_cycle", "P1M", "catalog_id", 9999),
                Map.of("quantity", 1, "term_duration", "P1M", "billing_cycle", "P1M"))) {
            Res res = server.http().post(path, p.auth(), Body.json(body));
            assertThat(res.status()).as("%s for %s", res, body).isEqualTo(422);
        }
        String id = server.http().post(path, p.auth(), Body.json(Map.of("quantity", 1, "term_duration", "P1M", "billing_cycle", "P1M",
                "catalog_id", 78))).json().at("/data/Subscriptions/0/SubscriptionId").asText();
        assertThat(server.http().post(path + "/" + id + "/update/quantity", p.auth(), Body.json(Map.of("quantity", 10001))).status()).isEqualTo(422);
        assertThat(server.http().post(path + "/nope/update/quantity", p.auth(), Body.json(Map.of("quantity", 2))).status()).isEqualTo(404);
    }

    @Test
    void another_partner_never_reaches_a_tenant_or_its_subscriptions() {
        var a = partner("100.00");
        var b = partner("100.00");
        long service = tenant(a, name());
        String id = server.http().post("/partner/products/" + service + "/m365/subscription", a.auth(), Body.json(Map.of("quantity", 1,
                "term_duration", "P1M", "billing_cycle", "P1M", "catalog_id", 78))).json().at("/data/Subscriptions/0/SubscriptionId").asText();
        assertThat(server.http().post("/partner/products/" + service + "/m365/subscription", b.auth(), Body.json(Map.of("quantity", 1,
                "term_duration", "P1M", "billing_cycle", "P1M", "catalog_id", 78))).status()).isEqualTo(404);
        assertThat(server.http().post("/partner/products/" + service + "/m365/subscription/" + id + "/update/quantity", b.auth(),
                Body.json(Map.of("quantity", 2))).status()).isEqualTo(404);
        assertThat(server.http().get("/partner/products/" + service + "/m365/subscriptions", b.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/partner/products/services?client_id=" + a.account(), b.auth()).status()).isEqualTo(404);
        assertThat(server.http().post("/partner/products/m365/tenant", b.auth(), Body.json(Map.of("tenant_name", name(), "client_id", a.account())))
                .status()).isEqualTo(404);
        assertThat(server.http().get("/partner/products/services", b.auth()).json().toString()).doesNotContain("\"" + service + "\"");
    }
}
