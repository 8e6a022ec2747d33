package io.steward.dns;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL connection per node that LISTENs on the DNS change channel and hands each
 * notice to {@code onNotice} as it arrives, so other nodes' changes are served within
 * milliseconds of their commit. The connection is its own (not the pool's: it is held for the
 * node's life). When it drops it is opened again, with a growing pause, and {@code onConnect}
 * runs once LISTEN is in place again, to catch up from the change log on whatever was committed
 * meanwhile (notifications are not queued for a listener that is gone).
 */
final class ChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    /** How long one wait for notifications lasts; an idle connection is checked every {@link #CHECK_MS}. */
    private static final int WAIT_MS = 500;
    private static final long CHECK_MS = 10_000;
    private static final long MAX_PAUSE_MS = 5_000;

    private final String url;
    private final Properties props = new Properties();
    private final String channel;
    private final Consumer<ChangeNotice> onNotice;
    private final Runnable onConnect;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile int backendPid = -1;

    ChangeListener(String url, String user, String password, String channel, Consumer<ChangeNotice> onNotice, Runnable onConnect) {
        this.url = url;
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("ApplicationName", "steward-dns-listen");
        props.setProperty("tcpKeepAlive", "true");
        this.channel = channel;
        this.onNotice = onNotice;
        this.onConnect = onConnect;
        this.thread = new Thread(this::run, "dns-listen");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The PostgreSQL backend of the listening connection, or -1 while it is not connected. */
    int backendPid() {
        return backendPid;
    }

    private void run() {
        long pause = 250;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
                connection = c;
                st.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
                PGConnection pg = c.unwrap(PGConnection.class);
                backendPid = pg.getBackendPID();
                onConnect.run();
                pause = 250;
                long lastCheck = System.currentTimeMillis();
                while (running) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MS);
                    if (notes != null) {
                        for (PGNotification n : notes) deliver(n.getParameter());
                    }
                    // A connection cut without a word (a network partition) raises nothing while
                    // waiting; a query does.
                    if (System.currentTimeMillis() - lastCheck > CHECK_MS) {
                        st.execute("SELECT 1");
                        lastCheck = System.currentTimeMillis();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                backendPid = -1;
                if (!running) return;
                LOG.warn("dns change listener lost its connection ({}); reconnecting in {} ms", e.toString(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    return;
                }
                pause = Math.min(MAX_PAUSE_MS, pause * 2);
            }
        }
    }

    private void deliver(String payload) {
        ChangeNotice notice = ChangeNotice.parse(payload);
        if (notice == null) return;
        try {
            onNotice.accept(notice);
        } catch (RuntimeException e) {
            // The safety poll of the change log applies it later.
            LOG.warn("dns change notice for zone {} not applied: {}", notice.zoneId(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        try {
            if (c != null) c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        thread.interrupt();
    }
}
