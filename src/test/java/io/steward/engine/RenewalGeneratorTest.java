package io.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.core.BillingCycle;
import io.steward.service.Service;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewalGeneratorTest {
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);

    static Service service(long id, long clientId, BillingCycle cycle, LocalDate nextDue, LocalDate nextInvoice, String currency) {
        return new Service(id, clientId, 7L, null, "Starter Hosting", "Hosting", "hosting", Service.ACTIVE, cycle, currency,
                new BigDecimal("9.995"), BigDecimal.ZERO, nextDue.minusMonths(1), nextDue, nextInvoice, nextDue.getDayOfMonth(),
                "example.com", "", "", null, "recording", false, "{}", "{}", "", null, null, null, null, null);
    }

    @Test
    void a_period_is_invoiced_from_its_start_minus_the_lead_days_and_not_before() {
        var s = service(1, 10, BillingCycle.MONTHLY, DUE, DUE, "USD");
        assertThat(RenewalGenerator.plan(List.of(new RenewalGenerator.Due(s, 14)), DUE.minusDays(15), 12)).isEmpty();
        var plan = RenewalGenerator.plan(List.of(new RenewalGenerator.Due(s, 14)), DUE.minusDays(14), 12);
        assertThat(plan).hasSize(1);
        var line = plan.get(0).draft().lines().get(0);
        assertThat(line.periodStart()).isEqualTo(DUE);
        assertThat(line.periodEnd()).isEqualTo(LocalDate.of(2026, 4, 29));
        assertThat(line.type()).isEqualTo(RenewalGenerator.LINE_TYPE);
        assertThat(line.amount()).isEqualByComparingTo("9.995");
        assertThat(plan.get(0).draft().dueDate()).isEqualTo(DUE);
        // The next period (Apr 30, keeping day 31 where the month allows) is invoiced 14 days before it.
        assertThat(plan.get(0).advances()).containsExactly(new RenewalGenerator.Advance(1, 10, DUE, LocalDate.of(2026, 4, 16)));
    }

    @Test
    void next_invoice_set_by_the_engine_gives_back_the_following_period_whatever_the_lead_days_are_now() {
        // After invoicing Mar 31 with 14 lead days next_invoice is Apr 16: the next period is Apr 30.
        var s = service(1, 10, BillingCycle.MONTHLY, DUE, LocalDate.of(2026, 4, 16), "USD");
        for (int lead : List.of(0, 3, 20, 60)) {
            var plan = RenewalGenerator.plan(List.of(new RenewalGenerator.Due(s, lead)), LocalDate.of(2026, 4, 30), 1);
            assertThat(plan.get(0).draft().lines().get(0).periodStart()).as("lead %d", lead).isEqualTo(LocalDate.of(2026, 4, 30));
        }
    }

    @Test
    void lead_days_longer_than_a_period_never_invoice_a_period_twice_or_skip_one() {
        var s = service(1, 10, BillingCycle.MONTHLY, DUE, DUE, "USD");
        var plan = RenewalGenerator.plan(List.of(new RenewalGenerator.Due(s, 90)), DUE.minusDays(90), 12);
        var starts = plan.get(0).draft().lines().stream().map(l -> l.periodStart()).toList();
        assertThat(starts).containsExactly(DUE);
        LocalDate next = plan.get(0).advances().get(0).next();
        assertThat(next).isAfter(DUE).isBeforeOrEqualTo(LocalDate.of(2026, 4, 30));
    }

    @Test
    void a_missed_run_catches_up_period_by_period_up_to_the_cap() {
        var s = service(1, 10, BillingCycle.MONTHLY, DUE, DUE, "USD");
        var plan = RenewalGenerator.plan(List.of(new RenewalGenerator.Due(s, 0)), LocalDate.of(2026, 6, 30), 12);
        assertThat(plan.get(0).draft().lines().stream().map(l -> l.periodStart()).toList())
                .containsExactly(DUE, LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 30));
        assertThat(plan.get(0).draft().dueDate()).as("due dates are never before the run's date").isEqualTo(LocalDate.of(2026, 6, 30));
        var capped = RenewalGenerator.plan(List.of(new RenewalGenerator.Due(s, 0)), LocalDate.of(2026, 6, 30), 2);
        assertThat(capped.get(0).draft().lines()).hasSize(2);
        assertThat(capped.get(0).advances().get(0).next()).isEqualTo(LocalDate.of(2026, 5, 31));
    }

    @Test
    void one_draft_per_client_and_currency_due_on_its_earliest_period() {
        var a = service(1, 10, BillingCycle.MONTHLY, DUE, DUE, "USD");
        var b = service(2, 10, BillingCycle.ANNUALLY, DUE.minusDays(5), DUE.minusDays(5), "USD");
        var c = service(3, 11, BillingCycle.QUARTERLY, DUE, DUE, "USD");
        var d = service(4, 10, BillingCycle.MONTHLY, DUE, DUE, "EUR");
        var plan = RenewalGenerator.plan(List.of(new RenewalGenerator.Due(a, 14), new RenewalGenerator.Due(b, 14),
                new RenewalGenerator.Due(c, 14), new RenewalGenerator.Due(d, 14)), DUE.minusDays(14), 12);
        assertThat(plan).hasSize(3);
        var first = plan.get(0);
        assertThat(first.draft().clientId()).isEqualTo(10);
        assertThat(first.draft().currency()).isEqualTo("USD");
        assertThat(first.draft().lines()).extracting(l -> l.serviceId()).containsExactly(1L, 2L);
        assertThat(first.draft().dueDate()).isEqualTo(DUE.minusDays(5));
        assertThat(first.advances()).extracting(RenewalGenerator.Advance::serviceId).containsExactly(1L, 2L);
        assertThat(plan.get(2).draft().currency()).isEqualTo("EUR");
    }

    @Test
    void free_and_one_time_services_are_never_invoiced() {
        var free = service(1, 10, BillingCycle.FREE, DUE, DUE, "USD");
        var once = service(2, 10, BillingCycle.ONCE, DUE, DUE, "USD");
        assertThat(RenewalGenerator.plan(List.of(new RenewalGenerator.Due(free, 14), new RenewalGenerator.Due(once, 14)),
                DUE.plusYears(1), 12)).isEmpty();
    }

    @Test
    void a_product_override_beats_the_global_lead_days() {
        assertThat(RenewalGenerator.lead(30, 14)).isEqualTo(30);
        assertThat(RenewalGenerator.lead(null, 14)).isEqualTo(14);
        assertThat(RenewalGenerator.lead(0, 14)).isEqualTo(0);
    }
}
