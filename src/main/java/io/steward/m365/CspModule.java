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

    CspSubscription subscribe(String tenantId, int offerId, int quantity, String term, String cycle);

    CspSubscription setQuantity(String subscriptionId, int quantity);
}
