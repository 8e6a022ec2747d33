package io.steward.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A real {@code varnishd} for one test class, on 127.0.0.1 with free ports, a private working
 * directory ({@code -n}), a generated management secret and a boot VCL that serves nothing.
 * Varnish is required: when {@code varnishd} is missing the test fails, it does not skip.
 */
final class VarnishEdge implements AutoCloseable {
    static final Path VARNISHD = Path.of(System.getProperty("steward.test.varnishd", "/usr/sbin/varnishd"));

    final int httpPort;
    final int adminPort;
    final String secret;
    private final Path dir;
    private final Process process;

    private VarnishEdge(Path dir, int httpPort, int adminPort, String secret, Process process) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.adminPort = adminPort;
        this.secret = secret;
        this.process = process;
    }

    static VarnishEdge start() throws IOException, InterruptedException {
        assertThat(Files.isExecutable(VARNISHD)).as("Varnish is required for the CDN tests (Debian package varnish): %s", VARNISHD).isTrue();
        Path dir = Files.createTempDirectory("steward-varnish");
        // varnishd's worker runs as its own user and must reach the working directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String secret = io.steward.core.Secrets.randomToken(24);
        Path secretFile = dir.resolve("secret");
        Files.writeString(secretFile, secret);
        Path boot = dir.resolve("boot.vcl");
        Files.writeString(boot, "vcl 4.1;\nbackend default none;\nsub vcl_recv {\n    return (synth(404, \"No resources yet\"));\n}\n");
        int http = freePort();
        int admin = freePort();
        var pb = new ProcessBuilder(VARNISHD.toString(), "-F", "-n", dir.resolve("n").toString(), "-a", "127.0.0.1:" + http,
                "-T", "127.0.0.1:" + admin, "-S", secretFile.toString(), "-f", boot.toString(), "-s", "malloc,32m")
                .redirectErrorStream(true).redirectOutput(dir.resolve("varnishd.log").toFile());
        Process p = pb.start();
        var edge = new VarnishEdge(dir, http, admin, secret, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!edge.listening()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(dir.resolve("varnishd.log")) ? Files.readString(dir.resolve("varnishd.log")) : "";
                edge.close();
                throw new AssertionError("varnishd did not start: " + log);
            }
            Thread.sleep(100);
        }
        return edge;
    }

    private boolean listening() {
        for (int port : List.of(httpPort, adminPort)) {
            try (var s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** One HTTP/1.1 GET through the edge for {@code host} (a raw request: Java's client will not set Host). */
    Response get(String host, String path) throws IOException {
        try (var s = new Socket("127.0.0.1", httpPort)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(raw.substring(9, 12));
            int split = raw.indexOf("\r\n\r\n");
            return new Response(status, raw.substring(0, split), raw.substring(split + 4));
        }
    }

    record Response(int status, String headers, String body) {}

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
