package io.steward.bench;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.dns.DnsFixtures;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestDatabase;
import io.steward.support.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS change propagation on a zone of {@code bench.dns.records} records (10,000 by the script):
 * record edits through the client API ({@code PUT /api/service/@id/dns/@zone/records/@id}), each
 * followed by UDP queries until the new address is answered, sequentially and with 8 writers.
 * Measures the API call (request to 2xx), 2xx to the new answer on the same node (a first answer
 * that is still the old one counts as stale) and, on PostgreSQL, 2xx on node A to the new answer on
 * node B (a second node on the same schema; LISTEN/NOTIFY), and changes/s. Not part of the suite
 * (enabled only with {@code -Dbench.dns.records=N}); run it through {@code bench/dns-propagation-bench.sh}.
 * Prints {@code RESULT} lines. The measured edits skip the harness's OpenAPI validation of responses
 * (unless {@code -Dbench.dns.validate=true}), and the JVM's CPU is split into the driver's (the
 * writer threads: request building, response parsing, DNS polling; and the JDK HTTP client's own
 * threads) and the rest, the server's.
 */
class DnsPropagationBench {
    private static final int WRITERS = 8;
    private static final boolean VALIDATE = Boolean.getBoolean("bench.dns.validate");
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private record Sample(double apiMs, double answerMs, boolean stale) {}

    @Test
    @EnabledIfSystemProperty(named = "bench.dns.records", matches = "\\d+")
    void change_to_answer_latency_and_changes_per_second() throws Exception {
        int records = Integer.parseInt(System.getProperty("bench.dns.records"));
        int changes = Integer.getInteger("bench.dns.changes", 1000);
        try (TestServer a = TestServer.start(c -> c.with("scheduler.enabled", "false"))) {
            TestServer b = TestDatabase.isPostgres() ? a.join(c -> c.with("scheduler.enabled", "false")) : null;
            try {
                var client = AccountFixtures.client(a);
                long serviceId = service(a, client.id());
                String zone = "bench-zone.example";
                DnsFixtures.claim(a, client.id(), zone);
                Res created = a.http().post("/api/service/" + serviceId + "/dns", client.auth(), Body.json(obj("name", zone)));
                assertThat(created.status()).as("%s", created).isEqualTo(200);
                long zoneId = created.json().at("/zone/domain_id").asLong();
                var bulk = new ArrayList<Object>();
                for (int i = 0; i < records; i++) bulk.add(obj("name", "h" + i, "type", "A", "content", ip(i, 0)));
                Res imported = a.http().post("/admin/api/dns/zones/" + zoneId + "/import", Auth.admin(), Body.json(obj("records", bulk)));
                assertThat(imported.status()).as("%s", imported).isEqualTo(201);
                // Record ids by name, from the listing.
                var ids = new long[records];
                for (var r : a.http().get("/api/service/" + serviceId + "/dns/" + zoneId, client.auth()).json().get("records")) {
                    String n = r.get("name").asText();
                    if (n.startsWith("h") && n.endsWith("." + zone)) ids[Integer.parseInt(n.substring(1, n.indexOf('.')))] = r.get("id").asLong();
                }
                String path = "/api/service/" + serviceId + "/dns/" + zoneId + "/records/";
                var bench = new Run(a, client.auth(), path, zone, ids);

                String load = loadAverage();
                bench.sequential(a, 0, Math.min(changes, 300), 1); // warm-up
                report("one-node sequential", bench.sequential(a, 0, changes, 2), load);
                report("one-node 8 writers", bench.parallel(a, changes, 3), load);
                if (b != null) {
                    bench.sequential(b, 0, Math.min(changes, 300), 4); // warm-up of node B's path
                    report("two-node sequential (A->B)", bench.sequential(b, 0, changes, 5), load);
                    report("two-node 8 writers (A->B)", bench.parallel(b, changes, 6), load);
                }
            } finally {
                if (b != null) b.close();
            }
        }
    }

