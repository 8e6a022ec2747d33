package io.steward.service;

import static io.steward.service.ServiceFixtures.admin;
import static io.steward.service.ServiceFixtures.job;
import static io.steward.service.ServiceFixtures.moduleCalls;
import static io.steward.service.ServiceFixtures.runJobs;
import static io.steward.service.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provisioning jobs driven by hand (the scheduler is off): the success path, retries with
 * exponential backoff as the clock moves, the dead letter and the staff retry.
 */
class ProvisioningJobsTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = ServiceFixtures.manualServer(); }

    @AfterAll
    static void stop() { server.close(); }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static LocalDateTime at(JsonNode stamp) {
        return LocalDateTime.parse(stamp.asText(), STAMP);
    }

    private static long createJobOf(Res created) {
        assertThat(created.json().at("/job/action").asText()).isEqualTo("create");
        return created.json().at("/job/id").asLong();
    }

    /** A service on the flaky test module with the given settings, its create job queued. */
    private static long[] flakyService(NewClient c, Map<String, Object> settings) {
        long id = service(server, c.id(), Map.of("module", FlakyModuleFactory.ID, "module_config", settings));
        Res activated = server.http().post("/admin/api/services/" + id + "/activate", Auth.admin(), Body.NONE);
        assertThat(activated.status()).isEqualTo(202);
        return new long[] {id, createJobOf(activated)};
    }

    @Test
    void a_create_job_runs_the_module_and_only_then_the_service_turns_Active_with_its_login_details() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("activate", true, "domain", "shop.example.org"));
        JsonNode pending = server.http().get("/api/service/" + id, c.auth()).json().get("service");
        assertThat(pending.get("status").asText()).isEqualTo("Pending");
        assertThat(pending.at("/provisioning/action").asText()).isEqualTo("create");
        assertThat(pending.at("/provisioning/status").asText()).isEqualTo("queued");
        assertThat(moduleCalls(server, id)).isEmpty();

        assertThat(runJobs(server)).isGreaterThanOrEqualTo(1);

        JsonNode active = server.http().get("/api/service/" + id, c.auth()).json().get("service");
        assertThat(active.get("status").asText()).isEqualTo("Active");
        assertThat(active.at("/provisioning/status").asText()).isEqualTo("done");
        assertThat(active.get("username").asText()).isEqualTo("shopexam");
        assertThat(active.get("password").asText()).hasSize(12);
        assertThat(moduleCalls(server, id)).containsExactly("create");
        assertThat(admin(server, id).at("/module_state/ip").asText()).startsWith("192.0.2.");
        JsonNode job = admin(server, id).get("latest_job");
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("finished_at").isNull()).isFalse();
        runJobs(server);
        assertThat(moduleCalls(server, id)).as("a done job does not run again").containsExactly("create");
    }

    @Test
    void a_failing_job_is_retried_after_30_then_60_seconds_and_then_succeeds() {
        NewClient c = AccountFixtures.client(server);
        long[] s = flakyService(c, Map.of("fail_times", 2));
        runJobs(server);
        JsonNode first = job(server, s[1]);
        assertThat(first.get("status").asText()).isEqualTo("failed");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("last_error").asText()).contains("platform unavailable (call 1)");
        assertThat(Duration.between(at(first.get("updated_at")), at(first.get("next_attempt_at")))).isEqualTo(Duration.ofSeconds(30));
        assertThat(server.http().get("/api/service/" + s[0], c.auth()).json().at("/service/provisioning/status").asText()).isEqualTo("failed");

        server.clock.advance(Duration.ofSeconds(29));
        runJobs(server);
        assertThat(job(server, s[1]).get("attempts").asInt()).as("not due before the backoff").isEqualTo(1);

        server.clock.advance(Duration.ofSeconds(1));
        runJobs(server);
        JsonNode second = job(server, s[1]);
        assertThat(second.get("attempts").asInt()).isEqualTo(2);
        assertThat(Duration.between(at(second.get("updated_at")), at(second.get("next_attempt_at")))).isEqualTo(Duration.ofSeconds(60));

        server.clock.advance(Duration.ofSeconds(59));
        runJobs(server);
        assertThat(job(server, s[1]).get("status").asText()).isEqualTo("failed");
        server.clock.advance(Duration.ofSeconds(1));
        runJobs(server);
        JsonNode done = job(server, s[1]);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("attempts").asInt()).isEqualTo(3);
        assertThat(done.get("last_error").isNull()).isTrue();
        assertThat(admin(server, s[0]).get("status").asText()).isEqualTo("Active");
        assertThat(admin(server, s[0]).get("username").asText()).isEqualTo("flaky" + s[0]);
    }

    /** Runs the job through attempts, moving the clock past each backoff (the cap is an hour). */
    private static void exhaust(long jobId) {
        for (int i = 0; i < 8; i++) {
            runJobs(server);
            server.clock.advance(Duration.ofHours(1));
        }
    }

    @Test
    void a_job_failing_every_attempt_is_dead_after_five_and_a_staff_retry_runs_it_again() {
        NewClient c = AccountFixtures.client(server);
        long[] s = flakyService(c, Map.of("fail_times", 6));
        exhaust(s[1]);
        JsonNode dead = job(server, s[1]);
        assertThat(dead.get("status").asText()).isEqualTo("dead");
        assertThat(dead.get("attempts").asInt()).isEqualTo(5);
        assertThat(dead.get("max_attempts").asInt()).isEqualTo(5);
        assertThat(dead.get("next_attempt_at").isNull()).isTrue();
        assertThat(dead.get("last_error").asText()).contains("call 5");
        assertThat(admin(server, s[0]).get("status").asText()).as("the service waits for staff").isEqualTo("Pending");

        JsonNode deadLetter = server.http().get("/admin/api/provisioning-jobs?status=dead&service_id=" + s[0], Auth.admin()).json();
        assertThat(deadLetter.get("total").asInt()).isEqualTo(1);
        assertThat(deadLetter.at("/jobs/0/id").asLong()).isEqualTo(s[1]);

        Res retried = server.http().post("/admin/api/provisioning-jobs/" + s[1] + "/retry", Auth.admin(), Body.NONE);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().at("/job/status").asText()).isEqualTo("queued");
        assertThat(retried.json().at("/job/attempts").asInt()).isZero();
        runJobs(server);
        assertThat(job(server, s[1]).get("status").asText()).as("the sixth call fails too").isEqualTo("failed");
        server.clock.advance(Duration.ofSeconds(30));
        runJobs(server);
        assertThat(job(server, s[1]).get("status").asText()).isEqualTo("done");
        assertThat(admin(server, s[0]).get("status").asText()).isEqualTo("Active");
        assertThat(server.http().get("/admin/api/provisioning-jobs?status=dead&service_id=" + s[0], Auth.admin()).json()
                .get("total").asInt()).isZero();
    }

    @Test
    void a_fatal_failure_goes_to_the_dead_letter_at_once() {
        NewClient c = AccountFixtures.client(server);
        long[] s = flakyService(c, Map.of("fail_times", 1, "fatal", true));
        runJobs(server);
        JsonNode dead = job(server, s[1]);
        assertThat(dead.get("status").asText()).isEqualTo("dead");
        assertThat(dead.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_module_that_throws_counts_as_a_failed_attempt_with_the_exception_as_error() {
        NewClient c = AccountFixtures.client(server);
        long[] s = flakyService(c, Map.of("fail_times", 1, "throw", true));
        runJobs(server);
        JsonNode failed = job(server, s[1]);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("last_error").asText()).isEqualTo("IllegalStateException: platform unavailable (call 1)");
        server.clock.advance(Duration.ofSeconds(30));
        runJobs(server);
        assertThat(job(server, s[1]).get("status").asText()).isEqualTo("done");
    }

    @Test
    void a_services_jobs_run_in_the_order_they_were_queued_within_one_run() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("activate", true));
        assertThat(server.http().post("/admin/api/services/" + id + "/suspend", Auth.admin(), Body.json(Map.of("reason", "abuse")))
                .status()).as("a Pending service cannot be suspended").isEqualTo(409);
        runJobs(server);
        assertThat(server.http().post("/admin/api/services/" + id + "/suspend", Auth.admin(), Body.json(Map.of("reason", "abuse")))
                .status()).isEqualTo(202);
        assertThat(server.http().post("/admin/api/services/" + id + "/unsuspend", Auth.admin(), Body.NONE).status()).isEqualTo(202);
        assertThat(server.http().post("/admin/api/services/" + id + "/suspend", Auth.admin(), Body.json(Map.of("reason", "again")))
                .status()).isEqualTo(202);
        runJobs(server);
        assertThat(moduleCalls(server, id)).containsExactly("create", "suspend", "unsuspend", "suspend");
        JsonNode s = admin(server, id);
        assertThat(s.get("status").asText()).isEqualTo("Suspended");
        assertThat(s.get("suspend_reason").asText()).isEqualTo("again");
    }

    @Test
    void a_job_left_running_by_a_dead_runner_is_retried_after_the_running_timeout() {
        NewClient c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("activate", true));
        long jobId = admin(server, id).at("/latest_job/id").asLong();
        // A runner claimed it and vanished (a node killed mid-job).
        var db = server.steward().db();
        db.dsl().execute("UPDATE job SET status = 'running', attempts = 1, claimed_by = 'gone/x', claimed_at = ? WHERE id = ?",
                io.steward.core.Times.now(server.clock), jobId);
        runJobs(server);
        assertThat(job(server, jobId).get("status").asText()).as("a running job is left alone").isEqualTo("running");

        server.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        runJobs(server);
        JsonNode recovered = job(server, jobId);
        assertThat(recovered.get("status").asText()).isEqualTo("failed");
        assertThat(recovered.get("last_error").asText()).contains("gone/x").contains("stopped answering");
        server.clock.advance(Duration.ofSeconds(30));
        runJobs(server);
        assertThat(job(server, jobId).get("status").asText()).isEqualTo("done");
        assertThat(job(server, jobId).get("attempts").asInt()).isEqualTo(2);
        assertThat(admin(server, id).get("status").asText()).isEqualTo("Active");
    }

    @Test
    void only_dead_or_failed_jobs_can_be_retried_and_unknown_jobs_are_404() {
        NewClient c = AccountFixtures.client(server);
        long id = ServiceFixtures.activeService(server, c.id());
        long jobId = admin(server, id).at("/latest_job/id").asLong();
        Res conflict = server.http().post("/admin/api/provisioning-jobs/" + jobId + "/retry", Auth.admin(), Body.NONE);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().at("/messages/0").asText()).contains("done");
        assertThat(server.http().post("/admin/api/provisioning-jobs/999999999/retry", Auth.admin(), Body.NONE).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/provisioning-jobs/999999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/provisioning-jobs?status=bogus", Auth.admin()).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/provisioning-jobs?action=reboot", Auth.admin()).status()).isEqualTo(422);
    }
}
