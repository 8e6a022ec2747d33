package io.steward.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.modules.PanelModuleFactory;
import io.steward.service.module.IpAddresses;
import io.steward.service.module.PowerControl;
import io.steward.service.module.TrafficCounters;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Servers and groups through the admin API, and provisioning placing services on them. */
class ServersApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(c -> c.with("scheduler.enabled", "false")); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res post(String path, Object body) {
        return server.http().post(path, Auth.admin(), Body.json(body));
    }

    private static Res put(String path, Object body) {
        return server.http().put(path, Auth.admin(), Body.json(body));
    }

    private static long panelInstance(String name, String url) {
        Res r = post("/admin/api/module-instances", Map.of("kind", "server", "module", "panel", "name", name,
                "settings", Map.of("url", url, "api_key", PanelModuleFactory.RIGHT_KEY)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/instance/id").asLong();
    }

    private static long product(String name) {
        for (JsonNode p : server.http().get("/admin/api/products", Auth.admin()).json().get("products")) {
            if (p.get("name").asText().equals(name)) return p.get("id").asLong();
        }
        throw new AssertionError("no product " + name);
    }

    private static long group(String name, String strategy, long productId) {
        Res r = post("/admin/api/server-groups", Map.of("name", name, "strategy", strategy, "product_ids", List.of(productId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/group/id").asLong();
    }

    private static long addServer(String name, long groupId, long instance, Integer max) {
        var body = new HashMap<String, Object>(Map.of("name", name, "hostname", name + ".hosts.example", "group_id", groupId,
                "module_instance_id", instance));
        body.put("max_accounts", max);
        Res r = post("/admin/api/servers", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/server/id").asLong();
    }

    private static long provision(long clientId, long productId) {
        Res r = post("/admin/api/services", Map.of("client_id", clientId, "product_id", productId, "billing_cycle", "m", "currency", "USD",
                "recurring_amount", "5", "domain", "s" + System.nanoTime() + ".example", "activate", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        server.steward().services().provisioning().runDueJobsNow();
        return r.json().at("/service/id").asLong();
    }

    private static JsonNode serverJson(long id) {
        return server.http().get("/admin/api/servers/" + id, Auth.admin()).json().get("server");
    }

    private static JsonNode calls(long serviceId) {
        return server.http().get("/admin/api/services/" + serviceId + "/module-calls", Auth.admin()).json().get("calls");
    }

    @Test
    void provisioning_places_services_on_the_group_servers_and_calls_the_servers_module_instance() {
        long clientId = AccountFixtures.client(server).id();
        long product = product("Business Hosting");
        long a = panelInstance("Panel A", "https://panel-a.example");
        long b = panelInstance("Panel B", "https://panel-b.example");
        long g = group("Fill first group", "fill_first", product);
        long s1 = addServer("web1", g, a, 1);
        long s2 = addServer("web2", g, b, 5);

        long first = provision(clientId, product);
        assertThat(server.http().get("/admin/api/services/" + first, Auth.admin()).json().at("/service/status").asText()).isEqualTo("Active");
        assertThat(calls(first).get(0).get("module").asText()).isEqualTo("panel");
        assertThat(calls(first).get(0).at("/parameters/url").asText()).isEqualTo("https://panel-a.example");
        assertThat(calls(first).get(0).at("/parameters/params/server/hostname").asText()).isEqualTo("web1.hosts.example");
        assertThat(server.steward().services().services().serverOf(first)).contains(s1);
        assertThat(server.http().get("/admin/api/services/" + first, Auth.admin()).json().at("/service/server_id").asLong()).isEqualTo(s1);

        long second = provision(clientId, product);
        assertThat(calls(second).get(0).at("/parameters/url").asText()).as("web1 is full").isEqualTo("https://panel-b.example");
        assertThat(server.steward().services().services().serverOf(second)).contains(s2);
        assertThat(serverJson(s1).at("/utilisation/accounts").asInt()).isEqualTo(1);
        assertThat(serverJson(s1).at("/utilisation/percent").decimalValue()).isEqualByComparingTo("100");
        JsonNode group = server.http().get("/admin/api/server-groups/" + g, Auth.admin()).json().get("group");
        assertThat(group.at("/utilisation/accounts").asInt()).isEqualTo(2);
        assertThat(group.at("/utilisation/max_accounts").asInt()).isEqualTo(6);
        assertThat(group.at("/utilisation/available_servers").asInt()).isEqualTo(1);

        // Later actions go to the server's instance too.
        post("/admin/api/services/" + first + "/terminate", Map.of());
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(calls(first).get(1).get("action").asText()).isEqualTo("terminate");
        assertThat(calls(first).get(1).at("/parameters/url").asText()).isEqualTo("https://panel-a.example");
        assertThat(serverJson(s1).at("/utilisation/accounts").asInt()).as("termination frees the place").isZero();
    }

    @Test
    void no_server_with_room_leaves_the_create_job_failing_with_a_clear_error() {
        long clientId = AccountFixtures.client(server).id();
        long product = product("Pro Hosting");
        long a = panelInstance("Panel C", "https://panel-c.example");
        long g = group("Full group", "least_used", product);
        long s = addServer("full1", g, a, 0);
        long down = addServer("down1", g, a, 10);
        assertThat(put("/admin/api/servers/" + down, Map.of("maintenance", true)).json().at("/server/maintenance").asBoolean()).isTrue();

        long id = provision(clientId, product);
        JsonNode job = server.http().get("/admin/api/provisioning-jobs?service_id=" + id, Auth.admin()).json().at("/jobs/0");
        assertThat(job.get("status").asText()).isIn("failed", "dead");
        assertThat(job.get("last_error").asText()).contains("No server of the group Full group has room");
        assertThat(calls(id)).isEmpty();
        assertThat(server.steward().services().services().serverOf(id)).isEmpty();

        put("/admin/api/servers/" + s, Map.of("max_accounts", 3));
        assertThat(serverJson(s).at("/capacity/max_accounts").asInt()).isEqualTo(3);
    }

    @Test
    void concurrent_creates_never_put_more_accounts_on_a_server_than_it_holds() {
        long clientId = AccountFixtures.client(server).id();
        long product = product("Cloud VPS M");
        long a = panelInstance("Panel F", "https://panel-f.example");
        long g = group("Concurrent group", "least_used", product);
        long s1 = addServer("vps1", g, a, 3);
        long s2 = addServer("vps2", g, a, 3);
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 10; i++) {
            Res r = post("/admin/api/services", Map.of("client_id", clientId, "product_id", product, "billing_cycle", "m",
                    "currency", "USD", "recurring_amount", "5", "domain", "c" + i + "-" + System.nanoTime() + ".example", "activate", true));
            ids.add(r.json().at("/service/id").asLong());
        }
        // The queue runs these creates side by side (provisioning.concurrency), each placing under the group's lock.
        server.steward().services().provisioning().runDueJobsNow();
        int active = 0;
        for (long id : ids) {
            if (server.http().get("/admin/api/services/" + id, Auth.admin()).json().at("/service/status").asText().equals("Active")) active++;
        }
        assertThat(active).isEqualTo(6);
        assertThat(serverJson(s1).at("/utilisation/accounts").asInt()).isEqualTo(3);
        assertThat(serverJson(s2).at("/utilisation/accounts").asInt()).isEqualTo(3);
        assertThat(server.http().get("/admin/api/server-groups/" + g, Auth.admin()).json().at("/group/utilisation/available_servers").asInt())
                .isZero();
    }

    @Test
    void the_methods_list_exactly_what_the_services_module_can_do_and_other_actions_are_refused() {
        var demoServices = server.http().get("/api/service", Auth.demo()).json().get("services");
        long demoService = demoServices.get(0).get("id").asLong();
        JsonNode demo = server.http().get("/api/service/" + demoService + "/methods", Auth.demo()).json().get("methods");
        var access = server.steward().services().moduleAccess();
        // The demo servers' module (sandbox or recording) decides what the demo service lists.
        boolean traffic = access.capability(demoService, TrafficCounters.class, "traffic").isPresent();
        boolean ips = access.capability(demoService, IpAddresses.class, "addresses").isPresent();
        assertThat(routes(demo).contains("GET /service/@id/bandwidth")).isEqualTo(traffic);
        assertThat(routes(demo).contains("GET /service/@id/ip")).isEqualTo(ips);

        // A service on the recording module can do none of them; a capability it lacks is a 422.
        var holder = AccountFixtures.client(server);
        var created = server.http().post("/admin/api/services", Auth.admin(), io.steward.support.Http.Body.json(java.util.Map.of(
                "client_id", holder.id(), "billing_cycle", "m", "currency", "USD", "recurring_amount", "5", "name", "Plain",
                "domain", "plain-" + System.nanoTime() + ".example", "module", "recording")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long plain = created.json().at("/service/id").asLong();
        JsonNode recording = server.http().get("/api/service/" + plain + "/methods", holder.auth()).json().get("methods");
        assertThat(routes(recording)).doesNotContain("GET /service/@id/ip", "GET /service/@id/bandwidth", "GET /service/@id/rdns");
        assertThatThrownBy(() -> access.require(plain, PowerControl.class)).isInstanceOfSatisfying(StewardException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNPROCESSABLE);
                    assertThat(e.getMessage()).isEqualTo("This service's module cannot start, stop or reboot the machine");
                });
        assertThatThrownBy(() -> access.require(999_999_999L, IpAddresses.class)).isInstanceOfSatisfying(StewardException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

        // A service on a panel server can do IPs, reverse DNS and traffic, and the list says so, nothing more.
        long a = panelInstance("Panel D", "https://panel-d.example");
        long g = group("Methods group", "round_robin", product("DNS Hosting"));
        addServer("meth1", g, a, null);
        var owner = AccountFixtures.client(server);
        long id = provision(owner.id(), product("DNS Hosting"));
        assertThat(access.require(id, IpAddresses.class).service().id()).isEqualTo(id);
        JsonNode methods = server.http().get("/api/service/" + id + "/methods", owner.auth()).json().get("methods");
        assertThat(routes(methods)).containsExactly("POST /service/@id/label", "GET /service/@id/label", "POST /service/@id/cancel",
                "GET /service/@id/ip", "GET /service/@id/rdns", "POST /service/@id/rdns", "GET /service/@id/bandwidth",
                "GET /service/@id/bandwidth-graphs");
    }

    private static List<String> routes(JsonNode methods) {
        var out = new ArrayList<String>();
        methods.forEach(m -> out.add(m.get("method").asText() + " " + m.get("route").asText()));
        return out;
    }

    @Test
    void servers_and_groups_are_validated_and_deleted_only_when_empty() {
        long a = panelInstance("Panel E", "https://panel-e.example");
        Res bad = post("/admin/api/servers", Map.of("name", "", "hostname", "not a host!", "group_id", 999999, "module_instance_id", 999999,
                "max_accounts", -1, "status", "broken"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("name", "hostname", "group_id",
                "module_instance_id", "max_accounts", "status");
        long mail = server.http().get("/admin/api/module-instances?kind=mail", Auth.admin()).json().at("/instances/0/id").asLong();
        assertThat(post("/admin/api/servers", Map.of("name", "x1", "hostname", "x1.example", "module_instance_id", mail)).json()
                .get("fields").has("module_instance_id")).as("a mail instance is no server's").isTrue();
        Res badGroup = post("/admin/api/server-groups", Map.of("name", "G bad", "strategy", "random", "product_ids", List.of(999999)));
        assertThat(badGroup.json().get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("strategy", "product_ids");
        long g = group("Deletable", "least_used", spareProduct());
        long s = addServer("del1", g, a, 10);
        assertThat(server.http().delete("/admin/api/server-groups/" + g, Auth.admin()).status()).isEqualTo(409);
        assertThat(server.http().delete("/admin/api/module-instances/" + a, Auth.admin()).status()).as("in use by a server").isEqualTo(409);
        JsonNode tested = post("/admin/api/servers/" + s + "/test", Map.of()).json();
        assertThat(tested.at("/test/ok").asBoolean()).isTrue();
        assertThat(tested.at("/test/message").asText()).contains("panel-e.example");
        assertThat(server.http().delete("/admin/api/servers/" + s, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().delete("/admin/api/server-groups/" + g, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/servers/" + s, Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/server-groups/" + g, Auth.admin()).status()).isEqualTo(404);
    }

    /** A product no other test (nor the demo) binds. */
    private static long spareProduct() {
        for (JsonNode p : server.http().get("/admin/api/products", Auth.admin()).json().get("products")) {
            String n = p.get("name").asText();
            if (!List.of("Starter Hosting", "Business Hosting", "Pro Hosting", "DNS Hosting", "Cloud VPS M").contains(n)) {
                return p.get("id").asLong();
            }
        }
        throw new AssertionError("no spare product");
    }

    @Test
    void the_demo_has_a_sandbox_server_group_bound_to_the_demo_hosting_product() {
        JsonNode groups = server.http().get("/admin/api/server-groups", Auth.admin()).json().get("groups");
        JsonNode demo = null;
        for (JsonNode g : groups) if (g.get("name").asText().equals(ServerDemo.GROUP)) demo = g;
        assertThat(demo).isNotNull();
        assertThat(demo.get("product_ids").toString()).isEqualTo("[" + product("Starter Hosting") + "]");
        assertThat(demo.get("server_ids").size()).isEqualTo(2);
        JsonNode first = serverJson(demo.at("/server_ids/0").asLong());
        assertThat(first.get("module").asText()).isIn("sandbox", "recording");
        assertThat(first.at("/utilisation/accounts").asInt()).as("the demo service is on it").isEqualTo(1);
    }

    @Test
    void every_server_endpoint_needs_an_admin_key() {
        for (String path : List.of("/admin/api/servers", "/admin/api/servers/1", "/admin/api/server-groups", "/admin/api/server-groups/1")) {
            assertThat(server.http().get(path, Auth.NONE).status()).as(path).isEqualTo(401);
            assertThat(server.http().get(path, Auth.bearer("nope")).status()).as(path).isEqualTo(401);
        }
        assertThat(server.http().post("/admin/api/servers", Auth.NONE, Body.json(Map.of())).status()).isEqualTo(401);
        assertThat(server.http().put("/admin/api/servers/1", Auth.NONE, Body.json(Map.of())).status()).isEqualTo(401);
        assertThat(server.http().delete("/admin/api/servers/1", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().post("/admin/api/servers/1/test", Auth.NONE, Body.NONE).status()).isEqualTo(401);
        assertThat(server.http().post("/admin/api/server-groups", Auth.NONE, Body.json(Map.of())).status()).isEqualTo(401);
        assertThat(server.http().put("/admin/api/server-groups/1", Auth.NONE, Body.json(Map.of())).status()).isEqualTo(401);
        assertThat(server.http().delete("/admin/api/server-groups/1", Auth.NONE).status()).isEqualTo(401);
    }
}
