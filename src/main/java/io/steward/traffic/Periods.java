package io.steward.traffic;

import io.steward.core.BillingCycle;
import io.steward.service.Service;
import java.time.LocalDate;

/**
 * A service's billing periods on its cycle grid: the grid runs through {@code next_due} (the start
 * of the first unpaid period) in steps of the cycle, keeping the billing day. Services without
 * periods (Free, one-time) are measured by calendar month. Pure.
 */
final class Periods {
    /** [start, end], both inclusive. */
    record Period(LocalDate start, LocalDate end) {
        LocalDate endExclusive() {
            return end.plusDays(1);
        }
    }

    private Periods() {}

    /** The period containing {@code day}. */
    static Period containing(Service s, LocalDate day) {
        BillingCycle cycle = s.cycle();
        if (!cycle.recurring() || s.nextDue() == null) {
            LocalDate start = day.withDayOfMonth(1);
            return new Period(start, start.plusMonths(1).minusDays(1));
        }
        int billingDay = s.effectiveBillingDay();
        LocalDate p = s.nextDue();
        // Bounded walks: a grid start is at most a few hundred cycles from any day a service is asked about.
        for (int i = 0; i < 10_000 && p.isAfter(day); i++) p = previous(cycle, p, billingDay);
        for (int i = 0; i < 10_000 && !cycle.next(p, billingDay).isAfter(day); i++) p = cycle.next(p, billingDay);
        return new Period(p, cycle.next(p, billingDay).minusDays(1));
    }

    /** The last period that ended before {@code day} (its end is the day before {@code day} or earlier). */
    static Period lastCompletedBefore(Service s, LocalDate day) {
        Period current = containing(s, day);
        return containing(s, current.start().minusDays(1));
    }

    /** The grid start one cycle before {@code start}: the date whose {@link BillingCycle#next} is {@code start}. */
    static LocalDate previous(BillingCycle cycle, LocalDate start, int billingDay) {
        LocalDate d = start.minusMonths(cycle.months());
        return d.withDayOfMonth(Math.min(Math.max(billingDay, 1), d.lengthOfMonth()));
    }
}
