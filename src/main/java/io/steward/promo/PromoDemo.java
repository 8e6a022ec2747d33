package io.steward.promo;

import java.util.List;

/**
 * Demo promo codes. Idempotent: a code that exists is left as it is. Neither is bound to products
 * yet (the catalog is its own feature); HOST5 is meant for the hosting products and gets them
 * when the catalog's demo products exist.
 */
public final class PromoDemo {
    private final PromoService promos;

    public PromoDemo(PromoService promos) {
        this.promos = promos;
    }

    public void load() {
        if (promos.find("WELCOME10").isEmpty()) {
            promos.create(new PromoInput("WELCOME10", "percent", "10", null, false, List.of(), List.of(), "", "", "",
                    true, true, "10% off the first invoice of a new client's first order"));
        }
        if (promos.find("HOST5").isEmpty()) {
            promos.create(new PromoInput("HOST5", "fixed", "5.00", "USD", true, List.of(), List.of(), "", "", "",
                    false, true, "5.00 USD off every invoice of a hosting service"));
        }
    }
}
