package io.steward.db;

import io.steward.config.Config;
import io.steward.core.PrivateFiles;
import io.steward.core.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database in the data directory, private to the Steward process:
 *
 * <ul>
 *   <li>no network listener unless {@code db.h2.tcp-port} is set, and then H2's TCP server bound
 *       to 127.0.0.1 only, serving only this data directory's database;</li>
 *   <li>a generated password for its user {@code sa} ({@code db.password} if configured, else a
 *       random one kept in {@code <data>/db.password}, mode 0600). A database created by an
 *       older version with the empty password gets the generated one on its first open;</li>
 *   <li>no trace file (H2 would create it with the process umask; its errors reach Steward as
 *       exceptions and are logged there).</li>
 * </ul>
 *
 * <p>Without a TCP server only one process can open the file: a command line run while a server
 * holds it is refused by H2's file lock, which {@link DatabaseInUseException} turns into a clear
 * message. With {@code db.h2.tcp-port} set on both, the command reaches the running server's
 * database through that port.
 */
final class EmbeddedH2 {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2.class);
    static final String USER = "sa";
    static final String NAME = "steward";
    /** H2's error codes: wrong user name or password; database in use by another process. */
    private static final int WRONG_PASSWORD = 28000;
    private static final int IN_USE = 90020;
    private static final int CONNECTION_BROKEN = 90067;

    private final Path dataDir;
    private final String password;
    private final Integer tcpPort;

    private EmbeddedH2(Path dataDir, String password, Integer tcpPort) {
        this.dataDir = dataDir.toAbsolutePath();
        this.password = password;
        this.tcpPort = tcpPort;
    }

    static EmbeddedH2 of(Config config, Path dataDir) {
        PrivateFiles.directory(dataDir);
        String password = config.find("db.password").filter(p -> !p.isEmpty()).orElseGet(() -> generatedPassword(dataDir));
        Integer port = config.find("db.h2.tcp-port").filter(s -> !s.isBlank()).map(s -> {
            int p = config.getInt("db.h2.tcp-port", 0);
            if (p < 0 || p > 65535) throw new IllegalArgumentException("db.h2.tcp-port must be a port number from 0 to 65535");
            return p;
        }).orElse(null);
        return new EmbeddedH2(dataDir, password, port);
    }

    String user() { return USER; }

    String password() { return password; }

    /** The file URL: no AUTO_SERVER, no trace file. */
    String fileUrl() {
        // A larger per-session statement cache: the hot queries stay parsed among the many others.
        return "jdbc:h2:file:" + dataDir.resolve(NAME) + ";TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=64";
    }

    String tcpUrl(int port) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + NAME + ";TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=64";
    }

    Optional<Integer> tcpPort() { return Optional.ofNullable(tcpPort); }

    /**
     * The URL the pool should use: the file, after giving an old empty-password database its
     * password; or, when another process holds the file and a TCP port is configured, that
     * process's TCP server on 127.0.0.1.
     */
    String prepare() {
        try (Connection ignored = DriverManager.getConnection(fileUrl(), USER, password)) {
            return fileUrl();
        } catch (SQLException e) {
            if (e.getErrorCode() == WRONG_PASSWORD) {
                upgradeEmptyPassword(e);
                return fileUrl();
            }
            if (e.getErrorCode() == IN_USE) {
                if (tcpPort != null && tcpPort > 0 && reachable(tcpPort)) return tcpUrl(tcpPort);
                throw new DatabaseInUseException(dataDir, tcpPort);
            }
            throw new IllegalStateException("cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void upgradeEmptyPassword(SQLException refused) {
        try (Connection c = DriverManager.getConnection(fileUrl(), USER, "")) {
            try (var st = c.createStatement()) {
                // The password is base64url or configured; quotes are doubled all the same.
                st.execute("ALTER USER " + USER + " SET PASSWORD '" + password.replace("'", "''") + "'");
            }
            LOG.info("the embedded database had the empty password; it now has the generated one");
        } catch (SQLException e) {
            refused.addSuppressed(e);
            throw new IllegalStateException("cannot open the database in " + dataDir
                    + ": its password is neither db.password / db.password file nor empty", refused);
        }
    }

    private boolean reachable(int port) {
        try (Connection ignored = DriverManager.getConnection(tcpUrl(port), USER, password)) {
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() != CONNECTION_BROKEN) LOG.warn("H2 TCP server on 127.0.0.1:{} refused: {}", port, e.getMessage());
            return false;
        }
    }

    /**
     * Starts H2's TCP server on 127.0.0.1 when {@code db.h2.tcp-port} is set, serving only the
     * database in the data directory (no other file, no new databases); empty otherwise.
     */
    Optional<org.h2.tools.Server> startTcpServer() {
        if (tcpPort == null) return Optional.empty();
        // H2 binds its listener to h2.bindAddress, read once when H2 loads (Db sets it first); a
        // JVM in which H2 was loaded with another address gets no listener rather than a public one.
        if (!"127.0.0.1".equals(org.h2.engine.SysProperties.BIND_ADDRESS)) {
            throw new IllegalStateException("db.h2.tcp-port: H2 was loaded without -Dh2.bindAddress=127.0.0.1; refusing to listen on all interfaces");
        }
        try {
            var server = org.h2.tools.Server.createTcpServer("-tcpPort", Integer.toString(tcpPort), "-ifExists",
                    "-baseDir", dataDir.toString(), "-tcpPassword", Secrets.randomToken(24)).start();
            LOG.info("embedded database reachable on 127.0.0.1:{} (db.h2.tcp-port)", server.getPort());
            return Optional.of(server);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the database's TCP server on 127.0.0.1:" + tcpPort + ": " + e.getMessage(), e);
        }
    }

    /** The password in {@code <data>/db.password}, created (0600) with 32 random bytes if missing. */
    private static String generatedPassword(Path dataDir) {
        Path file = dataDir.resolve("db.password");
        try {
            if (!Files.exists(file)) {
                Path tmp = PrivateFiles.createTempFile(dataDir, ".db.password", ".tmp");
                try {
                    Files.writeString(tmp, Secrets.randomToken(32) + "\n");
                    // A link, not a rename, so that of two processes starting at once the first
                    // one's password stays and the other reads it.
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException raced) {
                    // created meanwhile
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            String p = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (p.isEmpty()) throw new IllegalStateException(file + " is empty; delete it only if the database is new");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
