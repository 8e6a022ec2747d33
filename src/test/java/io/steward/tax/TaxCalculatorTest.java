package io.steward.tax;

import static io.steward.tax.TaxableLine.taxed;
import static io.steward.tax.TaxableLine.untaxed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every tax combination, as a pure function of lines, subject, seller and rules. */
class TaxCalculatorTest {
    private static final TaxCalculator NL_SELLER = new TaxCalculator("NL");
    private static final VatNumberChecker SYNTAX = new SyntaxVatChecker();

    private static TaxRule rule(int level, String name, String rate, String country, String state, boolean compound) {
        return new TaxRule(level * 100L + name.length(), level, name, new BigDecimal(rate), country, state, compound, null, null);
    }

    private static final List<TaxRule> RULES = List.of(
            rule(1, "VAT", "21", "NL", "*", false),
            rule(1, "VAT", "19", "DE", "*", false),
            rule(1, "GST", "5", "CA", "*", false),
            rule(1, "HST", "13", "CA", "Ontario", false),
            rule(2, "QST", "9.975", "CA", "Quebec", false),
            rule(2, "PST", "10", "CA", "Prince Edward Island", true),
            rule(1, "Sales Tax", "7.25", "US", "California", false));

    private static TaxSubject at(String country, String state) {
        return new TaxSubject(country, state, false, false);
    }

    private static TaxResult compute(TaxSubject subject, String currency, TaxableLine... lines) {
        return NL_SELLER.compute(List.of(lines), subject, currency, RULES);
    }

    @Test
    void a_client_no_rule_covers_pays_no_tax() {
        TaxResult r = compute(at("JP", ""), "USD", taxed("100.00"));
        assertThat(r.lines()).isEmpty();
        assertThat(r.tax()).isEqualByComparingTo("0");
        assertThat(r.taxrate()).isEqualByComparingTo("0");
        assertThat(r.taxExempt()).isFalse();
        assertThat(r.reverseCharge()).isFalse();
        assertThat(r.base()).isEqualByComparingTo("100.00");
    }

    @Test
    void a_level_1_rule_taxes_the_sum_of_taxed_lines_like_the_reference_invoice() {
        // The reference: 15.00 + 1.24 at 21% = 3.41 tax, 19.65 total.
        TaxResult r = compute(at("NL", ""), "USD", taxed("15.00"), taxed("1.24"));
        assertThat(r.taxrate()).isEqualByComparingTo("21");
        assertThat(r.tax()).isEqualByComparingTo("3.41");
        assertThat(r.base().add(r.total())).isEqualByComparingTo("19.65");
        assertThat(r.lines()).extracting(TaxResult.TaxLine::name).containsExactly("VAT");
        assertThat(r.tax2()).isEqualByComparingTo("0");
    }

    @Test
    void untaxed_lines_stay_out_of_the_base() {
        TaxResult r = compute(at("DE", ""), "EUR", taxed("10.00"), untaxed("90.00"));
        assertThat(r.base()).isEqualByComparingTo("10.00");
        assertThat(r.tax()).isEqualByComparingTo("1.90");
    }

    @Test
    void discount_lines_reduce_the_base() {
        TaxResult r = compute(at("DE", ""), "EUR", taxed("100.00"), taxed("-10.00"));
        assertThat(r.base()).isEqualByComparingTo("90.00");
        assertThat(r.tax()).isEqualByComparingTo("17.10");
    }

    @Test
    void level_1_and_a_non_compound_level_2_both_tax_the_subtotal() {
        TaxResult r = compute(at("CA", "Quebec"), "CAD", taxed("100.00"));
        assertThat(r.tax()).isEqualByComparingTo("5.00");
        // 9.975% of 100.00 = 9.975, rounded half up once.
        assertThat(r.tax2()).isEqualByComparingTo("9.98");
        assertThat(r.taxrate2()).isEqualByComparingTo("9.975");
        assertThat(r.total()).isEqualByComparingTo("14.98");
        assertThat(r.lines()).extracting(TaxResult.TaxLine::name).containsExactly("GST", "QST");
    }

