package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.support.AccountFixtures;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The billing run's batches reach {@link BillingListener#invoicesIssued} after they commit, through
 * billing's issued-invoices job: once each, in a transaction of the job's, retried when a listener
 * fails, and never for a batch whose transaction rolled back. Its own node, since listeners stay
 * registered for the node's life.
 */
class IssuedInvoicesTest {
    static TestServer server;
    static BillingService billing;
    static final List<List<Long>> told = new CopyOnWriteArrayList<>();
    static final AtomicBoolean failNext = new AtomicBoolean();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        billing = server.steward().billing().invoices();
        billing.addListener(new BillingListener() {
            @Override
            public void invoicesIssued(List<Invoice> invoices) {
                // Runs in the job's transaction: the invoices it names are committed and readable.
                if (failNext.getAndSet(false)) throw new IllegalStateException("listener down");
                told.add(invoices.stream().map(Invoice::id).toList());
            }
        });
    }

    @AfterAll
    static void stop() { server.close(); }

    private static LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    private static InvoiceDraft draft(long clientId) {
        long service = 20_000_000_000L + (long) (Math.random() * 1_000_000_000_000L);
        return InvoiceDraft.of(clientId, List.of(InvoiceDraft.Line.forService("Hosting", service, "Hosting", new BigDecimal("7.50"), true,
                today(), today().plusMonths(1).minusDays(1))));
    }

    private static List<Long> ids(List<BillingService.Issued> issued) {
        return issued.stream().map(i -> i.invoiceId().orElseThrow()).sorted().toList();
    }

    @Test
    void a_batch_is_told_after_it_commits_exactly_once() {
        billing.deliverIssued();
        told.clear();
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        var issued = billing.issueBatch(List.of(draft(a.id()), draft(b.id())));
        assertThat(told).as("not inside the issuing transaction").isEmpty();
        assertThat(billing.issuedPending()).isEqualTo(1);

        assertThat(billing.deliverIssued()).isEqualTo(2);
        assertThat(told).containsExactly(ids(issued));
        assertThat(billing.deliverIssued()).isZero();
        assertThat(told).hasSize(1);
        assertThat(billing.issuedPending()).isZero();
    }

    @Test
    void a_failing_listener_keeps_the_batch_for_a_later_try_and_a_rolled_back_batch_is_never_told() {
        billing.deliverIssued();
        told.clear();
        var a = AccountFixtures.client(server);
        var issued = billing.issueBatch(List.of(draft(a.id())));

        failNext.set(true);
        assertThat(billing.deliverIssued()).isZero();
        assertThat(billing.issuedPending()).isEqualTo(1);
        assertThat(billing.deliverIssued()).as("not before its retry time").isZero();
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(billing.deliverIssued()).isEqualTo(1);
        assertThat(told).containsExactly(ids(issued));

        // A batch whose transaction rolls back leaves nothing to tell.
        var db = server.steward().db();
        assertThatThrownBy(() -> db.txRun(() -> {
            billing.issueBatch(List.of(draft(a.id())));
            throw new IllegalStateException("caller fails after issuing");
        })).hasMessageContaining("caller fails");
        assertThat(billing.issuedPending()).isZero();
        assertThat(billing.deliverIssued()).isZero();
        assertThat(told).hasSize(1);
    }

    @Test
    void a_large_batch_is_told_in_rows_of_a_thousand() {
        billing.deliverIssued();
        told.clear();
        var drafts = new ArrayList<InvoiceDraft>();
        for (int i = 0; i < 3; i++) drafts.add(draft(AccountFixtures.client(server).id()));
        var db = server.steward().db();
        var many = new ArrayList<Long>();
        for (long id = 1; id <= 2_500; id++) many.add(900_000_000_000L + id);
        db.txRun(() -> billing.issued(many));
        assertThat(billing.issuedPending()).isEqualTo(3);
        // Ids that name no invoice are told to nobody; the rows are gone once delivered.
        assertThat(billing.deliverIssued()).isZero();
        assertThat(billing.issuedPending()).isZero();
        assertThat(told).isEmpty();
        var issued = billing.issueBatch(drafts);
        assertThat(billing.deliverIssued()).isEqualTo(3);
        assertThat(told.getLast()).isEqualTo(ids(issued));
    }
}
