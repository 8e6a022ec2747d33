package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link BillingService#issueBatch}: the bulk path keeps every rule of the single path. */
class BatchIssueTest {
    static TestServer server;
    static BillingService billing;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        billing = server.steward().billing().invoices();
    }

    @AfterAll
    static void stop() { server.close(); }

    private static BigDecimal d(String s) { return new BigDecimal(s); }

    private static LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    private static long service() {
        return 10_000_000_000L + (long) (Math.random() * 1_000_000_000_000L);
    }

    private static InvoiceDraft.Line hosting(long service, LocalDate start, String amount) {
        return InvoiceDraft.Line.forService("Hosting", service, "Hosting " + service, d(amount), true, start, start.plusMonths(1).minusDays(1));
    }

    private static String newSeries(String format) {
        String name = "B" + System.nanoTime();
        assertThat(server.http().put("/admin/api/invoice-series/" + name, Auth.admin(), Body.json(Map.of("format", format))).status()).isEqualTo(200);
        return name;
    }

    @Test
    void a_batch_issues_like_the_single_path_skips_what_is_invoiced_and_a_rerun_creates_nothing() {
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        String series = newSeries("BT-{n}");
        long s1 = service(), s2 = service(), s3 = service(), old = service();
        LocalDate start = today();
        billing.issue(InvoiceDraft.of(a.id(), List.of(hosting(old, start, "1"))));
        long bank = BillingFixtures.gatewayId(server, "banktransfer");
        BillingFixtures.configure(server, "banktransfer", "Wire", "1.00", "1.5", true);
        var free = new CopyOnWriteArrayList<Long>();
        billing.addListener(new BillingListener() {
            @Override
            public void invoicePaid(InvoiceDetail invoice) {
                if (invoice.invoice().clientId() == b.id()) free.add(invoice.id());
            }
        });
        try {
            var drafts = List.of(
                    InvoiceDraft.of(a.id(), List.of(hosting(s1, start, "10.005"), hosting(old, start, "1"))).withSeries(series).withGateway(bank),
                    InvoiceDraft.of(b.id(), List.of(hosting(s2, start, "20"), hosting(s1, start, "10"))).withSeries(series),
                    InvoiceDraft.of(a.id(), List.of(hosting(old, start, "1"))).withSeries(series),
                    InvoiceDraft.of(b.id(), List.of(hosting(s3, start, "5"), InvoiceDraft.Line.forService("Promo", s3, "Free month", d("-5"), true,
                            start, null))).withSeries(series),
                    InvoiceDraft.of(a.id(), List.of(hosting(old, start, "1"), InvoiceDraft.Line.of("Other", "Unbound line", d("3"), true))).withSeries(series));
            var results = billing.issueBatch(drafts);

            assertThat(results.get(0).number()).isEqualTo("BT-1");
            assertThat(results.get(0).skipped()).containsExactly(drafts.get(0).lines().get(1));
            assertThat(results.get(1).number()).isEqualTo("BT-2");
            assertThat(results.get(1).skipped()).containsExactly(drafts.get(1).lines().get(1));
            assertThat(results.get(2).invoiceId()).isEmpty();
            assertThat(results.get(3).number()).isEqualTo("BT-3");
            // Every period line of the last draft is invoiced already, so its unbound line goes with them.
            assertThat(results.get(4).invoiceId()).isEmpty();
            assertThat(results.get(4).skipped()).hasSize(2);

            var first = billing.invoice(results.get(0).invoiceId().orElseThrow()).orElseThrow();
            // The same draft through the single path gives the same lines and totals.
            long twin = service();
            var single = billing.issue(InvoiceDraft.of(a.id(), List.of(hosting(twin, start, "10.005"))).withGateway(bank)).invoice().orElseThrow();
            assertThat(first.invoice().total()).isEqualByComparingTo(single.invoice().total());
            assertThat(first.lines()).extracting(InvoiceLine::linetotal).usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(single.lines().stream().map(InvoiceLine::linetotal).toList());
            assertThat(first.lines().get(1).description()).isEqualTo("Wire Payment Fee");
            assertThat(first.invoice().clientSnapshot()).isEqualTo(single.invoice().clientSnapshot());
            assertThat(first.invoice().dueDate()).isEqualTo(single.invoice().dueDate());
            assertThat(results.get(0).total()).isEqualByComparingTo(first.invoice().total());

            var freeInvoice = billing.invoice(results.get(3).invoiceId().orElseThrow()).orElseThrow();
            assertThat(freeInvoice.invoice().status()).isEqualTo(Invoice.PAID);
            assertThat(free).containsExactly(freeInvoice.id());

            var rerun = billing.issueBatch(drafts);
            assertThat(rerun).allMatch(r -> r.invoiceId().isEmpty());
            assertThat(rerun.get(1).skipped()).hasSize(2);
            assertThat(billing.list(b.id(), null, 1, 50).total()).isEqualTo(2);
        } finally {
            BillingFixtures.configure(server, "banktransfer", "Bank Transfer", "0", "0", true);
        }
    }

    @Test
    void a_large_batch_crosses_statement_chunks_and_stays_gapless() {
        var c = AccountFixtures.client(server);
        String series = newSeries("L{n}");
        var drafts = new ArrayList<InvoiceDraft>();
        for (int i = 0; i < 1203; i++) {
            drafts.add(InvoiceDraft.of(c.id(), List.of(hosting(service(), today(), "1.00"), InvoiceDraft.Line.of("Setup", "Setup", d("0.50"), false)))
                    .withSeries(series));
        }
        var results = billing.issueBatch(drafts);
        for (int i = 0; i < results.size(); i++) assertThat(results.get(i).number()).isEqualTo("L" + (i + 1));
        assertThat(billing.list(c.id(), null, 1, 1).total()).isEqualTo(1203);
        var last = billing.invoice(results.get(1202).invoiceId().orElseThrow()).orElseThrow();
        assertThat(last.lines()).hasSize(2);
        assertThat(last.invoice().total()).isEqualByComparingTo("1.50");
        assertThat(billing.summary(c.id()).unpaid()).isEqualByComparingTo("1804.50");
    }

    @Test
    void an_invalid_draft_fails_the_whole_batch_and_takes_no_number() {
        var c = AccountFixtures.client(server);
        String series = newSeries("X{n}");
        var good = InvoiceDraft.of(c.id(), List.of(InvoiceDraft.Line.of("Other", "ok", d("1"), true))).withSeries(series);
        var bad = InvoiceDraft.of(c.id(), List.of(InvoiceDraft.Line.of("Other", "", d("1"), true))).withSeries(series);
        assertThatThrownBy(() -> billing.issueBatch(List.of(good, bad))).isInstanceOf(StewardException.class);
        assertThat(billing.list(c.id(), null, 1, 10).total()).isZero();
        assertThat(billing.issueBatch(List.of(good)).get(0).number()).isEqualTo("X1");
        assertThat(billing.issueBatch(List.of())).isEmpty();
    }

    @Test
    void a_batch_taxes_each_client_by_its_own_profile_as_the_single_path_does() {
        var nl = AccountFixtures.client(server, Map.of("country", "NL", "state", "Noord-Holland"));
        var de = AccountFixtures.client(server, Map.of("country", "DE", "state", "Berlin"));
        var us = AccountFixtures.client(server);
        var drafts = List.of(InvoiceDraft.of(nl.id(), List.of(hosting(service(), today(), "10"))),
                InvoiceDraft.of(de.id(), List.of(hosting(service(), today(), "10"))),
                InvoiceDraft.of(nl.id(), List.of(hosting(service(), today(), "20"))),
                InvoiceDraft.of(us.id(), List.of(hosting(service(), today(), "10"))));
        var results = billing.issueBatch(drafts);
        for (int i = 0; i < drafts.size(); i++) {
            var batch = billing.invoice(results.get(i).invoiceId().orElseThrow()).orElseThrow().invoice();
            var line = drafts.get(i).lines().get(0);
            var single = billing.issue(InvoiceDraft.of(drafts.get(i).clientId(), List.of(hosting(service(), today(), line.amount().toPlainString()))))
                    .invoice().orElseThrow().invoice();
            assertThat(batch.taxRate()).as("draft %d", i).isEqualByComparingTo(single.taxRate());
            assertThat(batch.tax()).as("draft %d", i).isEqualByComparingTo(single.tax());
            assertThat(batch.total()).as("draft %d", i).isEqualByComparingTo(single.total());
            assertThat(batch.clientSnapshot()).as("draft %d", i).isEqualTo(single.clientSnapshot());
        }
        var first = billing.invoice(results.get(0).invoiceId().orElseThrow()).orElseThrow().invoice();
        assertThat(first.tax()).isEqualByComparingTo("2.10");
        assertThat(billing.invoice(results.get(1).invoiceId().orElseThrow()).orElseThrow().invoice().tax()).isEqualByComparingTo("1.90");
    }

    @Test
    void a_batch_sees_a_tax_rule_changed_since_the_previous_batch() {
        var mt = AccountFixtures.client(server, Map.of("country", "MT", "state", "Valletta"));
        var created = server.http().post("/admin/api/tax-rules", Auth.admin(),
                Body.json(Map.of("level", "1", "name", "VAT", "rate", "18", "country", "MT", "state", "*")));
        assertThat(created.status()).as("%s", created).isIn(200, 201);
        String ruleId = created.json().findValue("id").asText();
        try {
            var before = billing.issueBatch(List.of(InvoiceDraft.of(mt.id(), List.of(hosting(service(), today(), "100"))))).get(0);
            assertThat(billing.invoice(before.invoiceId().orElseThrow()).orElseThrow().invoice().tax()).isEqualByComparingTo("18.00");
            var changed = server.http().put("/admin/api/tax-rules/" + ruleId, Auth.admin(), Body.json(Map.of("rate", "5")));
            assertThat(changed.status()).as("%s", changed).isEqualTo(200);
            var after = billing.issueBatch(List.of(InvoiceDraft.of(mt.id(), List.of(hosting(service(), today(), "100"))))).get(0);
            assertThat(billing.invoice(after.invoiceId().orElseThrow()).orElseThrow().invoice().tax()).isEqualByComparingTo("5.00");
        } finally {
            server.http().delete("/admin/api/tax-rules/" + ruleId, Auth.admin());
        }
    }

    @Test
    void a_batch_with_an_unknown_client_fails_whole_with_not_found() {
        var c = AccountFixtures.client(server);
        var good = InvoiceDraft.of(c.id(), List.of(hosting(service(), today(), "1")));
        var unknown = InvoiceDraft.of(Long.MAX_VALUE - 7, List.of(hosting(service(), today(), "1")));
        assertThatThrownBy(() -> billing.issueBatch(List.of(good, unknown)))
                .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.code()).isEqualTo(io.steward.core.ErrorCode.NOT_FOUND));
        assertThat(billing.list(c.id(), null, 1, 10).total()).isZero();
    }
}
