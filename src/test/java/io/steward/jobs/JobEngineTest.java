package io.steward.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job engine on the real database: claims, retries, the dead letter, limits, order, and the staff's view of it. */
class JobEngineTest {
    static TestServer server;
    static Jobs jobs;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false"));
        jobs = server.steward().jobs();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Backoff exact(int seconds) {
        return new Backoff(Duration.ofSeconds(seconds), Duration.ofHours(1), 0);
    }

    private static long enqueue(String kind, String subject, String action) {
        return jobs.enqueue(kind, subject, action, "{}", null).id();
    }

    private static JsonNode admin(long id) {
        Res res = server.http().get("/admin/api/jobs/" + id, Auth.admin());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("job");
    }

    @Test
    void two_runners_on_two_nodes_run_each_job_exactly_once() throws Exception {
        var calls = new ConcurrentHashMap<Long, AtomicInteger>();
        JobHandler counting = job -> {
            calls.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            return JobResult.done();
        };
        // Two engines on one database stand for two nodes.
        var other = new Jobs(server.steward().db(), server.clock, "other-node");
        jobs.register(JobKind.of("test.exclusive", counting).concurrency(16));
        other.register(JobKind.of("test.exclusive", counting).concurrency(16));
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 60; i++) ids.add(enqueue("test.exclusive", "s" + (i % 7), "touch"));

