package io.steward.service;

import static io.steward.service.ServiceFixtures.admin;
import static io.steward.service.ServiceFixtures.job;
import static io.steward.service.ServiceFixtures.runJobs;
import static io.steward.service.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.jobs.Jobs;
import io.steward.service.module.ModuleCallLog;
import io.steward.support.AccountFixtures;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A provisioning job whose runner dies mid-call is retried with the same idempotency key, and the module does not act twice. */
class ProvisioningIdempotencyTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = ServiceFixtures.manualServer(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void a_create_whose_runner_died_after_the_module_acted_is_retried_with_the_same_key_and_the_module_answers_its_first_result() throws Exception {
        runJobs(server); // whatever else waits (the demo's services), so only this job is claimed below
        var c = AccountFixtures.client(server);
        long id = service(server, c.id(), Map.of("activate", true));
        long jobId = admin(server, id).at("/latest_job/id").asLong();
        Jobs jobs = server.steward().jobs();

        // A runner claims the job and calls the module, then dies before it records the result.
        List<Jobs.Claim> claims = jobs.claim(ProvisioningQueue.KIND, 10);
        assertThat(claims).as(claims.toString()).extracting(cl -> cl.job().id()).containsExactly(jobId);
        assertThat(jobs.call(claims.getFirst()).success()).isTrue();
        String key = claims.getFirst().job().idempotencyKey();
        assertThat(key).startsWith("provisioning:" + id + ":create:");
        assertThat(job(server, jobId).get("status").asText()).isEqualTo("running");
        assertThat(admin(server, id).get("status").asText()).as("nothing recorded yet").isEqualTo("Pending");

        // After the running timeout the attempt counts as failed; after the backoff the job runs again.
        server.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        runJobs(server);
        assertThat(job(server, jobId).get("status").asText()).isEqualTo("failed");
        server.clock.advance(Duration.ofSeconds(30));
        runJobs(server);
        assertThat(job(server, jobId).get("status").asText()).isEqualTo("done");
        assertThat(job(server, jobId).get("attempts").asInt()).isEqualTo(2);

        List<ModuleCallLog.Call> calls = new ModuleCallLog(server.steward().db(), server.clock).calls(id);
        assertThat(calls).extracting(ModuleCallLog.Call::action).containsExactly("create", "create");
        assertThat(calls).extracting(ModuleCallLog.Call::idempotencyKey).containsExactly(key, key);
        assertThat(calls).extracting(ModuleCallLog.Call::replayed).as("the retry acted on nothing").containsExactly(false, true);

        var listed = server.http().get("/admin/api/services/" + id + "/module-calls", io.steward.support.Http.Auth.admin()).json().get("calls");
        assertThat(listed.get(0).get("replayed").asBoolean()).isFalse();
        assertThat(listed.get(1).get("replayed").asBoolean()).isTrue();
        assertThat(listed.get(1).at("/parameters/idempotency_key").asText()).isEqualTo(key);

        var s = admin(server, id);
        assertThat(s.get("status").asText()).isEqualTo("Active");
        // The account the first call made, answered again to the retry.
        String first = new ModuleCallLog(server.steward().db(), server.clock).firstResult(key).orElseThrow();
        String account = io.steward.core.Json.MAPPER.readTree(first).path("username").asText();
        assertThat(account).isNotBlank();
        assertThat(s.get("username").asText()).isEqualTo(account);
        assertThat(s.at("/module_state/account").asText()).isEqualTo(account);
        assertThat(s.at("/module_state/ip").asText()).isEqualTo("192.0.2." + (1 + id % 254));
    }

    @Test
    void two_jobs_of_the_same_action_on_one_service_carry_different_keys_so_both_act() {
        var c = AccountFixtures.client(server);
        long id = ServiceFixtures.activeService(server, c.id());
        var manager = server.steward().services().services();
        manager.suspend(id, "first");
        runJobs(server);
        manager.unsuspend(id);
        runJobs(server);
        manager.suspend(id, "second");
        runJobs(server);
        var calls = new ModuleCallLog(server.steward().db(), server.clock).calls(id);
        var suspends = calls.stream().filter(k -> k.action().equals("suspend")).toList();
        assertThat(suspends).hasSize(2);
        assertThat(suspends).extracting(ModuleCallLog.Call::replayed).containsExactly(false, false);
        assertThat(suspends.get(0).idempotencyKey()).isNotEqualTo(suspends.get(1).idempotencyKey());
    }
}
