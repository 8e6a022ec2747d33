package io.steward.affiliate;

import io.steward.account.ClientAdminService;
import io.steward.account.ProfileInput;
import io.steward.billing.BillingService;
import io.steward.billing.InvoiceDraft;
import io.steward.billing.PaymentService;
import io.steward.core.Times;
import io.steward.promo.PromoInput;
import io.steward.promo.PromoService;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The affiliate part of the demo set: a default 10% recurring plan with a 30-day hold, the demo
 * client as an affiliate on it with the voucher {@code DEMOREF} and a campaign, and one referred
 * client ({@code referred@example.com}) whose paid invoice earned a commission (Pending during
 * the hold). Idempotent: each part is created only when missing.
 */
public final class AffiliateDemo {
    public static final String REFERRED_EMAIL = "referred@example.com";
    public static final String REFERRED_PASSWORD = "Referred-pass-1";
    private static final Logger LOG = LoggerFactory.getLogger(AffiliateDemo.class);

    private final AffiliateService affiliates;
    private final AffiliateStore store;
    private final BillingService billing;
    private final PaymentService payments;
    private final ClientAdminService clients;
    private final PromoService promos;
    private final java.time.Clock clock;

    AffiliateDemo(AffiliateService affiliates, AffiliateStore store, BillingService billing, PaymentService payments,
                  ClientAdminService clients, PromoService promos, java.time.Clock clock) {
        this.clock = clock;
        this.affiliates = affiliates;
        this.store = store;
        this.billing = billing;
        this.payments = payments;
        this.clients = clients;
        this.promos = promos;
    }

    public void load(long demoClientId) {
        if (affiliates.plans().isEmpty()) {
            affiliates.createPlan(new PlanInput("Standard", "percent", "10", null, true, "30", true));
        }
        if (affiliates.campaigns(false).isEmpty()) {
            affiliates.createCampaign("Shared hosting", "https://www.example.com/hosting", "Our shared hosting plans", true);
        }
        Affiliate a = affiliates.activate(demoClientId, null);
        if (promos.find("DEMOREF").isEmpty()) {
            var p = promos.create(new PromoInput("DEMOREF", "percent", "5", null, false, List.of(), List.of(), "", "", "",
                    true, true, "Voucher of the demo affiliate: 5% off a new client's first invoice"));
            affiliates.bindVoucher(a.id(), p.id());
        }
        var existing = clients.search(REFERRED_EMAIL, null, 1, 10).clients().stream()
                .filter(c -> c.profile().email().equalsIgnoreCase(REFERRED_EMAIL)).findFirst();
        if (existing.isPresent()) return;
        var referred = clients.create(new ProfileInput(REFERRED_EMAIL, "Riley", "Referred", "", "2 Example Street", "",
                "Springfield", "Oregon", "97477", "US", "+1.5415550102", "Private", "", false, false, "", ""),
                REFERRED_PASSWORD, "Active", "Demo client referred by the demo affiliate");
        store.insertReferral(referred.id(), a.id(), null, "aff_id", Times.now(clock));
        // Paying the invoice goes through billing's listeners, so the commission is recorded the real way.
        var invoice = billing.issue(InvoiceDraft.of(referred.id(), List.of(InvoiceDraft.Line.of("Hosting",
                "Business Hosting - riley.example.com (first year)", new BigDecimal("120.00"), true)))).invoice().orElseThrow();
        payments.recordPayment(invoice.id(), new PaymentService.PaymentInput(null, invoice.invoice().total(), null, "DEMO-BANK-0002", null), "demo");
        LOG.info("demo affiliate loaded: affiliate {} with referred client {}", a.id(), REFERRED_EMAIL);
    }
}
