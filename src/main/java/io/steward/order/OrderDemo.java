package io.steward.order;

import io.steward.billing.PaymentService;
import io.steward.core.Json;
import io.steward.db.Db;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order part of the demo set: a paid order (its invoice paid by a staff-recorded bank
 * transfer, so its service is provisioned) and a pending order (its invoice unpaid, its service
 * waiting), both placed through {@link OrderService#place} as a client would. Runs once per
 * client: a client that already has orders is left alone.
 */
public final class OrderDemo {
    private static final Logger LOG = LoggerFactory.getLogger(OrderDemo.class);

    private final Db db;
    private final OrderService orders;
    private final PaymentService payments;

    OrderDemo(Db db, OrderService orders, PaymentService payments) {
        this.db = db;
        this.orders = orders;
        this.payments = payments;
    }

    /** Places the demo orders for {@code clientId}: {@code paidProductId} paid, {@code pendingProductId} pending (monthly both). */
    public void load(long clientId, long paidProductId, long pendingProductId) {
        db.txRun(() -> {
            if (orders.list(clientId, null, 1, 1).total() > 0) return;
            var paid = orders.place(clientId, request(paidProductId, "demo.example.com"), "demo");
            payments.recordPayment(paid.invoice().id(), new PaymentService.PaymentInput(null, paid.invoice().invoice().total(), null,
                    "DEMO-BANK-ORDER-" + paid.order().orderNum(), null), "demo");
            orders.place(clientId, request(pendingProductId, "shop.demo.example.com"), "demo");
            LOG.info("demo orders loaded for client {}: one paid, one pending", clientId);
        });
    }

    private static OrderRequest request(long productId, String domain) {
        var params = Json.MAPPER.valueToTree(Map.of("cycle", "m", "domain", domain));
        return new OrderRequest(List.of(new OrderRequest.Item("product", productId, domain, (com.fasterxml.jackson.databind.JsonNode) params)),
                null, null, null, false);
    }
}
