package io.steward.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.steward.config.Config;
import io.steward.core.PrivateFiles;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The database: a Hikari pool, Flyway migrations and a jOOQ {@link DSLContext} rendering the
 * dialect of whichever database the URL names (H2 file by default, PostgreSQL in production).
 *
 * <p>Transactions are scoped to the calling thread: {@link #tx} binds a transactional context that
 * {@link #dsl()} returns to every store called inside it, so one feature's service can call
 * another's within a single transaction without passing connections around. Nested calls join.
 */
public final class Db implements AutoCloseable {
    private static final ThreadLocal<DSLContext> CURRENT = new ThreadLocal<>();

    private final HikariDataSource pool;
    private final DSLContext root;
    private final SQLDialect dialect;
    private final EmbeddedH2 h2;
    private volatile org.h2.tools.Server tcpServer;
    private final ColumnLimits limits;
    private final HotStatements statements = new HotStatements(this);

    private Db(HikariDataSource pool, SQLDialect dialect, EmbeddedH2 h2) {
        this.pool = pool;
        this.dialect = dialect;
        this.h2 = h2;
        // Unquoted names: the DDL is unquoted too, so H2 (upper case) and PostgreSQL (lower case)
        // both resolve the same identifiers.
        // No execute logging: its listener runs on every query, and org.jooq logs at ERROR anyway.
        var settings = new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false);
        // Every write is checked against the columns' limits before it runs (422, not a 500 from the database).
        this.limits = new ColumnLimits(pool, dialect == SQLDialect.POSTGRES);
        this.root = DSL.using(new DefaultConfiguration().set(pool).set(dialect).set(settings)
                .set(new DefaultExecuteListenerProvider(limits)));
    }

    /**
     * Opens the pool for the configured database ({@code db.url}; by default the embedded H2 file
     * in {@code dataDir}, private to this process, see {@link EmbeddedH2}). Does not migrate.
     */
    public static Db open(Config config, Path dataDir) {
        var configured = config.find("db.url");
        String url;
        String user;
        String password;
        EmbeddedH2 h2 = null;
        if (configured.isPresent()) {
            url = configured.get();
            user = config.get("db.user", url.startsWith("jdbc:h2:") ? "sa" : "postgres");
            password = config.get("db.password", "");
        } else {
            // H2 binds a TCP listener (db.h2.tcp-port) to this address; it reads it once, when it loads.
            if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
            h2 = EmbeddedH2.of(config, dataDir);
            url = h2.prepare();
            user = h2.user();
            password = h2.password();
        }
        var hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(config.getInt("db.pool-size", 16));
        hc.setPoolName("steward");
        hc.setConnectionTimeout(config.getDuration("db.connect-timeout", java.time.Duration.ofSeconds(10)).toMillis());
        hc.setInitializationFailTimeout(config.getDuration("db.connect-timeout", java.time.Duration.ofSeconds(10)).toMillis());
        SQLDialect dialect = url.startsWith("jdbc:postgresql:") ? SQLDialect.POSTGRES : SQLDialect.H2;
        var db = new Db(new HikariDataSource(hc), dialect, h2);
        // The database files H2 just created or opened get Steward's file modes, like everything else there.
        if (h2 != null) PrivateFiles.tighten(dataDir);
        return db;
    }

    /** The JDBC URL the pool connects to. */
    public String url() { return pool.getJdbcUrl(); }

    /**
     * Starts the embedded database's TCP server on 127.0.0.1 if {@code db.h2.tcp-port} is set (for
     * command-line runs while this node serves); nothing otherwise. Stopped by {@link #close()}.
     */
    public void startLocalServer() {
        if (h2 != null && url().startsWith("jdbc:h2:file:")) tcpServer = h2.startTcpServer().orElse(null);
    }

    /** The port of the TCP server {@link #startLocalServer()} started, if any. */
    public java.util.OptionalInt localServerPort() {
        return tcpServer == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(tcpServer.getPort());
    }

    public void migrate() {
        long t0 = System.nanoTime();
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        long t1 = System.nanoTime();
        limits.load();
        org.slf4j.LoggerFactory.getLogger(Db.class).info("migrations checked and applied in {} ms, column limits read in {} ms",
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }

    /** The columns' limits every INSERT and UPDATE is checked against; features name fields that differ from columns here. */
    public ColumnLimits columnLimits() { return limits; }

    public DSLContext dsl() {
        DSLContext tx = CURRENT.get();
        return tx != null ? tx : root;
    }

    public SQLDialect dialect() { return dialect; }

    /**
     * A LIKE pattern matching {@code text} anywhere, its own wildcards escaped with a backslash:
     * use it with {@code field.like(pattern, '\\')}.
     */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** True inside {@link #tx} on this thread. */
    public boolean inTransaction() { return CURRENT.get() != null; }

    DSLContext root() { return root; }

    /** Renders a SELECT once for the per-request path; bind its parameters with {@link DSL#param(String, Class)}. */
    public HotQuery prepare(org.jooq.Select<?> select) {
        return new HotQuery(this, select);
    }

    /** Hand-written hot-path statements, prepared once per connection (see {@link HotStatements}). */
    public HotStatements statements() { return statements; }

    public HikariDataSource pool() { return pool; }

    public boolean isPostgres() { return dialect == SQLDialect.POSTGRES; }

    /** Runs {@code work} in a transaction, joining the caller's if there is one. */
    public <T> T tx(Supplier<T> work) {
        if (CURRENT.get() != null) return work.get();
        return root.transactionResult(c -> {
            CURRENT.set(c.dsl());
            try {
                return work.get();
            } finally {
                CURRENT.remove();
            }
        });
    }

    public void txRun(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    /** Whether a database error is a broken constraint (unique key, check): SQL state class 23 on both databases. */
    public static boolean isConstraintViolation(Throwable e) {
        String state = io.steward.core.DatabaseErrors.sqlState(e);
        return state != null && state.startsWith("23");
    }

    @Override
    public void close() {
        if (tcpServer != null) tcpServer.stop();
        pool.close();
    }
}
