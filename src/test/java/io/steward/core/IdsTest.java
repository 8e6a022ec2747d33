package io.steward.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The one reading of ids: ASCII digits in canonical form, within long. */
class IdsTest {
    @Test
    void ascii_digits_in_canonical_form_are_ids() {
        assertThat(Ids.parse("1")).hasValue(1);
        assertThat(Ids.parse("0")).hasValue(0);
        assertThat(Ids.parse("9223372036854775807")).hasValue(Long.MAX_VALUE);
    }

    @Test
    void signs_spaces_leading_zeros_and_other_unicode_digits_are_not_ids() {
        for (String s : new String[] {"+1", "-1", " 1", "1 ", "01", "00", "１", "١", "۱", "1١", "1e3", "0x1", "", "9223372036854775808",
                "99999999999999999999", "18446744073709551617"}) {
            assertThat(Ids.parse(s)).as("'%s'", s).isEqualTo(OptionalLong.empty());
        }
        assertThat(Ids.parse(null)).isEmpty();
    }

    @Test
    void whole_numbers_take_a_minus_but_no_plus_and_no_other_digits() {
        assertThat(Ids.parseWhole("-5")).hasValue(-5);
        assertThat(Ids.parseWhole("007")).hasValue(7);
        for (String s : new String[] {"+5", "５", "٥", "-", "", " 5", "9223372036854775808"}) {
            assertThat(Ids.parseWhole(s)).as("'%s'", s).isEmpty();
        }
    }
}
