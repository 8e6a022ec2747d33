package io.steward.scheduler;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steward's background work, on db-scheduler over the node's own pool: features register
 * recurring tasks and one-time tasks here while the node is assembled; {@link #start} runs them.
 *
 * <p>Cluster-safe: every task execution is a row in {@code scheduled_tasks} that exactly one node
 * picks, so nodes sharing one PostgreSQL never run one execution twice. PostgreSQL polls with
 * lock-and-fetch ({@code SELECT ... FOR UPDATE SKIP LOCKED}); H2 has no SKIP LOCKED and uses the
 * default fetch-then-claim strategy (an optimistic update of the picked row's version).
 *
 * <p>The scheduler keeps real time (heartbeats, dead-execution detection), not the node's
 * business clock: tasks read the injected {@code Clock} themselves, so tests that move a
 * {@code MutableClock} by days do not make every heartbeat look dead.
 *
 * <p>Configuration: {@code scheduler.enabled} (default true; tests switch it off to drive work by
 * hand), {@code scheduler.poll-interval} (default 1 s), {@code scheduler.threads} (default 4),
 * {@code scheduler.shutdown-max-wait} (default 10 s), {@code scheduler.node-name} (default host
 * name plus a random suffix, so two nodes on one host are told apart).
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    /** A registered one-time task: schedules instances of it. */
    public final class OneTime {
        private final OneTimeTask<String> task;

        private OneTime(OneTimeTask<String> task) {
            this.task = task;
        }

        /**
         * Schedules an instance to run at {@code at} with {@code data}, unless an instance with this
         * id is already scheduled (so a repeat schedules nothing). Runs in its own transaction, not
         * the caller's: work that must commit with a business change belongs in a row written in
         * that change's transaction (as provisioning jobs do) and a recurring task that polls it.
         */
        public boolean schedule(String instanceId, Instant at, String data) {
            return scheduler().scheduleIfNotExists(task.instance(instanceId, data), at);
        }
    }

    private final Db db;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int threads;
    private final Duration shutdownMaxWait;
    private final String nodeName;
    /** One-time tasks; recurring ones are known through {@code startTasks}, which schedules them on start. */
    private final List<Task<?>> oneTime = new ArrayList<>();
    private final List<RecurringTask<?>> recurring = new ArrayList<>();
    private Scheduler scheduler;
    private boolean frozen;
    private boolean started;

    public JobScheduler(Db db, Config config) {
        this.db = db;
        this.enabled = config.getBool("scheduler.enabled", true);
        this.pollInterval = config.getDuration("scheduler.poll-interval", Duration.ofSeconds(1));
        this.threads = config.getInt("scheduler.threads", 4);
        this.shutdownMaxWait = config.getDuration("scheduler.shutdown-max-wait", Duration.ofSeconds(10));
        this.nodeName = config.get("scheduler.node-name", hostName() + "-" + Secrets.randomToken(4));
        if (pollInterval.isNegative() || pollInterval.isZero()) throw new IllegalArgumentException("scheduler.poll-interval must be positive");
    }

    public boolean enabled() { return enabled; }

    public String nodeName() { return nodeName; }

    /**
     * Registers {@code work} to run every {@code every} (measured from the end of one run to the
     * start of the next), on one node of the cluster at a time. A failing run is logged and the
     * task runs again at its next time.
     */
    public synchronized void recurring(String name, Duration every, Runnable work) {
        requireOpen();
        RecurringTask<Void> task = Tasks.recurring(name, FixedDelay.of(every)).execute((instance, ctx) -> work.run());
        recurring.add(task);
    }

    /**
     * Registers {@code work} to run once a day at {@code at} (UTC), on one node of the cluster. A
     * failing run is logged and the task runs again the next day.
     */
    public synchronized void daily(String name, java.time.LocalTime at, Runnable work) {
        requireOpen();
        RecurringTask<Void> task = Tasks.recurring(name, new com.github.kagkarlsson.scheduler.task.schedule.Daily(java.time.ZoneOffset.UTC, at))
                .execute((instance, ctx) -> work.run());
        recurring.add(task);
    }

    /** Registers a one-time task taking a string (JSON, an id...); instances are scheduled through the handle. */
    public synchronized OneTime oneTime(String name, Consumer<String> work) {
        requireOpen();
        OneTimeTask<String> task = Tasks.oneTime(name, String.class).execute((instance, ctx) -> work.accept(instance.getData()));
        oneTime.add(task);
        return new OneTime(task);
    }

    private void requireOpen() {
        if (frozen || scheduler != null) throw new IllegalStateException("tasks must be registered before the scheduler starts");
    }

    /** Builds the db-scheduler instance on first use; registration is closed from then on. */
    private synchronized Scheduler scheduler() {
        if (scheduler == null) {
            var builder = Scheduler.create(db.pool(), List.copyOf(oneTime))
                    .startTasks(List.copyOf(recurring))
                    .schedulerName(new SchedulerName.Fixed(nodeName))
                    .threads(threads)
                    .pollingInterval(pollInterval)
                    .shutdownMaxWait(shutdownMaxWait)
                    .alwaysPersistTimestampInUTC();
            // SKIP LOCKED is PostgreSQL's; H2 keeps db-scheduler's default fetch strategy (and its
            // default SQL, named here so db-scheduler does not warn that it found no H2 dialect).
            if (db.isPostgres()) builder.pollUsingLockAndFetch(0.5, 1.0);
            else builder.jdbcCustomization(new DefaultJdbcCustomization(true));
            scheduler = builder.build();
        }
        return scheduler;
    }

    /** Starts polling (when enabled). Called once the node serves HTTP. */
    public synchronized void start() {
        frozen = true;
        if (!enabled || started) return;
        scheduler().start();
        started = true;
        LOG.info("scheduler started: node {}, {} tasks, polling every {}", nodeName, oneTime.size() + recurring.size(), pollInterval);
    }

    /** Stops polling and waits (up to scheduler.shutdown-max-wait) for running executions. */
    public synchronized void stop() {
        if (started) {
            scheduler.stop();
            started = false;
        }
    }

    public synchronized boolean running() { return started; }

    @Override
    public void close() { stop(); }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "steward";
        }
    }
}
