package io.steward.cdn;

import io.steward.catalog.CatalogAdmin;
import io.steward.core.BillingCycle;
import io.steward.core.Json;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.names.NameClaims;
import io.steward.service.ServiceOperations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The demo client's CDN service: one Active "CDN" service with the resource
 * {@value #RESOURCE} in front of {@value #ORIGIN}, on the default CDN instance (the sandbox edge).
 * Idempotent: nothing happens once that resource exists.
 */
public final class CdnDemo {
    public static final String RESOURCE = "cdn.demo-hosting.example.com";
    public static final String PRODUCT = "CDN Edge";
    public static final String ORIGIN = "http://127.0.0.1:8080";

    private final CdnService cdn;
    private final ServiceOperations services;
    private final Db db;
    private final Clock clock;
    private final NameClaims claims;

    CdnDemo(CdnService cdn, ServiceOperations services, Db db, Clock clock, NameClaims claims) {
        this.claims = claims;
        this.cdn = cdn;
        this.services = services;
        this.db = db;
        this.clock = clock;
    }

    /**
     * Adds the demo catalog's CDN category and its "CDN Edge" product (of type cdn) unless the
     * category is there, and the demo client's service with its resource unless that exists.
     */
    public void load(long clientId, CatalogAdmin catalog, String currency, LongConsumer markActive) {
        Long productId = db.tx(() -> {
            var existing = catalog.categories().stream().filter(c -> c.spec().slug().equals("cdn")).findFirst();
            if (existing.isPresent()) {
                return catalog.products(null).stream().filter(p -> p.name().equals(PRODUCT)).map(p -> p.id()).findFirst().orElse(null);
            }
            long category = catalog.createCategory(Json.tree(Map.of("name", "CDN", "description", "Content delivery in front of your site.",
                    "slug", "cdn", "sort_order", 7))).id();
            return catalog.createProduct(Json.tree(Map.of("category_id", category, "name", PRODUCT, "type", "cdn",
                    "description", "Edge caching for up to 5 hostnames, purge by API.",
                    "prices", Map.of("USD", Map.of("m", Map.of("price", "5.00", "setup", "0"), "a", Map.of("price", "50.00", "setup", "0")),
                            "EUR", Map.of("m", Map.of("price", "4.50", "setup", "0"), "a", Map.of("price", "45.00", "setup", "0")))))).id();
        });
        if (cdn.all().stream().anyMatch(r -> r.name().equals(RESOURCE))) return;
        long serviceId = db.tx(() -> {
            LocalDate registered = Times.now(clock).toLocalDate().minusDays(20);
            LocalDate nextDue = BillingCycle.MONTHLY.next(registered, registered.getDayOfMonth());
            long id = services.createPending(new ServiceOperations.NewService(clientId, productId, null, PRODUCT, "CDN", "cdn",
                    BillingCycle.MONTHLY, currency, new BigDecimal(currency.equals("EUR") ? "4.50" : "5.00"),
                    new BigDecimal(currency.equals("EUR") ? "4.50" : "5.00"), registered, nextDue,
                    nextDue.minusDays(14), RESOURCE, "", null, null, false, "{}"));
            markActive.accept(id);
            return id;
        });
        try {
            claims.requireClaim(clientId, RESOURCE);
        } catch (io.steward.core.StewardException e) {
            claims.assign(clientId, RESOURCE);
        }
        cdn.add(serviceId, RESOURCE, ORIGIN, null);
    }
}
