package io.steward.metrics;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and latency histograms per route, plus pool and JVM gauges, in the Prometheus
 * text format. Hand-rolled because the needs are small and the hot path must stay allocation-light:
 * one map lookup and two atomic increments per request.
 */
public final class Metrics {
    /** Latency bucket upper bounds in seconds (Prometheus convention). */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Key(String dialect, String method, String route, int status) {}

    private static final class Series {
        final LongAdder count = new LongAdder();
        final LongAdder sumNanos = new LongAdder();
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
    }

    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private final HikariDataSource pool;
    /** Sections other parts of the node add (the job queues), each already in the text format. */
    private final java.util.List<java.util.function.Supplier<String>> sections = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Metrics(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Adds a section to every scrape, e.g. the job engine's per-kind queue gauges. */
    public void include(java.util.function.Supplier<String> section) {
        sections.add(section);
    }

    public void record(String dialect, String method, String route, int status, long nanos) {
        Series s = series.computeIfAbsent(new Key(dialect, method, route, status), k -> new Series());
        s.count.increment();
        s.sumNanos.add(nanos);
        double secs = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (secs <= BUCKETS[i]) {
                s.buckets.incrementAndGet(i);
                break;
            }
        }
    }

    public String scrape() {
        var out = new StringBuilder(4096);
        out.append("# HELP steward_http_requests_total HTTP requests served, by dialect, method, route template and status.\n");
        out.append("# TYPE steward_http_requests_total counter\n");
        series.forEach((k, s) -> out.append("steward_http_requests_total").append(labels(k)).append(' ').append(s.count.sum()).append('\n'));
        out.append("# HELP steward_http_request_duration_seconds HTTP request latency.\n");
        out.append("# TYPE steward_http_request_duration_seconds histogram\n");
        series.forEach((k, s) -> {
            String base = labelBody(k);
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += s.buckets.get(i);
                out.append("steward_http_request_duration_seconds_bucket{").append(base).append(",le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
            }
            out.append("steward_http_request_duration_seconds_bucket{").append(base).append(",le=\"+Inf\"} ").append(s.count.sum()).append('\n');
            out.append("steward_http_request_duration_seconds_sum{").append(base).append("} ").append(String.format(Locale.ROOT, "%.6f", s.sumNanos.sum() / 1e9)).append('\n');
            out.append("steward_http_request_duration_seconds_count{").append(base).append("} ").append(s.count.sum()).append('\n');
        });
        var mx = pool.getHikariPoolMXBean();
        if (mx != null) {
            gauge(out, "steward_db_pool_active_connections", "Connections in use.", mx.getActiveConnections());
            gauge(out, "steward_db_pool_idle_connections", "Idle connections.", mx.getIdleConnections());
            gauge(out, "steward_db_pool_total_connections", "All pooled connections.", mx.getTotalConnections());
            gauge(out, "steward_db_pool_pending_threads", "Threads waiting for a connection.", mx.getThreadsAwaitingConnection());
        }
        gauge(out, "steward_db_pool_max_connections", "Configured pool size.", pool.getMaximumPoolSize());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        gauge(out, "jvm_memory_heap_used_bytes", "Heap in use.", heap.getUsed());
        gauge(out, "jvm_memory_heap_committed_bytes", "Heap committed.", heap.getCommitted());
        gauge(out, "jvm_memory_heap_max_bytes", "Heap maximum.", heap.getMax());
        gauge(out, "jvm_memory_nonheap_used_bytes", "Non-heap in use.", nonHeap.getUsed());
        gauge(out, "jvm_threads_live", "Live platform threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        gauge(out, "jvm_uptime_seconds", "JVM uptime.", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        out.append("# HELP jvm_gc_collection_seconds_total Time spent in garbage collection.\n# TYPE jvm_gc_collection_seconds_total counter\n");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.append("jvm_gc_collection_seconds_total{gc=\"").append(escape(gc.getName())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.3f", gc.getCollectionTime() / 1000.0)).append('\n');
        }
        for (var section : sections) out.append(section.get());
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static String labels(Key k) {
        return "{" + labelBody(k) + "}";
    }

    private static String labelBody(Key k) {
        return "dialect=\"" + k.dialect + "\",method=\"" + k.method + "\",route=\"" + escape(k.route) + "\",status=\"" + k.status + "\"";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
