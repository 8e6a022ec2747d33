package io.steward.support;

import io.steward.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The database a test server runs on, chosen by the system property {@code steward.test.db}:
 * {@code h2} (default; an H2 file database in the server's temporary data directory, exactly the
 * embedded default) or {@code postgres} (a fresh schema per server in the database named by
 * {@code steward.test.pg.url}, dropped afterwards). PostgreSQL being unreachable fails the test;
 * it is never skipped.
 */
public final class TestDatabase {
    private final String kind;
    private final String pgUrl;
    private final String schema;

    private TestDatabase(String kind, String pgUrl, String schema) {
        this.kind = kind;
        this.pgUrl = pgUrl;
        this.schema = schema;
    }

    public static String kind() {
        return System.getProperty("steward.test.db", "h2");
    }

    public static boolean isPostgres() {
        return kind().equals("postgres");
    }

    public static TestDatabase create() {
        if (!isPostgres()) return new TestDatabase("h2", null, null);
        String url = System.getProperty("steward.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        exec(url, "CREATE SCHEMA " + schema);
        return new TestDatabase("postgres", url, schema);
    }

    /** The configuration keys pointing Steward at this database. */
    public Config configure(Config c, Path dataDir) {
        if (!kind.equals("postgres")) return c;
        String sep = pgUrl.contains("?") ? "&" : "?";
        return c.with("db.url", pgUrl + sep + "currentSchema=" + schema)
                .with("db.user", System.getProperty("steward.test.pg.user", "postgres"))
                .with("db.password", System.getProperty("steward.test.pg.password", ""))
                .with("db.pool-size", "8");
    }

    public void drop() {
        if (kind.equals("postgres")) exec(pgUrl, "DROP SCHEMA " + schema + " CASCADE");
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, System.getProperty("steward.test.pg.user", "postgres"),
                System.getProperty("steward.test.pg.password", ""))) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " is not reachable (" + e.getMessage()
                    + "); the PostgreSQL test run needs it and does not skip", e);
        }
    }
}
