package io.steward.affiliate;

import io.steward.billing.BillingFeature;
import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import io.steward.order.OrderService;
import io.steward.promo.PromoService;
import io.steward.scheduler.JobScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The affiliate feature assembled: attribution follows placed orders, commissions follow the
 * referred clients' invoices (both inside the causing transaction), and a recurring task approves
 * held commissions whose hold ended ({@code affiliates.approve-interval}, default one hour).
 */
public final class AffiliateFeature {
    private final AffiliateService affiliates;
    private final CommissionService commissions;
    private final AffiliateClientHandlers client;
    private final AffiliateAdminHandlers admin;
    private final AffiliateStore store;
    private final Clock clock;

    public AffiliateFeature(Db db, Clock clock, Config config, PromoService promos, BillingFeature billing, OrderService orders,
                            JobScheduler scheduler, Outbox outbox, io.steward.notification.Notifier notifier,
                            LongFunction<String> currencyOf) {
        this.store = new AffiliateStore(db);
        this.clock = clock;
        this.affiliates = new AffiliateService(db, clock, store, promos, currencyOf);
        this.commissions = new CommissionService(db, clock, store, new LedgerStore(db), billing.credit(), outbox, notifier);
        orders.addListener(affiliates);
        billing.invoices().addListener(commissions);
        scheduler.recurring("affiliate-commission-approval", config.getDuration("affiliates.approve-interval", Duration.ofHours(1)),
                commissions::approveDue);
        this.client = new AffiliateClientHandlers(affiliates, commissions);
        this.admin = new AffiliateAdminHandlers(affiliates, commissions);
    }

    public AffiliateService affiliates() { return affiliates; }

    public CommissionService commissions() { return commissions; }

    public AffiliateClientHandlers clientHandlers() { return client; }

    public AffiliateAdminHandlers adminHandlers() { return admin; }

    /**
     * Why a client cannot be deleted: it is an affiliate (its referrals, commissions and payouts
     * refer to it; staff disable it instead).
     */
    public Optional<String> blockingDeletion(long clientId) {
        return store.byClient(clientId).map(a -> commissions.hasMoney(a.id())
                ? "it is affiliate " + a.id() + " with commissions or payouts on record"
                : "it is affiliate " + a.id());
    }

    /** Why a client's billing currency cannot change: its affiliate account has money in that currency. */
    public Optional<String> fixingCurrency(long clientId) {
        return store.byClient(clientId).filter(a -> commissions.hasMoney(a.id()))
                .map(a -> "its affiliate account has commissions or payouts in " + a.currency());
    }

    public AffiliateDemo demo(BillingFeature billing, io.steward.account.ClientAdminService clients) {
        return new AffiliateDemo(affiliates, store, billing.invoices(), billing.payments(), clients, promos(), clock);
    }

    private PromoService promos() { return affiliates.promos(); }
}
