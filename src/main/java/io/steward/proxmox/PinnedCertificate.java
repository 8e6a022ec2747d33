package io.steward.proxmox;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in exactly one server certificate, named by its SHA-256 fingerprint as PVE shows it
 * (node → System → Certificates, {@code AB:CD:...}). A PVE node serves a certificate signed by the
 * cluster's own CA unless staff installed another; pinning it is how API clients of PVE connect
 * without trusting every certificate. The pin replaces chain and host-name checks: the key behind
 * the pinned certificate is the node, whatever name or address it is reached by.
 */
final class PinnedCertificate extends X509ExtendedTrustManager {
    private final byte[] fingerprint;

    private PinnedCertificate(byte[] fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** The 32 bytes of a fingerprint written with or without colons, any case; empty when it is not one. */
    static java.util.Optional<byte[]> parse(String text) {
        String hex = text == null ? "" : text.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) return java.util.Optional.empty();
        return java.util.Optional.of(HexFormat.of().parseHex(hex));
    }

    static String fingerprint(X509Certificate cert) throws CertificateException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    static SSLContext context(byte[] fingerprint) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new PinnedCertificate(fingerprint)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("The server sent no certificate");
        String seen = fingerprint(chain[0]);
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(seen.replace(":", "").toLowerCase(Locale.ROOT)), fingerprint)) {
            throw new CertificateException("The server's certificate " + seen + " is not the pinned one (tls_fingerprint)");
        }
    }

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain); }

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { check(chain); }

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { check(chain); }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Steward's Proxmox VE client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}
