package io.steward.ssl;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Pebble ACME server (the Debian package's {@code /usr/bin/pebble}) on 127.0.0.1, with a TLS
 * certificate made here for 127.0.0.1 (the package ships no test certificates) and its DNS-01
 * validation pointed at the given DNS server (Steward's own). Not finding pebble is a failure.
 */
final class Pebble implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/pebble");

    private final Process process;
    private final Path dir;
    final int port;
    final String tlsCertPem;

    private Pebble(Process process, Path dir, int port, String tlsCertPem) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.tlsCertPem = tlsCertPem;
    }

    String directory() {
        return "https://127.0.0.1:" + port + "/dir";
    }

    static Pebble start(int dnsPort) throws Exception {
        if (!Files.isExecutable(BINARY)) throw new AssertionError("pebble is not installed (" + BINARY + "): apt-get install pebble");
        Path dir = Files.createTempDirectory("pebble");
        var gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        var pair = gen.generateKeyPair();
        Instant now = Instant.now();
        var subject = Csrs.subject("pebble test");
        var cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, pair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        String certPem = Csrs.toPem(cert);
        Files.writeString(dir.resolve("cert.pem"), certPem);
        Files.writeString(dir.resolve("key.pem"), Csrs.toPem(pair.getPrivate()));
        int port = freePort();
        int management = freePort();
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d, "ocspResponderURL": "",
                  "externalAccountBindingRequired": false}}
                """.formatted(port, management, dir.resolve("cert.pem"), dir.resolve("key.pem"), freePort(), freePort()));
        var builder = new ProcessBuilder(BINARY.toString(), "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort).redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        builder.environment().put("PEBBLE_AUTHZREUSE", "0");
        Process p = builder.start();
        var pebble = new Pebble(p, dir, port, certPem);
        for (int i = 0; i < 100; i++) {
            try (var s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return pebble;
            } catch (IOException e) {
                if (!p.isAlive()) break;
                Thread.sleep(100);
            }
        }
        String log = Files.exists(dir.resolve("pebble.log")) ? Files.readString(dir.resolve("pebble.log")) : "";
        pebble.close();
        throw new AssertionError("pebble did not start: " + log);
    }

    String log() {
        try {
            return Files.readString(dir.resolve("pebble.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
