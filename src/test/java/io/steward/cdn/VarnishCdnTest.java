package io.steward.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import io.steward.v1.V1Fixtures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Varnish CDN module against a real varnishd: a resource added by staff is served by the edge
 * from its origin and cached; a purge through {@code /v1} empties the cache so the next request
 * reaches the origin again; suspending the service takes the hostname off the edge and
 * unsuspending puts it back.
 */
class VarnishCdnTest {
    static TestServer server;
    static VarnishEdge edge;
    static HttpServer origin;
    static final AtomicInteger HITS = new AtomicInteger();
    static long instanceId;

    @BeforeAll
    static void start() throws Exception {
        edge = VarnishEdge.start();
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", exchange -> {
            byte[] body = ("origin answer " + HITS.incrementAndGet() + " for " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Cache-Control", "public, max-age=3600");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();
        server = TestServer.start();
        Res instance = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(Map.of("kind", "cdn", "module", "varnish",
                "name", "test edge", "settings", Map.of("nodes", "127.0.0.1:" + edge.httpPort, "admin", "127.0.0.1:" + edge.adminPort,
                        "secret", edge.secret))));
        assertThat(instance.status()).as(instance.toString()).isEqualTo(201);
        instanceId = instance.json().at("/instance/id").asLong();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (origin != null) origin.stop(0);
        if (edge != null) edge.close();
    }

    @Test
    void the_instance_connection_test_logs_in_to_the_management_port() {
        Res test = server.http().post("/admin/api/module-instances/" + instanceId + "/test", Auth.admin(), Body.NONE);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.toString()).contains("1 Varnish node(s) answer");
    }

    @Test
    void a_purge_through_v1_empties_the_varnish_cache_so_the_next_fetch_reaches_the_origin() throws Exception {
        var c = AccountFixtures.client(server);
        long service = V1Fixtures.activeService(server, c.id(), "CDN");
        String name = "static-" + c.id() + ".varnish-test.example";
        V1Fixtures.resource(server, c.id(), service, name, "http://127.0.0.1:" + origin.getAddress().getPort(), instanceId);
        Auth key = V1Fixtures.key(server, c.auth(), "read-write");

        var first = edge.get(name, "/logo.png");
        assertThat(first.status()).isEqualTo(200);
        int hits = HITS.get();
        var cached = edge.get(name, "/logo.png");
        assertThat(cached.body()).isEqualTo(first.body());
        assertThat(HITS.get()).as("the second fetch is served from the cache").isEqualTo(hits);
        assertThat(cached.headers()).doesNotContainIgnoringCase("X-Steward-Host");
        assertThat(edge.get("unknown.varnish-test.example", "/logo.png").status()).isEqualTo(404);

        Res purged = server.http().post("/v1/services/" + service + "/cdn/purge", key, Body.json(Map.of("resource_name", name)));
        assertThat(purged.status()).as(purged.toString()).isEqualTo(200);
        assertThat(purged.json().at("/data/nodes").asInt()).isEqualTo(1);

        var fresh = edge.get(name, "/logo.png");
        assertThat(HITS.get()).as("after the purge the fetch reaches the origin").isEqualTo(hits + 1);
        assertThat(fresh.body()).isNotEqualTo(first.body());
        assertThat(edge.get(name, "/logo.png").body()).isEqualTo(fresh.body());
        assertThat(HITS.get()).isEqualTo(hits + 1);
    }

    @Test
    void a_purge_empties_only_its_own_resource() throws Exception {
        var c = AccountFixtures.client(server);
        long service = V1Fixtures.activeService(server, c.id(), "CDN");
        String one = "one-" + c.id() + ".varnish-test.example";
        String two = "two-" + c.id() + ".varnish-test.example";
        String from = "http://127.0.0.1:" + origin.getAddress().getPort();
        V1Fixtures.resource(server, c.id(), service, one, from, instanceId);
        V1Fixtures.resource(server, c.id(), service, two, from, instanceId);
        Auth key = V1Fixtures.key(server, c.auth(), "read-write");
        edge.get(one, "/a");
        var twoBefore = edge.get(two, "/a");
        int hits = HITS.get();
        assertThat(server.http().post("/v1/services/" + service + "/cdn/purge", key, Body.json(Map.of("resource_name", one))).status())
                .isEqualTo(200);
        assertThat(edge.get(two, "/a").body()).isEqualTo(twoBefore.body());
        assertThat(HITS.get()).isEqualTo(hits);
        edge.get(one, "/a");
        assertThat(HITS.get()).isEqualTo(hits + 1);
    }

    @Test
    void suspending_the_service_takes_its_hostnames_off_the_edge_and_unsuspending_puts_them_back() throws Exception {
        var c = AccountFixtures.client(server);
        long service = V1Fixtures.activeService(server, c.id(), "CDN");
        String name = "susp-" + c.id() + ".varnish-test.example";
        V1Fixtures.resource(server, c.id(), service, name, "http://127.0.0.1:" + origin.getAddress().getPort(), instanceId);
        assertThat(edge.get(name, "/").status()).isEqualTo(200);

        assertThat(server.http().post("/admin/api/services/" + service + "/suspend", Auth.admin(), Body.NONE).status()).isEqualTo(202);
        runJobs();
        assertThat(edge.get(name, "/").status()).as("a suspended service's hostname is not served").isEqualTo(404);
        Auth key = V1Fixtures.key(server, c.auth(), "read-write");
        assertThat(server.http().post("/v1/services/" + service + "/cdn/purge", key, Body.json(Map.of("resource_name", name))).status())
                .isEqualTo(422);

        assertThat(server.http().post("/admin/api/services/" + service + "/unsuspend", Auth.admin(), Body.NONE).status()).isEqualTo(202);
        runJobs();
        assertThat(edge.get(name, "/").status()).isEqualTo(200);
    }

    @Test
    void an_edge_that_cannot_be_reached_refuses_a_new_resource_and_keeps_nothing() {
        Res broken = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(Map.of("kind", "cdn", "module", "varnish",
                "name", "unreachable edge", "settings", Map.of("nodes", "127.0.0.1:9", "admin", "127.0.0.1:9", "secret", "x", "timeout_ms", 500))));
        long brokenId = broken.json().at("/instance/id").asLong();
        var c = AccountFixtures.client(server);
        long service = V1Fixtures.activeService(server, c.id(), "CDN");
        String name = "down-" + c.id() + ".varnish-test.example";
        server.http().post("/admin/api/names/claims", Auth.admin(), Body.json(Map.of("client_id", c.id(), "name", name)));
        Res refused = server.http().post("/admin/api/services/" + service + "/cdn-resources", Auth.admin(),
                Body.json(Map.of("resource_name", name, "origin", "http://127.0.0.1:9", "module_instance_id", brokenId)));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().at("/messages/0").asText()).contains("127.0.0.1:9");
        assertThat(server.http().get("/admin/api/services/" + service + "/cdn-resources", Auth.admin()).json().path("cdn_resources")).isEmpty();
    }

    private static void runJobs() {
        for (int i = 0; i < 5; i++) server.steward().jobs().runDue();
    }
}
