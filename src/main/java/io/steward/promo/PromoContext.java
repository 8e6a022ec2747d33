package io.steward.promo;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a promo code is being applied to: one ordered (or renewed) product, its billing cycle, the
 * order's currency, the amounts of the lines the code may discount (each rounded already: the
 * product's price, its setup fee, its options — the caller decides which), whether the client is
 * new (no earlier paid order; the order feature knows), and whether this is a renewal invoice
 * rather than the first one.
 */
public record PromoContext(long productId, String cycle, String currency, List<BigDecimal> lineAmounts,
                           boolean clientIsNew, boolean renewal) {
    public PromoContext {
        lineAmounts = List.copyOf(lineAmounts);
    }

    /** A first order. */
    public static PromoContext order(long productId, String cycle, String currency, List<BigDecimal> lineAmounts, boolean clientIsNew) {
        return new PromoContext(productId, cycle, currency, lineAmounts, clientIsNew, false);
    }

    /** A renewal of a service ordered with the code. */
    public static PromoContext renewal(long productId, String cycle, String currency, List<BigDecimal> lineAmounts) {
        return new PromoContext(productId, cycle, currency, lineAmounts, false, true);
    }
}
