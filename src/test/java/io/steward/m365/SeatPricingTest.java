package io.steward.m365;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SeatPricingTest {
    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalDate END = LocalDate.of(2026, 3, 31);

    @Test
    void added_seats_are_charged_for_the_days_left_of_the_billing_period_rounded_once() {
        // 3 seats x 12.50 x 20 of 30 days = 25.00
        assertThat(SeatPricing.prorated(new BigDecimal("12.50"), 3, LocalDate.of(2026, 3, 11), START, END, "USD")).isEqualByComparingTo("25.00");
        // 1 seat x 7.20 x 29 / 30 = 6.96 (6.96 exactly); 1 x 4.80 x 7 / 30 = 1.12
        assertThat(SeatPricing.prorated(new BigDecimal("7.20"), 1, LocalDate.of(2026, 3, 2), START, END, "USD")).isEqualByComparingTo("6.96");
        assertThat(SeatPricing.prorated(new BigDecimal("4.80"), 1, LocalDate.of(2026, 3, 24), START, END, "USD")).isEqualByComparingTo("1.12");
        // 1 x 15.00 x 1 / 30 = 0.50; 1 x 10.00 x 1/30 = 0.333.. -> 0.33 (HALF_UP once)
        assertThat(SeatPricing.prorated(new BigDecimal("10.00"), 1, LocalDate.of(2026, 3, 30), START, END, "USD")).isEqualByComparingTo("0.33");
    }

    @Test
    void removed_seats_are_credited_and_nothing_is_left_after_the_period_ends() {
        assertThat(SeatPricing.prorated(new BigDecimal("12.50"), -2, LocalDate.of(2026, 3, 4), START, END, "USD")).isEqualByComparingTo("-22.50");
        assertThat(SeatPricing.prorated(new BigDecimal("12.50"), 2, LocalDate.of(2026, 4, 2), START, END, "USD")).isEqualByComparingTo("0.00");
    }

    @Test
    void terms_and_cycles_have_their_lengths() {
        assertThat(SeatPricing.end(START, "P1M")).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(SeatPricing.end(START, "P1Y")).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(SeatPricing.end(START, "P3Y")).isEqualTo(LocalDate.of(2029, 3, 1));
    }
}
