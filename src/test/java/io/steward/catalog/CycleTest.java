package io.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CycleTest {
    @Test
    void the_six_recurring_cycles_have_the_references_codes_and_lengths() {
        assertThat(Cycle.RECURRING).extracting(Cycle::code).containsExactly("m", "q", "s", "a", "b", "t");
        assertThat(Cycle.RECURRING).extracting(Cycle::months).containsExactly(1, 3, 6, 12, 24, 36);
        assertThat(Cycle.RECURRING).allMatch(Cycle::recurring);
        assertThat(Cycle.ANNUALLY.title()).isEqualTo("Annually");
    }

    @Test
    void free_and_once_do_not_renew() {
        assertThat(Cycle.FREE.recurring()).isFalse();
        assertThat(Cycle.ONCE.recurring()).isFalse();
        assertThat(Cycle.FREE.code()).isEqualTo("Free");
        assertThat(Cycle.ONCE.code()).isEqualTo("Once");
    }

    @Test
    void codes_parse_without_regard_to_case_and_nothing_else_parses() {
        assertThat(Cycle.parse("m")).contains(Cycle.MONTHLY);
        assertThat(Cycle.parse("S")).contains(Cycle.SEMI_ANNUALLY);
        assertThat(Cycle.parse(" once ")).contains(Cycle.ONCE);
        assertThat(Cycle.parse("free")).contains(Cycle.FREE);
        assertThat(Cycle.parse("Monthly")).isEmpty();
        assertThat(Cycle.parse("")).isEmpty();
        assertThat(Cycle.parse(null)).isEmpty();
    }

    @Test
    void pay_types_allow_only_their_own_cycles() {
        assertThat(Product.PayType.Regular.allows(Cycle.TRIENNIALLY)).isTrue();
        assertThat(Product.PayType.Regular.allows(Cycle.ONCE)).isFalse();
        assertThat(Product.PayType.Once.allows(Cycle.ONCE)).isTrue();
        assertThat(Product.PayType.Once.allows(Cycle.MONTHLY)).isFalse();
        assertThat(Product.PayType.Free.allows(Cycle.FREE)).isTrue();
        assertThat(Product.PayType.Free.allows(Cycle.ANNUALLY)).isFalse();
    }
}
