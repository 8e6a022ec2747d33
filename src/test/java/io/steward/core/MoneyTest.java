package io.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void rounds_half_up_to_the_currency_scale() {
        assertThat(Money.round(new BigDecimal("2.345"), "USD")).isEqualByComparingTo("2.35");
        assertThat(Money.round(new BigDecimal("2.344"), "EUR")).isEqualByComparingTo("2.34");
        assertThat(Money.round(new BigDecimal("-2.345"), "USD")).isEqualByComparingTo("-2.35");
        assertThat(Money.round(new BigDecimal("1234.5"), "JPY")).isEqualByComparingTo("1235");
        assertThat(Money.scale("KWD")).isEqualTo(3);
        assertThat(Money.scale("XYZ")).isEqualTo(2);
    }

    @Test
    void percent_of_is_rounded_once() {
        // 21% of 16.24 = 3.4104 -> 3.41 (the reference invoice's tax)
        assertThat(Money.percentOf(new BigDecimal("16.24"), new BigDecimal("21"), "USD")).isEqualByComparingTo("3.41");
        assertThat(Money.percentOf(new BigDecimal("0.50"), new BigDecimal("5"), "USD")).isEqualByComparingTo("0.03");
    }

    @Test
    void formats_like_the_references() {
        assertThat(Money.format(new BigDecimal("19.6500"), "USD")).isEqualTo("19.65");
        assertThat(Money.format(BigDecimal.ZERO, "EUR")).isEqualTo("0.00");
        assertThat(Money.format(new BigDecimal("1E+3"), "USD")).isEqualTo("1000.00");
    }

    @Test
    void parse_rejects_what_is_not_a_plain_amount() {
        assertThat(Money.parse(" 12.5 ", "amount")).isEqualByComparingTo("12.5");
        assertThatThrownBy(() -> Money.parse("12,5", "amount")).isInstanceOf(StewardException.class);
        assertThatThrownBy(() -> Money.parse("1.00001", "amount")).isInstanceOf(StewardException.class);
        assertThatThrownBy(() -> Money.parse("NaN", "amount")).isInstanceOf(StewardException.class);
    }
}
