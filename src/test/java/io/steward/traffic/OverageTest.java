package io.steward.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.core.BillingCycle;
import io.steward.service.Service;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Overage arithmetic and billing periods: pure functions. */
class OverageTest {

    @Test
    void usage_over_the_quota_is_charged_at_the_price_per_decimal_gigabyte_rounded_once() {
        // 1,234.5678 GB used against 1,000 GB: 234.5678 GB over at 0.10 = 23.45678 → 23.46
        var o = Overage.of(1_234_567_800_000L, new BigDecimal("1000"), new BigDecimal("0.10"));
        assertThat(o.overGb()).isEqualByComparingTo("234.5678");
        assertThat(o.amount()).isEqualByComparingTo("23.45678");
        assertThat(o.cost("USD")).isEqualByComparingTo("23.46");
        assertThat(o.cost("JPY")).isEqualByComparingTo("23");
        assertThat(o.percentUsed()).isEqualTo(123);
    }

    @Test
    void usage_within_the_quota_or_without_a_quota_costs_nothing() {
        assertThat(Overage.of(999_999_999_999L, new BigDecimal("1000"), new BigDecimal("0.10")).charged()).isFalse();
        var none = Overage.of(5_000_000_000_000L, BigDecimal.ZERO, new BigDecimal("0.10"));
        assertThat(none.charged()).isFalse();
        assertThat(none.percentUsed()).isZero();
        assertThat(Overage.of(800_000_000_000L, new BigDecimal("1000"), BigDecimal.ONE).percentUsed()).isEqualTo(80);
        assertThat(Overage.of(799_999_999_999L, new BigDecimal("1000"), BigDecimal.ONE).percentUsed()).isEqualTo(79);
    }

    private static Service monthly(LocalDate nextDue, Integer billingDay) {
        return new Service(1, 1, 1L, null, "Starter Hosting", "Hosting", "hosting", Service.ACTIVE, BillingCycle.MONTHLY, "USD",
                BigDecimal.TEN, BigDecimal.TEN, nextDue.minusMonths(3), nextDue, nextDue.minusDays(14), billingDay, "x.example",
                "", "u", null, "sandbox", false, null, null, null, null, null, null, null, null);
    }

    @Test
    void the_current_period_runs_on_the_cycle_grid_through_next_due_before_and_after_it() {
        var s = monthly(LocalDate.of(2026, 12, 15), null);
        assertThat(Periods.containing(s, LocalDate.of(2026, 12, 7)))
                .isEqualTo(new Periods.Period(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 12, 14)));
        assertThat(Periods.containing(s, LocalDate.of(2026, 12, 15)))
                .isEqualTo(new Periods.Period(LocalDate.of(2026, 12, 15), LocalDate.of(2027, 1, 14)));
        assertThat(Periods.containing(s, LocalDate.of(2027, 2, 20)))
                .isEqualTo(new Periods.Period(LocalDate.of(2027, 2, 15), LocalDate.of(2027, 3, 14)));
        assertThat(Periods.lastCompletedBefore(s, LocalDate.of(2026, 12, 1)))
                .isEqualTo(new Periods.Period(LocalDate.of(2026, 10, 15), LocalDate.of(2026, 11, 14)));
    }

    @Test
    void a_billing_day_of_the_31st_keeps_its_day_through_short_months() {
        var s = monthly(LocalDate.of(2027, 3, 31), 31);
        assertThat(Periods.containing(s, LocalDate.of(2027, 3, 10)))
                .isEqualTo(new Periods.Period(LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 30)));
        assertThat(Periods.containing(s, LocalDate.of(2027, 2, 10)))
                .isEqualTo(new Periods.Period(LocalDate.of(2027, 1, 31), LocalDate.of(2027, 2, 27)));
    }
}
