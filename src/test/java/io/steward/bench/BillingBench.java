package io.steward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The billing run over many due services on PostgreSQL, against the physical limit: a COPY of the
 * same invoice and line rows into scratch copies of the invoice tables (same columns, indexes and
 * constraints). Not part of the suite (enabled only with {@code -Dbench.services=N}); run it
 * through {@code bench/billing-bench.sh}. Prints one {@code RESULT} line.
 */
class BillingBench {

    @Test
    @EnabledIfSystemProperty(named = "bench.services", matches = "\\d+")
    void billing_run_against_copy() throws Exception {
        int n = Integer.parseInt(System.getProperty("bench.services"));
        // Three connections (the run reads the next page, writes this one and moves next_invoice of the last, each on its own), held for
        // the whole benchmark, so the CPU time of the two PostgreSQL backends doing the work can be read.
        try (TestServer server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("db.pool-size", "3"))) {
            var db = server.steward().db();
            assertThat(db.isPostgres()).as("the benchmark runs on PostgreSQL (-Dsteward.test.db=postgres)").isTrue();
            LocalDate today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
            // Warm-up runs first (their own clients, due a day earlier each), so the measured run is of
            // compiled code, as on a node that has been up for a while; their figures are printed too.
            int warm = Math.min(n, 100_000);
            int rounds = Integer.getInteger("bench.warmups", 3);
            long t0 = System.nanoTime();
            for (int w = 0; w < rounds; w++) dueServices(db, "warm" + w + "-", warm, today.plusDays(14 + w));
            dueServices(db, "bench-", n, today.plusDays(14 + rounds));
            double setup = seconds(t0);

            var engine = server.steward().engine();
            long[] backends = backendPids(db);
            var warmups = new StringBuilder();
            for (int w = 0; w < rounds; w++) {
                double jit0 = jitSeconds();
                long w0 = System.nanoTime();
                var warmRun = engine.run(today.plusDays(w));
                double warmSeconds = seconds(w0);
                assertThat(warmRun.invoices()).isGreaterThanOrEqualTo(warm);
                warmups.append(String.format("WARMUP round=%d services=%d invoices=%d run_s=%.2f invoices_per_s=%.0f jit_s=%.2f%n", w + 1, warm,
                        warmRun.invoices(), warmSeconds, warmRun.invoices() / warmSeconds, jitSeconds() - jit0));
            }
            // The warm-up runs' invoices are not told (no mail for them): the measured run's are, below.
            db.dsl().execute("DELETE FROM job WHERE kind = 'billing.invoices-issued'");
            long firstMeasured = db.dsl().fetchValue(org.jooq.impl.DSL.field("(SELECT COALESCE(MAX(id), 0) FROM invoice)", Long.class));
            LocalDate runDate = today.plusDays(rounds);
            checkpoint(db);
            long t1 = System.nanoTime();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            double cpu1 = cpuSeconds(backends), jvm1 = jvmCpuSeconds(), main1 = threads.getCurrentThreadCpuTime() / 1e9;
            double jit1 = jitSeconds(), gc1 = gcSeconds();
            var run = engine.run(runDate);
            double runSeconds = seconds(t1);
            double runCpu = cpuSeconds(backends) - cpu1;
            double runJvmCpu = jvmCpuSeconds() - jvm1;
            double runMainCpu = threads.getCurrentThreadCpuTime() / 1e9 - main1;
            double runJit = jitSeconds() - jit1, runGc = gcSeconds() - gc1;
            assertThat(run.renewalLines()).isGreaterThanOrEqualTo(n);

            long t2 = System.nanoTime();
            var rerun = engine.run(runDate);
            double rerunSeconds = seconds(t2);

            // After the run, billing's issued-invoices task tells the run's invoices to the mail and
            // notification features (a rendered mail per recipient and a notification per invoice).
            // -Dbench.tell=false leaves it out (it is not part of the ratio, and at 1M it takes longer than the run).
            long t4 = System.nanoTime();
            boolean tell = Boolean.parseBoolean(System.getProperty("bench.tell", "true"));
            int told = tell ? server.steward().billing().invoices().deliverIssued() : 0;
            double deliverSeconds = seconds(t4);
            if (tell) assertThat(told).isEqualTo(run.invoices());
            assertThat(rerun.invoices()).isZero();

            // The physical limit: the same rows written with COPY into tables shaped like the real ones.
            long invoiceRows, itemRows;
            double copySeconds, copyCpu;
            try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
                CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
                var invoices = new ByteArrayOutputStream();
                var items = new ByteArrayOutputStream();
                invoiceRows = copy.copyOut("COPY (SELECT * FROM invoice WHERE id > " + firstMeasured + ") TO STDOUT", invoices);
                itemRows = copy.copyOut("COPY (SELECT i.* FROM invoice_item i WHERE i.invoice_id > " + firstMeasured + ") TO STDOUT", items);
                // The COPY's CPU is read from its own backend (the pool may have replaced a connection since the run).
                long[] copyBackend = {pid(c)};
                // The best of three COPYs into fresh tables, each after a checkpoint: the limit, not
                // a COPY that happened to share the machine with autovacuum or the checkpointer.
                copySeconds = Double.MAX_VALUE;
                copyCpu = Double.MAX_VALUE;
                for (int round = 1; round <= 3; round++) {
                    st.execute("DROP TABLE IF EXISTS bench_invoice_item, bench_invoice");
                    st.execute("CREATE TABLE bench_invoice (LIKE invoice INCLUDING ALL)");
                    st.execute("CREATE TABLE bench_invoice_item (LIKE invoice_item INCLUDING ALL)");
                    st.execute("CHECKPOINT");
                    c.setAutoCommit(false);
                    long t3 = System.nanoTime();
                    double cpu3 = cpuSeconds(copyBackend);
                    copy.copyIn("COPY bench_invoice FROM STDIN", new ByteArrayInputStream(invoices.toByteArray()));
                    copy.copyIn("COPY bench_invoice_item FROM STDIN", new ByteArrayInputStream(items.toByteArray()));
                    c.commit();
                    copySeconds = Math.min(copySeconds, seconds(t3));
                    copyCpu = Math.min(copyCpu, cpuSeconds(copyBackend) - cpu3);
                    c.setAutoCommit(true);
                }
            }
            double engineRate = run.invoices() / runSeconds;
            double copyRate = invoiceRows / copySeconds;
            // CPU seconds (this JVM + the PostgreSQL backend) per invoice: what the rates would be on
            // otherwise idle cores; unlike wall time it hardly moves with what else the machine runs.
            double engineCpuRate = run.invoices() / runCpu;
            double copyCpuRate = invoiceRows / copyCpu;
            System.out.print(warmups);
            System.out.printf("RESULT services=%d setup_s=%.1f invoices=%d lines=%d run_s=%.2f invoices_per_s=%.0f "
                            + "copy_invoices=%d copy_items=%d copy_s=%.2f copy_invoices_per_s=%.0f ratio=%.3f "
                            + "run_cpu_s=%.2f run_jvm_cpu_s=%.2f run_engine_thread_cpu_s=%.2f run_jit_s=%.2f run_gc_s=%.2f copy_cpu_s=%.2f ratio_by_cpu=%.3f rerun_s=%.2f rerun_invoices=%d "
                            + "told_s=%.2f told_per_s=%.0f pool_backends=%d%n",
                    n, setup, run.invoices(), run.renewalLines(), runSeconds, engineRate, invoiceRows, itemRows, copySeconds, copyRate,
                    engineRate / copyRate, runCpu, runJvmCpu, runMainCpu, runJit, runGc, copyCpu, engineCpuRate / copyCpuRate, rerunSeconds, rerun.invoices(),
                    deliverSeconds, told / deliverSeconds, backends.length);
        }
    }

    /** N clients with one active monthly service each, due (next_due and next_invoice) on {@code due}. */
    private static void dueServices(io.steward.db.Db db, String prefix, int n, LocalDate due) throws java.sql.SQLException {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO client (email, firstname, lastname, country, state, currency, created_at, updated_at) "
                    + "SELECT '" + prefix + "' || g || '@example.com', 'Bench', 'Client ' || g, 'US', 'Oregon', 'USD', now(), now() "
                    + "FROM generate_series(1, " + n + ") g");
            try (var ps = c.prepareStatement("INSERT INTO service (client_id, name, category, category_slug, status, billing_cycle, currency, "
                    + "recurring_amount, first_payment, registered_on, next_due, next_invoice, billing_day, domain, module, created_at, updated_at) "
                    + "SELECT id, 'Bench Hosting', 'Hosting', 'hosting', 'Active', 'm', 'USD', 9.99, 9.99, ?, ?, ?, ?, "
                    + "'b' || id || '.example', 'recording', now(), now() FROM client WHERE email LIKE '" + prefix + "%'")) {
                ps.setDate(1, Date.valueOf(due.minusMonths(1)));
                ps.setDate(2, Date.valueOf(due));
                ps.setDate(3, Date.valueOf(due));
                ps.setInt(4, due.getDayOfMonth());
                ps.executeUpdate();
            }
            st.execute("ANALYZE client");
            st.execute("ANALYZE service");
        }
    }

    /** Writes out what earlier work left in the WAL, so the run and the COPY each start right after a checkpoint. */
    private static void checkpoint(io.steward.db.Db db) throws java.sql.SQLException {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    /**
     * The process ids of all the pool's PostgreSQL backends: every connection borrowed at once, so
     * each is seen. All of them, whatever size the test database's configuration gave the pool (it
     * may override the three asked for above): work on a backend left out would not be counted.
     */
    private static long[] backendPids(io.steward.db.Db db) throws java.sql.SQLException {
        int size = db.pool().getMaximumPoolSize();
        var held = new java.util.ArrayList<Connection>();
        try {
            for (int i = 0; i < size; i++) held.add(db.pool().getConnection());
            long[] pids = new long[size];
            for (int i = 0; i < size; i++) pids[i] = pid(held.get(i));
            return pids;
        } finally {
            for (Connection c : held) c.close();
        }
    }

    private static long pid(Connection c) throws java.sql.SQLException {
        return c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
    }

    /** CPU seconds used so far by this JVM (all threads: JIT and GC included) and by the PostgreSQL backends {@code pids}. */
    private static double cpuSeconds(long[] pids) throws java.io.IOException {
        double backends = 0;
        for (long pid : pids) {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of proc(5) (utime, stime), counted from the state field (3): indexes 11 and 12, in clock ticks of 1/100 s.
            backends += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }
        return jvmCpuSeconds() + backends;
    }

    /** Time the JIT compilers have spent so far (elapsed, summed over compiler threads). */
    private static double jitSeconds() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1000.0;
    }

    /** Time the garbage collectors have spent so far. */
    private static double gcSeconds() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum() / 1000.0;
    }

    /** CPU seconds used so far by this JVM, all threads. */
    private static double jvmCpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    private static double seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0;
    }
}
