package io.steward.service;

import static io.steward.service.ServiceFixtures.moduleCalls;
import static io.steward.service.ServiceFixtures.runJobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.BillingCycle;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.service.ServiceOperations.NewService;
import io.steward.service.ServiceOperations.RenewOutcome;
import io.steward.support.AccountFixtures;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ServiceOperations seam as orders, billing and the billing engine use it. */
class ServiceOperationsTest {
    static TestServer server;
    static ServiceOperations ops;

    @BeforeAll
    static void start() {
        server = ServiceFixtures.manualServer();
        ops = server.steward().services().services();
    }

    @AfterAll
    static void stop() { server.close(); }

    private static NewService monthly(long clientId, LocalDate registered, LocalDate nextDue) {
        return new NewService(clientId, 7L, 11L, "VPS S", "VPS", "vps", BillingCycle.MONTHLY, "EUR", new BigDecimal("5.00"),
                new BigDecimal("5.00"), registered, nextDue, nextDue.minusDays(7), "vps.example.com", null, null, null, false, null);
    }

    /** An active monthly service first due on {@code nextDue}. */
    private static long active(LocalDate nextDue) {
        long client = AccountFixtures.client(server).id();
        long id = ops.createPending(monthly(client, nextDue.minusMonths(1), nextDue));
        assertThat(ops.activate(id)).isPresent();
        runJobs(server);
        assertThat(ops.find(id).orElseThrow().status()).isEqualTo(Service.ACTIVE);
        return id;
    }

    @Test
    void createPending_keeps_what_the_order_step_gives_and_activation_queues_one_create() {
        long client = AccountFixtures.client(server).id();
        long id = ops.createPending(monthly(client, LocalDate.of(2025, 1, 31), LocalDate.of(2025, 2, 28)));
        Service s = ops.find(id).orElseThrow();
        assertThat(s.status()).isEqualTo(Service.PENDING);
        assertThat(s.productId()).isEqualTo(7L);
        assertThat(s.orderId()).isEqualTo(11L);
        assertThat(s.nextInvoice()).isEqualTo(LocalDate.of(2025, 2, 21));
        assertThat(s.module()).isEqualTo("recording");
        long job = ops.activate(id).orElseThrow();
        assertThat(ops.activate(id)).as("a repeat answers the same job").contains(job);
        assertThat(ops.byClient(client)).extracting(Service::id).containsExactly(id);
    }

