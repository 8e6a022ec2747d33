package io.steward.domain;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DomainRegistrationTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode lookup(Auth auth, String name) {
        var res = server.http().post("/api/domain/lookup", auth, Body.json(Map.of("name", name)));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void lookup_tells_free_taken_reserved_and_premium_names_apart_with_prices() {
        var c = AccountFixtures.client(server);
        JsonNode free = lookup(c.auth(), DomainFixtures.unique("free") + ".com");
        assertThat(free.get("available").asBoolean()).isTrue();
        assertThat(free.get("premium").asBoolean()).isFalse();
        assertThat(free.at("/periods/0/period").asText()).isEqualTo("1");
        assertThat(free.at("/periods/0/register").asText()).isEqualTo("10.00");
        assertThat(free.at("/periods/1/register").asText()).isEqualTo("20.00");

        assertThat(lookup(c.auth(), "example.com").get("available").asBoolean()).isFalse();
        assertThat(lookup(c.auth(), "reserved.test").get("available").asBoolean()).isFalse();
        JsonNode premium = lookup(c.auth(), "premium.test");
        assertThat(premium.get("available").asBoolean()).isTrue();
        assertThat(premium.get("premium").asBoolean()).isTrue();
        assertThat(premium.at("/periods/0/register").asText()).isEqualTo("250.00");
        assertThat(lookup(c.auth(), "Demo-Domain.TEST").get("available").asBoolean()).as("registered with us").isFalse();
    }

    @Test
    void bad_names_unknown_tlds_and_bad_periods_are_422_naming_the_field() {
        var c = AccountFixtures.client(server);
        var bad = server.http().post("/api/domain/lookup", c.auth(), Body.json(Map.of("name", "-bad-.com")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").has("name")).isTrue();
        assertThat(server.http().post("/api/domain/lookup", c.auth(), Body.json(Map.of("name", "nothing.nosuchtld"))).status()).isEqualTo(422);

        String name = DomainFixtures.unique("period") + ".com";
        var eleven = DomainFixtures.order(server, c.auth(), obj("name", name, "years", "11"));
        assertThat(eleven.status()).isEqualTo(422);
        assertThat(eleven.json().get("fields").has("years")).as("%s", eleven).isTrue();
        var unpriced = DomainFixtures.order(server, c.auth(), obj("name", name, "years", "7"));
        assertThat(unpriced.status()).isEqualTo(422);
        assertThat(unpriced.json().get("fields").has("years")).isTrue();
        var unknownTld = DomainFixtures.order(server, c.auth(), obj("name", name, "tld_id", "999999"));
        assertThat(unknownTld.status()).isEqualTo(422);
        assertThat(unknownTld.json().get("fields").has("tld_id")).isTrue();
        var taken = DomainFixtures.order(server, c.auth(), obj("name", "example.com"));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.json().get("fields").has("name")).isTrue();
        // pay_method and aff_id are read as every order endpoint reads them.
        var badAffiliate = DomainFixtures.order(server, c.auth(), obj("name", name, "aff_id", "friend"));
        assertThat(badAffiliate.status()).isEqualTo(422);
        assertThat(badAffiliate.json().get("fields").has("aff_id")).as("%s", badAffiliate).isTrue();
        var badGateway = DomainFixtures.order(server, c.auth(), obj("name", name, "pay_method", "paypal"));
        assertThat(badGateway.status()).isEqualTo(422);
        assertThat(badGateway.json().get("fields").has("pay_method")).as("%s", badGateway).isTrue();
    }

    @Test
    void a_registration_ordered_and_paid_with_credit_becomes_active_through_the_registrar_job() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("reg") + ".com";
        var res = DomainFixtures.order(server, c.auth(), obj("name", name, "years", "2", "nameservers", List.of("ns1.host.example", "ns2.host.example")));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("total").asText()).isEqualTo("20.00");
        assertThat(res.json().at("/items/type").asText()).isEqualTo("Domain Register");
        assertThat(res.json().at("/items/name").asText()).isEqualTo(name);
        long id = res.json().at("/items/id").asLong();
        var pending = server.http().get("/api/domain/" + id, c.auth()).json().get("details");
        assertThat(pending.get("status").asText()).isEqualTo("Pending");
        assertThat(lookup(c.auth(), name).get("available").asBoolean()).as("an order holds the name").isFalse();

        DomainFixtures.pay(server, c, res.json().get("invoice_id").asText());
        JsonNode active = DomainFixtures.settle(server, id, "Pending Registration");
        assertThat(active.get("status").asText()).isEqualTo("Active");
        JsonNode d = server.http().get("/api/domain/" + id, c.auth()).json().get("details");
        assertThat(d.get("expires").asText()).isEqualTo(today().plusYears(2).toString());
        assertThat(d.get("next_due").asText()).isEqualTo(d.get("expires").asText());
        assertThat(d.get("next_invoice").asText()).isEqualTo(today().plusYears(2).minusDays(30).toString());
        assertThat(d.get("period").asText()).isEqualTo("2");
        assertThat(d.get("firstpayment").asText()).isEqualTo("20.00");
        assertThat(d.get("nameservers")).extracting(JsonNode::asText).containsExactly("ns1.host.example", "ns2.host.example");
        var registry = server.http().get("/admin/api/registry/" + name, Auth.admin()).json().get("registry");
        assertThat(registry.get("sponsor").asText()).isEqualTo("steward");
        assertThat(registry.get("expires").asText()).isEqualTo(d.get("expires").asText());

        var list = server.http().get("/api/domain", c.auth()).json().get("domains");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("daytoexpire").asInt()).isGreaterThan(700);
        assertThat(server.http().get("/api/domain/name/" + name, c.auth()).json().get("details")).hasSize(1);
    }

    @Test
    void a_premium_name_costs_the_registry_price() {
        var c = AccountFixtures.client(server);
        var res = DomainFixtures.order(server, c.auth(), obj("name", "premium.test", "years", "1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("total").asText()).isEqualTo("250.00");
        // Cancel it so other tests may still see the name free.
        server.http().post("/admin/api/invoices/" + res.json().get("invoice_id").asText() + "/cancel", Auth.admin(), Body.json(Map.of()));
        assertThat(DomainFixtures.admin(server, res.json().at("/items/id").asLong()).get("status").asText()).isEqualTo("Cancelled");
    }

    @Test
    void a_transfer_waits_for_the_losing_registrar_and_a_wrong_epp_code_fails_its_job() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("xfer") + ".net";
        var add = server.http().post("/admin/api/registry", Auth.admin(), Body.json(Map.of("name", name, "kind", "taken", "epp", "Right-code-1")));
        assertThat(add.status()).as("%s", add).isEqualTo(201);
        var noEpp = DomainFixtures.order(server, c.auth(), obj("name", name, "action", "transfer"));
        assertThat(noEpp.status()).isEqualTo(422);
        assertThat(noEpp.json().get("fields").has("epp")).isTrue();

        var wrong = DomainFixtures.order(server, c.auth(), obj("name", name, "action", "transfer", "epp", "Wrong-code"));
        assertThat(wrong.status()).as("%s", wrong).isEqualTo(200);
        DomainFixtures.pay(server, c, wrong.json().get("invoice_id").asText());
        long wrongId = wrong.json().at("/items/id").asLong();
        DomainFixtures.settle(server, wrongId, "__none__");
        var jobs = server.http().get("/admin/api/domain-jobs?domain_id=" + wrongId, Auth.admin()).json().get("jobs");
        assertThat(jobs.get(0).get("status").asText()).isEqualTo("dead");
        assertThat(jobs.get(0).get("last_error").asText()).contains("EPP");
    }

    @Test
    void a_transfer_with_the_right_code_completes_when_staff_approve_it_and_the_sync_sees_it() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("xfer2") + ".org";
        server.http().post("/admin/api/registry", Auth.admin(), Body.json(Map.of("name", name, "kind", "taken", "epp", "Right-code-2",
                "expires", today().plusMonths(3).toString())));
        var res = DomainFixtures.order(server, c.auth(), obj("name", name, "action", "transfer", "epp", "Right-code-2"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/items/type").asText()).isEqualTo("Domain Transfer");
        assertThat(res.json().get("total").asText()).isEqualTo("11.00");
        long id = res.json().at("/items/id").asLong();
        DomainFixtures.pay(server, c, res.json().get("invoice_id").asText());
        DomainFixtures.settle(server, id, "Pending");
        for (int i = 0; i < 50 && !server.http().get("/admin/api/domain-jobs?domain_id=" + id, Auth.admin()).json().at("/jobs/0/status").asText().equals("done"); i++) {
            server.steward().domains().runDueJobsNow();
        }
        assertThat(DomainFixtures.admin(server, id).get("status").asText()).isEqualTo("Pending Transfer");
        var registry = server.http().get("/admin/api/registry/" + name, Auth.admin()).json().get("registry");
        assertThat(registry.get("transfer_to").asText()).isEqualTo("steward");

        assertThat(server.http().post("/admin/api/registry/" + name + "/approve-transfer", Auth.admin(), Body.json(Map.of())).status()).isEqualTo(200);
        var sync = server.http().get("/api/domain/" + id + "/sync", c.auth());
        assertThat(sync.status()).as("%s", sync).isEqualTo(200);
        assertThat(sync.json().at("/details/status").asText()).isEqualTo("Active");
        assertThat(sync.json().at("/details/expires").asText()).isEqualTo(today().plusMonths(3).plusYears(1).toString());
        // The completed transfer is mailed (not as a registration) and shown in the portal.
        assertThat(DomainFixtures.mails(server, c.id(), "domain.transferred")).containsExactly("The transfer of " + name + " is complete");
        assertThat(DomainFixtures.mails(server, c.id(), "domain.registered")).isEmpty();
        assertThat(DomainFixtures.notes(server, c, id)).containsExactly("Domain " + name + " transferred");
    }

    @Test
    void domain_items_work_in_POST_order_and_POST_quote() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("cart") + ".io";
        long tld = DomainFixtures.tldId(server, ".io");
        var item = obj("type", "domain", "tld_id", tld, "name", name, "action", "register", "years", 1);
        var quote = server.http().post("/api/quote", c.auth(), Body.json(Map.of("items", List.of(item))));
        assertThat(quote.status()).as("%s", quote).isEqualTo(200);
        assertThat(quote.json().at("/summary/total").decimalValue()).isEqualByComparingTo("35.00");
        assertThat(quote.json().at("/items/0/product").isNull()).isTrue();
        assertThat(quote.json().at("/items/0/domains/" + name + "/tld").asText()).isEqualTo(".io");

        var placed = server.http().post("/api/order", c.auth(), Body.json(Map.of("items", List.of(item))));
        assertThat(placed.status()).as("%s", placed).isEqualTo(200);
        assertThat(placed.json().get("total").asText()).isEqualTo("35.00");
        assertThat(placed.json().at("/items/0/type").asText()).isEqualTo("Domain Register");
        long id = placed.json().at("/items/0/id").asLong();
        DomainFixtures.pay(server, c, placed.json().get("invoice_id").asText());
        assertThat(DomainFixtures.settle(server, id, "Pending Registration").get("status").asText()).isEqualTo("Active");
    }
}
