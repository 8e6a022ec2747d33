package io.steward.affiliate;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.promo.Promo;
import io.steward.web.Call;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The client API's {@code /affiliates/...} routes (contacts need {@code misc/affiliates}, checked
 * by the route table). Ids and amounts are strings, as in the rest of the client API. A client
 * that has not joined gets 404 {@code not_affiliate} everywhere but {@code POST /affiliates/activate}.
 */
public final class AffiliateClientHandlers {
    private final AffiliateService affiliates;
    private final CommissionService commissions;

    AffiliateClientHandlers(AffiliateService affiliates, CommissionService commissions) {
        this.affiliates = affiliates;
        this.commissions = commissions;
    }

    private Affiliate mine(Call call) {
        return affiliates.requireOfClient(call.get(Actor.class).clientId());
    }

    /** {@code POST /affiliates/activate}: the caller's account becomes an affiliate (idempotent). */
    public Object activate(Call call) {
        long clientId = call.get(Actor.class).clientId();
        boolean existed = affiliates.ofClient(clientId).isPresent();
        Affiliate a = affiliates.activate(clientId, null);
        return obj("success", true, "info", java.util.List.of(existed ? "affiliate_already_active" : "affiliate_activated"),
                "affiliate", summaryOf(a));
    }

    public Object summary(Call call) {
        return obj("affiliate", summaryOf(mine(call)));
    }

    private Map<String, Object> summaryOf(Affiliate a) {
        Balance b = commissions.balance(a);
        Plan plan = a.planId() == null ? null : affiliates.plan(a.planId());
        String cur = a.currency();
        return obj("id", Long.toString(a.id()), "status", a.status(), "date_created", Times.stamp(a.createdAt()), "currency", cur,
                "commission_plan_id", plan == null ? null : Long.toString(plan.id()), "commission_plan", plan == null ? null : plan.name(),
                "referrals", Integer.toString(b.referrals()), "commissions", Integer.toString(b.commissions()),
                "pending", Money.format(b.pending(), cur), "balance", Money.format(b.available(), cur),
                "requested", Money.format(b.requested(), cur), "withdrawn", Money.format(b.withdrawn(), cur),
                "total", Money.format(b.earned(), cur));
    }

    public Object campaigns(Call call) {
        Affiliate a = mine(call);
        return obj("campaigns", affiliates.campaigns(true).stream().map(c -> obj("id", Long.toString(c.id()), "name", c.name(),
                "description", c.description(), "url", c.url(), "link", c.linkFor(a.id()))).toList());
    }

    public Object commissions(Call call) {
        Affiliate a = mine(call);
        var p = call.params();
        var page = commissions.commissions(a.id(), null, p.intValue("page", 1, 1, 1_000_000), p.intValue("perpage", 100, 1, 500));
        return obj("commissions", page.commissions().stream().map(c -> obj("id", Long.toString(c.id()),
                "client_id", Long.toString(c.clientId()), "invoice_id", Long.toString(c.invoiceId()),
                "base", Money.format(c.base(), c.currency()), "amount", Money.format(c.amount(), c.currency()),
                "currency", c.currency(), "status", c.status(), "date_created", Times.stamp(c.createdAt()),
                "payable_on", Times.date(c.payableOn()))).toList());
    }

    public Object payouts(Call call) {
        Affiliate a = mine(call);
        var p = call.params();
        var page = commissions.payouts(a.id(), null, p.intValue("page", 1, 1, 1_000_000), p.intValue("perpage", 100, 1, 500));
        return obj("payouts", page.payouts().stream().map(AffiliateClientHandlers::payout).toList());
    }

    /** {@code POST /affiliates/payouts {amount?, notes?}}: asks staff to pay out (all of) the available balance. */
    public Object requestPayout(Call call) {
        Affiliate a = mine(call);
        var p = call.params();
        BigDecimal amount = p.string("amount").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "amount")).orElse(null);
        Payout payout = commissions.requestPayout(a.id(), amount, p.string("notes").orElse(null));
        return obj("success", true, "info", java.util.List.of("payout_requested"), "payout", payout(payout));
    }

    static Map<String, Object> payout(Payout p) {
        return obj("id", Long.toString(p.id()), "amount", Money.format(p.amount(), p.currency()), "currency", p.currency(),
                "status", p.status(), "method", p.method(), "reference", p.reference(), "notes", p.notes(),
                "date_created", Times.stamp(p.createdAt()), "date_processed", Times.stamp(p.processedAt()));
    }

    public Object vouchers(Call call) {
        Affiliate a = mine(call);
        return obj("vouchers", affiliates.vouchers(a.id()).stream().map(AffiliateClientHandlers::voucher).toList());
    }

    private static Map<String, Object> voucher(Promo v) {
        String value = v.type() == Promo.Type.FIXED ? Money.format(v.value(), v.currency()) : v.value().stripTrailingZeros().toPlainString();
        return obj("id", Long.toString(v.id()), "code", v.code(), "type", v.type().wire(), "value", value, "currency", v.currency(),
                "recurring", v.recurring() ? "1" : "0", "uses", Integer.toString(v.uses()),
                "max_uses", v.maxUses() == null ? null : Integer.toString(v.maxUses()),
                "starts_on", v.startsOn() == null ? null : Times.date(v.startsOn()), "ends_on", v.endsOn() == null ? null : Times.date(v.endsOn()),
                "enabled", v.enabled() ? "1" : "0");
    }

    /** The plan the affiliate earns by (a list, as the reference names it; empty without a plan). */
    public Object commissionPlans(Call call) {
        Affiliate a = mine(call);
        var plans = a.planId() == null ? java.util.List.<Plan>of() : java.util.List.of(affiliates.plan(a.planId()));
        return obj("commissionplans", plans.stream().map(AffiliateClientHandlers::plan).toList());
    }

    private static Map<String, Object> plan(Plan p) {
        String value = p.type() == Plan.Type.FIXED ? Money.format(p.value(), p.currency()) : p.value().toPlainString();
        return obj("id", Long.toString(p.id()), "name", p.name(), "type", p.type().wire(), "value", value, "currency", p.currency(),
                "recurring", p.recurring() ? "1" : "0", "hold_days", Integer.toString(p.holdDays()));
    }
}
