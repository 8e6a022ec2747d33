package io.steward.db;

import java.nio.file.Path;

/**
 * The embedded database file is held by another process (a running server) and no TCP port is
 * configured to reach it: a command line run is refused with what to do instead.
 */
public final class DatabaseInUseException extends IllegalStateException {
    DatabaseInUseException(Path dataDir, Integer tcpPort) {
        super("the database in " + dataDir + " is in use by a running Steward server. Stop the server and run the command again, "
                + (tcpPort == null ? "or start the server with db.h2.tcp-port set (and set it for this command too) so that commands reach it"
                        : "or check that the server listens on 127.0.0.1:" + tcpPort + " (db.h2.tcp-port)")
                + "; while the server runs, the admin API does the same (POST /admin/api/billing/run)");
    }
}
