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
        // One connection, so one PostgreSQL backend does all of the run's and the COPY's work and its CPU time can be read.
        try (TestServer server = TestServer.start(c -> c.with("scheduler.enabled", "false").with("db.pool-size", "1"))) {
            var db = server.steward().db();
            assertThat(db.isPostgres()).as("the benchmark runs on PostgreSQL (-Dsteward.test.db=postgres)").isTrue();
            LocalDate today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
            LocalDate due = today.plusDays(14);
            long t0 = System.nanoTime();
            try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO client (email, firstname, lastname, country, state, currency, created_at, updated_at) "
                        + "SELECT 'bench-' || g || '@example.com', 'Bench', 'Client ' || g, 'US', 'Oregon', 'USD', now(), now() "
                        + "FROM generate_series(1, " + n + ") g");
                try (var ps = c.prepareStatement("INSERT INTO service (client_id, name, category, category_slug, status, billing_cycle, currency, "
                        + "recurring_amount, first_payment, registered_on, next_due, next_invoice, billing_day, domain, module, created_at, updated_at) "
                        + "SELECT id, 'Bench Hosting', 'Hosting', 'hosting', 'Active', 'm', 'USD', 9.99, 9.99, ?, ?, ?, ?, "
                        + "'b' || id || '.example', 'recording', now(), now() FROM client WHERE email LIKE 'bench-%'")) {
                    ps.setDate(1, Date.valueOf(due.minusMonths(1)));
                    ps.setDate(2, Date.valueOf(due));
                    ps.setDate(3, Date.valueOf(due));
                    ps.setInt(4, due.getDayOfMonth());
                    ps.executeUpdate();
                }
                st.execute("ANALYZE client");
                st.execute("ANALYZE service");
            }
            double setup = seconds(t0);

            var engine = server.steward().engine();
            long backend = db.dsl().fetchValue(org.jooq.impl.DSL.field("pg_backend_pid()", Long.class));
            long t1 = System.nanoTime();
            double cpu1 = cpuSeconds(backend);
            var run = engine.run(today);
            double runSeconds = seconds(t1);
            double runCpu = cpuSeconds(backend) - cpu1;
            assertThat(run.renewalLines()).isGreaterThanOrEqualTo(n);

            long t2 = System.nanoTime();
            var rerun = engine.run(today);
            double rerunSeconds = seconds(t2);
            assertThat(rerun.invoices()).isZero();

            // The physical limit: the same rows written with COPY into tables shaped like the real ones.
            long invoiceRows, itemRows;
            double copySeconds, copyCpu;
            try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE bench_invoice (LIKE invoice INCLUDING ALL)");
                st.execute("CREATE TABLE bench_invoice_item (LIKE invoice_item INCLUDING ALL)");
                CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
                var invoices = new ByteArrayOutputStream();
                var items = new ByteArrayOutputStream();
                invoiceRows = copy.copyOut("COPY (SELECT * FROM invoice WHERE notes = 'Renewal') TO STDOUT", invoices);
                itemRows = copy.copyOut("COPY (SELECT i.* FROM invoice_item i JOIN invoice v ON v.id = i.invoice_id WHERE v.notes = 'Renewal') TO STDOUT", items);
                c.setAutoCommit(false);
                assertThat(c.unwrap(org.postgresql.PGConnection.class).getBackendPID()).as("the same backend as the run").isEqualTo((int) backend);
                long t3 = System.nanoTime();
                double cpu3 = cpuSeconds(backend);
                copy.copyIn("COPY bench_invoice FROM STDIN", new ByteArrayInputStream(invoices.toByteArray()));
                copy.copyIn("COPY bench_invoice_item FROM STDIN", new ByteArrayInputStream(items.toByteArray()));
                c.commit();
                copySeconds = seconds(t3);
                copyCpu = cpuSeconds(backend) - cpu3;
                c.setAutoCommit(true);
            }
            double engineRate = run.invoices() / runSeconds;
            double copyRate = invoiceRows / copySeconds;
            // CPU seconds (this JVM + the PostgreSQL backend) per invoice: what the rates would be on
            // otherwise idle cores; unlike wall time it hardly moves with what else the machine runs.
            double engineCpuRate = run.invoices() / runCpu;
            double copyCpuRate = invoiceRows / copyCpu;
            System.out.printf("RESULT services=%d setup_s=%.1f invoices=%d lines=%d run_s=%.2f invoices_per_s=%.0f "
                            + "copy_invoices=%d copy_items=%d copy_s=%.2f copy_invoices_per_s=%.0f ratio=%.3f "
                            + "run_cpu_s=%.2f copy_cpu_s=%.2f ratio_by_cpu=%.3f rerun_s=%.2f rerun_invoices=%d%n",
                    n, setup, run.invoices(), run.renewalLines(), runSeconds, engineRate, invoiceRows, itemRows, copySeconds, copyRate,
                    engineRate / copyRate, runCpu, copyCpu, engineCpuRate / copyCpuRate, rerunSeconds, rerun.invoices());
        }
    }

    /** CPU seconds used so far by this JVM (all threads: JIT and GC included) and by the PostgreSQL backend {@code pid}. */
    private static double cpuSeconds(long pid) throws java.io.IOException {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of proc(5) (utime, stime), counted from the state field (3): indexes 11 and 12, in clock ticks of 1/100 s.
        double backend = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        return os.getProcessCpuTime() / 1e9 + backend;
    }

    private static double seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0;
    }
}
