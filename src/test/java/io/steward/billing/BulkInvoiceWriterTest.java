package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.db.Db;
import io.steward.support.AccountFixtures;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both bulk-insert strategies write the same rows and honour the service-period key: the portable
 * multi-row writer on either database, the array-bound writer on PostgreSQL.
 */
class BulkInvoiceWriterTest {
    static TestServer server;
    static Db db;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        db = server.steward().db();
    }

    @AfterAll
    static void stop() { server.close(); }

    static Stream<String> writers() {
        return "postgres".equals(System.getProperty("steward.test.db")) ? Stream.of("multi-row", "array-bind") : Stream.of("multi-row");
    }

    private static BulkInvoiceWriter writer(String name) {
        return name.equals("array-bind") ? new ArrayBindWriter(db) : new MultiRowWriter(db);
    }

    private static InvoiceCalculator.Priced line(String type, Long service, LocalDate start, String amount, String qty) {
        var l = new InvoiceDraft.Line(type, service == null ? 0 : service, type + " line", new BigDecimal(amount), new BigDecimal(qty),
                true, service, start, start == null ? null : start.plusMonths(1).minusDays(1));
        return InvoiceCalculator.price(l, "USD");
    }

    @ParameterizedTest
    @MethodSource("writers")
    void invoices_and_lines_are_written_as_given_and_an_invoiced_period_is_not_written_again(String name) {
        var writer = writer(name);
        long clientId = AccountFixtures.client(server).id();
        LocalDate today = LocalDate.of(2026, 3, 1);
        LocalDateTime now = LocalDateTime.of(2026, 3, 1, 10, 15, 30, 123_000_000);
        long service = 9_000_000_000L + System.nanoTime() % 1_000_000_000L;
        String prefix = "W" + System.nanoTime() + "-";
        Function<Integer, BulkInvoiceWriter.InvoiceRow> row = k -> new BulkInvoiceWriter.InvoiceRow(
                new InvoiceStore.NewInvoice(clientId, NumberingSeries.INVOICES, today, today.plusDays(k), "USD", null, "Renewal " + k + " \\ tab\t cr\r new\nline",
                        "{\"note\":\"quote \\\" and brace {\"}", now),
                new InvoiceCalculator.Totals(new BigDecimal("10.00"), new TaxPolicy.TaxResult(new BigDecimal("21"), new BigDecimal("2.10"),
                        BigDecimal.ZERO, BigDecimal.ZERO, false), new BigDecimal("12.10")), prefix + k);

        var ids = db.tx(() -> writer.insertInvoices(List.of(row.apply(1), row.apply(2))));
        assertThat(ids).hasSize(2);
        long first = ids.get(new BulkInvoiceWriter.Numbered(NumberingSeries.INVOICES, prefix + 1));
        long second = ids.get(new BulkInvoiceWriter.Numbered(NumberingSeries.INVOICES, prefix + 2));
        var lines = new ArrayList<BulkInvoiceWriter.LineRow>();
        lines.add(new BulkInvoiceWriter.LineRow(first, line("Hosting", service, today, "10.005", "1")));
        lines.add(new BulkInvoiceWriter.LineRow(second, line("Other", null, null, "2.50", "1.5")));
        db.txRun(() -> writer.insertLines(lines));

        var billing = server.steward().billing().invoices();
        var one = billing.invoice(first).orElseThrow();
        assertThat(one.invoice().number()).isEqualTo(prefix + 1);
        assertThat(one.invoice().status()).isEqualTo(Invoice.UNPAID);
        assertThat(one.invoice().dueDate()).isEqualTo(today.plusDays(1));
        assertThat(one.invoice().total()).isEqualByComparingTo("12.10");
        assertThat(one.invoice().taxRate()).isEqualByComparingTo("21");
        // Backslash, tab, CR and newline survive COPY's text format.
        assertThat(one.invoice().notes()).isEqualTo("Renewal 1 \\ tab\t cr\r new\nline");
        assertThat(one.invoice().clientSnapshot()).isEqualTo("{\"note\":\"quote \\\" and brace {\"}");
        assertThat(one.invoice().createdAt()).isEqualTo(now);
        assertThat(one.lines()).singleElement().satisfies(l -> {
            assertThat(l.serviceId()).isEqualTo(service);
            assertThat(l.periodStart()).isEqualTo(today);
            assertThat(l.amount()).isEqualByComparingTo("10.01");
        });
        assertThat(billing.invoice(second).orElseThrow().lines()).singleElement().satisfies(l -> {
            assertThat(l.serviceId()).isNull();
            assertThat(l.periodStart()).isNull();
            assertThat(l.qty()).isEqualByComparingTo("1.5");
            assertThat(l.linetotal()).isEqualByComparingTo("3.75");
        });

        // The same service period again, with a new line: the unique key refuses the whole batch as a conflict.
        var again = List.of(new BulkInvoiceWriter.LineRow(second, line("Other", null, null, "1.00", "1")),
                new BulkInvoiceWriter.LineRow(second, line("Hosting", service, today, "10.00", "1")));
        assertThatThrownBy(() -> db.txRun(() -> writer.insertLines(again)))
                .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(billing.invoice(second).orElseThrow().lines()).hasSize(1);
    }
}
