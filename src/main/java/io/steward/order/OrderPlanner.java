package io.steward.order;

import io.steward.billing.InvoiceDraft;
import io.steward.catalog.PricedConfiguration;
import io.steward.core.BillingCycle;
import io.steward.core.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The first invoice of one ordered unit, as lines, and the service's first period: a pure function
 * of the priced configuration, the order date and the product's pro-rata date. Quotes and orders
 * both build their lines here, so a quote shows exactly the lines the order's invoice gets.
 *
 * <p><b>Proration.</b> Without a pro-rata day the first period is one full cycle from the order
 * date. With one, the first period runs from the order date to the next pro-rata date and costs
 * the recurring price times (days to that date / days of the cycle ending on it), rounded once per
 * line. When that stub is shorter than {@code minProrataDays} (like HostBill's "charge next month
 * too" threshold) the invoice also covers the following full period, so a client ordering on the
 * 28th for a pro-rata day of the 1st does not get a second invoice days later. Options follow the
 * product's proration; addons renew on cycles of their own and are billed one full period.
 */
final class OrderPlanner {
    private OrderPlanner() {}

    /** Line types on order invoices. */
    static final String HOSTING = "Hosting";
    static final String SETUP = "Setup";
    static final String OPTION = "Option";
    static final String ADDON = "Addon";
    static final String PROMO = "Promo";
    static final String DOMAIN = "Domain";

    /** A domain item's line (not discountable: promo codes name products). */
    static Line domain(DomainItems.Line l) {
        return new Line(DOMAIN, l.description(), l.amount(), l.taxed(), null, null, false);
    }

    /**
     * A line of the first invoice before the service exists. {@code periodStart} set means the line
     * bills that service period (the billing feature's exactly-once key); {@code discountable} marks
     * the lines a promo code may discount (not addons).
     */
    record Line(String type, String description, BigDecimal amount, boolean taxed, LocalDate periodStart, LocalDate periodEnd,
                boolean discountable) {
        InvoiceDraft.Line forService(long serviceId) {
            return new InvoiceDraft.Line(type, serviceId, description, amount, BigDecimal.ONE, taxed, serviceId, periodStart, periodEnd);
        }
    }

    /**
     * One unit's first invoice lines, its first period's end (next_due; null when it does not
     * renew), its recurring amount, and the renewing amounts a promo code may discount (the
     * product's and its options', each rounded; not addons, as on the first invoice).
     */
    record Plan(List<Line> lines, LocalDate nextDue, BigDecimal recurring, List<BigDecimal> discountableRecurring) {
        BigDecimal total() {
            return Money.sum(lines.stream().map(Line::amount).toList());
        }

        List<BigDecimal> discountableAmounts() {
            return lines.stream().filter(Line::discountable).map(Line::amount).toList();
        }
    }

    static Plan plan(PricedConfiguration pc, String label, LocalDate today, LocalDate prorataDate, int minProrataDays) {
        String cur = pc.currency();
        BillingCycle cycle = pc.cycle();
        var lines = new ArrayList<Line>();
        LocalDate nextDue = null;
        BigDecimal factor = BigDecimal.ONE;
        LocalDate stubEnd = null;
        boolean extraPeriod = false;
        if (cycle.recurring()) {
            nextDue = today.plusMonths(cycle.months());
            if (prorataDate != null && prorataDate.isAfter(today)) {
                long days = ChronoUnit.DAYS.between(today, prorataDate);
                long periodDays = ChronoUnit.DAYS.between(prorataDate.minusMonths(cycle.months()), prorataDate);
                factor = BigDecimal.valueOf(days).divide(BigDecimal.valueOf(periodDays), MathContext.DECIMAL64);
                stubEnd = prorataDate;
                extraPeriod = days < minProrataDays;
                nextDue = extraPeriod ? prorataDate.plusMonths(cycle.months()) : prorataDate;
            }
        }
        BigDecimal recurring = BigDecimal.ZERO;
        var discountableRecurring = new ArrayList<BigDecimal>();
        for (PricedConfiguration.Line l : pc.lines()) {
            switch (l.kind()) {
                case PRODUCT -> {
                    String what = label == null || label.isBlank() ? l.description() : l.description() + " - " + label;
                    if (!cycle.recurring()) {
                        lines.add(new Line(HOSTING, what + " (" + cycle.label() + ")", Money.round(l.recurring(), cur), true, null, null, true));
                    } else if (stubEnd == null) {
                        lines.add(period(what, l.recurring(), today, nextDue, cur));
                    } else {
                        lines.add(new Line(HOSTING, what + " (" + today + " - " + stubEnd.minusDays(1) + ", prorated)",
                                Money.round(l.recurring().multiply(factor), cur), true, today, stubEnd, true));
                        if (extraPeriod) lines.add(period(what, l.recurring(), stubEnd, nextDue, cur));
                    }
                    if (cycle.recurring()) {
                        recurring = recurring.add(l.recurring());
                        discountableRecurring.add(Money.round(l.recurring(), cur));
                    }
                    if (l.setup().signum() != 0) lines.add(new Line(SETUP, "Setup fee: " + l.description(), Money.round(l.setup(), cur), true, null, null, true));
                }
                case OPTION -> {
                    BigDecimal f = extraPeriod ? factor.add(BigDecimal.ONE) : factor;
                    BigDecimal amount = Money.round(l.recurring().multiply(f), cur);
                    if (amount.signum() != 0) lines.add(new Line(OPTION, l.description() + ": " + l.value(), amount, true, null, null, true));
                    if (cycle.recurring()) {
                        recurring = recurring.add(l.recurring());
                        discountableRecurring.add(Money.round(l.recurring(), cur));
                    }
                    if (l.setup().signum() != 0) lines.add(new Line(SETUP, "Setup fee: " + l.description() + ": " + l.value(),
                            Money.round(l.setup(), cur), true, null, null, true));
                }
                case ADDON -> {
                    BigDecimal amount = Money.round(l.recurring(), cur);
                    if (amount.signum() != 0) lines.add(new Line(ADDON, l.description() + " (" + l.cycle().label() + ")", amount, true, null, null, false));
                    if (l.cycle() == cycle && cycle.recurring()) recurring = recurring.add(l.recurring());
                    if (l.setup().signum() != 0) lines.add(new Line(SETUP, "Setup fee: " + l.description(), Money.round(l.setup(), cur), true, null, null, false));
                }
            }
        }
        return new Plan(lines, nextDue, Money.round(recurring, cur), List.copyOf(discountableRecurring));
    }

    private static Line period(String what, BigDecimal amount, LocalDate start, LocalDate end, String cur) {
        return new Line(HOSTING, what + " (" + start + " - " + end.minusDays(1) + ")", Money.round(amount, cur), true, start, end, true);
    }

    /** The promo discount of one unit as a single negative line (the per-line discounts summed; each was rounded once). */
    /** A reseller's discount on one unit (see {@code OrderService.BillTo}). */
    static Line discountLine(String label, BigDecimal amount) {
        return new Line(PROMO, label, amount.negate(), true, null, null, false);
    }

    static Line discount(String code, BigDecimal total) {
        return new Line(PROMO, "Promo code " + code, total.negate(), true, null, null, false);
    }
}
