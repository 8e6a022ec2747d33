package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.config.Config;
import io.steward.core.StewardException;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java seam the order step and the billing engine use: issuing drafts (and rerunning them),
 * the paid event inside the paying transaction, cancellation for a service, lookups, and tax from
 * an injected {@link TaxPolicy}.
 */
class BillingSeamTest {
    static TestServer server;
    static BillingFeature billing;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        billing = server.steward().billing();
    }

    @AfterAll
    static void stop() { server.close(); }

    private static BigDecimal d(String s) { return new BigDecimal(s); }

    private static LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    private static long service() {
        return 5_000_000 + (long) (Math.random() * 1_000_000_000);
    }

    private static InvoiceDraft.Line hosting(long service, LocalDate start, String amount) {
        return InvoiceDraft.Line.forService("Hosting", service, "Hosting " + start, d(amount), true, start, start.plusMonths(1).minusDays(1));
    }

    @Test
    void an_engine_rerun_of_the_same_drafts_creates_nothing_and_reports_every_line_skipped() {
        var c = AccountFixtures.client(server);
        long s1 = service(), s2 = service();
        LocalDate start = today().plusDays(10);
        var drafts = List.of(InvoiceDraft.of(c.id(), List.of(hosting(s1, start, "10"))).withDueDate(start),
                InvoiceDraft.of(c.id(), List.of(hosting(s2, start, "20"))).withDueDate(start));
        var first = billing.invoices().issueAll(drafts);
        assertThat(first).allMatch(IssueResult::issued);
        assertThat(first.get(1).invoice().orElseThrow().invoice().dueDate()).isEqualTo(start);
        var rerun = billing.invoices().issueAll(drafts);
        assertThat(rerun).noneMatch(IssueResult::issued);
        assertThat(rerun.get(0).skipped()).containsExactly(drafts.get(0).lines().get(0));
        assertThat(billing.invoices().list(c.id(), null, 1, 50).total()).isEqualTo(2);
        assertThat(billing.invoices().periodInvoiced(s1, start, "Hosting")).isTrue();
        assertThat(billing.invoices().periodInvoiced(s1, start.plusMonths(1), "Hosting")).isFalse();
    }

    @Test
    void listeners_hear_of_a_payment_once_inside_the_paying_transaction() {
        var c = AccountFixtures.client(server);
        var heard = new CopyOnWriteArrayList<InvoiceDetail>();
        BillingListener listener = new BillingListener() {
            @Override
            public void invoicePaid(InvoiceDetail invoice) {
                if (invoice.invoice().clientId() == c.id()) heard.add(invoice);
            }
        };
        billing.invoices().addListener(listener);
        long s = service();
        var inv = billing.invoices().issue(InvoiceDraft.of(c.id(), List.of(hosting(s, today(), "12.00")))).invoice().orElseThrow();
        billing.credit().adjust(c.id(), d("5"), "test", "test");
        billing.payments().applyCredit(c.id(), inv.id(), null, "client");
        assertThat(heard).isEmpty();
        billing.payments().recordPayment(inv.id(), new PaymentService.PaymentInput(null, d("7"), null, null, null), "staff:test");
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).invoice().status()).isEqualTo(Invoice.PAID);
        assertThat(heard.get(0).lines()).extracting(InvoiceLine::serviceId).containsExactly(s);
    }

    @Test
    void a_listener_that_fails_undoes_the_payment() {
        var c = AccountFixtures.client(server);
        billing.invoices().addListener(new BillingListener() {
            @Override
            public void invoicePaid(InvoiceDetail invoice) {
                if (invoice.invoice().clientId() == c.id()) throw new IllegalStateException("provisioning job could not be written");
            }
        });
        billing.credit().adjust(c.id(), d("50"), "test", "test");
        var inv = billing.invoices().issue(InvoiceDraft.of(c.id(), List.of(InvoiceDraft.Line.of("Other", "x", d("10"), true))))
                .invoice().orElseThrow();
        assertThatThrownBy(() -> billing.payments().applyCredit(c.id(), inv.id(), null, "client")).isInstanceOf(IllegalStateException.class);
        assertThat(billing.invoices().invoice(inv.id()).orElseThrow().invoice().status()).isEqualTo(Invoice.UNPAID);
        assertThat(billing.credit().balance(c.id()).credit()).isEqualByComparingTo("50");
        assertThat(billing.credit().ledgerSum(c.id())).isEqualByComparingTo("50");
    }

    @Test
    void cancelling_a_service_cancels_its_own_invoices_and_removes_its_lines_from_shared_ones() {
        var c = AccountFixtures.client(server);
        long gone = service(), kept = service();
        var own = billing.invoices().issue(InvoiceDraft.of(c.id(), List.of(hosting(gone, today(), "10")))).invoice().orElseThrow();
        var shared = billing.invoices().issue(InvoiceDraft.of(c.id(), List.of(hosting(gone, today().plusMonths(1), "10"),
                hosting(kept, today(), "4")))).invoice().orElseThrow();
        billing.credit().adjust(c.id(), d("6"), "test", "test");
        billing.payments().applyCredit(c.id(), shared.id(), null, "client");
        var cancelled = new ArrayList<Long>();
        billing.invoices().addListener(new BillingListener() {
            @Override
            public void invoiceCancelled(InvoiceDetail invoice) { cancelled.add(invoice.id()); }
        });

        var touched = billing.invoices().cancelUnpaidFor(gone, "system");
        assertThat(touched).containsExactlyInAnyOrder(own.id(), shared.id());
        assertThat(cancelled).contains(own.id()).doesNotContain(shared.id());
        assertThat(billing.invoices().invoice(own.id()).orElseThrow().invoice().status()).isEqualTo(Invoice.CANCELLED);
        var after = billing.invoices().invoice(shared.id()).orElseThrow();
        assertThat(after.lines()).extracting(InvoiceLine::serviceId).containsExactly(kept);
        assertThat(after.invoice().total()).isEqualByComparingTo("4.00");
        // 6.00 of credit was applied; 4.00 pays what is left, 2.00 goes back to the credit.
        assertThat(after.invoice().status()).isEqualTo(Invoice.PAID);
        assertThat(billing.credit().balance(c.id()).credit()).isEqualByComparingTo("2.00");
        assertThat(billing.credit().ledgerSum(c.id())).isEqualByComparingTo("2.00");
        assertThat(billing.invoices().openForService(gone)).isEmpty();
    }

    @Test
    void lookups_find_unpaid_and_overdue_invoices_as_the_clock_moves() {
        var c = AccountFixtures.client(server);
        var due = billing.invoices().issue(InvoiceDraft.of(c.id(), List.of(InvoiceDraft.Line.of("Other", "x", d("3"), true)))
                .withDueDate(today().plusDays(3))).invoice().orElseThrow();
        assertThat(billing.invoices().unpaid(c.id())).extracting(Invoice::id).containsExactly(due.id());
        assertThat(billing.invoices().overdue(today().plusDays(3), due.id() - 1, 10)).extracting(Invoice::id).doesNotContain(due.id());
        server.clock.advance(Duration.ofDays(4));
        try {
            LocalDate later = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
            assertThat(billing.invoices().overdue(later, due.id() - 1, 10)).extracting(Invoice::id).contains(due.id());
            billing.invoices().markCollections(due.id());
            assertThat(billing.invoices().unpaid(c.id()).get(0).status()).isEqualTo(Invoice.COLLECTIONS);
            assertThat(billing.invoices().summary(c.id()).unpaid()).isEqualByComparingTo("3.00");
        } finally {
            server.clock.advance(Duration.ofDays(-4));
        }
    }

    @Test
    void late_fee_lines_join_an_open_invoice_once_and_its_totals_follow() {
        var c = AccountFixtures.client(server);
        long s = service();
        var inv = billing.invoices().issue(InvoiceDraft.of(c.id(), List.of(hosting(s, today(), "10")))).invoice().orElseThrow();
        var fee = InvoiceDraft.Line.forService("LateFee", s, "Late fee", d("2.50"), false, today(), null);
        var added = billing.invoices().addLines(inv.id(), List.of(fee));
        assertThat(added.skipped()).isEmpty();
        assertThat(added.invoice().orElseThrow().invoice().total()).isEqualByComparingTo("12.50");
        var again = billing.invoices().addLines(inv.id(), List.of(fee));
        assertThat(again.skipped()).hasSize(1);
        assertThat(again.invoice().orElseThrow().invoice().total()).isEqualByComparingTo("12.50");
        assertThatThrownBy(() -> billing.invoices().addLines(999_999_999L, List.of(fee))).isInstanceOf(StewardException.class);
    }

    @Test
    void tax_comes_from_the_injected_policy_in_two_levels_compound_or_not_and_exempt_clients_pay_none() {
        var c = AccountFixtures.client(server);
        var exempt = AccountFixtures.client(server);
        ClientBillingInfo info = new ClientBillingInfo() {
            @Override
            public ClientSnapshot snapshot(long clientId) {
                return new ClientSnapshot(clientId, "t@example.com", "T", "Payer", "", "", "", "", "", "", "DE", "", "DE123456789");
            }

            @Override
            public String currency(long clientId) { return "EUR"; }
        };
        var lines = List.of(InvoiceDraft.Line.of("Hosting", "Taxed", d("100.00"), true), InvoiceDraft.Line.of("Other", "Untaxed", d("10.00"), false));
        var simple = new BillingFeature(server.steward().db(), server.clock, Config.empty(), info,
                new FixedRateTax(d("10"), d("5"), false, Set.of(exempt.id())),
                new io.steward.jobs.Jobs(server.steward().db(), server.clock, "seam-test-1"),
                server.steward().moduleInstances());
        var i1 = simple.invoices().issue(InvoiceDraft.of(c.id(), lines)).invoice().orElseThrow().invoice();
        assertThat(i1.currency()).isEqualTo("EUR");
        assertThat(i1.subtotal()).isEqualByComparingTo("110.00");
        assertThat(i1.tax()).isEqualByComparingTo("10.00");
        assertThat(i1.tax2()).isEqualByComparingTo("5.00");
        assertThat(i1.taxRate()).isEqualByComparingTo("10");
        assertThat(i1.total()).isEqualByComparingTo("125.00");

        var compound = new BillingFeature(server.steward().db(), server.clock, Config.empty(), info,
                new FixedRateTax(d("10"), d("5"), true, Set.of()),
                new io.steward.jobs.Jobs(server.steward().db(), server.clock, "seam-test-2"),
                server.steward().moduleInstances());
        var i2 = compound.invoices().issue(InvoiceDraft.of(c.id(), lines)).invoice().orElseThrow().invoice();
        assertThat(i2.tax2()).isEqualByComparingTo("5.50");
        assertThat(i2.total()).isEqualByComparingTo("125.50");

        var i3 = simple.invoices().issue(InvoiceDraft.of(exempt.id(), lines)).invoice().orElseThrow().invoice();
        assertThat(i3.taxExempt()).isTrue();
        assertThat(i3.total()).isEqualByComparingTo("110.00");
        var shown = server.http().get("/api/invoice/" + i3.id(), exempt.auth()).json().get("invoice");
        assertThat(shown.get("taxexempt").asText()).isEqualTo("1");
        var shownTaxed = server.http().get("/api/invoice/" + i1.id(), c.auth()).json().get("invoice");
        assertThat(shownTaxed.get("taxrate").decimalValue()).isEqualByComparingTo("10");
        assertThat(shownTaxed.get("taxrate").toString()).isEqualTo("10");
        assertThat(shownTaxed.get("tax2").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(server.http().get("/admin/api/invoices/" + i3.id(), Auth.admin()).json().at("/invoice/client/vat_number").asText())
                .isEqualTo("DE123456789");
        assertThat(server.http().post("/api/invoice/" + i1.id() + "/credit", c.auth(), Body.NONE).status()).isEqualTo(422);
    }
}
