package io.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingCycleTest {
    @Test
    void the_six_recurring_cycles_have_the_references_codes_and_lengths() {
        assertThat(BillingCycle.RECURRING).extracting(BillingCycle::code).containsExactly("m", "q", "s", "a", "b", "t");
        assertThat(BillingCycle.RECURRING).extracting(BillingCycle::months).containsExactly(1, 3, 6, 12, 24, 36);
        assertThat(BillingCycle.RECURRING).allMatch(BillingCycle::recurring);
        assertThat(BillingCycle.ANNUALLY.label()).isEqualTo("Annually");
        assertThat(BillingCycle.SEMI_ANNUALLY.label()).isEqualTo("Semi-Annually");
        assertThat(BillingCycle.ONCE.label()).isEqualTo("One Time");
    }

    @Test
    void free_and_once_do_not_renew() {
        assertThat(BillingCycle.FREE.recurring()).isFalse();
        assertThat(BillingCycle.ONCE.recurring()).isFalse();
        assertThat(BillingCycle.FREE.code()).isEqualTo("Free");
        assertThat(BillingCycle.ONCE.code()).isEqualTo("Once");
    }

    @Test
    void codes_parse_without_regard_to_case_and_nothing_else_parses_by_code() {
        assertThat(BillingCycle.parseCode("m")).contains(BillingCycle.MONTHLY);
        assertThat(BillingCycle.parseCode("S")).contains(BillingCycle.SEMI_ANNUALLY);
        assertThat(BillingCycle.parseCode(" once ")).contains(BillingCycle.ONCE);
        assertThat(BillingCycle.parseCode("free")).contains(BillingCycle.FREE);
        assertThat(BillingCycle.parseCode("Monthly")).isEmpty();
        assertThat(BillingCycle.parseCode("")).isEmpty();
        assertThat(BillingCycle.parseCode(null)).isEmpty();
    }

    @Test
    void each_cycle_moves_the_period_start_by_its_months() {
        LocalDate start = LocalDate.of(2025, 1, 15);
        assertThat(BillingCycle.MONTHLY.next(start, 15)).isEqualTo(LocalDate.of(2025, 2, 15));
        assertThat(BillingCycle.QUARTERLY.next(start, 15)).isEqualTo(LocalDate.of(2025, 4, 15));
        assertThat(BillingCycle.SEMI_ANNUALLY.next(start, 15)).isEqualTo(LocalDate.of(2025, 7, 15));
        assertThat(BillingCycle.ANNUALLY.next(start, 15)).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(BillingCycle.BIENNIALLY.next(start, 15)).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(BillingCycle.TRIENNIALLY.next(start, 15)).isEqualTo(LocalDate.of(2028, 1, 15));
    }

    @Test
    void a_billing_day_of_31_falls_on_the_last_day_of_short_months_and_comes_back() {
        LocalDate feb = BillingCycle.MONTHLY.next(LocalDate.of(2025, 1, 31), 31);
        assertThat(feb).isEqualTo(LocalDate.of(2025, 2, 28));
        LocalDate mar = BillingCycle.MONTHLY.next(feb, 31);
        assertThat(mar).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(BillingCycle.MONTHLY.next(LocalDate.of(2024, 1, 31), 31)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(BillingCycle.ANNUALLY.next(LocalDate.of(2024, 2, 29), 29)).isEqualTo(LocalDate.of(2025, 2, 28));
    }

    @Test
    void codes_and_labels_parse_and_unknown_text_does_not() {
        assertThat(BillingCycle.parse("m")).contains(BillingCycle.MONTHLY);
        assertThat(BillingCycle.parse("Semi-Annually")).contains(BillingCycle.SEMI_ANNUALLY);
        assertThat(BillingCycle.parse("annually")).contains(BillingCycle.ANNUALLY);
        assertThat(BillingCycle.parse("Free")).contains(BillingCycle.FREE);
        assertThat(BillingCycle.parse("once")).contains(BillingCycle.ONCE);
        assertThat(BillingCycle.parse("One Time")).contains(BillingCycle.ONCE);
        assertThat(BillingCycle.parse("M")).isEmpty();
        assertThat(BillingCycle.parse("weekly")).isEmpty();
        assertThat(BillingCycle.parse(null)).isEmpty();
    }

    @Test
    void free_and_one_time_services_have_no_periods() {
        assertThat(BillingCycle.TRIENNIALLY.recurring()).isTrue();
        assertThat(BillingCycle.ofCode("Once")).isEqualTo(BillingCycle.ONCE);
        assertThatThrownBy(() -> BillingCycle.ofCode("once")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BillingCycle.FREE.next(LocalDate.of(2025, 1, 1), 1)).isInstanceOf(IllegalStateException.class);
    }
}
