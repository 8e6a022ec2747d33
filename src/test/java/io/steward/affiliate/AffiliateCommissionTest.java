package io.steward.affiliate;

import static io.steward.affiliate.AffiliateFixtures.commissions;
import static io.steward.affiliate.AffiliateFixtures.order;
import static io.steward.affiliate.AffiliateFixtures.pay;
import static io.steward.affiliate.AffiliateFixtures.summary;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Referral attribution from orders and commissions on the referred clients' payments, refunds and holds. */
class AffiliateCommissionTest {
    static TestServer server;
    static long product;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        product = AffiliateFixtures.product(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_referred_clients_paid_invoice_earns_a_pending_commission_that_becomes_payable_after_the_hold() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of("hold_days", 30)));
        var referred = AccountFixtures.client(server);
        var placed = order(server, referred, product, Map.of("aff_id", aff.id()));
        assertThat(commissions(server, aff.client().auth())).as("nothing before payment").isEmpty();

        pay(server, placed.get("invoice_id").asText(), "6.00");
        assertThat(mailsTo(aff)).as("no mail while the commission is held").isZero();

        var list = commissions(server, aff.client().auth());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("Pending");
        assertThat(list.get(0).get("base").asText()).isEqualTo("6.00");
        assertThat(list.get(0).get("amount").asText()).isEqualTo("0.60");
        assertThat(list.get(0).get("client_id").asText()).isEqualTo(Long.toString(referred.id()));
        var s = summary(server, aff.client().auth());
        assertThat(s.get("referrals").asText()).isEqualTo("1");
        assertThat(s.get("pending").asText()).isEqualTo("0.60");
        assertThat(s.get("balance").asText()).isEqualTo("0.00");

        server.clock.advance(Duration.ofDays(31));
        var approve = server.http().post("/admin/api/affiliate-commissions/approve-due", Auth.admin(), Body.json(Map.of()));
        assertThat(approve.status()).as("%s", approve).isEqualTo(200);

        assertThat(commissions(server, aff.client().auth()).get(0).get("status").asText()).isEqualTo("Approved");
        assertThat(mailsTo(aff)).isEqualTo(1);
        server.http().post("/admin/api/affiliate-commissions/approve-due", Auth.admin(), Body.json(Map.of()));
        assertThat(mailsTo(aff)).as("approved once, mailed once").isEqualTo(1);
        s = summary(server, aff.client().auth());
        assertThat(s.get("pending").asText()).isEqualTo("0.00");
        assertThat(s.get("balance").asText()).isEqualTo("0.60");
        assertThat(s.get("total").asText()).isEqualTo("0.60");
    }

    private static int mailsTo(AffiliateFixtures.NewAffiliate aff) {
        return server.steward().mail().service().list(null, aff.client().id(), "affiliate.commission", null, 1, 10).total();
    }

    @Test
    void refunding_the_invoice_reverses_its_pending_commission() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of()));
        var referred = AccountFixtures.client(server);
        String invoice = order(server, referred, product, Map.of("aff_id", aff.id())).get("invoice_id").asText();
        pay(server, invoice, "6.00");

        var refund = server.http().post("/admin/api/invoices/" + invoice + "/refund", Auth.admin(), Body.json(Map.of("reason", "test")));
        assertThat(refund.status()).as("%s", refund).isEqualTo(201);

        assertThat(commissions(server, aff.client().auth()).get(0).get("status").asText()).isEqualTo("Reversed");
        var s = summary(server, aff.client().auth());
        assertThat(s.get("pending").asText()).isEqualTo("0.00");
        assertThat(s.get("total").asText()).isEqualTo("0.00");
        assertThat(s.get("commissions").asText()).isEqualTo("0");
    }

    @Test
    void a_first_payment_plan_earns_once_and_a_recurring_plan_on_every_paid_invoice() {
        var once = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of("recurring", false)));
        var every = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of("recurring", true)));
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        pay(server, order(server, a, product, Map.of("aff_id", once.id())).get("invoice_id").asText(), "6.00");
        pay(server, order(server, b, product, Map.of("aff_id", every.id())).get("invoice_id").asText(), "6.00");
        // Second orders: the clients are attributed already, so no aff_id is needed.
        pay(server, order(server, a, product, Map.of()).get("invoice_id").asText(), "6.00");
        pay(server, order(server, b, product, Map.of()).get("invoice_id").asText(), "6.00");

        assertThat(commissions(server, once.client().auth())).hasSize(1);
        assertThat(commissions(server, every.client().auth())).hasSize(2);
    }

    @Test
    void on_a_first_payment_plan_a_refunded_first_payment_leaves_the_commission_to_the_next_one() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of("recurring", false)));
        var referred = AccountFixtures.client(server);
        String first = order(server, referred, product, Map.of("aff_id", aff.id())).get("invoice_id").asText();
        pay(server, first, "6.00");
        assertThat(server.http().post("/admin/api/invoices/" + first + "/refund", Auth.admin(), Body.json(Map.of("reason", "test"))).status()).isEqualTo(201);

        pay(server, order(server, referred, product, Map.of()).get("invoice_id").asText(), "6.00");

        var list = commissions(server, aff.client().auth());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("status").asText()).isEqualTo("Pending");
        assertThat(list.get(1).get("status").asText()).isEqualTo("Reversed");
    }

    @Test
    void a_fixed_plan_without_hold_is_payable_at_once() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server,
                Map.of("type", "fixed", "value", "2.50", "currency", "USD", "hold_days", 0)));
        var referred = AccountFixtures.client(server);
        pay(server, order(server, referred, product, Map.of("aff_id", aff.id())).get("invoice_id").asText(), "6.00");

        var c = commissions(server, aff.client().auth()).get(0);
        assertThat(c.get("status").asText()).isEqualTo("Approved");
        assertThat(c.get("amount").asText()).isEqualTo("2.50");
        assertThat(summary(server, aff.client().auth()).get("balance").asText()).isEqualTo("2.50");

        // Payable: the affiliate.commission mail is queued for the affiliate and a portal notification recorded.
        var mails = server.steward().mail().service().list(null, aff.client().id(), "affiliate.commission", null, 1, 10).mails();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).recipient()).isEqualTo(aff.client().email());
        assertThat(mails.get(0).bodyText()).contains("2.50 USD").contains("available balance is 2.50 USD");
        var notes = server.http().get("/api/notifications?rel_type=affiliate", aff.client().auth()).json().get("notifications");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("rel_id").asText()).isEqualTo(c.get("id").asText());

        // The affiliate has no invoices or credit of its own, yet its commissions fix its currency.
        var change = server.http().put("/admin/api/clients/" + aff.client().id(), Auth.admin(), Body.json(Map.of("currency", "EUR")));
        assertThat(change.status()).as("%s", change).isEqualTo(409);
    }

    @Test
    void the_first_attribution_wins_and_a_client_cannot_refer_itself() {
        var plan = AffiliateFixtures.plan(server, Map.of());
        var first = AffiliateFixtures.affiliate(server, plan);
        var second = AffiliateFixtures.affiliate(server, plan);
        var referred = AccountFixtures.client(server);
        order(server, referred, product, Map.of("aff_id", first.id()));
        String invoice = order(server, referred, product, Map.of("aff_id", second.id())).get("invoice_id").asText();
        pay(server, invoice, "6.00");
        assertThat(commissions(server, first.client().auth())).hasSize(1);
        assertThat(commissions(server, second.client().auth())).isEmpty();

        // The affiliate ordering with its own aff_id is not its own referral.
        pay(server, order(server, first.client(), product, Map.of("aff_id", first.id())).get("invoice_id").asText(), "6.00");
        assertThat(summary(server, first.client().auth()).get("referrals").asText()).isEqualTo("1");
    }

    @Test
    void a_client_with_an_earlier_paid_order_is_not_attributed_and_an_unknown_aff_id_costs_no_order() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of()));
        var existing = AccountFixtures.client(server);
        pay(server, order(server, existing, product, Map.of("aff_id", 987654321L)).get("invoice_id").asText(), "6.00");
        pay(server, order(server, existing, product, Map.of("aff_id", aff.id())).get("invoice_id").asText(), "6.00");

        assertThat(summary(server, aff.client().auth()).get("referrals").asText()).isEqualTo("0");
        assertThat(commissions(server, aff.client().auth())).isEmpty();
    }

    @Test
    void ordering_with_an_affiliates_voucher_attributes_the_client_to_it() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of()));
        String code = AffiliateFixtures.unique("V").replace("-", "");
        var promo = server.http().post("/admin/api/promo-codes", Auth.admin(), Body.json(obj("code", code, "type", "percent", "value", "50")));
        assertThat(promo.status()).isEqualTo(201);
        var bind = server.http().post("/admin/api/affiliates/" + aff.id() + "/vouchers", Auth.admin(),
                Body.json(Map.of("promo_code_id", promo.json().at("/promo_code/id").asLong())));
        assertThat(bind.status()).as("%s", bind).isEqualTo(201);
        var vouchers = server.http().get("/api/affiliates/vouchers", aff.client().auth()).json().get("vouchers");
        assertThat(vouchers).hasSize(1);
        assertThat(vouchers.get(0).get("code").asText()).isEqualTo(code);

        var referred = AccountFixtures.client(server);
        var placed = order(server, referred, product, Map.of("promocode", code));
        assertThat(placed.get("total").asText()).isEqualTo("3.00");
        pay(server, placed.get("invoice_id").asText(), "3.00");

        var list = commissions(server, aff.client().auth());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("base").asText()).as("the discounted subtotal").isEqualTo("3.00");
        assertThat(list.get(0).get("amount").asText()).isEqualTo("0.30");
    }

    @Test
    void a_disabled_affiliate_earns_nothing_new() {
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of()));
        var referred = AccountFixtures.client(server);
        String invoice = order(server, referred, product, Map.of("aff_id", aff.id())).get("invoice_id").asText();
        var off = server.http().put("/admin/api/affiliates/" + aff.id(), Auth.admin(), Body.json(Map.of("status", "Disabled")));
        assertThat(off.status()).as("%s", off).isEqualTo(200);

        pay(server, invoice, "6.00");

        assertThat(commissions(server, aff.client().auth())).isEmpty();
        var admin = server.http().get("/admin/api/affiliate-commissions?affiliate_id=" + aff.id(), Auth.admin());
        assertThat(admin.json().get("total").asInt()).isZero();
    }
}
