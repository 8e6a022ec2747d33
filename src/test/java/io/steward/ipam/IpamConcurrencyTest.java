package io.steward.ipam;

import static io.steward.ipam.IpamFixtures.pool;
import static io.steward.ipam.IpamFixtures.product;
import static io.steward.ipam.IpamFixtures.queuedService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.db.Db;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fifty services provisioned at once against a pool with room for 29: every address goes to one
 * service, the services that do not fit fail their job cleanly (dead letter, a clear error), and
 * the database itself refuses an address twice.
 */
class IpamConcurrencyTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("provisioning.max-attempts", "1")
                .with("provisioning.concurrency", "50"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fifty_parallel_provisionings_never_share_an_address_and_the_ones_that_do_not_fit_fail_cleanly() throws Exception {
        long poolId = pool(server, Map.of("cidr", "198.51.100.0/27", "gateway", "198.51.100.1")).get("id").asLong();
        long product = product(server, 1, 0, List.of(poolId));
        var client = AccountFixtures.client(server);
        var services = new ArrayList<Long>();
        for (int i = 0; i < 50; i++) services.add(queuedService(server, client.id(), product, IpTestModuleFactory.ID));

        // Two runners at once (two nodes' polls), each running up to 50 jobs in parallel.
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var runs = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return server.steward().services().provisioning().runDueJobsNow();
                }));
            }
            start.countDown();
            for (Future<Integer> f : runs) f.get();
        }

        var holders = new HashSet<Long>();
        var addresses = new HashSet<String>();
        JsonNode listed = server.http().get("/admin/api/ip-pools/" + poolId + "/addresses", Auth.admin()).json().get("addresses");
        for (JsonNode a : listed) {
            assertThat(holders.add(a.get("service_id").asLong())).as("one address per service").isTrue();
            assertThat(addresses.add(a.get("ip").asText())).as("one holder per address").isTrue();
        }
        assertThat(addresses).hasSize(29).doesNotContain("198.51.100.0", "198.51.100.1", "198.51.100.31");

        int active = 0, dead = 0;
        for (long id : services) {
            String status = IpamFixtures.status(server, id);
            JsonNode job = server.http().get("/admin/api/provisioning-jobs?service_id=" + id, Auth.admin()).json().get("jobs").get(0);
            assertThat(job.get("attempts").asInt()).as("each create job ran exactly once").isEqualTo(1);
            if (status.equals("Active")) {
                active++;
                assertThat(holders).contains(id);
            } else {
                assertThat(job.get("status").asText()).isEqualTo("dead");
                assertThat(job.get("last_error").asText()).contains("No free IPv4 address for service " + id);
                assertThat(holders).doesNotContain(id);
                dead++;
            }
        }
        assertThat(active).isEqualTo(29);
        assertThat(dead).isEqualTo(21);
        assertThat(server.http().get("/admin/api/ip-pools/" + poolId, Auth.admin()).json().at("/pool/utilisation/free").asText()).isEqualTo("0");
    }

    @Test
    void the_database_refuses_a_second_row_for_an_address() {
        long poolId = pool(server, Map.of("cidr", "198.51.100.64/29")).get("id").asLong();
        var client = AccountFixtures.client(server);
        long service = queuedService(server, client.id(), null, "recording");
        var res = server.http().post("/admin/api/ip-pools/" + poolId + "/addresses", Auth.admin(),
                io.steward.support.Http.Body.json(Map.of("service_id", service)));
        assertThat(res.status()).isEqualTo(201);
        Db db = server.steward().db();
        Throwable refused = catchThrowable(() -> db.txRun(() -> db.dsl().execute(
                "INSERT INTO ip_address (pool_id, address, position, service_id) VALUES (?, '198.51.100.65', 7, ?)", poolId, service + 1)));
        assertThat(refused).isNotNull();
        assertThat(Db.isConstraintViolation(refused)).isTrue();
    }
}
