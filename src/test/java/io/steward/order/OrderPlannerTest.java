package io.steward.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.catalog.PricedConfiguration;
import io.steward.catalog.Product;
import io.steward.core.BillingCycle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderPlannerTest {
    private static PricedConfiguration monthly(String price, String setup) {
        var line = new PricedConfiguration.Line(PricedConfiguration.Kind.PRODUCT, "Starter", BillingCycle.MONTHLY, new BigDecimal(price),
                new BigDecimal(setup), 1, 1L, null, null, null, null, null);
        return new PricedConfiguration(1L, "Starter", Product.Type.HOSTING, BillingCycle.MONTHLY, "USD", 1, List.of(line));
    }

    @Test
    void without_a_prorata_date_the_first_invoice_is_one_full_period_plus_setup() {
        var plan = OrderPlanner.plan(monthly("10.00", "5.00"), "a.com", LocalDate.of(2025, 3, 10), null, 14);
        assertThat(plan.lines()).extracting(OrderPlanner.Line::amount).containsExactly(new BigDecimal("10.00"), new BigDecimal("5.00"));
        assertThat(plan.lines().get(0).periodStart()).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThat(plan.nextDue()).isEqualTo(LocalDate.of(2025, 4, 10));
        assertThat(plan.recurring()).isEqualByComparingTo("10.00");
    }

    @Test
    void a_long_stub_to_the_prorata_date_is_prorated_by_days_and_rounded_once() {
        // 2025-03-10 to 2025-04-01: 22 days of the 31-day period 03-01..04-01.
        var plan = OrderPlanner.plan(monthly("10.00", "0"), null, LocalDate.of(2025, 3, 10), LocalDate.of(2025, 4, 1), 14);
        assertThat(plan.lines()).hasSize(1);
        assertThat(plan.lines().get(0).amount()).isEqualByComparingTo("7.10"); // 10 * 22 / 31 = 7.0967...
        assertThat(plan.lines().get(0).periodEnd()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(plan.nextDue()).isEqualTo(LocalDate.of(2025, 4, 1));
    }

    @Test
    void a_stub_shorter_than_the_threshold_also_bills_the_next_full_period() {
        // 2025-03-25 to 2025-04-01: 7 days of 31 → 2.26, then April in full.
        var plan = OrderPlanner.plan(monthly("10.00", "0"), null, LocalDate.of(2025, 3, 25), LocalDate.of(2025, 4, 1), 14);
        assertThat(plan.lines()).extracting(OrderPlanner.Line::amount).containsExactly(new BigDecimal("2.26"), new BigDecimal("10.00"));
        assertThat(plan.lines().get(1).periodStart()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(plan.nextDue()).isEqualTo(LocalDate.of(2025, 5, 1));
    }

    @Test
    void ordering_on_the_prorata_day_bills_one_full_period() {
        var plan = OrderPlanner.plan(monthly("10.00", "0"), null, LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 1), 14);
        assertThat(plan.lines().get(0).amount()).isEqualByComparingTo("10.00");
        assertThat(plan.nextDue()).isEqualTo(LocalDate.of(2025, 5, 1));
    }
}
