package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rounding once per line, the gateway fee line and totals, without a database. */
class InvoiceCalculatorTest {
    private static BigDecimal d(String s) { return new BigDecimal(s); }

    private static InvoiceDraft.Line line(String amount) {
        return InvoiceDraft.Line.of("Other", "x", d(amount), true);
    }

    @Test
    void a_line_amount_is_rounded_once_half_up_to_the_currency_scale() {
        assertThat(InvoiceCalculator.price(line("0.125"), "USD").amount()).isEqualByComparingTo("0.13");
        assertThat(InvoiceCalculator.price(line("0.124999"), "USD").amount()).isEqualByComparingTo("0.12");
        assertThat(InvoiceCalculator.price(line("-0.125"), "USD").amount()).isEqualByComparingTo("-0.13");
        assertThat(InvoiceCalculator.price(line("1234.5"), "JPY").amount()).isEqualByComparingTo("1235");
        assertThat(InvoiceCalculator.price(line("1.0005"), "BHD").amount()).isEqualByComparingTo("1.001");
    }

    @Test
    void the_line_total_is_the_rounded_amount_times_the_quantity() {
        var p = InvoiceCalculator.price(line("3.333").withQty(d("3")), "USD");
        assertThat(p.amount()).isEqualByComparingTo("3.33");
        assertThat(p.qty()).isEqualTo(d("3.00"));
        assertThat(p.linetotal()).isEqualByComparingTo("9.99");
        var half = InvoiceCalculator.price(line("0.99").withQty(d("1.5")), "USD");
        assertThat(half.linetotal()).isEqualByComparingTo("1.49");
    }

    @Test
    void the_fee_line_is_fixed_plus_percent_of_the_subtotal_named_like_the_reference() {
        var fee = InvoiceCalculator.feeLine("PayPal", d("0.30"), d("2.9"), d("15.00"), "USD").orElseThrow();
        // 0.30 + 2.9 % of 15.00 = 0.735, rounded once
        assertThat(fee.amount()).isEqualByComparingTo("0.74");
        assertThat(fee.description()).isEqualTo("PayPal Payment Fee");
        assertThat(fee.itemId()).isEqualTo(-2);
        assertThat(fee.type()).isEqualTo("Other");
        assertThat(fee.taxed()).isTrue();
        assertThat(fee.billsPeriod()).isFalse();
    }

    @Test
    void there_is_no_fee_line_without_a_fee_and_a_negative_subtotal_adds_only_the_fixed_part() {
        assertThat(InvoiceCalculator.feeLine("Bank", BigDecimal.ZERO, BigDecimal.ZERO, d("100"), "USD")).isEmpty();
        assertThat(InvoiceCalculator.feeLine("Card", d("0.50"), d("3"), d("-10"), "USD").orElseThrow().amount()).isEqualByComparingTo("0.50");
    }

    @Test
    void totals_add_both_tax_levels_and_round_a_policys_unrounded_tax_once() {
        var lines = InvoiceCalculator.price(List.of(line("15.00"), line("1.24")), "USD");
        var tax = new TaxPolicy.TaxResult(d("21"), d("3.4104"), d("1"), d("0.1624"), false);
        var totals = InvoiceCalculator.totals(lines, tax, "USD");
        assertThat(totals.subtotal()).isEqualByComparingTo("16.24");
        assertThat(totals.tax().tax()).isEqualByComparingTo("3.41");
        assertThat(totals.tax().tax2()).isEqualByComparingTo("0.16");
        assertThat(totals.total()).isEqualByComparingTo("19.81");
    }

    @Test
    void a_service_line_bills_its_period_and_a_plain_line_does_not() {
        var s = InvoiceDraft.Line.forService("Hosting", 7, "Hosting", d("5"), true, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
        assertThat(s.billsPeriod()).isTrue();
        assertThat(s.itemId()).isEqualTo(7);
        assertThat(line("1").billsPeriod()).isFalse();
    }
}
