package io.steward.order;

import io.steward.tax.TaxResult;
import io.steward.tax.TaxableLine;
import java.util.List;

/**
 * The tax seam quotes use: the same computation billing applies when it issues the order's
 * invoice (the tax feature's {@code TaxService.compute}), so a quote's tax equals the invoice's.
 */
@FunctionalInterface
public interface OrderTax {
    TaxResult compute(long clientId, String currency, List<TaxableLine> lines);
}