    @Test
    void a_compound_level_2_taxes_the_subtotal_plus_the_level_1_tax() {
        TaxResult r = compute(at("CA", "Prince Edward Island"), "CAD", taxed("100.00"));
        assertThat(r.tax()).isEqualByComparingTo("5.00");
        assertThat(r.tax2()).as("10% of 105.00").isEqualByComparingTo("10.50");
        assertThat(r.lines().get(1).compound()).isTrue();
        TaxResult odd = compute(at("CA", "Prince Edward Island"), "CAD", taxed("33.33"));
        // GST 1.6665 -> 1.67; PST on 35.00 = 3.50 (on the rounded GST, not on 34.9965).
        assertThat(odd.tax()).isEqualByComparingTo("1.67");
        assertThat(odd.tax2()).isEqualByComparingTo("3.50");
    }

    @Test
    void a_tax_exempt_client_pays_no_tax_even_where_rules_apply() {
        TaxResult r = compute(new TaxSubject("NL", "", true, false), "EUR", taxed("100.00"));
        assertThat(r.taxExempt()).isTrue();
        assertThat(r.lines()).isEmpty();
        assertThat(r.total()).isEqualByComparingTo("0");
    }

    @Test
    void an_EU_business_in_another_member_state_with_a_valid_VAT_number_is_reverse_charged() {
        TaxSubject s = NL_SELLER.subject("DE", "", false, "DE123456789", SYNTAX);
        assertThat(s.vatNumberValid()).isTrue();
        TaxResult r = NL_SELLER.compute(List.of(taxed("100.00")), s, "EUR", RULES);
        assertThat(r.reverseCharge()).isTrue();
        assertThat(r.lines()).isEmpty();
        assertThat(r.tax()).isEqualByComparingTo("0");
        assertThat(r.note()).contains("Reverse charge");
        assertThat(r.taxExempt()).isFalse();
    }

    @Test
    void a_VAT_number_with_invalid_syntax_does_not_reverse_charge() {
        for (String bad : List.of("DE12345678", "DE1234567890", "NL123456789B01", "XX123456789", "DEABCDEFGHI")) {
            TaxSubject s = NL_SELLER.subject("DE", "", false, bad, SYNTAX);
            assertThat(s.vatNumberValid()).as(bad).isFalse();
            TaxResult r = NL_SELLER.compute(List.of(taxed("100.00")), s, "EUR", RULES);
            assertThat(r.reverseCharge()).as(bad).isFalse();
            assertThat(r.tax()).as(bad).isEqualByComparingTo("19.00");
        }
    }

    @Test
    void a_client_in_the_sellers_own_country_pays_VAT_despite_a_valid_VAT_number() {
        var asked = new AtomicInteger();
        TaxSubject s = NL_SELLER.subject("NL", "", false, "NL123456789B01", counting(asked));
        assertThat(asked).as("no reverse charge is possible, so nothing to check").hasValue(0);
        assertThat(NL_SELLER.compute(List.of(taxed("100.00")), s, "EUR", RULES).tax()).isEqualByComparingTo("21.00");
    }

    @Test
    void a_client_outside_the_EU_is_taxed_by_the_rules_and_its_number_is_not_checked() {
        var asked = new AtomicInteger();
        TaxSubject s = NL_SELLER.subject("US", "California", false, "US123456789", counting(asked));
        assertThat(asked).hasValue(0);
        TaxResult r = NL_SELLER.compute(List.of(taxed("19.99")), s, "USD", RULES);
        assertThat(r.reverseCharge()).isFalse();
        // 7.25% of 19.99 = 1.449275 -> 1.45
        assertThat(r.tax()).isEqualByComparingTo("1.45");
    }

