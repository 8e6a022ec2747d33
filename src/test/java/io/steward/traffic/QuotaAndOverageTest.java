package io.steward.traffic;

import static io.steward.traffic.TrafficFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.service.module.sandbox.SandboxModuleFactory;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Overage on the renewal invoice exactly once, and the 80 % and 100 % quota notices once per period. */
class QuotaAndOverageTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TrafficFixtures.server(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Result<Record> lines(long serviceId, String type) {
        return server.steward().db().dsl().fetch("SELECT invoice_id, amount, linetotal, period_start, period_end FROM invoice_item"
                + " WHERE service_id = ? AND item_type = ? ORDER BY id", serviceId, type);
    }

    private static void runBilling(LocalDate date) {
        LocalDate today = now(server).toLocalDate();
        server.clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(today, date)));
        var res = server.http().post("/admin/api/billing/run", Auth.admin(), Body.json(Map.of("date", date.toString())));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }

    @Test
    void the_last_complete_periods_overage_is_charged_once_on_the_renewal_invoice() {
        long pro = TrafficFixtures.product(server, "Pro Hosting");
        TrafficFixtures.terms(server, pro, "1", "0.50");
        var c = AccountFixtures.client(server);
        LocalDate today = now(server).toLocalDate();
        LocalDate nextDue = today.plusDays(20);
        long id = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID,
                Map.of("product_id", pro, "next_due", nextDue.toString(), "registered_on", nextDue.minusMonths(2).toString()));
        var service = server.steward().services().services().find(id).orElseThrow();
        // The renewal of the period starting at next_due is issued 14 days before it; the last period
        // complete by then is the one before the current one.
        LocalDate issueOn = nextDue.minusDays(14);
        var usagePeriod = Periods.lastCompletedBefore(service, issueOn);
        assertThat(usagePeriod.end()).isBefore(issueOn);
        // 3.5 GB in that period (2.5 GB over the 1 GB quota, at 0.50: 1.25), and some traffic in the current one, not charged yet.
        var start = usagePeriod.start().plusDays(3).atStartOfDay();
        TrafficFixtures.history(server, id, TrafficFixtures.steady(id, start, start.plusMinutes(5 * 100), 10_000_000L, 25_000_000L));
        var current = usagePeriod.endExclusive().plusDays(1).atStartOfDay();
        TrafficFixtures.history(server, id, TrafficFixtures.steady(id, current, current.plusMinutes(5 * 100), 50_000_000L, 50_000_000L));

        runBilling(issueOn);
        var charged = lines(id, "Bandwidth");
        assertThat(charged).hasSize(1);
        var line = charged.get(0);
        assertThat(line.get(2, BigDecimal.class)).isEqualByComparingTo("1.25");
        assertThat(line.get(3, LocalDate.class)).isEqualTo(usagePeriod.start());
        assertThat(line.get(4, LocalDate.class)).isEqualTo(usagePeriod.end());
        var hosting = lines(id, "Hosting");
        assertThat(hosting).hasSize(1);
        assertThat(hosting.get(0).get(3, LocalDate.class)).isEqualTo(nextDue);
        assertThat(line.get(0, Long.class)).as("on the renewal invoice").isEqualTo(hosting.get(0).get(0, Long.class));

        // A rerun, and the next day's run, charge nothing again.
        runBilling(issueOn);
        runBilling(issueOn.plusDays(1));
        assertThat(lines(id, "Bandwidth")).hasSize(1);
        assertThat(lines(id, "Hosting")).hasSize(1);
    }

    private static long count(String sql, Object... binds) {
        return ((Number) server.steward().db().dsl().fetchValue(sql, binds)).longValue();
    }

    private static long mails(long clientId) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE client_id = ? AND template = 'service.bandwidth'", clientId);
    }

    private static long notices(long clientId, long serviceId) {
        return count("SELECT COUNT(*) FROM notification WHERE client_id = ? AND rel_type = 'service' AND rel_id = ?"
                + " AND subject LIKE 'Bandwidth%'", clientId, serviceId);
    }

    @Test
    void the_80_and_100_percent_notices_go_out_once_each_per_period() {
        long business = TrafficFixtures.product(server, "Business Hosting");
        TrafficFixtures.terms(server, business, "1", "0.10");
        var c = AccountFixtures.client(server);
        long id = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID, Map.of("product_id", business));
        var store = TrafficFixtures.store(server);
        var from = TrafficStore.floor(now(server), TrafficStore.FIVE_MINUTES);
        var traffic = server.steward().traffic();

        // 0.85 GB: the 80 % notice, once however often the sampler runs.
        server.steward().db().txRun(() -> store.add(TrafficStore.FIVE_MINUTES,
                TrafficFixtures.steady(id, from, from.plusMinutes(5 * 17), 10_000_000L, 40_000_000L)));
        traffic.sampleNow();
        traffic.sampleNow();
        assertThat(mails(c.id())).isEqualTo(1);
        assertThat(notices(c.id(), id)).isEqualTo(1);
        assertThat(server.steward().db().dsl().fetchValue("SELECT subject FROM mail_outbox WHERE client_id = ? AND template = 'service.bandwidth'",
                c.id()).toString()).contains("80%");

        // 1.0 GB: the 100 % notice, once.
        server.steward().db().txRun(() -> store.add(TrafficStore.FIVE_MINUTES,
                TrafficFixtures.steady(id, from.plusMinutes(5 * 17), from.plusMinutes(5 * 20), 10_000_000L, 40_000_000L)));
        traffic.sampleNow();
        traffic.sampleNow();
        assertThat(mails(c.id())).isEqualTo(2);
        assertThat(notices(c.id(), id)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM traffic_notice WHERE service_id = ?", id)).isEqualTo(2);

        // A service that passes both at once is told once (100 %); the 80 % one is recorded as passed.
        long jump = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID, Map.of("product_id", business));
        server.steward().db().txRun(() -> store.add(TrafficStore.FIVE_MINUTES,
                TrafficFixtures.steady(jump, from, from.plusMinutes(5 * 24), 10_000_000L, 40_000_000L)));
        traffic.sampleNow();
        assertThat(notices(c.id(), jump)).isEqualTo(1);
        assertThat(mails(c.id())).isEqualTo(3);
        assertThat(new QuotaNotices(server.steward().db(), server.clock, null, null, null, null)
                .told(jump, Periods.containing(server.steward().services().services().find(jump).orElseThrow(), from.toLocalDate()).start()))
                .isEqualTo(List.of(80, 100));
    }
}
