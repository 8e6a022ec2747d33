package io.steward.order;

import io.steward.catalog.OrderableProduct;
import io.steward.catalog.PricedConfiguration;
import io.steward.core.BillingCycle;
import io.steward.promo.Promo;
import io.steward.tax.TaxResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An order evaluated but not placed: per item its product, configuration, first-invoice plan per
 * unit and any errors; the promo code; and the invoice it would issue. {@code cost} is the
 * invoice's subtotal (lines after discount, plus the gateway fee), {@code total} its total.
 */
public record Quote(String currency, List<EvaluatedItem> items, Promo promo, BigDecimal gross, BigDecimal discount,
                    BigDecimal fee, String feeName, BigDecimal cost, TaxResult tax, BigDecimal total,
                    Map<BillingCycle, BigDecimal> recurring) {

    /**
     * One requested item: valid with its product, priced configuration and one plan per unit (and
     * the promo discount per unit on the first invoice and on each renewal, zero when the code
     * does not apply to it or, for renewals, is not recurring), or a domain item evaluated by the
     * domain feature ({@code domain}), or invalid with errors. A certificate item is a product item
     * whose {@code certificate} says what the ssl feature made of its parameters.
     */
    public record EvaluatedItem(int index, OrderRequest.Item request, OrderableProduct product, PricedConfiguration priced,
                                List<OrderPlanner.Plan> units, BigDecimal discountPerUnit, BigDecimal recurringDiscountPerUnit,
                                List<String> errors, boolean notFound, DomainItems.Evaluated domain,
                                CertificateItems.Evaluated certificate) {
        public EvaluatedItem(int index, OrderRequest.Item request, OrderableProduct product, PricedConfiguration priced,
                             List<OrderPlanner.Plan> units, BigDecimal discountPerUnit, BigDecimal recurringDiscountPerUnit,
                             List<String> errors, boolean notFound, DomainItems.Evaluated domain) {
            this(index, request, product, priced, units, discountPerUnit, recurringDiscountPerUnit, errors, notFound, domain, null);
        }

        public EvaluatedItem(int index, OrderRequest.Item request, OrderableProduct product, PricedConfiguration priced,
                             List<OrderPlanner.Plan> units, BigDecimal discountPerUnit, BigDecimal recurringDiscountPerUnit,
                             List<String> errors, boolean notFound) {
            this(index, request, product, priced, units, discountPerUnit, recurringDiscountPerUnit, errors, notFound, null, null);
        }

        public boolean valid() { return errors.isEmpty(); }

        /** What a unit's service renews at: its recurring amount less a recurring promo's discount. */
        public BigDecimal renewsAt(OrderPlanner.Plan unit) {
            return unit.recurring().subtract(recurringDiscountPerUnit).max(BigDecimal.ZERO);
        }

        public int quantity() { return priced == null ? 0 : priced.quantity(); }
    }

    public List<EvaluatedItem> valid() {
        return items.stream().filter(EvaluatedItem::valid).toList();
    }
}
