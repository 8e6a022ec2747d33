package io.steward.affiliate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CommissionCalculatorTest {
    private static final LocalDate PAID = LocalDate.of(2026, 3, 31);

    private static Plan plan(Plan.Type type, String value, String currency, boolean recurring, int hold) {
        return new Plan(1, "Plan", type, new BigDecimal(value), currency, recurring, hold, false, null, null);
    }

    @Test
    void a_percent_plan_pays_its_share_of_the_base_rounded_once_half_up() {
        var e = CommissionCalculator.commission(plan(Plan.Type.PERCENT, "12.5", null, true, 30), "USD", "USD",
                new BigDecimal("19.99"), false, PAID).orElseThrow();
        assertThat(e.amount()).isEqualByComparingTo("2.50"); // 2.49875
        assertThat(e.amount().scale()).isEqualTo(2);
        assertThat(e.payableOn()).isEqualTo(LocalDate.of(2026, 4, 30));
    }

    @Test
    void a_fixed_plan_pays_its_amount_only_in_its_own_currency() {
        var fixed = plan(Plan.Type.FIXED, "7.5", "EUR", true, 0);
        assertThat(CommissionCalculator.commission(fixed, "EUR", "EUR", new BigDecimal("100"), true, PAID).orElseThrow().amount())
                .isEqualByComparingTo("7.50");
        assertThat(CommissionCalculator.commission(fixed, "USD", "USD", new BigDecimal("100"), true, PAID)).isEmpty();
    }

    @Test
    void a_first_payment_plan_pays_once_per_referred_client() {
        var first = plan(Plan.Type.PERCENT, "10", null, false, 0);
        assertThat(CommissionCalculator.commission(first, "USD", "USD", new BigDecimal("50"), true, PAID)).isPresent();
        assertThat(CommissionCalculator.commission(first, "USD", "USD", new BigDecimal("50"), false, PAID)).isEmpty();
    }

    @Test
    void an_invoice_in_another_currency_or_with_nothing_to_pay_on_earns_nothing() {
        var p = plan(Plan.Type.PERCENT, "10", null, true, 0);
        assertThat(CommissionCalculator.commission(p, "USD", "EUR", new BigDecimal("50"), true, PAID)).isEmpty();
        assertThat(CommissionCalculator.commission(p, "USD", "USD", BigDecimal.ZERO, true, PAID)).isEmpty();
        assertThat(CommissionCalculator.commission(p, "USD", "USD", new BigDecimal("0.04"), true, PAID)).isEmpty(); // 0.004 rounds to 0
    }
}
