package io.steward.affiliate;

import static io.steward.core.Json.obj;

import io.steward.auth.AdminKeys;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.promo.Promo;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.Map;

/** The admin API's affiliates, commission plans, commissions, payouts and campaigns. Ids are numbers, amounts strings. */
public final class AffiliateAdminHandlers {
    private final AffiliateService affiliates;
    private final CommissionService commissions;

    AffiliateAdminHandlers(AffiliateService affiliates, CommissionService commissions) {
        this.affiliates = affiliates;
        this.commissions = commissions;
    }

    // Affiliates

    /** {@code GET /affiliates?client_id=&status=&page=&perpage=}. */
    public Object list(Call call) {
        var p = call.params();
        var result = affiliates.list(p.id("client_id").orElse(null), p.string("status").filter(s -> !s.isBlank()).orElse(null),
                p.intValue("page", 1, 1, 1_000_000), p.intValue("perpage", 25, 1, 500));
        return obj("affiliates", result.affiliates().stream().map(this::shape).toList(), "total", result.total(),
                "page", result.page(), "perpage", result.perPage());
    }

    /** {@code POST /affiliates {client_id, plan_id?}}: makes a client an affiliate (the default plan unless one is named). */
    public Object create(Call call) {
        var p = call.params();
        long clientId = p.id("client_id").orElseThrow(() -> io.steward.core.StewardException.invalid(
                Map.of("client_id", java.util.List.of("Client id is required"))));
        return Reply.json(201, obj("affiliate", shape(affiliates.activate(clientId, planId(p)))));
    }

    public Object get(Call call) {
        return obj("affiliate", shape(affiliates.get(call.pathId("id"))));
    }

    /** {@code PUT /affiliates/@id {plan_id?, status?}}; an affiliate always has a plan, so {@code plan_id} can be changed, not removed. */
    public Object update(Call call) {
        var p = call.params();
        String status = p.string("status").filter(s -> !s.isBlank()).orElse(null);
        return obj("affiliate", shape(affiliates.update(call.pathId("id"), planId(p), status)));
    }

    /**
     * {@code plan_id} when given: the id of a plan. Anything else (null, empty, an array, an object,
     * a flag) would clear a required reference, so it is a 422 naming the field, not "no plan".
     */
    private static Long planId(Params p) {
        var node = p.node("plan_id");
        if (node == null) return null;
        String text = node.isIntegralNumber() || node.isTextual() ? node.asText().strip() : "";
        var id = io.steward.core.Ids.parse(text);
        if (id.isPresent() && id.getAsLong() > 0) return id.getAsLong();
        throw io.steward.core.StewardException.invalid(Map.of("plan_id", java.util.List.of("plan_id must be the id of a commission plan")));
    }

    private Map<String, Object> shape(Affiliate a) {
        Balance b = commissions.balance(a);
        String cur = a.currency();
        return obj("id", a.id(), "client_id", a.clientId(), "plan_id", a.planId(), "status", a.status(), "currency", cur,
                "referrals", b.referrals(), "commissions", b.commissions(),
                "pending", Money.format(b.pending(), cur), "approved", Money.format(b.approved(), cur),
                "requested", Money.format(b.requested(), cur), "withdrawn", Money.format(b.withdrawn(), cur),
                "available", Money.format(b.available(), cur),
                "created_at", Times.stamp(a.createdAt()), "updated_at", Times.stamp(a.updatedAt()));
    }

    // Vouchers

    public Object vouchers(Call call) {
        return obj("vouchers", affiliates.vouchers(affiliates.get(call.pathId("id")).id()).stream().map(AffiliateAdminHandlers::voucher).toList());
    }

    /** {@code POST /affiliates/@id/vouchers {promo_code_id}}: binds an existing promo code to the affiliate. */
    public Object bindVoucher(Call call) {
        long promoId = call.params().id("promo_code_id").orElseThrow(() -> io.steward.core.StewardException.invalid(
                Map.of("promo_code_id", java.util.List.of("Promo code id is required"))));
        return Reply.json(201, obj("voucher", voucher(affiliates.bindVoucher(call.pathId("id"), promoId))));
    }

    public Object unbindVoucher(Call call) {
        affiliates.unbindVoucher(call.pathId("id"), call.pathId("promo_id"));
        return obj("deleted", true);
    }

    private static Map<String, Object> voucher(Promo v) {
        return obj("promo_code_id", v.id(), "code", v.code(), "type", v.type().wire(), "enabled", v.enabled(), "uses", v.uses());
    }

    // Plans

    public Object plans(Call call) {
        return obj("plans", affiliates.plans().stream().map(AffiliateAdminHandlers::plan).toList());
    }

    public Object createPlan(Call call) {
        return Reply.json(201, obj("plan", plan(affiliates.createPlan(planInput(call.params())))));
    }

    public Object getPlan(Call call) {
        return obj("plan", plan(affiliates.plan(call.pathId("id"))));
    }

    public Object updatePlan(Call call) {
        return obj("plan", plan(affiliates.updatePlan(call.pathId("id"), planInput(call.params()))));
    }

