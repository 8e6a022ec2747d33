package io.steward.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.TestDatabase;
import io.steward.support.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Command-line runs ({@code steward admin-key create}) against the embedded database of a running
 * server, in a second JVM as an operator would: refused with what to do when the server keeps the
 * database to itself, served through the server's database port on 127.0.0.1 when one is configured.
 */
class LocalCommandsTest {
    static TestServer server;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        if (TestDatabase.isPostgres()) return;
        try (var probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = TestServer.start(c -> c.with("db.h2.tcp-port", Integer.toString(port)));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    record Run(int exit, String out, String err) {}

    private static Run steward(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.steward.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", server.dataDir().toString()));
        var pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("STEWARD_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("steward-cli", ".out");
        Path err = Files.createTempFile("steward-cli", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("command finished").isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void a_command_without_the_database_port_is_refused_with_what_to_do_while_the_server_runs() throws Exception {
        if (TestDatabase.isPostgres()) return;
        Run run = steward(Map.of(), "admin-key", "create", "--name", "ops");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("in use by a running Steward server").contains("db.h2.tcp-port");
    }

    @Test
    void a_command_reaches_the_running_servers_database_through_its_port_on_the_loopback_address() throws Exception {
        if (TestDatabase.isPostgres()) return;
        assertThat(server.steward().db().localServerPort()).hasValue(port);
        // 127.0.0.1, as an IPv4 socket or an IPv4-mapped IPv6 one; never 0.0.0.0 or ::.
        assertThat(listeningAddresses(port)).as("H2's listener, from /proc/net/tcp").isNotEmpty()
                .allSatisfy(a -> assertThat(a).isIn("0100007F", "0000000000000000FFFF00000100007F"));

        Run run = steward(Map.of("STEWARD_DB_H2_TCP_PORT", Integer.toString(port)), "admin-key", "create", "--name", "ops");
        assertThat(run.exit()).as(run.toString()).isZero();
        String key = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        var res = server.http().get("/admin/api/clients", Auth.bearer(key));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }

    /** Local addresses (hex, as the kernel writes them) of the IPv4 and IPv6 sockets listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path f = Path.of(table);
            if (!Files.exists(f)) continue;
            for (String line : Files.readAllLines(f).subList(1, Files.readAllLines(f).size())) {
                String[] cols = line.trim().split("\\s+");
                String[] local = cols[1].split(":");
                if (local[1].equals(hexPort) && cols[3].equals("0A")) out.add(local[0]);
            }
        }
        return out;
    }
}