    private static long service(TestServer server, long clientId) throws InterruptedException {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "2.00",
                "name", "DNS Hosting", "category", "DNS", "category_slug", "dns", "module", "dns",
                "module_config", Map.of("zones", 1, "records", 1_000_000), "activate", true);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        server.steward().services().provisioning().runDueJobsNow();
        return id;
    }

    /** An address for record {@code i} in round {@code round}: every round moves every record. */
    private static String ip(int i, int round) {
        return (10 + round) + "." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    /**
     * The samples, the wall time, this JVM's CPU time over them (both nodes, the HTTP and DNS
     * clients) and the part of it spent by the driver (writer threads and the HTTP client's threads).
     */
    private record Result(List<Sample> samples, double seconds, double cpuSeconds, double driverCpuSeconds) {}

    /** CPU seconds of the JDK HTTP client's threads (selector and workers), all spent for the driver. */
    private static double httpClientCpu() {
        long sum = 0;
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || !info.getThreadName().startsWith("HttpClient-")) continue;
            long t = THREADS.getThreadCpuTime(info.getThreadId());
            if (t > 0) sum += t;
        }
        return sum / 1e9;
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static final class Run {
        final TestServer writer;
        final Auth auth;
        final String path;
        final String zone;
        final long[] ids;

        Run(TestServer writer, Auth auth, String path, String zone, long[] ids) {
            this.writer = writer;
            this.auth = auth;
            this.path = path;
            this.zone = zone;
            this.ids = ids;
        }

        /** Changes records {@code from}, {@code from + 1}, ... through node A, waiting for each on {@code reader}. */
        Result sequential(TestServer reader, int from, int count, int round) throws Exception {
            return sequential(reader, from, count, round, true);
        }

        /** {@code withHttpClient}: the driver's CPU includes the HTTP client's threads (false: this thread only). */
        private Result sequential(TestServer reader, int from, int count, int round, boolean withHttpClient) throws Exception {
            long t0 = System.nanoTime();
            double c0 = cpu();
            double h0 = httpClientCpu();
            long d0 = THREADS.getCurrentThreadCpuTime();
            var out = new ArrayList<Sample>(count);
            try (var dns = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                dns.setSoTimeout(2000);
                for (int k = 0; k < count; k++) out.add(change(reader, dns, (from + k) % ids.length, round));
            }
            double driver = (THREADS.getCurrentThreadCpuTime() - d0) / 1e9;
            return new Result(out, (System.nanoTime() - t0) / 1e9, cpu() - c0, driver + (withHttpClient ? httpClientCpu() - h0 : 0));
        }

        Result parallel(TestServer reader, int count, int round) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                int each = count / WRITERS;
                var tasks = new ArrayList<Callable<Result>>();
                for (int w = 0; w < WRITERS; w++) {
                    int start = w * each;
                    tasks.add(() -> sequential(reader, start, each, round, false));
                }
                long t0 = System.nanoTime();
                double c0 = cpu();
                double h0 = httpClientCpu();
                var all = new ArrayList<Sample>();
                double writers = 0;
                for (Future<Result> f : pool.invokeAll(tasks)) {
                    all.addAll(f.get().samples());
                    // The writer threads' own CPU; the HTTP client's threads are counted once, below.
                    writers += f.get().driverCpuSeconds();
                }
                return new Result(all, (System.nanoTime() - t0) / 1e9, cpu() - c0, writers + httpClientCpu() - h0);
            } finally {
                pool.shutdownNow();
            }
        }

        private Sample change(TestServer reader, DatagramSocket dns, int i, int round) throws Exception {
            String ip = ip(i, round);
            long t0 = System.nanoTime();
            var body = Body.json(obj("content", ip));
            Res res = VALIDATE ? writer.http().put(path + ids[i], auth, body) : writer.http().sendUnchecked("PUT", path + ids[i], auth, body);
            long t1 = System.nanoTime();
            if (res.status() != 200) throw new AssertionError("PUT answered " + res);
            Name name = Name.fromString("h" + i + "." + zone + ".");
            var target = new InetSocketAddress("127.0.0.1", reader.steward().dns().dnsPort());
            boolean first = true;
            boolean stale = false;
            while (true) {
                if (address(dns, target, name).equals(ip)) break;
                if (first) stale = true;
                first = false;
                if (System.nanoTime() - t1 > 10_000_000_000L) throw new AssertionError("h" + i + " not answered as " + ip + " within 10 s");
                Thread.sleep(0, 200_000);
            }
            long t2 = System.nanoTime();
            return new Sample((t1 - t0) / 1e6, (t2 - t1) / 1e6, stale);
        }

        private static String address(DatagramSocket dns, InetSocketAddress target, Name name) throws Exception {
            byte[] q = Message.newQuery(org.xbill.DNS.Record.newRecord(name, Type.A, DClass.IN)).toWire();
            dns.send(new DatagramPacket(q, q.length, target));
            byte[] buf = new byte[1500];
            var p = new DatagramPacket(buf, buf.length);
            dns.receive(p);
            var m = new Message(Arrays.copyOf(buf, p.getLength()));
            var answers = m.getSection(Section.ANSWER);
            return answers.isEmpty() ? "" : ((ARecord) answers.get(0)).getAddress().getHostAddress();
        }
    }

    private static void report(String label, Result r, String load) {
        var api = r.samples().stream().map(Sample::apiMs).sorted().toList();
        var answer = r.samples().stream().map(Sample::answerMs).sorted().toList();
        long stale = r.samples().stream().filter(Sample::stale).count();
        System.out.printf("RESULT %s db=%s changes=%d changes_per_s=%.0f api_p50_ms=%.2f api_p99_ms=%.2f 2xx_to_answer_p50_ms=%.2f "
                        + "2xx_to_answer_p99_ms=%.2f 2xx_to_answer_max_ms=%.2f stale_first_answers=%d jvm_cpu_ms_per_change=%.2f "
                        + "driver_cpu_ms_per_change=%.2f server_cpu_ms_per_change=%.2f validated=%s load_before=%s load_after=%s%n",
                label.replace(' ', '_'), TestDatabase.kind(), r.samples().size(), r.samples().size() / r.seconds(), pct(api, 50), pct(api, 99),
                pct(answer, 50), pct(answer, 99), answer.get(answer.size() - 1), stale, r.cpuSeconds() * 1000 / r.samples().size(),
                r.driverCpuSeconds() * 1000 / r.samples().size(), (r.cpuSeconds() - r.driverCpuSeconds()) * 1000 / r.samples().size(), VALIDATE,
                load, loadAverage());
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