    public Object deletePlan(Call call) {
        affiliates.deletePlan(call.pathId("id"));
        return obj("deleted", true);
    }

    private static Map<String, Object> plan(Plan p) {
        String value = p.type() == Plan.Type.FIXED ? Money.format(p.value(), p.currency()) : p.value().toPlainString();
        return obj("id", p.id(), "name", p.name(), "type", p.type().wire(), "value", value, "currency", p.currency(),
                "recurring", p.recurring(), "hold_days", p.holdDays(), "default", p.isDefault(),
                "created_at", Times.stamp(p.createdAt()), "updated_at", Times.stamp(p.updatedAt()));
    }

    private static PlanInput planInput(Params p) {
        return new PlanInput(p.string("name").orElse(null), p.string("type").orElse(null), p.string("value").orElse(null),
                p.string("currency").orElse(null), bool(p, "recurring"), p.string("hold_days").orElse(null), bool(p, "default"));
    }

    private static Boolean bool(Params p, String name) {
        return p.optionalFlag(name).orElse(null);
    }

    // Commissions

    /** {@code GET /affiliate-commissions?affiliate_id=&status=&page=&perpage=}, newest first. */
    public Object commissions(Call call) {
        var p = call.params();
        var page = commissions.commissions(p.id("affiliate_id").orElse(null), p.string("status").filter(s -> !s.isBlank()).orElse(null),
                p.intValue("page", 1, 1, 1_000_000), p.intValue("perpage", 25, 1, 500));
        return obj("commissions", page.commissions().stream().map(c -> obj("id", c.id(), "affiliate_id", c.affiliateId(),
                "client_id", c.clientId(), "invoice_id", c.invoiceId(), "plan_id", c.planId(),
                "base", Money.format(c.base(), c.currency()), "amount", Money.format(c.amount(), c.currency()), "currency", c.currency(),
                "status", c.status(), "payable_on", Times.date(c.payableOn()), "created_at", Times.stamp(c.createdAt()),
                "updated_at", Times.stamp(c.updatedAt()))).toList(),
                "total", page.total(), "page", page.page(), "perpage", page.perPage());
    }

    /** {@code POST /affiliate-commissions/approve-due}: approves now what the scheduled task would (held commissions whose hold ended). */
    public Object approveDue(Call call) {
        return obj("approved", commissions.approveDue());
    }

    // Payouts

    public Object payouts(Call call) {
        var p = call.params();
        var page = commissions.payouts(p.id("affiliate_id").orElse(null), p.string("status").filter(s -> !s.isBlank()).orElse(null),
                p.intValue("page", 1, 1, 1_000_000), p.intValue("perpage", 25, 1, 500));
        return obj("payouts", page.payouts().stream().map(AffiliateAdminHandlers::payout).toList(), "total", page.total(),
                "page", page.page(), "perpage", page.perPage());
    }

    /** {@code POST /affiliate-payouts/@id/pay {method: credit|external, reference?}}. */
    public Object pay(Call call) {
        var p = call.params();
        return obj("payout", payout(commissions.pay(call.pathId("id"), p.required("method"), p.string("reference").orElse(null), staff(call))));
    }

    public Object reject(Call call) {
        return obj("payout", payout(commissions.reject(call.pathId("id"), call.params().string("reason").orElse(null), staff(call))));
    }

    private static Map<String, Object> payout(Payout p) {
        return obj("id", p.id(), "affiliate_id", p.affiliateId(), "amount", Money.format(p.amount(), p.currency()), "currency", p.currency(),
                "status", p.status(), "method", p.method(), "reference", p.reference(), "notes", p.notes(), "processed_by", p.processedBy(),
                "created_at", Times.stamp(p.createdAt()), "processed_at", p.processedAt() == null ? null : Times.stamp(p.processedAt()));
    }

    // Campaigns

    public Object campaigns(Call call) {
        return obj("campaigns", affiliates.campaigns(false).stream().map(AffiliateAdminHandlers::campaign).toList());
    }

    public Object createCampaign(Call call) {
        var p = call.params();
        return Reply.json(201, obj("campaign", campaign(affiliates.createCampaign(p.string("name").orElse(null), p.string("url").orElse(null),
                p.string("description").orElse(null), bool(p, "enabled")))));
    }

    public Object updateCampaign(Call call) {
        var p = call.params();
        return obj("campaign", campaign(affiliates.updateCampaign(call.pathId("id"), p.string("name").orElse(null), p.string("url").orElse(null),
                p.string("description").orElse(null), bool(p, "enabled"))));
    }

    public Object deleteCampaign(Call call) {
        affiliates.deleteCampaign(call.pathId("id"));
        return obj("deleted", true);
    }

    private static Map<String, Object> campaign(Campaign c) {
        return obj("id", c.id(), "name", c.name(), "url", c.url(), "description", c.description(), "enabled", c.enabled(),
                "created_at", Times.stamp(c.createdAt()), "updated_at", Times.stamp(c.updatedAt()));
    }

    private static String staff(Call call) {
        return "staff:" + call.get(AdminKeys.Staff.class).name();
    }
}
