package io.steward.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.BillingCycle;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proration arithmetic, as a pure function of the configuration change, the period and the clock. */
class ProrationTest {
    private static Clock on(LocalDate day) {
        return Clock.fixed(day.atTime(15, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static Proration.Component change(String before, String after) {
        return new Proration.Component("Plan", new BigDecimal(before), new BigDecimal(after), BigDecimal.ZERO);
    }

    @Test
    void a_monthly_upgrade_on_the_tenth_of_a_31_day_period_charges_22_of_31_days_rounded_once_half_up() {
        var r = Proration.prorate(List.of(change("9.99", "19.99")), BillingCycle.MONTHLY, LocalDate.of(2027, 4, 1), 1, "USD",
                on(LocalDate.of(2027, 3, 10)));
        assertThat(r.periodStart()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(r.daysInPeriod()).isEqualTo(31);
        assertThat(r.daysLeft()).isEqualTo(22);
        // 10.00 × 22 / 31 = 7.0967… → 7.10
        assertThat(r.total()).isEqualByComparingTo("7.10");
        assertThat(r.recurringDelta()).isEqualByComparingTo("10.00");
    }

    @Test
    void the_first_and_last_days_of_the_period_charge_all_of_it_and_one_day() {
        var due = LocalDate.of(2027, 3, 1); // February 2027: 28 days
        assertThat(Proration.prorate(List.of(change("10", "38")), BillingCycle.MONTHLY, due, 1, "USD", on(LocalDate.of(2027, 2, 1))).total())
                .isEqualByComparingTo("28.00");
        assertThat(Proration.prorate(List.of(change("10", "38")), BillingCycle.MONTHLY, due, 1, "USD", on(LocalDate.of(2027, 2, 28))).total())
                .isEqualByComparingTo("1.00");
    }

    @Test
    void each_line_is_rounded_once_and_the_total_is_the_sum_of_the_rounded_lines() {
        // Two lines of 0.005 each round up to 0.01 each: 0.02, not the 0.01 their exact sum would give.
        var r = Proration.prorate(List.of(change("0", "0.155"), change("0", "0.155")), BillingCycle.MONTHLY, LocalDate.of(2027, 2, 1), 1,
                "USD", on(LocalDate.of(2027, 1, 31)));
        assertThat(r.lines()).extracting(Proration.Line::amount).containsExactly(new BigDecimal("0.01"), new BigDecimal("0.01"));
        assertThat(r.total()).isEqualByComparingTo("0.02");
    }

    @Test
    void an_annual_downgrade_gives_back_a_negative_total_and_setup_fees_are_lines_of_their_own() {
        var setup = new Proration.Component("Backups", BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("5.00"));
        var r = Proration.prorate(List.of(change("215.88", "109.89"), setup), BillingCycle.ANNUALLY, LocalDate.of(2028, 1, 1), 1, "USD",
                on(LocalDate.of(2027, 7, 2)));
        assertThat(r.daysInPeriod()).isEqualTo(365);
        assertThat(r.daysLeft()).isEqualTo(183);
        // -105.99 × 183 / 365 = -53.1402… → -53.14; plus the 5.00 setup line
        assertThat(r.lines()).extracting(Proration.Line::amount).containsExactly(new BigDecimal("-53.14"), new BigDecimal("5.00"));
        assertThat(r.total()).isEqualByComparingTo("-48.14");
        assertThat(Proration.newRecurring(new BigDecimal("215.88"), r, "USD")).isEqualByComparingTo("109.89");
    }

    @Test
    void a_billing_day_past_the_end_of_a_short_month_starts_the_period_on_its_last_day() {
        var r = Proration.prorate(List.of(change("10", "20")), BillingCycle.MONTHLY, LocalDate.of(2027, 3, 31), 31, "USD",
                on(LocalDate.of(2027, 3, 1)));
        assertThat(r.periodStart()).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(r.daysInPeriod()).isEqualTo(31);
    }

    @Test
    void a_service_whose_paid_time_is_over_cannot_be_prorated() {
        assertThatThrownBy(() -> Proration.prorate(List.of(change("10", "20")), BillingCycle.MONTHLY, LocalDate.of(2027, 3, 1), 1, "USD",
                on(LocalDate.of(2027, 3, 1)))).isInstanceOf(Proration.NoPaidTime.class);
    }
}
