package io.steward.affiliate;

import static io.steward.affiliate.AffiliateFixtures.order;
import static io.steward.affiliate.AffiliateFixtures.pay;
import static io.steward.affiliate.AffiliateFixtures.summary;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Joining, privileges, payouts, plans and campaigns through the client and admin APIs. */
class AffiliateApiTest {
    static TestServer server;
    static final List<String> CLIENT_GETS = List.of("/api/affiliates/summary", "/api/affiliates/campaigns",
            "/api/affiliates/commissions", "/api/affiliates/payouts", "/api/affiliates/vouchers", "/api/affiliates/commissionplans");

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_client_that_has_not_joined_is_told_so_and_joins_with_the_default_plan() {
        var c = AccountFixtures.client(server);
        for (String path : CLIENT_GETS) {
            Res res = server.http().get(path, c.auth());
            assertThat(res.status()).as(path).isEqualTo(404);
            assertThat(res.json().at("/error/0").asText()).isEqualTo("not_affiliate");
        }

        Res joined = server.http().post("/api/affiliates/activate", c.auth(), Body.json(Map.of()));
        assertThat(joined.status()).as("%s", joined).isEqualTo(200);
        assertThat(joined.json().at("/info/0").asText()).isEqualTo("affiliate_activated");
        // The demo set's default plan ("Standard") is the one new affiliates get.
        assertThat(joined.json().at("/affiliate/commission_plan").asText()).isEqualTo("Standard");
        assertThat(joined.json().at("/affiliate/currency").asText()).isEqualTo("USD");
        Res again = server.http().post("/api/affiliates/activate", c.auth(), Body.json(Map.of()));
        assertThat(again.json().at("/info/0").asText()).isEqualTo("affiliate_already_active");
        assertThat(again.json().at("/affiliate/id").asText()).isEqualTo(joined.json().at("/affiliate/id").asText());
        for (String path : CLIENT_GETS) assertThat(server.http().get(path, c.auth()).status()).as(path).isEqualTo(200);
        var plans = server.http().get("/api/affiliates/commissionplans", c.auth()).json().get("commissionplans");
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).get("value").asText()).isEqualTo("10");
        assertThat(plans.get(0).get("hold_days").asText()).isEqualTo("30");
    }

    @Test
    void a_contact_needs_misc_affiliates_on_every_affiliate_route() {
        var owner = AccountFixtures.client(server);
        server.http().post("/api/affiliates/activate", owner.auth(), Body.json(Map.of()));
        var without = AccountFixtures.contact(server, owner.auth(), obj("support", List.of("tickets")), true);
        var with = AccountFixtures.contact(server, owner.auth(), obj("misc", List.of("affiliates")), true);

        for (String path : CLIENT_GETS) {
            assertThat(server.http().get(path, without.auth()).status()).as(path).isEqualTo(403);
            assertThat(server.http().get(path, with.auth()).status()).as(path).isEqualTo(200);
        }
        assertThat(server.http().post("/api/affiliates/activate", without.auth(), Body.json(Map.of())).status()).isEqualTo(403);
        assertThat(server.http().post("/api/affiliates/payouts", without.auth(), Body.json(Map.of())).status()).isEqualTo(403);
        assertThat(server.http().get("/api/affiliates/summary", Auth.demoContact()).status()).isEqualTo(403);
    }

    @Test
    void payouts_take_from_the_approved_balance_and_staff_pay_them_to_credit_or_reject_them() {
        long product = AffiliateFixtures.product(server);
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server,
                Map.of("type", "fixed", "value", "4.00", "currency", "USD", "hold_days", 0)));
        for (int i = 0; i < 2; i++) {
            var referred = AccountFixtures.client(server);
            pay(server, order(server, referred, product, Map.of("aff_id", aff.id())).get("invoice_id").asText(), "6.00");
        }
        assertThat(summary(server, aff.client().auth()).get("balance").asText()).isEqualTo("8.00");

        Res tooMuch = server.http().post("/api/affiliates/payouts", aff.client().auth(), Body.json(Map.of("amount", "8.01")));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().at("/error/0").asText()).isEqualTo("amount_exceeds_balance");

        Res first = server.http().post("/api/affiliates/payouts", aff.client().auth(), Body.json(Map.of("amount", "5.00")));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().at("/payout/status").asText()).isEqualTo("Pending");
        var s = summary(server, aff.client().auth());
        assertThat(s.get("balance").asText()).isEqualTo("3.00");
        assertThat(s.get("requested").asText()).isEqualTo("5.00");
        Res rest = server.http().post("/api/affiliates/payouts", aff.client().auth(), Body.form("notes", "bank transfer please"));
        assertThat(rest.json().at("/payout/amount").asText()).as("the whole remaining balance").isEqualTo("3.00");
        assertThat(server.http().post("/api/affiliates/payouts", aff.client().auth(), Body.json(Map.of())).status()).isEqualTo(422);

        String firstId = first.json().at("/payout/id").asText();
        String restId = rest.json().at("/payout/id").asText();
        var creditBefore = server.http().get("/api/balance", aff.client().auth()).json().at("/details/acc_credit").asText();
        Res paid = server.http().post("/admin/api/affiliate-payouts/" + firstId + "/pay", Auth.admin(), Body.json(Map.of("method", "credit")));
        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        assertThat(paid.json().at("/payout/status").asText()).isEqualTo("Paid");
        assertThat(creditBefore).isEqualTo("0.00");
        assertThat(server.http().get("/api/balance", aff.client().auth()).json().at("/details/acc_credit").asText()).isEqualTo("5.00");
        assertThat(server.http().post("/admin/api/affiliate-payouts/" + firstId + "/pay", Auth.admin(), Body.json(Map.of("method", "credit")))
                .status()).as("paid once only").isEqualTo(409);

        assertThat(server.http().post("/admin/api/affiliate-payouts/" + restId + "/pay", Auth.admin(), Body.json(Map.of("method", "external")))
                .status()).as("an external payout needs a reference").isEqualTo(422);
        Res rejected = server.http().post("/admin/api/affiliate-payouts/" + restId + "/reject", Auth.admin(), Body.json(Map.of("reason", "No bank details")));
        assertThat(rejected.json().at("/payout/status").asText()).isEqualTo("Rejected");

        s = summary(server, aff.client().auth());
        assertThat(s.get("balance").asText()).as("a rejected payout's amount is available again").isEqualTo("3.00");
        assertThat(s.get("withdrawn").asText()).isEqualTo("5.00");
        assertThat(s.get("requested").asText()).isEqualTo("0.00");
        var payouts = server.http().get("/api/affiliates/payouts", aff.client().auth()).json().get("payouts");
        assertThat(payouts).hasSize(2);
        assertThat(payouts.get(0).get("notes").asText()).isEqualTo("No bank details");
        assertThat(server.http().get("/admin/api/affiliate-payouts?status=Pending&affiliate_id=" + aff.id(), Auth.admin())
                .json().get("total").asInt()).isZero();
    }

    @Test
    void concurrent_payout_requests_never_take_more_than_the_balance() throws Exception {
        long product = AffiliateFixtures.product(server);
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server,
                Map.of("type", "fixed", "value", "3.00", "currency", "USD", "hold_days", 0)));
        pay(server, order(server, AccountFixtures.client(server), product, Map.of("aff_id", aff.id())).get("invoice_id").asText(), "6.00");

        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> server.http().post("/api/affiliates/payouts", aff.client().auth(), Body.json(Map.of("amount", "1.00"))).status());
            }
            var statuses = new java.util.ArrayList<Integer>();
            for (var f : pool.invokeAll(tasks)) statuses.add(f.get());
            assertThat(statuses.stream().filter(st -> st == 200).count()).as("%s", statuses).isEqualTo(3);
            assertThat(statuses.stream().filter(st -> st == 422).count()).as("%s", statuses).isEqualTo(5);
        } finally {
            pool.shutdown();
        }
        var s = summary(server, aff.client().auth());
        assertThat(s.get("requested").asText()).isEqualTo("3.00");
        assertThat(s.get("balance").asText()).isEqualTo("0.00");
    }

    @Test
    void staff_plans_are_validated_and_a_plan_in_use_cannot_be_deleted() {
        Res bad = server.http().post("/admin/api/affiliate-plans", Auth.admin(), Body.json(obj("name", "Too much", "type", "percent",
                "value", "101", "hold_days", "-1")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").has("value")).isTrue();
        assertThat(bad.json().get("fields").has("hold_days")).isTrue();
        Res noCurrency = server.http().post("/admin/api/affiliate-plans", Auth.admin(), Body.json(obj("name", "Fixed", "type", "fixed", "value", "5")));
        assertThat(noCurrency.status()).isEqualTo(422);
        assertThat(noCurrency.json().get("fields").has("currency")).isTrue();

        long plan = AffiliateFixtures.plan(server, Map.of());
        AffiliateFixtures.affiliate(server, plan);
        assertThat(server.http().delete("/admin/api/affiliate-plans/" + plan, Auth.admin()).status()).isEqualTo(409);
        long unused = AffiliateFixtures.plan(server, Map.of());
        Res renamed = server.http().put("/admin/api/affiliate-plans/" + unused, Auth.admin(), Body.json(Map.of("name", "Renamed", "hold_days", 7)));
        assertThat(renamed.json().at("/plan/hold_days").asInt()).isEqualTo(7);
        assertThat(renamed.json().at("/plan/type").asText()).isEqualTo("percent");
        assertThat(server.http().delete("/admin/api/affiliate-plans/" + unused, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/affiliate-plans/" + unused, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void staff_assign_plans_and_unknown_ones_are_refused() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of()));
        long other = AffiliateFixtures.plan(server, Map.of("value", "25"));
        Res moved = server.http().put("/admin/api/affiliates/" + aff.id(), Auth.admin(), Body.json(Map.of("plan_id", other)));
        assertThat(moved.json().at("/affiliate/plan_id").asLong()).isEqualTo(other);
        assertThat(server.http().put("/admin/api/affiliates/" + aff.id(), Auth.admin(), Body.json(Map.of("plan_id", 99999999))).status())
                .isEqualTo(422);
        assertThat(server.http().put("/admin/api/affiliates/" + aff.id(), Auth.admin(), Body.json(Map.of("status", "Gone"))).status())
                .isEqualTo(422);
        Res cleared = server.http().put("/admin/api/affiliates/" + aff.id(), Auth.admin(), Body.raw("application/json", "{\"plan_id\": null}"));
        assertThat(cleared.status()).as("an affiliate's plan is changed, never removed").isEqualTo(422);
        assertThat(server.http().get("/api/affiliates/commissionplans", aff.client().auth()).json().get("commissionplans")).hasSize(1);
        assertThat(server.http().get("/admin/api/affiliates/99999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/affiliates?client_id=" + aff.client().id(), Auth.admin()).json().get("total").asInt()).isEqualTo(1);
        assertThat(server.http().delete("/admin/api/clients/" + aff.client().id(), Auth.admin()).status())
                .as("an affiliate's client is not deleted under it").isEqualTo(409);
    }

    @Test
    void campaigns_give_each_affiliate_its_own_link() {
        Res created = server.http().post("/admin/api/affiliate-campaigns", Auth.admin(),
                Body.json(obj("name", "VPS launch", "url", "https://www.example.com/vps?utm=aff")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(server.http().post("/admin/api/affiliate-campaigns", Auth.admin(), Body.json(obj("name", "Bad", "url", "javascript:alert(1)")))
                .status()).isEqualTo(422);
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of()));

        var campaigns = server.http().get("/api/affiliates/campaigns", aff.client().auth()).json().get("campaigns");
        var vps = java.util.stream.StreamSupport.stream(campaigns.spliterator(), false)
                .filter(c -> c.get("name").asText().equals("VPS launch")).findFirst().orElseThrow();
        assertThat(vps.get("link").asText()).isEqualTo("https://www.example.com/vps?utm=aff&aff=" + aff.id());

        long id = created.json().at("/campaign/id").asLong();
        server.http().put("/admin/api/affiliate-campaigns/" + id, Auth.admin(), Body.json(Map.of("enabled", false)));
        assertThat(server.http().get("/api/affiliates/campaigns", aff.client().auth()).json().get("campaigns").toString()).doesNotContain("VPS launch");
        assertThat(server.http().delete("/admin/api/affiliate-campaigns/" + id, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().delete("/admin/api/affiliate-campaigns/" + id, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void the_demo_client_is_an_affiliate_with_a_referred_client_and_a_commission() {
        var s = summary(server, Auth.demo());
        assertThat(s.get("referrals").asText()).isEqualTo("1");
        assertThat(s.get("commissions").asText()).isEqualTo("1");
        assertThat(s.get("pending").asText()).isEqualTo("12.00");
        var vouchers = server.http().get("/api/affiliates/vouchers", Auth.demo()).json().get("vouchers");
        assertThat(vouchers.get(0).get("code").asText()).isEqualTo("DEMOREF");
        assertThat(server.http().get("/api/affiliates/campaigns", Auth.demo()).json().get("campaigns")).isNotEmpty();
    }
}
