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
        var f = fixture();
        var zone = f.zone();
        var rows = f.rows();
        var signer = f.signer();

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

    record Fixture(Zone zone, List<DnsRecord> rows, SigningKey key, DnssecSettings settings) {
        ZoneSigner signer() throws Exception {
            return new ZoneSigner(Name.fromString("bench.example."), Clock.systemUTC(), settings, List.of(key), false, s -> s);
        }
    }

    static Fixture fixture() throws Exception {
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
        return new Fixture(zone, rows, key, DnssecSettings.from(io.steward.config.Config.empty()));
    }

    /**
     * The first answer of each name after signing is switched on (a new signer, nothing cached),
     * signed on demand against served after the zone was pre-signed ({@link ZoneContent#walk}, as
     * {@link Presigner} does in the background). {@code -Dbench.dnssec.first=ROUNDS}; each round a
     * fresh signer, the cases interleaved; CPU of the answering thread per first answer, and the
     * pre-signing walk's CPU per name.
     */
    @Test
    @EnabledIfSystemProperty(named = "bench.dnssec.first", matches = "\\d+")
    void first_answers_after_signing() throws Exception {
        int rounds = Integer.getInteger("bench.dnssec.first");
        var f = fixture();
        var threads = ManagementFactory.getThreadMXBean();
        var batch = new ArrayList<Message>();
        for (int i = 0; i < NAMES; i++) batch.add(query("h" + i, true));
        for (int i = 0; i < NAMES / 4; i++) batch.add(query("nx" + i, true));
        var onDemand = new ArrayList<Double>();
        var presigned = new ArrayList<Double>();
        var walk = new ArrayList<Double>();
        for (int r = 0; r < rounds + 2; r++) { // the first two rounds warm the JIT up and are not reported
            for (boolean pre : new boolean[] {false, true}) {
                var cache = new ZoneCache("127.0.0.1", null);
                cache.replace(1, f.zone(), f.rows(), f.signer());
                var z = cache.byId(1);
                long w0 = threads.getCurrentThreadCpuTime();
                if (pre) ZoneContent.walk(z, null, rec -> { });
                double walkUs = (threads.getCurrentThreadCpuTime() - w0) / 1e3 / NAMES;
                var answerer = new Answerer(cache, 1232);
                long bytes = 0;
                long c0 = threads.getCurrentThreadCpuTime();
                for (Message q : batch) bytes += answerer.answer(q, false).length;
                double us = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / batch.size();
                assertThat(bytes).isPositive();
                System.out.printf("ROUND first-answers presigned=%s cpu_us_per_first_answer=%.2f presign_cpu_us_per_name=%.2f%n", pre, us, walkUs);
                if (r < 2) continue;
                (pre ? presigned : onDemand).add(us);
                if (pre) walk.add(walkUs);
            }
        }
        System.out.printf("RESULT first answers (%d names + %d missing, DO): on demand median %.2f us %s; pre-signed median %.2f us %s;"
                + " pre-signing walk median %.2f us per name %s%n", NAMES, NAMES / 4, median(onDemand), fmt(onDemand), median(presigned),
                fmt(presigned), median(walk), fmt(walk));
    }

    private static double median(List<Double> v) {
        var s = v.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    private static List<String> fmt(List<Double> v) {
        return v.stream().map(x -> String.format("%.2f", x)).toList();
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