    @Test
    void createPending_refuses_invalid_input_naming_the_fields() {
        long client = AccountFixtures.client(server).id();
        var bad = new NewService(client, null, null, "x", "", "", BillingCycle.MONTHLY, "EURO", new BigDecimal("-1"), new BigDecimal("1.23456"),
                LocalDate.of(2025, 1, 1), null, null, "", null, null, "none", false, "{not json");
        assertThatThrownBy(() -> ops.createPending(bad)).isInstanceOfSatisfying(StewardException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNPROCESSABLE);
            assertThat(e.fields()).containsKeys("currency", "total", "firstpayment", "next_due", "module", "module_config");
        });
    }

    @Test
    void a_manually_provisioned_service_stays_Pending_on_activation() {
        long client = AccountFixtures.client(server).id();
        var m = monthly(client, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1));
        long id = ops.createPending(new NewService(m.clientId(), m.productId(), m.orderId(), m.name(), m.category(), m.categorySlug(),
                m.cycle(), m.currency(), m.recurringAmount(), m.firstPayment(), m.registeredOn(), m.nextDue(), m.nextInvoice(), m.domain(),
                null, null, null, true, null));
        assertThat(ops.activate(id)).isEmpty();
        runJobs(server);
        assertThat(ops.find(id).orElseThrow().status()).isEqualTo(Service.PENDING);
    }

    @Test
    void renew_moves_next_due_once_per_period_keeping_the_billing_day() {
        long id = active(LocalDate.of(2025, 1, 31));
        assertThat(ops.renew(id, LocalDate.of(2025, 1, 31))).isEqualTo(RenewOutcome.RENEWED);
        assertThat(ops.find(id).orElseThrow().nextDue()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(ops.renew(id, LocalDate.of(2025, 1, 31))).as("a repeated payment event").isEqualTo(RenewOutcome.ALREADY_RENEWED);
        assertThat(ops.renew(id, LocalDate.of(2025, 3, 31))).isEqualTo(RenewOutcome.EARLIER_PERIOD_UNPAID);
        assertThat(ops.find(id).orElseThrow().nextDue()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(ops.renew(id, LocalDate.of(2025, 2, 28))).isEqualTo(RenewOutcome.RENEWED);
        assertThat(ops.find(id).orElseThrow().nextDue()).as("back on the 31st").isEqualTo(LocalDate.of(2025, 3, 31));
        runJobs(server);
        assertThat(moduleCalls(server, id)).containsExactly("create", "renew", "renew");
    }

    @Test
    void pending_and_free_services_are_not_renewable() {
        long client = AccountFixtures.client(server).id();
        long pending = ops.createPending(monthly(client, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1)));
        assertThat(ops.renew(pending, LocalDate.of(2025, 2, 1))).isEqualTo(RenewOutcome.NOT_RENEWABLE);
        long free = ops.createPending(new NewService(client, null, null, "DNS", "DNS", "dns", BillingCycle.FREE, "EUR", BigDecimal.ZERO,
                BigDecimal.ZERO, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), null, "", null, null, null, false, null));
        assertThat(ops.find(free).orElseThrow().nextDue()).as("free services have no due date").isNull();
        ops.activate(free);
        runJobs(server);
        assertThat(ops.renew(free, LocalDate.of(2025, 2, 1))).isEqualTo(RenewOutcome.NOT_RENEWABLE);
    }

    @Test
    void the_engine_listings_find_services_by_next_invoice_and_days_overdue() {
        long id = active(LocalDate.of(2025, 6, 15));
        // next_invoice is 2025-06-08
        assertThat(ids(ops.dueForInvoicing(LocalDate.of(2025, 6, 7), 0, 10_000))).doesNotContain(id);
        assertThat(ids(ops.dueForInvoicing(LocalDate.of(2025, 6, 8), 0, 10_000))).contains(id);
        assertThat(ops.advanceNextInvoice(id, LocalDate.of(2025, 6, 8), LocalDate.of(2025, 7, 8))).isTrue();
        assertThat(ops.advanceNextInvoice(id, LocalDate.of(2025, 6, 8), LocalDate.of(2025, 7, 8))).as("a rerun moves nothing").isFalse();
        assertThat(ids(ops.dueForInvoicing(LocalDate.of(2025, 6, 8), 0, 10_000))).doesNotContain(id);

        assertThat(ids(ops.dueForSuspension(LocalDate.of(2025, 6, 19), 5, 0, 10_000))).doesNotContain(id);
        assertThat(ids(ops.dueForSuspension(LocalDate.of(2025, 6, 20), 5, 0, 10_000))).contains(id);
        ops.suspend(id, "Overdue on payment");
        assertThat(ids(ops.dueForSuspension(LocalDate.of(2025, 6, 20), 5, 0, 10_000))).as("a suspension is queued").doesNotContain(id);
        runJobs(server);
        assertThat(ops.find(id).orElseThrow().status()).isEqualTo(Service.SUSPENDED);
        assertThat(ops.find(id).orElseThrow().suspendReason()).isEqualTo("Overdue on payment");

        assertThat(ids(ops.dueForTermination(LocalDate.of(2025, 7, 14), 30, 0, 10_000))).doesNotContain(id);
        assertThat(ids(ops.dueForTermination(LocalDate.of(2025, 7, 15), 30, 0, 10_000))).contains(id);
        ops.terminate(id);
        assertThat(ids(ops.dueForTermination(LocalDate.of(2025, 7, 15), 30, 0, 10_000))).doesNotContain(id);
        runJobs(server);
        assertThat(ops.find(id).orElseThrow().status()).isEqualTo(Service.TERMINATED);
    }

    @Test
    void paying_a_suspended_service_renews_it_and_unsuspension_is_queued_once() {
        long id = active(LocalDate.of(2025, 9, 1));
        ops.suspend(id, "Overdue on payment");
        runJobs(server);
        assertThat(ops.renew(id, LocalDate.of(2025, 9, 1))).isEqualTo(RenewOutcome.RENEWED);
        long job = ops.unsuspend(id).orElseThrow();
        assertThat(ops.unsuspend(id)).contains(job);
        runJobs(server);
        Service s = ops.find(id).orElseThrow();
        assertThat(s.status()).isEqualTo(Service.ACTIVE);
        assertThat(s.nextDue()).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(ops.unsuspend(id)).as("nothing to lift").isEmpty();
        assertThat(moduleCalls(server, id)).containsExactly("create", "suspend", "renew", "unsuspend");
    }

    @Test
    void change_package_moves_the_service_to_the_new_product_when_its_job_succeeds() {
        long id = active(LocalDate.of(2025, 5, 1));
        ops.changePackage(id, 99, "{\"package\": \"big\"}");
        assertThat(ops.find(id).orElseThrow().productId()).isEqualTo(7L);
        runJobs(server);
        Service s = ops.find(id).orElseThrow();
        assertThat(s.productId()).isEqualTo(99L);
        assertThat(s.moduleConfig()).contains("big");
    }

    @Test
    void terminating_a_Pending_service_never_provisioned_ends_it_at_once() {
        long client = AccountFixtures.client(server).id();
        long id = ops.createPending(monthly(client, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1)));
        assertThat(ops.terminate(id)).isEmpty();
        assertThat(ops.find(id).orElseThrow().status()).isEqualTo(Service.TERMINATED);
        assertThatThrownBy(() -> ops.activate(id)).isInstanceOfSatisfying(StewardException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> ops.suspend(999_999_999L, "x")).isInstanceOfSatisfying(StewardException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void the_seam_joins_the_callers_transaction_so_a_failure_after_it_leaves_nothing() {
        long client = AccountFixtures.client(server).id();
        var db = server.steward().db();
        assertThatThrownBy(() -> db.txRun(() -> {
            long id = ops.createPending(monthly(client, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1)));
            ops.activate(id);
            throw new IllegalStateException("the invoice could not be issued");
        })).hasMessageContaining("invoice");
        assertThat(ops.byClient(client)).as("neither the service nor its create job was kept").isEmpty();
    }

    private static List<Long> ids(List<Service> services) {
        return services.stream().map(Service::id).toList();
    }
}
