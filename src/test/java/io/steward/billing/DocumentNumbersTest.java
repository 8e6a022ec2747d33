package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Number formats and counters of numbering series, without a database. */
class DocumentNumbersTest {
    private static final LocalDate DEC_30_2016 = LocalDate.of(2016, 12, 30);

    @Test
    void the_default_format_gives_the_references_numbers() {
        assertThat(DocumentNumbers.format("{Y}/{m}/{n}", DEC_30_2016, 1)).isEqualTo("2016/12/1");
        assertThat(DocumentNumbers.format("CN-{Y}-{n}", DEC_30_2016, 42)).isEqualTo("CN-2016-42");
    }

    @Test
    void placeholders_cover_short_year_day_and_padded_numbers_and_leave_other_text_alone() {
        assertThat(DocumentNumbers.format("INV{y}{m}{d}-{n:5}", LocalDate.of(2007, 3, 4), 17)).isEqualTo("INV070304-00017");
        assertThat(DocumentNumbers.format("A{x}B$1\\", DEC_30_2016, 1)).isEqualTo("A{x}B$1\\");
    }

    @Test
    void a_never_resetting_series_counts_on_across_periods() {
        var c = new DocumentNumbers.Counter(41, "");
        var a = DocumentNumbers.assign("{Y}/{m}/{n}", "never", c, DEC_30_2016);
        assertThat(a.number()).isEqualTo("2016/12/41");
        var b = DocumentNumbers.assign("{Y}/{m}/{n}", "never", a.after(), LocalDate.of(2017, 1, 2));
        assertThat(b.number()).isEqualTo("2017/01/42");
        assertThat(b.after().next()).isEqualTo(43);
    }

    @Test
    void a_monthly_series_restarts_at_one_in_a_new_month_and_continues_within_one() {
        var dec = DocumentNumbers.assign("{Y}{m}-{n}", "month", new DocumentNumbers.Counter(9, "2016-12"), DEC_30_2016);
        assertThat(dec.number()).isEqualTo("201612-9");
        var jan = DocumentNumbers.assign("{Y}{m}-{n}", "month", dec.after(), LocalDate.of(2017, 1, 1));
        assertThat(jan.number()).isEqualTo("201701-1");
        assertThat(jan.after()).isEqualTo(new DocumentNumbers.Counter(2, "2017-01"));
        var yearly = DocumentNumbers.assign("{Y}-{n}", "year", new DocumentNumbers.Counter(5, "2016"), LocalDate.of(2016, 1, 1));
        assertThat(yearly.sequence()).isEqualTo(5);
    }

    @Test
    void formats_are_checked_for_the_number_known_placeholders_and_the_period_a_reset_needs() {
        assertThat(DocumentNumbers.problems("{Y}/{m}/{n}", "never")).isEmpty();
        assertThat(DocumentNumbers.problems("{Y}/{m}", "never")).anyMatch(p -> p.contains("{n}"));
        assertThat(DocumentNumbers.problems("{Q}-{n}", "never")).anyMatch(p -> p.contains("{Q}"));
        assertThat(DocumentNumbers.problems("{n}", "month")).anyMatch(p -> p.contains("month"));
        assertThat(DocumentNumbers.problems("{y}-{n}", "year")).isEmpty();
        assertThat(DocumentNumbers.problems("{m}-{n}", "year")).isNotEmpty();
        assertThat(DocumentNumbers.problems("{n}", "weekly")).anyMatch(p -> p.contains("never, year, month"));
        assertThat(DocumentNumbers.problems("", "never")).isNotEmpty();
        assertThat(DocumentNumbers.problems("{Y:4}-{n}", "never")).anyMatch(p -> p.contains("width"));
    }
}
