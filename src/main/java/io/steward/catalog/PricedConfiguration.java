package io.steward.catalog;

import io.steward.core.BillingCycle;
import io.steward.core.Money;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A priced configuration of one unit of a product: the product line first, then one line per
 * chosen option (in the product's form order, zero-priced choices included so the order records
 * the whole configuration), then one per addon. Amounts are rounded once, per line, to the
 * currency's scale.
 */
public record PricedConfiguration(long productId, String productName, Product.Type type, BillingCycle cycle,
                                  String currency, int quantity, List<Line> lines) {

    public enum Kind { PRODUCT, OPTION, ADDON }

    /**
     * One priced line. {@code recurring} is the amount per period of {@code cycle} (for
     * {@code Once} the one-time price, for {@code Free} zero); {@code setup} is charged once with
     * the first period. {@code quantity} is the units of a quantity/slider option (else 1; the amounts
     * already include it); {@code value} is what the customer chose (item name, number or text);
     * {@code moduleValue} is what a server module receives for it. Ids name what the line prices:
     * the product always; the form and item for an option; the addon for an addon.
     */
    public record Line(Kind kind, String description, BillingCycle cycle, BigDecimal recurring, BigDecimal setup,
                       int quantity, long productId, Long formId, Long itemId, Long addonId, String value,
                       String moduleValue) {}

    public PricedConfiguration {
        lines = List.copyOf(lines);
    }

    /** Setup fees of every line. */
    public BigDecimal setupTotal() {
        return Money.sum(lines.stream().map(Line::setup).toList());
    }

    /** What the first invoice charges before proration, discounts and tax: every line's period plus setup. */
    public BigDecimal firstPeriodTotal() {
        return Money.sum(lines.stream().map(l -> l.recurring().add(l.setup())).toList());
    }

    /** Recurring amounts summed per cycle (an addon may renew on a cycle of its own); Free and Once excluded. */
    public Map<BillingCycle, BigDecimal> recurringByCycle() {
        var out = new EnumMap<BillingCycle, BigDecimal>(BillingCycle.class);
        for (Line l : lines) {
            if (l.cycle().recurring()) out.merge(l.cycle(), l.recurring(), BigDecimal::add);
        }
        return out;
    }
}
