package io.steward.promo;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each promo rule, as a pure function of the code, the context and a clock. */
class PromoEvaluatorTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-15T12:00:00Z"));
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    /** A percent code with no restrictions; tests change one thing at a time. */
    private record P(Promo.Type type, String value, String currency, boolean recurring, Set<Long> products, Set<String> cycles,
                     Integer maxUses, int uses, LocalDate start, LocalDate end, boolean newOnly, boolean enabled) {
        static P percent(String value) {
            return new P(Promo.Type.PERCENT, value, null, false, Set.of(), Set.of(), null, 0, null, null, false, true);
        }

        static P fixed(String value, String currency) {
            return new P(Promo.Type.FIXED, value, currency, false, Set.of(), Set.of(), null, 0, null, null, false, true);
        }

        Promo promo() {
            return new Promo(1, "CODE", type, new BigDecimal(value), currency, recurring, products, cycles, maxUses, uses, start, end,
                    newOnly, enabled, "", null, null);
        }
    }

    private static List<BigDecimal> amounts(String... a) {
        return java.util.Arrays.stream(a).map(BigDecimal::new).toList();
    }

    private static PromoContext order(String... lines) {
        return PromoContext.order(7, "m", "USD", amounts(lines), true);
    }

    private static PromoEvaluator.Outcome eval(P p, PromoContext ctx) {
        return PromoEvaluator.evaluate(p.promo(), ctx, CLOCK);
    }

    private static PromoRejection rejection(P p, PromoContext ctx) {
        return eval(p, ctx).rejection().orElseThrow(() -> new AssertionError("expected a rejection"));
    }

    @Test
    void a_percent_code_takes_its_percentage_off_each_line_rounded_once_per_line() {
        var out = eval(P.percent("10"), order("19.95", "5.00"));
        assertThat(out.applicable()).isTrue();
        // 10% of 19.95 = 1.995 -> 2.00; 10% of 5.00 = 0.50
        assertThat(out.discounts()).containsExactly(new BigDecimal("2.00"), new BigDecimal("0.50"));
        assertThat(out.total()).isEqualByComparingTo("2.50");
    }

    @Test
    void a_fixed_code_takes_its_amount_off_the_lines_in_order_and_never_more_than_they_cost() {
        var out = eval(P.fixed("5.00", "USD"), order("3.00", "10.00"));
        assertThat(out.discounts()).containsExactly(new BigDecimal("3.00"), new BigDecimal("2.00"));
        assertThat(out.total()).isEqualByComparingTo("5.00");
        var capped = eval(P.fixed("50.00", "USD"), order("3.00", "10.00"));
        assertThat(capped.total()).isEqualByComparingTo("13.00");
    }

    @Test
    void a_hundred_percent_code_makes_the_lines_free() {
        assertThat(eval(P.percent("100"), order("12.34")).total()).isEqualByComparingTo("12.34");
    }

    @Test
    void a_disabled_code_applies_to_nothing() {
        P off = new P(Promo.Type.PERCENT, "10", null, true, Set.of(), Set.of(), null, 0, null, null, false, false);
        assertThat(rejection(off, order("10.00"))).isEqualTo(PromoRejection.DISABLED);
        assertThat(rejection(off, PromoContext.renewal(7, "m", "USD", amounts("10.00")))).isEqualTo(PromoRejection.DISABLED);
    }

    @Test
    void a_code_is_valid_from_its_start_date_to_its_end_date_inclusive() {
        P p = P.percent("10");
        P notYet = new P(p.type(), "10", null, false, Set.of(), Set.of(), null, 0, TODAY.plusDays(1), null, false, true);
        P startsToday = new P(p.type(), "10", null, false, Set.of(), Set.of(), null, 0, TODAY, TODAY, false, true);
        P ended = new P(p.type(), "10", null, false, Set.of(), Set.of(), null, 0, null, TODAY.minusDays(1), false, true);
        assertThat(rejection(notYet, order("10.00"))).isEqualTo(PromoRejection.NOT_STARTED);
        assertThat(eval(startsToday, order("10.00")).applicable()).isTrue();
        assertThat(rejection(ended, order("10.00"))).isEqualTo(PromoRejection.EXPIRED);
    }

    @Test
    void a_code_used_its_maximum_number_of_times_is_exhausted() {
        P used = new P(Promo.Type.PERCENT, "10", null, false, Set.of(), Set.of(), 3, 3, null, null, false, true);
        P left = new P(Promo.Type.PERCENT, "10", null, false, Set.of(), Set.of(), 3, 2, null, null, false, true);
        assertThat(rejection(used, order("10.00"))).isEqualTo(PromoRejection.EXHAUSTED);
        assertThat(eval(left, order("10.00")).applicable()).isTrue();
    }

    @Test
    void a_code_for_some_products_does_not_apply_to_others() {
        P p = new P(Promo.Type.PERCENT, "10", null, false, Set.of(7L, 8L), Set.of(), null, 0, null, null, false, true);
        assertThat(eval(p, order("10.00")).applicable()).isTrue();
        assertThat(rejection(p, PromoContext.order(9, "m", "USD", amounts("10.00"), true))).isEqualTo(PromoRejection.WRONG_PRODUCT);
    }

    @Test
    void a_code_for_some_cycles_does_not_apply_to_others() {
        P p = new P(Promo.Type.PERCENT, "10", null, false, Set.of(), Set.of("a", "b"), null, 0, null, null, false, true);
        assertThat(eval(p, PromoContext.order(7, "a", "USD", amounts("10.00"), true)).applicable()).isTrue();
        assertThat(rejection(p, order("10.00"))).isEqualTo(PromoRejection.WRONG_CYCLE);
    }

    @Test
    void a_fixed_code_applies_only_to_orders_in_its_currency() {
        assertThat(rejection(P.fixed("5.00", "EUR"), order("10.00"))).isEqualTo(PromoRejection.WRONG_CURRENCY);
        assertThat(eval(P.percent("5"), PromoContext.order(7, "m", "EUR", amounts("10.00"), true)).applicable())
                .as("percent codes work in every currency").isTrue();
    }

    @Test
    void a_new_clients_only_code_refuses_existing_clients() {
        P p = new P(Promo.Type.PERCENT, "10", null, false, Set.of(), Set.of(), null, 0, null, null, true, true);
        assertThat(eval(p, order("10.00")).applicable()).isTrue();
        assertThat(rejection(p, PromoContext.order(7, "m", "USD", amounts("10.00"), false))).isEqualTo(PromoRejection.NEW_CLIENTS_ONLY);
    }

    @Test
    void a_one_time_code_discounts_the_first_invoice_but_not_a_renewal() {
        P once = P.percent("10");
        assertThat(eval(once, order("10.00")).applicable()).isTrue();
        assertThat(rejection(once, PromoContext.renewal(7, "m", "USD", amounts("10.00")))).isEqualTo(PromoRejection.FIRST_INVOICE_ONLY);
    }

    @Test
    void a_recurring_code_keeps_discounting_renewals_after_it_expired_or_ran_out() {
        P p = new P(Promo.Type.PERCENT, "20", null, true, Set.of(7L), Set.of("m"), 1, 1, null, TODAY.minusDays(30), true, true);
        assertThat(rejection(p, order("10.00"))).as("no longer for new orders").isIn(PromoRejection.EXPIRED, PromoRejection.EXHAUSTED);
        var renewal = eval(p, PromoContext.renewal(7, "m", "USD", amounts("10.00")));
        assertThat(renewal.applicable()).isTrue();
        assertThat(renewal.total()).isEqualByComparingTo("2.00");
        assertThat(rejection(p, PromoContext.renewal(7, "a", "USD", amounts("10.00")))).as("still only for its cycles")
                .isEqualTo(PromoRejection.WRONG_CYCLE);
    }

    @Test
    void every_rejection_has_a_message_key_and_a_sentence() {
        for (PromoRejection r : PromoRejection.values()) {
            assertThat(r.key()).startsWith("promo_");
            assertThat(r.message()).isNotBlank();
        }
    }
}
