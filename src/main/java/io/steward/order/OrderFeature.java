package io.steward.order;

import io.steward.billing.BillingFeature;
import io.steward.catalog.CatalogService;
import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.promo.PromoService;
import io.steward.service.ServiceOperations;
import java.time.Clock;
import java.util.function.LongFunction;

/**
 * The order feature assembled: {@link OrderService} (registered with billing as a listener) and
 * its client and admin handlers. Settings: {@code orders.prorata-min-days} (default 14: a shorter
 * pro-rata stub also bills the next full period) and {@code billing.renewal-lead-days} (default
 * 14: a new service's first renewal invoice is due that many days before next_due, unless its
 * product says otherwise).
 */
public final class OrderFeature {
    private final OrderService service;
    private final OrderClientHandlers client;
    private final OrderAdminHandlers admin;
    private final OrderDemo demo;

    public OrderFeature(Db db, Clock clock, Config config, CatalogService catalog, PromoService promos, BillingFeature billing,
                        ServiceOperations services, OrderTax tax, LongFunction<String> currencyOf) {
        this.service = new OrderService(db, clock, catalog, promos, billing.invoices(), billing.gateways(), services, tax, currencyOf,
                config.getInt("orders.prorata-min-days", 14), config.getInt("billing.renewal-lead-days", 14));
        this.client = new OrderClientHandlers(service);
        this.admin = new OrderAdminHandlers(service);
        this.demo = new OrderDemo(db, service, billing.payments());
    }

    public OrderService orders() { return service; }

    public OrderClientHandlers clientHandlers() { return client; }

    public OrderAdminHandlers adminHandlers() { return admin; }

    public OrderDemo demo() { return demo; }
}
