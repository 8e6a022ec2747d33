package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The invoice layout: what it prints, and that many lines flow onto further pages. */
class InvoicePdfTest {
    private static final String SNAPSHOT = """
            {"id": 26, "email": "joe@example.com", "firstname": "Joe", "lastname": "Doe", "companyname": "Doe (Holdings) Ltd",
             "address1": "Pretty View Lane", "address2": "3194", "city": "Santa Rosa", "state": "California",
             "postcode": "95401", "country": "US", "phonenumber": "+1.24123123", "vatNumber": "DE123456789"}""";

    private static Invoice invoice(String status, BigDecimal credit) {
        return new Invoice(9, 26, status, "invoice", "2016/12/1", LocalDate.of(2016, 12, 30), LocalDate.of(2017, 1, 6),
                status.equals(Invoice.PAID) ? LocalDateTime.of(2016, 12, 30, 12, 40, 47) : null, "USD", new BigDecimal("16.24"),
                credit, new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("3.41"), new BigDecimal("21"),
                new BigDecimal("0.00"), BigDecimal.ZERO, false, new BigDecimal("19.65"), null, "Thank you", SNAPSHOT, LocalDateTime.now());
    }

    private static InvoiceLine line(long id, String description, String amount) {
        return new InvoiceLine(id, 9, "Other", 0, description, new BigDecimal(amount), new BigDecimal("1.00"), true,
                new BigDecimal(amount), null, null, null);
    }

    @Test
    void the_invoice_prints_its_number_addressee_lines_totals_and_how_to_pay() {
        var detail = new InvoiceDetail(invoice(Invoice.UNPAID, new BigDecimal("2.10")),
                List.of(line(1, "Example Service", "15.00"), line(2, "PayPal Payment Fee", "1.24")), List.of(), List.of());
        var parsed = PdfCheck.parse(new InvoicePdf(List.of("Steward Hosting", "1 Server Road")).render(detail, "Pay by bank transfer."));
        assertThat(parsed.pages()).isEqualTo(1);
        assertThat(parsed.text()).contains("(2016/12/1)", "(Steward Hosting)", "(Doe \\(Holdings\\) Ltd)", "(Joe Doe)",
                "(VAT number: DE123456789)", "(Example Service)", "(PayPal Payment Fee)", "(15.00)", "(19.65 USD)",
                "(Tax 21%)", "(3.41 USD)", "(-2.10 USD)", "(Balance due)", "(17.55 USD)", "(Pay by bank transfer.)", "(Thank you)");
    }

    @Test
    void a_paid_invoice_shows_its_payment_date_and_no_payment_instructions() {
        var detail = new InvoiceDetail(invoice(Invoice.PAID, new BigDecimal("19.65")), List.of(line(1, "Example Service", "16.24")),
                List.of(), List.of());
        var parsed = PdfCheck.parse(new InvoicePdf(List.of("Steward Hosting")).render(detail, "Pay by bank transfer."));
        assertThat(parsed.text()).contains("(Date paid)", "(2016-12-30 12:40:47)").doesNotContain("(Pay by bank transfer.)", "(Balance due)");
    }

    @Test
    void many_lines_continue_on_further_pages_with_the_table_header_and_page_numbers() {
        var lines = new ArrayList<InvoiceLine>();
        for (int i = 1; i <= 120; i++) lines.add(line(i, "Line number " + i + " with a description long enough to wrap onto a second line of the column", "1.00"));
        var detail = new InvoiceDetail(invoice(Invoice.UNPAID, BigDecimal.ZERO), lines, List.of(), List.of());
        var parsed = PdfCheck.parse(new InvoicePdf(List.of("Steward Hosting")).render(detail, null));
        assertThat(parsed.pages()).isGreaterThan(2);
        assertThat(parsed.text()).contains("(Line number 120 with", "(Page 1 of " + parsed.pages() + ")", "(Page " + parsed.pages() + " of " + parsed.pages() + ")");
        // Every page with lines repeats the table header; the totals may need a page of their own.
        assertThat(parsed.text().split("\\(Unit price\\)", -1).length - 1).isBetween(parsed.pages() - 1, parsed.pages());
    }
}