    @Test
    void a_seller_outside_the_EU_never_reverse_charges() {
        var us = new TaxCalculator("US");
        TaxSubject s = us.subject("DE", "", false, "DE123456789", SYNTAX);
        assertThat(s.vatNumberValid()).isFalse();
        assertThat(us.compute(List.of(taxed("100.00")), s, "EUR", RULES).tax()).isEqualByComparingTo("19.00");
    }

    @Test
    void a_checker_that_cannot_tell_leaves_VAT_charged() {
        TaxSubject s = NL_SELLER.subject("DE", "", false, "DE123456789", (c, n) -> VatNumberChecker.Verdict.UNKNOWN);
        assertThat(s.vatNumberValid()).isFalse();
        assertThat(NL_SELLER.compute(List.of(taxed("10.00")), s, "EUR", RULES).tax()).isEqualByComparingTo("1.90");
    }

    @Test
    void a_state_specific_rule_beats_the_country_wide_rule_of_its_level() {
        assertThat(compute(at("CA", "Ontario"), "CAD", taxed("100.00")).tax()).isEqualByComparingTo("13.00");
        assertThat(compute(at("CA", "ontario "), "CAD", taxed("100.00")).lines().get(0).name()).as("states compare case-insensitively").isEqualTo("HST");
        assertThat(compute(at("CA", "Alberta"), "CAD", taxed("100.00")).tax()).isEqualByComparingTo("5.00");
        assertThat(compute(at("US", "Oregon"), "USD", taxed("100.00")).lines()).as("the state rule covers only its state").isEmpty();
    }

    @Test
    void a_rule_for_every_country_applies_where_nothing_more_specific_does() {
        var rules = List.of(rule(1, "Tax", "10", "*", "*", false), rule(1, "VAT", "21", "NL", "*", false));
        assertThat(NL_SELLER.compute(List.of(taxed("10.00")), at("JP", ""), "USD", rules).tax()).isEqualByComparingTo("1.00");
        assertThat(NL_SELLER.compute(List.of(taxed("10.00")), at("NL", ""), "USD", rules).tax()).isEqualByComparingTo("2.10");
    }

    @Test
    void each_tax_line_is_rounded_once_on_the_sum_not_per_invoice_line() {
        // Per line, 5% of 0.10 = 0.005 would round to 0.01 three times (0.03); on the sum 0.30 it is 0.015 -> 0.02.
        var rules = List.of(rule(1, "Tax", "5", "*", "*", false));
        TaxResult r = NL_SELLER.compute(List.of(taxed("0.10"), taxed("0.10"), taxed("0.10")), at("JP", ""), "USD", rules);
        assertThat(r.tax()).isEqualByComparingTo("0.02");
        assertThat(r.tax().scale()).isEqualTo(2);
    }

    @Test
    void rounding_follows_the_currencys_scale() {
        var rules = List.of(rule(1, "Consumption Tax", "8.5", "*", "*", false));
        TaxResult yen = NL_SELLER.compute(List.of(taxed("999")), at("JP", ""), "JPY", rules);
        assertThat(yen.tax()).isEqualByComparingTo("85");
        assertThat(yen.tax().scale()).isZero();
    }

    @Test
    void a_line_that_was_not_rounded_is_refused() {
        assertThatThrownBy(() -> compute(at("NL", ""), "USD", taxed("1.005"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(compute(at("NL", ""), "USD", taxed("1.0000")).tax()).as("trailing zeros are fine").isEqualByComparingTo("0.21");
    }

    @Test
    void the_seller_country_must_be_an_ISO_code() {
        assertThatThrownBy(() -> new TaxCalculator("Netherlands")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TaxCalculator("NL").reverseChargePossible("BE")).isTrue();
        assertThat(new TaxCalculator("NL").reverseChargePossible("CH")).isFalse();
    }

    private static VatNumberChecker counting(AtomicInteger asked) {
        return (country, number) -> {
            asked.incrementAndGet();
            return VatNumberChecker.Verdict.VALID;
        };
    }
}
