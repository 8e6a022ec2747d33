package io.steward.bench;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.cloud.CloudTestAccess;
import io.steward.cloud.lxd.LxdCloudFactory;
import io.steward.cloud.lxd.LxdFixtures;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * N VMs created at once on the machine's LXD through the client API: N clients' requests at the
 * same moment (spread over services of 5 VMs each, placed by a least-used server group of two LXD
 * servers), the cloud jobs run at {@code cloud.concurrency} = N, and each VM's time from its
 * create answer to the first GET that shows it running. Not part of the suite (enabled only with
 * {@code -Dbench.vms=N}); run it through {@code bench/cloud-bench.sh}. Prints RESULT lines.
 */
class CloudBench {
    static final String PREFIX = LxdFixtures.PREFIX + "b";

    @Test
    @EnabledIfSystemProperty(named = "bench.vms", matches = "\\d+")
    void vms_created_concurrently_on_lxd() throws Exception {
        int n = Integer.parseInt(System.getProperty("bench.vms"));
        LxdFixtures.requireLxd();
        LxdFixtures.removeTestInstances(PREFIX);
        try (TestServer server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("cloud.vm-prefix", PREFIX)
                .with("cloud.concurrency", Integer.toString(n)).with("cloud.poll-interval", "PT0.05S"))) {
            var client = AccountFixtures.client(server);
            long pool = CloudTestAccess.pool(server, "10.204.7.0/24", "10.204.7.1");
            Map<String, Object> limits = obj("cores", 10, "memory_mb", 5 * 128, "disk_gb", 50, "vms", 5, "ipv4", 5, "ipv6", 0,
                    "flavors", Map.of("tiny", Map.of("cores", 1, "memory_mb", 128)));
            long product = CloudTestAccess.product(server, LxdCloudFactory.ID, limits, List.of(pool));
            // Two servers of one least-used group, each an LXD module instance (both on this machine's LXD).
            var instances = new ArrayList<Long>();
            for (String name : List.of("lxd-a", "lxd-b")) {
                Res r = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(obj("kind", "server", "module", "lxd", "name", name,
                        "settings", Map.of("socket", LxdFixtures.SOCKET.toString(), "stop_timeout_seconds", 2))));
                assertThat(r.status()).as("%s", r).isEqualTo(201);
                instances.add(r.json().at("/instance/id").asLong());
            }
            Res g = server.http().post("/admin/api/server-groups", Auth.admin(), Body.json(obj("name", "LXD bench", "strategy", "least_used",
                    "product_ids", List.of(product))));
            assertThat(g.status()).as("%s", g).isEqualTo(201);
            var servers = new ArrayList<Long>();
            for (int i = 0; i < 2; i++) {
                Res s = server.http().post("/admin/api/servers", Auth.admin(), Body.json(obj("name", "lxd" + i, "hostname", "lxd" + i + ".local",
                        "group_id", g.json().at("/group/id").asLong(), "module_instance_id", instances.get(i), "max_accounts", 100)));
                assertThat(s.status()).as("%s", s).isEqualTo(201);
                servers.add(s.json().at("/server/id").asLong());
            }
            int serviceCount = (n + 4) / 5;
            var services = new ArrayList<Long>();
            var placement = new TreeMap<Long, Integer>();
            for (int i = 0; i < serviceCount; i++) {
                long id = CloudTestAccess.service(server, client.id(), product, LxdCloudFactory.ID, io.steward.core.Json.text(limits));
                services.add(id);
                long on = server.http().get("/admin/api/services/" + id, Auth.admin()).json().at("/service/server_id").asLong();
                placement.merge(on, 1, Integer::sum);
            }

            // N requests released at once.
            var created = new ConcurrentHashMap<String, Long>();
            var serviceOf = new ConcurrentHashMap<String, Long>();
            var failures = Collections.synchronizedList(new ArrayList<String>());
            var vmFailures = ConcurrentHashMap.<String>newKeySet();
            var go = new CountDownLatch(1);
            try (var pool2 = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    long service = services.get(i / 5);
                    int k = i;
                    pool2.submit(() -> {
                        go.await();
                        Res r = server.http().post("/api/service/" + service + "/vms", client.auth(), Body.json(obj("label", "bench-" + k,
                                "template", "busybox", "flavor", "tiny")));
                        if (r.status() != 200) {
                            failures.add("create " + r.status() + " " + r.text());
                        } else {
                            String id = r.json().at("/vm/id").asText();
                            created.put(id, System.nanoTime());
                            serviceOf.put(id, service);
                        }
                        return null;
                    });
                }
                go.countDown();
            }
            long started = System.nanoTime();
            var running = new ConcurrentHashMap<String, Long>();
            var poller = Thread.ofVirtual().start(() -> {
                while (running.size() + vmFailures.size() < created.size() && System.nanoTime() - started < 600_000_000_000L) {
                    for (String id : created.keySet()) {
                        if (running.containsKey(id)) continue;
                        JsonNode vm = server.http().get("/api/service/" + serviceOf.get(id) + "/vms/" + id, client.auth()).json().get("vm");
                        if (vm != null && vm.get("status").asText().equals("running")) running.put(id, System.nanoTime());
                        if (vm != null && vm.get("status").asText().equals("error") && vmFailures.add(id)) failures.add("vm " + id + " error");
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            int ran = 0;
            while (poller.isAlive()) {
                ran += server.steward().cloud().runJobsNow();
                Thread.sleep(50);
            }
            long wall = System.nanoTime() - started;
            var ms = new ArrayList<Long>();
            running.forEach((id, t) -> ms.add((t - created.get(id)) / 1_000_000));
            Collections.sort(ms);
            System.out.printf("RESULT load_after=%s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
            System.out.printf("RESULT vms=%d created=%d running=%d failures=%d jobs=%d wall_s=%.1f p50_ms=%d p99_ms=%d max_ms=%d%n", n, created.size(),
                    running.size(), failures.size(), ran, wall / 1e9, pct(ms, 50), pct(ms, 99), ms.isEmpty() ? -1 : ms.get(ms.size() - 1));
            System.out.printf("RESULT placement services_per_server=%s (servers %s, least_used)%n", placement, servers);
            failures.stream().limit(5).forEach(f -> System.out.println("FAILURE " + f));
        } finally {
            System.out.println("RESULT cleanup removed=" + LxdFixtures.removeTestInstances(PREFIX));
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
