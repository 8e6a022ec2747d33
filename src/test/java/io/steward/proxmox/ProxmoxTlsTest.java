package io.steward.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.modules.ModuleSettings;
import io.steward.service.module.CloudVms;
import io.steward.service.module.CloudVms.Unavailable;
import io.steward.service.module.ServerModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A PVE node on HTTPS with its own self-signed certificate, as a fresh install serves: reached only through a pinned fingerprint. */
class ProxmoxTlsTest {
    static PveSimulator sim;
    static String fingerprint;
    static ProxmoxModuleFactory factory = new ProxmoxModuleFactory();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("pve-tls");
        Path store = dir.resolve("pve.p12");
        // keytool ships with the JDK that runs the tests: a self-signed certificate like pve-ssl.pem.
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "pve", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=pve1.example.net, O=PVE Cluster Node", "-validity", "2", "-keystore", store.toString(),
                "-storepass", "changeit", "-storetype", "PKCS12").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        fingerprint = PinnedCertificate.fingerprint((X509Certificate) ks.getCertificate("pve"));
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        sim = new PveSimulator(tls);
    }

    @AfterAll
    static void stop() throws IOException {
        sim.close();
        factory.close();
    }

    static ServerModule module(String pin) {
        var m = new HashMap<String, String>();
        m.put("api_url", sim.url());
        m.put("node", PveSimulator.NODE);
        m.put("token_id", PveSimulator.TOKEN_ID);
        m.put("token_secret", PveSimulator.SECRET);
        m.put("templates", "debian-12=9000");
        if (pin != null) m.put("tls_fingerprint", pin);
        return factory.create(new ModuleSettings(ProxmoxModuleFactory.SCHEMA, m));
    }

    @Test
    void the_pinned_certificate_is_trusted_whatever_the_name_the_node_is_reached_by() {
        assertThat(sim.url()).startsWith("https://127.0.0.1:");
        var check = module(fingerprint.toLowerCase()).testConnection();
        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(module(fingerprint).capability(CloudVms.class).orElseThrow().templates(null)).hasSize(1);
    }

    @Test
    void another_certificate_or_none_pinned_is_refused_before_the_token_is_sent() {
        int calls = sim.calls().size();
        String other = "AA:" + fingerprint.substring(3);
        assertThatThrownBy(() -> module(other).capability(CloudVms.class).orElseThrow().templates(null))
                .isInstanceOf(Unavailable.class).hasMessageContaining("cannot be reached");
        assertThat(module(null).testConnection().ok()).as("a self-signed certificate the JVM does not trust").isFalse();
        assertThat(module("not-a-fingerprint").testConnection().message()).contains("tls_fingerprint is not a SHA-256 fingerprint");
        assertThat(sim.calls()).hasSize(calls);
    }

    @Test
    void fingerprints_are_read_with_or_without_colons() {
        assertThat(PinnedCertificate.parse(fingerprint)).isPresent();
        assertThat(PinnedCertificate.parse(fingerprint.replace(":", "").toLowerCase())).isPresent();
        assertThat(PinnedCertificate.parse("AB:CD")).isEmpty();
    }
}
