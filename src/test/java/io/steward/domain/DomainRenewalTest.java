package io.steward.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DomainRenewalTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode run(LocalDate date) {
        var res = server.http().post("/admin/api/domains/run", Auth.admin(), Body.json(Map.of("date", date.toString())));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json();
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void a_renewal_order_renews_the_domain_at_the_registry_and_moves_its_dates() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("renew") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        LocalDate expires = today().plusYears(1);
        var renew = server.http().post("/api/domain/" + id + "/renew", c.auth(), Body.json(Map.of("years", "2")));
        assertThat(renew.status()).as("%s", renew).isEqualTo(200);
        assertThat(renew.json().get("total").asText()).isEqualTo("30.00");
        assertThat(renew.json().at("/items/type").asText()).isEqualTo("Domain Renew");
        var again = server.http().post("/api/domain/" + id + "/renew", c.auth(), Body.json(Map.of("years", "1")));
        assertThat(again.status()).as("the term is invoiced once").isEqualTo(422);

        DomainFixtures.pay(server, c, renew.json().get("invoice_id").asText());
        JsonNode d = null;
        for (int i = 0; i < 100; i++) {
            server.steward().domains().runDueJobsNow();
            d = server.http().get("/api/domain/" + id, c.auth()).json().get("details");
            if (d.get("expires").asText().equals(expires.plusYears(2).toString())) break;
        }
        assertThat(d.get("expires").asText()).isEqualTo(expires.plusYears(2).toString());
        assertThat(d.get("next_due").asText()).isEqualTo(expires.plusYears(2).toString());
        assertThat(d.get("next_invoice").asText()).isEqualTo(expires.plusYears(2).minusDays(30).toString());
    }

    @Test
    void a_transfer_completes_after_the_registry_delay_and_the_periodic_sync_makes_it_active() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("later") + ".com";
        server.http().post("/admin/api/registry", Auth.admin(), Body.json(Map.of("name", name, "kind", "taken", "epp", "Later-code-1",
                "expires", today().plusMonths(2).toString())));
        var res = DomainFixtures.order(server, c.auth(), Map.of("name", name, "action", "transfer", "epp", "Later-code-1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        long id = res.json().at("/items/id").asLong();
        DomainFixtures.pay(server, c, res.json().get("invoice_id").asText());
        for (int i = 0; i < 100 && !server.http().get("/admin/api/domain-jobs?domain_id=" + id, Auth.admin()).json().at("/jobs/0/status").asText().equals("done"); i++) {
            server.steward().domains().runDueJobsNow();
        }
        assertThat(run(today()).get("synced").asInt()).isZero();
        server.http().post("/admin/api/domains/run", Auth.admin(), Body.json(Map.of("date", today().toString(), "sync", "1")));
        assertThat(DomainFixtures.admin(server, id).get("status").asText()).as("the losing side has not answered yet").isEqualTo("Pending Transfer");

        server.clock.advance(Duration.ofDays(6));
        var synced = server.http().post("/admin/api/domains/run", Auth.admin(), Body.json(Map.of("date", today().toString(), "sync", "1")));
        assertThat(synced.json().get("synced").asInt()).isPositive();
        JsonNode d = DomainFixtures.admin(server, id);
        assertThat(d.get("status").asText()).isEqualTo("Active");
        assertThat(d.get("expires").asText()).isEqualTo(today().minusDays(6).plusMonths(2).plusYears(1).toString());
    }

    @Test
    void autorenew_invoices_ahead_of_expiry_once_and_an_unrenewed_domain_expires_into_redemption_pricing() {
        var c = AccountFixtures.client(server);
        long autoId = DomainFixtures.registered(server, c, DomainFixtures.unique("auto") + ".com");
        long manualId = DomainFixtures.registered(server, c, DomainFixtures.unique("manual") + ".com");
        assertThat(server.http().put("/api/domain/" + manualId + "/autorenew", c.auth(), Body.json(Map.of("autorenew", "0"))).status()).isEqualTo(200);
        LocalDate expires = today().plusYears(1);

        run(expires.minusDays(31));
        assertThat(server.http().get("/api/invoice", c.auth()).json().get("invoices")).hasSize(2);
        JsonNode first = run(expires.minusDays(30));
        assertThat(first.get("invoice_ids")).hasSizeGreaterThanOrEqualTo(1);
        var invoices = server.http().get("/api/invoice", c.auth()).json().get("invoices");
        assertThat(invoices).hasSize(3);
        run(expires.minusDays(20));
        assertThat(server.http().get("/api/invoice", c.auth()).json().get("invoices")).as("one invoice per term").hasSize(3);
        assertThat(DomainFixtures.admin(server, autoId).get("next_invoice").asText()).isEqualTo(expires.plusYears(1).minusDays(30).toString());

        // The manual domain is not renewed: after expiry it is Expired, and renewing costs the redemption price.
        server.clock.advance(Duration.ofDays(367));
        JsonNode after = run(expires.plusDays(1));
        assertThat(after.get("expired").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(DomainFixtures.admin(server, manualId).get("status").asText()).isEqualTo("Expired");
        String manualName = DomainFixtures.admin(server, manualId).get("name").asText();
        assertThat(DomainFixtures.mails(server, c.id(), "domain.expired")).contains("Your domain " + manualName + " has expired");
        var redeem = server.http().post("/api/domain/" + manualId + "/renew", c.auth(), Body.json(Map.of("years", "1")));
        assertThat(redeem.status()).as("%s", redeem).isEqualTo(200);
        assertThat(redeem.json().get("total").asText()).isEqualTo("40.00");
        DomainFixtures.pay(server, c, redeem.json().get("invoice_id").asText());
        assertThat(DomainFixtures.settle(server, manualId, "Expired").get("status").asText()).isEqualTo("Active");
        assertThat(DomainFixtures.notes(server, c, manualId)).first().isEqualTo("Domain " + manualName + " renewed");
        assertThat(DomainFixtures.admin(server, manualId).get("expires").asText()).isEqualTo(expires.plusYears(1).toString());
    }
}
