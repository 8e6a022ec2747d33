package io.steward.order;

import static io.steward.core.Json.obj;

import io.steward.auth.AdminKeys;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;

/** The admin API's orders: list, get, set status (Cancelled / Fraud), and place an order for a client. Ids are numbers. */
public final class OrderAdminHandlers {
    private final OrderService orders;
    private final Idempotency idempotency;

    public OrderAdminHandlers(OrderService orders) {
        this.orders = orders;
        this.idempotency = new Idempotency(orders.db(), orders.clock(), orders.store());
    }

    /** {@code GET /orders?client_id=&status=&page=&perpage=}, newest first. */
    public Object list(Call call) {
        var p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 25, 1, 500);
        Long clientId = p.id("client_id").orElse(null);
        String status = p.string("status").filter(s -> !s.isBlank()).orElse(null);
        var result = orders.list(clientId, status, page, perPage);
        return obj("orders", result.orders().stream().map(OrderAdminHandlers::shape).toList(), "total", result.total(),
                "page", result.page(), "perpage", result.perPage());
    }

    public Object get(Call call) {
        return obj("order", shape(orders.get(call.pathId("id"))));
    }

    /** {@code PUT /orders/@id/status {"status": "Cancelled" | "Fraud"}}. */
    public Object setStatus(Call call) {
        return obj("order", shape(orders.setStatus(call.pathId("id"), call.params().required("status"), staff(call))));
    }

    /**
     * {@code POST /orders}: {@code client_id} and the client API's {@code POST /order} parameters
     * (items, pay_method, promocode, aff_id, ignore_errors); honours {@code Idempotency-Key}.
     */
    public Object create(Call call) {
        long clientId = call.params().id("client_id")
                .orElseThrow(() -> OrderParams.invalid("client_id", "Client id is required"));
        String key = call.header(OrderClientHandlers.IDEMPOTENCY_HEADER).orElse(null);
        String hash = key == null ? "" : Idempotency.hash("admin POST /orders", call.params().tree());
        Object body = idempotency.run(clientId, key == null ? null : "admin:" + key, hash, () -> {
            var placed = orders.place(clientId, OrderParams.multiple(call.params()), staff(call));
            return obj("order", shape(placed.order()));
        });
        return Reply.json(201, body);
    }

    static Map<String, Object> shape(Order o) {
        return obj("id", o.id(), "client_id", o.clientId(), "order_num", o.orderNum(), "status", o.status(),
                "invoice_id", o.invoiceId(), "promo_code_id", o.promoCodeId(), "aff_id", o.affId(), "pay_method", o.gatewayId(),
                "currency", o.currency(), "total", Money.format(o.total(), o.currency()), "placed_by", o.placedBy(),
                "created_at", Times.stamp(o.createdAt()), "updated_at", Times.stamp(o.updatedAt()),
                "items", o.items().stream().map(i -> obj("product_id", i.productId(), "service_id", i.serviceId(), "quantity", i.quantity(), "domain_id", i.domainId())).toList());
    }

    private static String staff(Call call) {
        return "staff:" + call.get(AdminKeys.Staff.class).name();
    }
}
