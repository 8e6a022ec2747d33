package io.steward.support;

import io.steward.Steward;
import io.steward.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.UnaryOperator;

/**
 * A real Steward node started in-process on a free port, on H2 or PostgreSQL (see
 * {@link TestDatabase}), with a {@link MutableClock}. Start one per test class:
 * <pre>
 *   static TestServer server = TestServer.start();          // @BeforeAll
 *   server.client().get("/api/details", Auth.demo()) ...
 *   server.close();                                          // @AfterAll
 * </pre>
 * The demo data set is loaded, so {@code demo@example.com} and {@code contact@example.com} exist.
 */
public final class TestServer implements AutoCloseable {
    public final MutableClock clock;
    private final Path dataDir;
    private final TestDatabase database;
    private final Config config;
    private Steward steward;
    private Http http;
    /** A second node on another server's database: closing it leaves the database and data directory alone. */
    private final boolean joined;

    static {
        // Helidon logs through java.util.logging; route it to the test logback configuration.
        java.util.logging.LogManager.getLogManager().reset();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
    }

    private TestServer(UnaryOperator<Config> tweak) {
        this(null, tweak);
    }

    private TestServer(TestServer first, UnaryOperator<Config> tweak) {
        this.joined = first != null;
        this.clock = first != null ? first.clock : new MutableClock(Instant.now());
        try {
            this.dataDir = first != null ? first.dataDir : Files.createTempDirectory("steward-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.database = first != null ? first.database : TestDatabase.create();
        // Lighter argon2 than production (the parameters are stored per hash, so the code path is
        // the same); everything else at its defaults unless the test tweaks it.
        Config config = Config.empty()
                .with("auth.argon2.memory-kib", "4096")
                .with("auth.argon2.iterations", "1")
                // The daily billing run keeps real time; tests run it for the dates they choose.
                .with("billing.engine.scheduled", "false")
                .with("domains.scheduled", "false")
                // The DNS server and the forwarding listener on free ports, so test servers run side by side.
                .with("dns.port", "0")
                .with("dns.forwarding.port", "0")
                // Mail goes to the sandbox transport, delivered when a test runs the sender.
                .with("mail.transport", "maildir")
                .with("mail.scheduled", "false");
        this.config = database.configure(tweak.apply(config), dataDir);
        boot();
    }

    private void boot() {
        var node = Steward.create(config, dataDir, clock);
        this.steward = (joined ? node : node.loadDemo()).listen("127.0.0.1", 0, Duration.ofSeconds(2));
        this.http = new Http("http://127.0.0.1:" + steward.port());
    }

    /**
     * Stops the node and starts a new one on the same database and data directory, as an upgrade
     * or a restart does (new ports: ask {@link #http()} and the feature ports again).
     */
    public void restart() {
        steward.close();
        boot();
    }

    public static TestServer start() {
        return new TestServer(c -> c);
    }

    /** Starts with configuration changes, e.g. {@code c -> c.with("http.max-body-bytes", "1024")}. */
    public static TestServer start(UnaryOperator<Config> tweak) {
        return new TestServer(tweak);
    }

    /**
     * A second node on this server's database (the same H2 file or PostgreSQL schema, its demo data
     * already loaded), with its own HTTP and DNS ports, as a multi-node deployment runs. Close it
     * before this one.
     */
    public TestServer join(UnaryOperator<Config> tweak) {
        return new TestServer(this, tweak);
    }

    public Http http() { return http; }

    public Steward steward() { return steward; }

    public int port() { return steward.port(); }

    /** The node's data directory (a temporary directory, removed by {@link #close()}). */
    public Path dataDir() { return dataDir; }

    public String baseUrl() { return "http://127.0.0.1:" + steward.port(); }

    @Override
    public void close() {
        steward.close();
        if (joined) return;
        database.drop();
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