        try (var pool = Executors.newFixedThreadPool(4)) {
            var runs = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> jobs.runDue("test.exclusive"::equals)));
                runs.add(pool.submit(() -> other.runDue("test.exclusive"::equals)));
            }
            int ran = 0;
            for (var r : runs) ran += r.get();
            assertThat(ran).as("claims across both runners").isEqualTo(60);
        }
        for (long id : ids) {
            assertThat(calls.get(id)).as("job %d", id).hasValue(1);
            assertThat(admin(id).get("status").asText()).isEqualTo("done");
        }
    }

    @Test
    void a_claimer_passes_over_a_job_another_transaction_holds_locked_instead_of_waiting() throws Exception {
        jobs.register(JobKind.of("test.skip", job -> JobResult.done()));
        long held = enqueue("test.skip", "1", "go");
        long free = enqueue("test.skip", "2", "go");
        try (var other = server.steward().db().pool().getConnection()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("SELECT id FROM job WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, held);
                lock.executeQuery().close();
            }
            // Another node's transaction holds the first job: FOR UPDATE SKIP LOCKED picks the second at once.
            try (var pool = Executors.newSingleThreadExecutor()) {
                var claims = pool.submit(() -> jobs.claim("test.skip", 10)).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(claims).extracting(c -> c.job().id()).containsExactly(free);
                claims.forEach(c -> jobs.finish(c, JobResult.done()));
            }
            other.rollback();
        }
        assertThat(jobs.runDue("test.skip"::equals)).as("the held job, once released").isEqualTo(1);
        assertThat(admin(held).get("status").asText()).isEqualTo("done");
    }

    @Test
    void a_job_failing_every_attempt_is_retried_after_the_backoff_then_dead_and_the_handler_is_told_once() {
        var dead = new CopyOnWriteArrayList<String>();
        var failures = new AtomicInteger();
        jobs.register(JobKind.of("test.failing", new JobHandler() {
            @Override public JobResult call(Job job) { return JobResult.retry("down (call " + failures.incrementAndGet() + ")"); }

            @Override public void dead(Job job, String error) { dead.add(job.id() + ":" + error); }
        }).maxAttempts(3).backoff(exact(10)));
        long id = enqueue("test.failing", "1", "poke");

        jobs.runDue("test.failing"::equals);
        JsonNode first = admin(id);
        assertThat(first.get("status").asText()).isEqualTo("failed");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("last_error").asText()).isEqualTo("down (call 1)");
        jobs.runDue("test.failing"::equals);
        assertThat(failures).as("not before its retry time").hasValue(1);

        server.clock.advance(Duration.ofSeconds(10));
        jobs.runDue("test.failing"::equals);
        assertThat(admin(id).get("attempts").asInt()).isEqualTo(2);
        server.clock.advance(Duration.ofSeconds(19));
        jobs.runDue("test.failing"::equals);
        assertThat(failures).as("the second wait is 20 s").hasValue(2);
        server.clock.advance(Duration.ofSeconds(1));
        jobs.runDue("test.failing"::equals);

        JsonNode deadJob = admin(id);
        assertThat(deadJob.get("status").asText()).isEqualTo("dead");
        assertThat(deadJob.get("attempts").asInt()).isEqualTo(3);
        assertThat(deadJob.get("next_attempt_at").isNull()).isTrue();
        assertThat(dead).containsExactly(id + ":down (call 3)");
        server.clock.advance(Duration.ofHours(2));
        jobs.runDue("test.failing"::equals);
        assertThat(failures).as("a dead job does not run").hasValue(3);

        JsonNode letter = server.http().get("/admin/api/jobs?kind=test.failing&status=dead", Auth.admin()).json();
        assertThat(letter.get("total").asInt()).isEqualTo(1);
        assertThat(letter.at("/jobs/0/id").asLong()).isEqualTo(id);
    }

    @Test
    void staff_retry_a_dead_job_with_fresh_attempts_and_cancel_a_queued_one_which_then_never_runs() {
        var ran = new CopyOnWriteArrayList<Long>();
        var fail = new java.util.concurrent.atomic.AtomicBoolean(true);
        jobs.register(JobKind.of("test.staff", job -> {
            ran.add(job.id());
            return fail.get() ? JobResult.fatal("refused") : JobResult.done();
        }));
        long deadId = enqueue("test.staff", "1", "go");
        jobs.runDue("test.staff"::equals);
        assertThat(admin(deadId).get("status").asText()).as("a fatal failure is dead at once").isEqualTo("dead");
        assertThat(admin(deadId).get("attempts").asInt()).isEqualTo(1);

        fail.set(false);
        Res retried = server.http().post("/admin/api/jobs/" + deadId + "/retry", Auth.admin(), Body.NONE);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().at("/job/status").asText()).isEqualTo("queued");
        assertThat(retried.json().at("/job/attempts").asInt()).isZero();
        jobs.runDue("test.staff"::equals);
        assertThat(admin(deadId).get("status").asText()).isEqualTo("done");
        assertThat(server.http().post("/admin/api/jobs/" + deadId + "/retry", Auth.admin(), Body.NONE).status())
                .as("a done job is not retried").isEqualTo(409);
        assertThat(server.http().post("/admin/api/jobs/" + deadId + "/cancel", Auth.admin(), Body.NONE).status())
                .as("nor cancelled").isEqualTo(409);

        long queued = enqueue("test.staff", "2", "go");
        Res cancelled = server.http().post("/admin/api/jobs/" + queued + "/cancel", Auth.admin(), Body.NONE);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().at("/job/status").asText()).isEqualTo("cancelled");
        jobs.runDue("test.staff"::equals);
        assertThat(ran).doesNotContain(queued);
        assertThat(server.http().post("/admin/api/jobs/" + queued + "/retry", Auth.admin(), Body.NONE).status()).isEqualTo(409);

        assertThat(server.http().get("/admin/api/jobs/999999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().post("/admin/api/jobs/999999999/cancel", Auth.admin(), Body.NONE).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/jobs?status=bogus", Auth.admin()).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/jobs", Auth.NONE).status()).isEqualTo(401);
    }

    @Test
    void no_more_jobs_of_a_kind_run_at_once_than_its_concurrency_limit() throws Exception {
        var now = new AtomicInteger();
        var most = new AtomicInteger();
        jobs.register(JobKind.of("test.limited", job -> {
            int n = now.incrementAndGet();
            most.accumulateAndGet(n, Math::max);
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return JobResult.done();
        }).concurrency(2));
        for (int i = 0; i < 8; i++) enqueue("test.limited", "s" + i, "work");
        try (var pool = Executors.newFixedThreadPool(3)) {
            var runs = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 3; i++) runs.add(pool.submit(() -> jobs.runDue("test.limited"::equals)));
            int ran = 0;
            for (var r : runs) ran += r.get();
            assertThat(ran).isEqualTo(8);
        }
        assertThat(most.get()).as("jobs running together").isEqualTo(2);
    }

    @Test
    void an_ordered_kind_runs_a_subjects_jobs_in_order_and_a_failed_one_holds_back_the_next() {
        var order = new CopyOnWriteArrayList<String>();
        var firstFails = new java.util.concurrent.atomic.AtomicBoolean(true);
        jobs.register(JobKind.of("test.ordered", job -> {
            if (job.action().equals("first") && firstFails.getAndSet(false)) return JobResult.retry("not yet");
            order.add(job.subject() + ":" + job.action());
            return JobResult.done();
        }).backoff(exact(30)).orderedBySubject());
        enqueue("test.ordered", "a", "first");
        enqueue("test.ordered", "a", "second");
        enqueue("test.ordered", "b", "only");

        jobs.runDue("test.ordered"::equals);
        assertThat(order).as("b runs; a's second waits behind a's failed first").containsExactly("b:only");
        server.clock.advance(Duration.ofSeconds(30));
        jobs.runDue("test.ordered"::equals);
        assertThat(order).containsExactly("b:only", "a:first", "a:second");
    }

    @Test
    void a_dedupe_key_queues_a_once_only_action_once_and_the_queues_show_on_the_admin_api_and_metrics() {
        jobs.register(JobKind.of("test.summary", job -> JobResult.fatal("no")).maxAttempts(1));
        var first = jobs.enqueue("test.summary", "9", "once", "{\"n\":1}", "once:9");
        var again = jobs.enqueue("test.summary", "9", "once", "{\"n\":2}", "once:9");
        assertThat(first.queued()).isTrue();
        assertThat(again.queued()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
        enqueue("test.summary", "10", "later");
        server.clock.advance(Duration.ofSeconds(5));

        JsonNode queue = queue("test.summary");
        assertThat(queue.get("depth").asInt()).isEqualTo(2);
        assertThat(queue.get("oldest_due_age_seconds").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(queue.get("registered").asBoolean()).isTrue();

        jobs.runDue("test.summary"::equals);
        queue = queue("test.summary");
        assertThat(queue.get("depth").asInt()).isZero();
        assertThat(queue.get("dead").asInt()).isEqualTo(2);
        assertThat(queue.get("failed_last_24h").asInt()).isEqualTo(2);
        JsonNode listed = server.http().get("/admin/api/jobs?kind=test.summary&subject=9", Auth.admin()).json();
        assertThat(listed.get("total").asInt()).isEqualTo(1);
        assertThat(listed.at("/jobs/0/payload/n").asInt()).isEqualTo(1);
        assertThat(listed.at("/jobs/0/dedupe_key").asText()).isEqualTo("once:9");

        String metrics = server.http().get("/metrics", Auth.NONE).text();
        assertThat(metrics).contains("steward_job_dead{kind=\"test.summary\"} 2")
                .contains("steward_job_queue_depth{kind=\"test.summary\"} 0")
                .contains("steward_job_failures_total{kind=\"test.summary\"} 2")
                .contains("steward_job_oldest_due_age_seconds{kind=\"provisioning\"}");
    }

    private static JsonNode queue(String kind) {
        for (JsonNode q : server.http().get("/admin/api/jobs/queues", Auth.admin()).json().get("queues")) {
            if (q.get("kind").asText().equals(kind)) return q;
        }
        throw new AssertionError("no queue " + kind);
    }
}
