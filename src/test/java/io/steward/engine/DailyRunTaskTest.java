package io.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.support.TestServer;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The daily billing run is a db-scheduler recurring task: one row, so one node runs each day's execution. */
class DailyRunTaskTest {

    @Test
    void a_node_with_the_daily_run_schedules_it_once_at_the_configured_time() throws Exception {
        try (TestServer server = TestServer.start(c -> c.with("billing.engine.scheduled", "true").with("billing.engine.run-at", "03:30"))) {
            var db = server.steward().db();
            var name = field(name("task_name"), String.class);
            var at = field(name("execution_time"), LocalDateTime.class);
            LocalDateTime next = null;
            for (int i = 0; i < 50 && next == null; i++) {
                next = db.dsl().select(at).from(table(name("scheduled_tasks"))).where(name.eq("billing-run")).fetchOptional(at).orElse(null);
                if (next == null) Thread.sleep(100);
            }
            assertThat(next).as("the billing-run task is scheduled").isNotNull();
            assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(3, 30));
            assertThat(db.dsl().fetchCount(table(name("scheduled_tasks")), name.eq("billing-run"))).isEqualTo(1);
        }
    }

    @Test
    void the_test_harness_leaves_the_daily_run_off_so_tests_choose_their_dates() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.steward().engine().settings().scheduled()).isFalse();
        }
    }
}
