package io.steward.upgrade;

import io.steward.billing.BillingFeature;
import io.steward.catalog.CatalogService;
import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.order.OrderService;
import io.steward.service.ServiceFeature;
import java.time.Clock;

/**
 * Service upgrades and downgrades assembled. It follows billing (an upgrade invoice paid applies
 * the change, cancelled drops it) and orders (a new service's options are recorded). Configuration:
 * {@code upgrades.downgrade-credit} ({@code credit} or {@code none}; {@code credit} by default),
 * the setting's value until staff set it through the admin API.
 */
public final class UpgradeFeature {
    private final UpgradeService service;

    public UpgradeFeature(Db db, Clock clock, Config config, CatalogService catalog, ServiceFeature services, BillingFeature billing,
                          OrderService orders) {
        String credit = config.get("upgrades.downgrade-credit", "credit").trim().toLowerCase(java.util.Locale.ROOT);
        if (!UpgradeService.CREDIT_SETTINGS.contains(credit)) throw new IllegalArgumentException("upgrades.downgrade-credit must be credit or none");
        this.service = new UpgradeService(db, clock, catalog, services.services(), billing.invoices(), billing.credit(), new UpgradeStore(db), credit);
        billing.invoices().addListener(service);
        orders.addListener(service);
        services.addMethods(service::methods);
    }

    public UpgradeService upgrades() { return service; }

    public UpgradeClientHandlers clientHandlers() { return new UpgradeClientHandlers(service); }

    public UpgradeAdminHandlers adminHandlers() { return new UpgradeAdminHandlers(service); }
}
