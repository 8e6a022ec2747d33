package io.steward.service.module.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.Json;
import io.steward.service.module.IpAddresses;
import io.steward.modules.ModuleKind;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.PowerControl;
import io.steward.service.module.PowerControl.PowerAction;
import io.steward.service.module.ReverseDns;
import io.steward.service.module.ServerModule;
import io.steward.service.module.TrafficCounters;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox platform: accounts with real state, idempotent actions, power, addresses and counters that grow and reset. */
class SandboxModuleTest {
    static TestServer server;
    static ServerModule module;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false"));
        module = server.steward().moduleInstances().openDefault(ModuleKind.SERVER, SandboxModuleFactory.ID, ServerModule.class)
                .orElseThrow();
    }

    @AfterAll
    static void stop() { server.close(); }

    /** A service row for the sandbox to hold an account of (its table references services). */
    private static long serviceRow() {
        var c = AccountFixtures.client(server);
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(Map.of("client_id", c.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "5", "name", "VPS", "domain", "box-" + System.nanoTime() + ".example",
                "module", SandboxModuleFactory.ID)));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().at("/service/id").asLong();
    }

    private static ModuleRequest request(long serviceId, String action, String username) {
        ObjectNode config = Json.MAPPER.createObjectNode().put("package", "vps-s");
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.putArray("addresses").add("198.51.100.7").add("2001:db8::7");
        return new ModuleRequest(1, 1, action, serviceId, 1, null, "box.example", username, null, "m", config,
                Json.MAPPER.createObjectNode(), params, null);
    }

    private static String column(long serviceId, String column) {
        return String.valueOf(server.steward().db().dsl().fetchValue("SELECT " + column + " FROM sandbox_account WHERE service_id = ?", serviceId));
    }

    private static TrafficCounters.Counter counter(long id) {
        var counters = module.capability(TrafficCounters.class).orElseThrow().counters(request(id, "traffic", null));
        assertThat(counters).hasSize(1);
        return counters.getFirst();
    }

    @Test
    void create_makes_one_account_and_a_repeat_answers_the_same_account() {
        long id = serviceRow();
        var first = module.create(request(id, "create", ""));
        assertThat(first.success()).isTrue();
        assertThat(first.username()).isEqualTo("boxexamp");
        assertThat(first.password()).isNotBlank();
        assertThat(first.state().get("package").asText()).isEqualTo("vps-s");
        assertThat(column(id, "addresses")).isEqualTo("198.51.100.7,2001:db8::7");
        var again = module.create(request(id, "create", ""));
        assertThat(again.success()).isTrue();
        assertThat(again.username()).isEqualTo("boxexamp");
        assertThat(server.steward().db().dsl().fetchCount(server.steward().db().dsl().selectOne().from("sandbox_account")
                .where("service_id = ?", id))).isEqualTo(1);
    }

    @Test
    void suspend_unsuspend_and_terminate_move_the_accounts_state_and_repeat_safely() {
        long id = serviceRow();
        module.create(request(id, "create", "keeper"));
        assertThat(module.suspend(request(id, "suspend", "keeper")).success()).isTrue();
        assertThat(module.suspend(request(id, "suspend", "keeper")).success()).isTrue();
        assertThat(column(id, "status")).isEqualTo("suspended");
        assertThat(column(id, "suspended_at")).isNotEqualTo("null");
        assertThat(module.unsuspend(request(id, "unsuspend", "keeper")).success()).isTrue();
        assertThat(column(id, "status")).isEqualTo("active");
        assertThat(module.terminate(request(id, "terminate", "keeper")).success()).isTrue();
        assertThat(module.terminate(request(id, "terminate", "keeper")).success()).as("terminating a gone account is fine").isTrue();
        assertThat(column(id, "status")).isEqualTo("terminated");
        assertThat(module.suspend(request(serviceRow(), "suspend", "x")).success()).as("no account, nothing to suspend").isFalse();
        assertThat(module.terminate(request(serviceRow(), "terminate", "x")).success()).isTrue();
    }

    @Test
    void counters_grow_with_time_freeze_when_stopped_and_restart_from_zero_on_a_boot() {
        long id = serviceRow();
        module.create(request(id, "create", "counter"));
        long rate = SandboxModuleFactory.rateIn(id);
        server.clock.advance(Duration.ofSeconds(100));
        assertThat(counter(id).inBytes()).isEqualTo(100 * rate);
        assertThat(counter(id).outBytes()).isEqualTo(300 * rate);

        var power = module.capability(PowerControl.class).orElseThrow();
        assertThat(power.power(request(id, "stop", null), PowerAction.STOP).success()).isTrue();
        assertThat(power.powerState(request(id, "power", null))).isEqualTo("stopped");
        server.clock.advance(Duration.ofSeconds(50));
        assertThat(counter(id).inBytes()).as("a stopped machine moves nothing").isEqualTo(100 * rate);

        assertThat(power.power(request(id, "start", null), PowerAction.START).success()).isTrue();
        server.clock.advance(Duration.ofSeconds(10));
        assertThat(counter(id).inBytes()).as("a boot starts the counters from zero").isEqualTo(10 * rate);
        assertThat(power.power(request(id, "reboot", null), PowerAction.REBOOT).success()).isTrue();
        server.clock.advance(Duration.ofSeconds(3));
        assertThat(counter(id).inBytes()).isEqualTo(3 * rate);

        module.suspend(request(id, "suspend", null));
        assertThat(power.power(request(id, "start", null), PowerAction.START).success()).as("a suspended account cannot be started").isFalse();
        assertThat(power.powerState(request(id, "power", null))).isEqualTo("stopped");
    }

    @Test
    void addresses_given_later_are_recorded_and_reverse_dns_changes_are_accepted() {
        long id = serviceRow();
        module.create(request(id, "create", "addr"));
        var ips = module.capability(IpAddresses.class).orElseThrow();
        assertThat(ips.addressesChanged(request(id, "addresses", null), List.of("203.0.113.9")).success()).isTrue();
        assertThat(column(id, "addresses")).isEqualTo("203.0.113.9");
        assertThat(module.capability(ReverseDns.class).orElseThrow().ptrChanged(request(id, "rdns", null), "203.0.113.9", "h.example")
                .success()).isTrue();
    }
}
