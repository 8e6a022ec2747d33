package io.steward.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Type;

/**
 * Signed against unsigned answers, in process: the {@link Answerer} over a {@link ZoneCache} of
 * 1000 names, one thread, CPU time per answer (parse of the query excluded, wire encoding
 * included; no packet cache). Not part of the suite: {@code mvn -o test -Dtest=DnssecBench
 * -Dbench.dnssec=2} (seconds per case). Prints one {@code RESULT} line per case.
 */
class DnssecBench {
    static final int NAMES = 1000;

    @Test
    @EnabledIfSystemProperty(named = "bench.dnssec", matches = "\\d+")
    void signed_against_unsigned_answers() throws Exception {
        long seconds = Long.getLong("bench.dnssec");
        var zone = new Zone(1, 1, null, "bench.example", 2026120700, false);
        var rows = new ArrayList<DnsRecord>();
        rows.add(new DnsRecord(1, 1, "bench.example", "SOA", 3600, 0, "ns1.bench.example hostmaster.bench.example 3600 600 1209600 300"));
        rows.add(new DnsRecord(2, 1, "bench.example", "NS", 86400, 0, "ns1.bench.example"));
        for (int i = 0; i < NAMES; i++) rows.add(new DnsRecord(10 + i, 1, "h" + i + ".bench.example", "A", 300, 0, "192.0.2." + (i % 250)));

        var gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = gen.generateKeyPair();
        var dnskey = new DNSKEYRecord(Name.fromString("bench.example."), DClass.IN, 3600, 257, 3, 13, pair.getPublic());
        var key = new SigningKey(1, 1, dnskey.getFootprint(), 13, 257, Base64.getEncoder().encodeToString(dnskey.getKey()),
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), SigningKey.ACTIVE, LocalDateTime.now(), null, null, null);
        var settings = DnssecSettings.from(io.steward.config.Config.empty());
        var signer = new ZoneSigner(Name.fromString("bench.example."), Clock.systemUTC(), settings, List.of(key), false, s -> s);

        var unsigned = new ZoneCache("127.0.0.1", null);
        unsigned.replace(1, zone, rows, null);
        var signed = new ZoneCache("127.0.0.1", null);
        signed.replace(1, zone, rows, signer);

        var cases = new java.util.LinkedHashMap<String, Object[]>();
        cases.put("positive, no DO, unsigned zone", new Object[] {unsigned, (IntFunction<Message>) i -> query("h" + (i % NAMES), false)});
        cases.put("positive, DO, unsigned zone", new Object[] {unsigned, (IntFunction<Message>) i -> query("h" + (i % NAMES), true)});
        cases.put("positive, no DO, signed zone", new Object[] {signed, (IntFunction<Message>) i -> query("h" + (i % NAMES), false)});
        cases.put("positive, DO, signed zone (RRSIG cached)", new Object[] {signed, (IntFunction<Message>) i -> query("h" + (i % NAMES), true)});
        cases.put("nxdomain, DO, unsigned zone", new Object[] {unsigned, (IntFunction<Message>) i -> query("x" + (i % NAMES), true)});
        cases.put("nxdomain, DO, signed, 1000 repeated names (LRU hits)", new Object[] {signed, (IntFunction<Message>) i -> query("x" + (i % NAMES), true)});
        cases.put("nxdomain, DO, signed, every name new (a signature each)",
                new Object[] {signed, (IntFunction<Message>) i -> query("n" + i + "-" + System.nanoTime(), true)});
        // Rounds interleave the cases, so a burst of load on the shared machine does not hit one case only; the
        // CPU time per answer of the best round is reported (the least disturbed), with every round's figure.
        int rounds = Integer.getInteger("bench.rounds", 3);
        var cpu = new java.util.LinkedHashMap<String, List<Double>>();
        for (int r = 0; r < rounds; r++) {
            for (var c : cases.entrySet()) {
                @SuppressWarnings("unchecked")
                var q = (IntFunction<Message>) c.getValue()[1];
                cpu.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(run(c.getKey(), (ZoneCache) c.getValue()[0], q, seconds));
            }
        }
        cpu.forEach((label, values) -> System.out.printf("RESULT case=\"%s\" best_cpu_us_per_answer=%.2f rounds=%s%n", label,
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().map(v -> String.format("%.2f", v)).toList()));
    }

    private static Message query(String label, boolean dnssecOk) {
        var q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromConstantString(label + ".bench.example."), Type.A, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), org.xbill.DNS.Section.ADDITIONAL);
        return q;
    }

    /** Answers for {@code seconds} after as long a warm-up; answers the CPU time per answer in µs. */
    private static double run(String label, ZoneCache cache, IntFunction<Message> queries, long seconds) {
        var answerer = new Answerer(cache, 1232);
        var threads = ManagementFactory.getThreadMXBean();
        // Warm-up: JIT, and the signature caches filled for the repeated cases.
        long warmEnd = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; System.nanoTime() < warmEnd; i++) answerer.answer(queries.apply(i), false);
        // Queries are built before timing so that only answering is measured.
        var batch = new ArrayList<Message>();
        for (int i = 0; i < 20_000; i++) batch.add(queries.apply(i));
        long n = 0;
        long bytes = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) bytes += answerer.answer(batch.get((int) (n++ % batch.size())), false).length;
            if (label.contains("every name new") && n % batch.size() == 0) {
                // Fresh names for the next pass, so every denial needs a new signature (built outside the timing).
                long pause = threads.getCurrentThreadCpuTime();
                batch.clear();
                for (int i = 0; i < 20_000; i++) batch.add(queries.apply(i));
                cpu0 += threads.getCurrentThreadCpuTime() - pause;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuUs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
        assertThat(n).isPositive();
        System.out.printf("ROUND case=\"%s\" answers=%d answers_per_s=%.0f cpu_us_per_answer=%.2f bytes_per_answer=%d%n",
                label, n, n / wall, cpuUs, bytes / n);
        return cpuUs;
    }
}
