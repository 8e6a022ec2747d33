package io.steward.m365;

import io.steward.modules.ModuleProvider;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Microsoft Cloud Solution Provider (module kind {@code m365}): tenants
 * ({@code <name>.onmicrosoft.com}), the catalog of offers with per-seat prices per term and
 * billing cycle (new-commerce terms such as {@code P1Y:P1M}), and subscriptions of a tenant.
 */
public interface CspModule extends ModuleProvider {
    /** An offer; {@code prices} maps {@code TERM:CYCLE} to the price of one seat for one billing cycle. */
    record Offer(int id, String title, String description, String productSku, String offerId, Map<String, BigDecimal> prices, String currency) {}

    record CspSubscription(String id, String tenantId, int offerId, int quantity, String term, String cycle, String orderId) {}

    boolean tenantAvailable(String domain);

    /** Creates the tenant {@code domain}; its tenant id. A taken name is a conflict. */
    String createTenant(String domain);

    List<Offer> catalog();

    Optional<Offer> offer(int id);

    /** The catalog priced in {@code currency} (ISO 4217): the offers sold in that currency only. */
    List<Offer> catalog(String currency);

    /** Offer {@code id} priced in {@code currency}; empty when it is not sold in that currency. */
    Optional<Offer> offer(int id, String currency);

    CspSubscription subscribe(String tenantId, int offerId, int quantity, String term, String cycle);

    CspSubscription setQuantity(String subscriptionId, int quantity);

    /** Cancels the subscription: no more seats are billed for it. Idempotent. */
    void cancel(String subscriptionId);

    /** Suspends an active subscription (its users lose access, the seats stay). Idempotent; a cancelled one stays cancelled. */
    void suspend(String subscriptionId);

    /** Resumes a suspended subscription. Idempotent; a cancelled one stays cancelled. */
    void resume(String subscriptionId);
}
