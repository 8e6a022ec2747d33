package io.steward.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler on its own: two schedulers on one database share recurring and one-time work without overlap. */
class JobSchedulerTest {
    private TestDatabase database;
    private Path dir;
    private Config config;
    private Db first;
    private Db second;

    @BeforeEach
    void open() throws Exception {
        database = TestDatabase.create();
        dir = Files.createTempDirectory("steward-scheduler");
        config = database.configure(Config.empty().with("scheduler.poll-interval", "PT0.05S"), dir);
        first = Db.open(config, dir);
        first.migrate();
        second = Db.open(config, dir);
    }

    @AfterEach
    void close() throws Exception {
        second.close();
        first.close();
        database.drop();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    @Test
    void a_recurring_task_on_two_schedulers_runs_repeatedly_but_never_on_both_at_once() throws Exception {
        var running = new AtomicInteger();
        var overlaps = new AtomicInteger();
        var runs = new AtomicInteger();
        Runnable tick = () -> {
            if (running.incrementAndGet() > 1) overlaps.incrementAndGet();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
                runs.incrementAndGet();
            }
        };
        var a = new JobScheduler(first, config.with("scheduler.node-name", "a"));
        var b = new JobScheduler(second, config.with("scheduler.node-name", "b"));
        a.recurring("tick", Duration.ofMillis(10), tick);
        b.recurring("tick", Duration.ofMillis(10), tick);
        a.start();
        b.start();
        try {
            await(() -> runs.get() >= 15);
        } finally {
            a.stop();
            b.stop();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(15);
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void a_one_time_instance_scheduled_twice_runs_once_with_its_data() throws Exception {
        var seen = new CopyOnWriteArrayList<String>();
        var a = new JobScheduler(first, config.with("scheduler.node-name", "a"));
        var b = new JobScheduler(second, config.with("scheduler.node-name", "b"));
        JobScheduler.OneTime onA = a.oneTime("remind", seen::add);
        JobScheduler.OneTime onB = b.oneTime("remind", seen::add);
        assertThat(onA.schedule("invoice-7", Instant.now(), "{\"invoice\": 7}")).isTrue();
        assertThat(onB.schedule("invoice-7", Instant.now(), "{\"invoice\": 8}")).as("already scheduled").isFalse();
        assertThat(onB.schedule("invoice-9", Instant.now().plusMillis(200), "{\"invoice\": 9}")).isTrue();
        a.start();
        b.start();
        try {
            await(() -> seen.size() >= 2);
            Thread.sleep(300);
        } finally {
            a.stop();
            b.stop();
        }
        assertThat(seen).containsExactlyInAnyOrder("{\"invoice\": 7}", "{\"invoice\": 9}");
    }

    @Test
    void a_disabled_scheduler_runs_nothing_and_tasks_must_be_registered_before_start() throws Exception {
        var runs = new AtomicInteger();
        var off = new JobScheduler(first, config.with("scheduler.enabled", "false"));
        off.recurring("tick", Duration.ofMillis(10), runs::incrementAndGet);
        off.start();
        Thread.sleep(300);
        assertThat(off.running()).isFalse();
        assertThat(runs.get()).isZero();
        assertThatThrownBy(() -> off.recurring("late", Duration.ofSeconds(1), () -> {})).isInstanceOf(IllegalStateException.class);
        off.stop();
    }

    @Test
    void a_failing_recurring_run_is_logged_and_the_task_runs_again() throws Exception {
        var runs = new AtomicInteger();
        var s = new JobScheduler(first, config);
        s.recurring("flaky", Duration.ofMillis(10), () -> {
            if (runs.incrementAndGet() == 1) throw new IllegalStateException("first run fails");
        });
        s.start();
        try {
            await(() -> runs.get() >= 3);
        } finally {
            s.stop();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    }
}
