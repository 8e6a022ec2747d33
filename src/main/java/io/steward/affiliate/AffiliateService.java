package io.steward.affiliate;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.order.Order;
import io.steward.order.OrderListener;
import io.steward.promo.Promo;
import io.steward.promo.PromoService;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Affiliate accounts, commission plans, campaigns, vouchers and referral attribution.
 *
 * <p>Attribution ({@link OrderListener}): an order of a client with no earlier paid order and no
 * referrer yet names its affiliate with {@code aff_id}, or with a voucher (a promo code bound to
 * an affiliate) that discounted it; {@code aff_id} wins when both are given. The first
 * attribution wins. An unknown or disabled affiliate, or the client's own affiliate account, is
 * ignored rather than refused: a stale referral link must never cost an order.
 */
public final class AffiliateService implements OrderListener {
    private final Db db;
    private final Clock clock;
    private final AffiliateStore store;
    private final PromoService promos;
    private final LongFunction<String> currencyOf;

    AffiliateService(Db db, Clock clock, AffiliateStore store, PromoService promos, LongFunction<String> currencyOf) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.promos = promos;
        this.currencyOf = currencyOf;
    }

    PromoService promos() { return promos; }

    // Affiliate accounts

    /**
     * Makes the client an affiliate (idempotent: an existing affiliate is returned as it is), on
     * {@code planId} or else the default plan. Its currency is the client's billing currency.
     */
    public Affiliate activate(long clientId, Long planId) {
        return db.tx(() -> {
            Optional<Affiliate> existing = store.byClient(clientId);
            if (existing.isPresent()) return existing.get();
            String currency = currencyOf.apply(clientId);
            // An affiliate always has a plan: without one its referrals would earn nothing, silently.
            long plan = planId != null ? requirePlanField(planId).id() : store.defaultPlan().map(Plan::id).orElseThrow(() ->
                    StewardException.invalid(Map.of("plan_id", List.of("No default commission plan is set up: name a plan"))));
            store.insertAffiliate(clientId, plan, currency, Times.now(clock));
            return store.byClient(clientId).orElseThrow();
        });
    }

    public Optional<Affiliate> ofClient(long clientId) {
        return store.byClient(clientId);
    }

    /** The caller's affiliate account; a client that has not joined gets 404 {@code not_affiliate}. */
    public Affiliate requireOfClient(long clientId) {
        return store.byClient(clientId).orElseThrow(() -> new StewardException(io.steward.core.ErrorCode.NOT_FOUND,
                List.of("not_affiliate"), Map.of()));
    }

    public Affiliate get(long id) {
        return store.affiliate(id).orElseThrow(() -> StewardException.notFound("Affiliate not found"));
    }

    public record Page(List<Affiliate> affiliates, int total, int page, int perPage) {}

    public Page list(Long clientId, String status, int page, int perPage) {
        if (status != null && !List.of(Affiliate.ACTIVE, Affiliate.DISABLED).contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be Active or Disabled")));
        }
        return db.tx(() -> new Page(store.list(clientId, status, page, perPage), store.count(clientId, status), page, perPage));
    }

    /** Staff change an affiliate's plan and status; null leaves a field as it is (a plan is changed, never removed). */
    public Affiliate update(long id, Long planId, String status) {
        if (status != null && !List.of(Affiliate.ACTIVE, Affiliate.DISABLED).contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be Active or Disabled")));
        }
        return db.tx(() -> {
            Affiliate a = store.affiliateForUpdate(id).orElseThrow(() -> StewardException.notFound("Affiliate not found"));
            Long plan = planId != null ? Long.valueOf(requirePlanField(planId).id()) : a.planId();
            store.updateAffiliate(id, plan, status == null ? a.status() : status, Times.now(clock));
            return get(id);
        });
    }

    public int referrals(long affiliateId) {
        return store.referrals(affiliateId);
    }

    /** The affiliate that referred a client, if any. */
    public Optional<Affiliate> referrerOf(long clientId) {
        return store.referrerOf(clientId).flatMap(store::affiliate);
    }

    // Attribution

    @Override
    public void orderPlaced(Order order, boolean clientWasNew) {
        if (!clientWasNew || store.referrerOf(order.clientId()).isPresent()) return;
        Optional<Affiliate> byId = Optional.ofNullable(order.affId()).flatMap(store::affiliate).filter(a -> eligible(a, order.clientId()));
        if (byId.isPresent()) {
            store.insertReferral(order.clientId(), byId.get().id(), order.id(), "aff_id", Times.now(clock));
            return;
        }
        Optional.ofNullable(order.promoCodeId()).flatMap(promos::affiliateOf).flatMap(store::affiliate)
                .filter(a -> eligible(a, order.clientId()))
                .ifPresent(a -> store.insertReferral(order.clientId(), a.id(), order.id(), "voucher", Times.now(clock)));
    }

    /** A client cannot refer itself, and a disabled affiliate gains no referrals. */
    private static boolean eligible(Affiliate a, long clientId) {
        return a.active() && a.clientId() != clientId;
    }

    // Plans

    public List<Plan> plans() {
        return store.plans();
    }

    public Plan plan(long id) {
        return store.plan(id).orElseThrow(() -> StewardException.notFound("Commission plan not found"));
    }

    private Plan requirePlanField(long id) {
        return store.plan(id).orElseThrow(() -> StewardException.invalid(Map.of("plan_id", List.of("No commission plan " + id))));
    }

    public Plan createPlan(PlanInput input) {
        var v = new Validation();
        Plan p = input.applyTo(null, v);
        v.throwIfAny();
        return db.tx(() -> {
            long id = store.insertPlan(p, Times.now(clock));
            if (p.isDefault()) store.clearDefaultExcept(id);
            return plan(id);
        });
    }

    public Plan updatePlan(long id, PlanInput input) {
        return db.tx(() -> {
            store.lockPlan(id);
            Plan current = plan(id);
            var v = new Validation();
            Plan next = input.applyTo(current, v);
            v.throwIfAny();
            store.updatePlan(next, Times.now(clock));
            if (next.isDefault()) store.clearDefaultExcept(id);
            return plan(id);
        });
    }

    /** Deletes a plan no affiliate and no commission refers to. */
    public void deletePlan(long id) {
        db.txRun(() -> {
            store.lockPlan(id);
            Plan p = plan(id);
            if (store.planInUse(id)) throw StewardException.conflict("Commission plan " + p.name() + " is assigned to affiliates or commissions");
            store.deletePlan(id);
        });
    }

    // Campaigns

    public List<Campaign> campaigns(boolean enabledOnly) {
        return store.campaigns(enabledOnly);
    }

    public Campaign campaign(long id) {
        return store.campaign(id).orElseThrow(() -> StewardException.notFound("Campaign not found"));
    }

    public Campaign createCampaign(String name, String url, String description, Boolean enabled) {
        Campaign c = validCampaign(null, name, url, description, enabled);
        return db.tx(() -> campaign(store.insertCampaign(c, Times.now(clock))));
    }

    public Campaign updateCampaign(long id, String name, String url, String description, Boolean enabled) {
        return db.tx(() -> {
            Campaign c = validCampaign(campaign(id), name, url, description, enabled);
            store.updateCampaign(c, Times.now(clock));
            return campaign(id);
        });
    }

    public void deleteCampaign(long id) {
        if (!db.tx(() -> store.deleteCampaign(id))) throw StewardException.notFound("Campaign not found");
    }

    private static Campaign validCampaign(Campaign base, String name, String url, String description, Boolean enabled) {
        boolean creating = base == null;
        var v = new Validation();
        String n = name == null ? (creating ? "" : base.name()) : name.strip();
        if (n.isEmpty() || n.length() > 100) v.add("name", "Name is required, at most 100 characters");
        String u = url == null ? (creating ? "" : base.url()) : url.strip();
        if (!httpUrl(u)) v.add("url", "URL must be an absolute http or https address of at most 500 characters");
        String d = description == null ? (creating ? "" : base.description()) : description.strip();
        if (d.length() > 1000) v.add("description", "Description must be at most 1000 characters");
        v.throwIfAny();
        return new Campaign(creating ? 0 : base.id(), n, u, d, enabled == null ? creating || base.enabled() : enabled,
                null, null);
    }

    private static boolean httpUrl(String u) {
        if (u.isEmpty() || u.length() > 500) return false;
        try {
            URI uri = new URI(u);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    // Vouchers

    public List<Promo> vouchers(long affiliateId) {
        return promos.boundTo(affiliateId);
    }

    /** Binds a promo code to the affiliate; a code bound to another affiliate is a 409. */
    public Promo bindVoucher(long affiliateId, long promoId) {
        return db.tx(() -> {
            get(affiliateId);
            Promo p = promos.get(promoId);
            promos.affiliateOf(p.id()).filter(other -> other != affiliateId).ifPresent(other -> {
                throw StewardException.conflict("Promo code " + p.code() + " is a voucher of affiliate " + other);
            });
            return promos.bindAffiliate(promoId, affiliateId);
        });
    }

    public void unbindVoucher(long affiliateId, long promoId) {
        db.txRun(() -> {
            get(affiliateId);
            if (promos.affiliateOf(promoId).filter(a -> a == affiliateId).isEmpty()) {
                throw StewardException.notFound("Promo code " + promoId + " is not a voucher of this affiliate");
            }
            promos.bindAffiliate(promoId, null);
        });
    }
}
