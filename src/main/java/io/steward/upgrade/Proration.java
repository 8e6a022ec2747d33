package io.steward.upgrade;

import io.steward.core.BillingCycle;
import io.steward.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The price of changing a service's configuration part-way through its paid time: a pure function
 * of the configuration before and after, the service's period and a {@link Clock}. The quote and
 * the upgrade invoice both take their lines from here, so they are equal to the cent.
 *
 * <p>The service is paid until {@code nextDue}; its current period is the cycle that ends there,
 * on its billing day. Each component (the product, each option) whose recurring price changes is
 * one line: (after − before) × days left ÷ days in the period, rounded once, HALF_UP, to the
 * currency's scale. Days left run from today to next_due; a service paid further ahead than one
 * period is charged for all of its paid days (the factor exceeds 1). A newly chosen option's setup
 * fee is a line of its own. A negative total is what a downgrade gives back.
 */
public final class Proration {
    private Proration() {}

    /**
     * One part of the configuration: its recurring price per period of the service's cycle before
     * and after the change (zero where it is absent), and the setup fee the change charges.
     */
    public record Component(String description, BigDecimal before, BigDecimal after, BigDecimal setup) {}

    /** One invoice line. */
    public record Line(String description, BigDecimal amount) {}

    /**
     * The change priced. {@code recurringDelta} is what each renewal costs more (negative: less),
     * unprorated; {@code total} is the sum of the lines.
     */
    public record Result(LocalDate today, LocalDate periodStart, LocalDate periodEnd, int daysLeft, int daysInPeriod,
                         List<Line> lines, BigDecimal total, BigDecimal recurringDelta) {}

    /** Why a change cannot be prorated: the service has no paid time left. */
    public static final class NoPaidTime extends RuntimeException {
        NoPaidTime(String message) {
            super(message);
        }
    }

    /**
     * @param cycle      the service's billing cycle (a renewing one)
     * @param nextDue    the first day the service is not paid for
     * @param billingDay the day of the month its periods start on
     */
    public static Result prorate(List<Component> components, BillingCycle cycle, LocalDate nextDue, int billingDay, String currency,
                                 Clock clock) {
        if (!cycle.recurring()) throw new IllegalArgumentException(cycle.label() + " services have no periods to prorate");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!nextDue.isAfter(today)) {
            throw new NoPaidTime("The service is paid until " + nextDue + "; its current period must be paid before it can change");
        }
        LocalDate periodStart = periodStart(cycle, nextDue, billingDay);
        int daysInPeriod = (int) ChronoUnit.DAYS.between(periodStart, nextDue);
        int daysLeft = (int) ChronoUnit.DAYS.between(today, nextDue);
        int scale = Money.scale(currency);
        var lines = new ArrayList<Line>();
        BigDecimal delta = BigDecimal.ZERO;
        String span = " (" + today + " - " + nextDue.minusDays(1) + ", " + daysLeft + "/" + daysInPeriod + " days)";
        for (Component c : components) {
            BigDecimal change = c.after().subtract(c.before());
            delta = delta.add(change);
            if (change.signum() != 0) {
                // The one rounding of this line: the exact product divided once, to the currency's scale.
                BigDecimal amount = change.multiply(BigDecimal.valueOf(daysLeft))
                        .divide(BigDecimal.valueOf(daysInPeriod), scale, RoundingMode.HALF_UP);
                lines.add(new Line(c.description() + span, amount));
            }
            if (c.setup().signum() != 0) lines.add(new Line(c.description() + " (setup)", Money.round(c.setup(), currency)));
        }
        BigDecimal total = Money.sum(lines.stream().map(Line::amount).toList());
        return new Result(today, periodStart, nextDue, daysLeft, daysInPeriod, List.copyOf(lines), Money.round(total, currency),
                Money.round(delta, currency));
    }

    /**
     * The start of the period that ends on {@code periodEnd}: one cycle earlier on the billing day
     * (or the month's last day), the inverse of {@link BillingCycle#next}.
     */
    static LocalDate periodStart(BillingCycle cycle, LocalDate periodEnd, int billingDay) {
        LocalDate d = periodEnd.minusMonths(cycle.months());
        return d.withDayOfMonth(Math.min(Math.max(billingDay, 1), d.lengthOfMonth()));
    }

    /** What renewals bill after the change: the current amount moved by the change, never below zero. */
    public static BigDecimal newRecurring(BigDecimal current, Result r, String currency) {
        return Money.round(current.add(r.recurringDelta()), currency).max(Money.round(BigDecimal.ZERO, currency));
    }
}
