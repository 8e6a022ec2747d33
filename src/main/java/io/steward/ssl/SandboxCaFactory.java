package io.steward.ssl;

import io.steward.modules.Check;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The {@code sandbox} CA, the embedded default: a local certificate authority (BouncyCastle) that
 * issues real X.509 certificates, signed by its own root kept in {@code ca_key}, after checking
 * control of every name through Steward's DNS the way DNS-01 does: it publishes a token at
 * {@code _acme-challenge.<name>} in the client's hosted zone, reads it back as Steward's DNS
 * serves it and removes it. A name outside the client's hosted zones cannot be validated here.
 * Labelled sandbox: its certificates chain to a root no browser trusts.
 */
public final class SandboxCaFactory implements ModuleFactory<CertificateAuthority> {
    public static final String ID = "sandbox";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CaKeys keys;
    private ModuleContext context;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.CA; }

    @Override public String label() { return "Sandbox CA: issues X.509 certificates from a local root after a DNS check in Steward's zones"; }

    @Override public boolean sandbox() { return true; }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of(SettingField.string("root_name", false, "Steward Sandbox Root CA", "The root certificate's common name"),
                SettingField.integer("max_days", false, 398, "Longest validity issued, in days"));
    }

    @Override
    public void init(ModuleContext context) {
        this.context = context;
        this.keys = new CaKeys(context.db(), context.secrets(), context.clock(), "ca:" + ID);
    }

    @Override
    public CertificateAuthority create(ModuleSettings settings) {
        return new Ca(settings.find("root_name").orElse("Steward Sandbox Root CA"), settings.integer("max_days", 398));
    }

    private final class Ca implements CertificateAuthority {
        private final String rootName;
        private final long maxDays;

        Ca(String rootName, long maxDays) {
            this.rootName = rootName;
            this.maxDays = maxDays;
        }

        @Override
        public Check testConnection() {
            root();
            return Check.ok("Built in: the sandbox root is ready");
        }

        @Override
        public Outcome issue(Request r) throws Exception {
            for (String name : r.names()) {
                String base = name.startsWith("*.") ? name.substring(2) : name;
                if (!r.control().hosted(base)) {
                    return Outcome.failed("The sandbox CA validates names in zones Steward hosts for you; " + base + " is not one");
                }
                String fqdn = "_acme-challenge." + base;
                String token = HexFormat.of().formatHex(io.steward.core.Secrets.randomBytes(16));
                var published = r.control().publishTxt(fqdn, token).orElse(null);
                if (published == null) return Outcome.failed("Could not publish the validation record for " + base);
                try {
                    if (!r.control().txt(fqdn).contains(token)) return Outcome.failed("The validation record for " + base + " is not served");
                } finally {
                    r.control().remove(published);
                }
            }
            Instant now = context.clock().instant();
            Instant notAfter = r.notAfter() == null || r.notAfter().isAfter(now.plus(Duration.ofDays(maxDays))) ? now.plus(Duration.ofDays(maxDays)) : r.notAfter();
            return Outcome.issued(sign(root(), r.csrDer(), r.names(), Csrs.subject(r.names().get(0)), now, notAfter));
        }

        @Override
        public void revoke(X509Certificate certificate) {
            // The sandbox publishes no CRL or OCSP: the certificate's row records the revocation.
        }

        private CaKeys.Stored root() {
            return SandboxCaFactory.root(keys, context.clock(), rootName);
        }
    }

    /** The root kept in {@code keys} under "root", made on first use (also the commercial sandbox's, under its own module name). */
    static CaKeys.Stored root(CaKeys keys, java.time.Clock clock, String rootName) {
        return keys.find("root").orElseGet(() -> {
            try {
                var gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                Instant now = clock.instant();
                X500Name subject = Csrs.subject(rootName);
                var cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650 * 2))), subject, pair.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
                return keys.putIfAbsent("root", pair, Csrs.toPem(cert));
            } catch (Exception e) {
                throw new IllegalStateException("creating the sandbox root", e);
            }
        });
    }

    /** A server certificate for the CSR's key signed by {@code root}: the chain as PEM, leaf first. */
    static String sign(CaKeys.Stored root, byte[] csrDer, List<String> names, X500Name subject, Instant now, Instant notAfter) throws Exception {
        var csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csrDer));
        var sans = new ArrayList<GeneralName>();
        for (String n : names) sans.add(new GeneralName(GeneralName.dNSName, n));
        X509CertificateHolder rootHolder = new X509CertificateHolder(pemDer(root.certPem()));
        var builder = new JcaX509v3CertificateBuilder(rootHolder.getSubject(), new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(notAfter), subject, csr.getPublicKey())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(root.key().getPrivate())));
        return Csrs.toPem(leaf) + root.certPem();
    }

    static byte[] pemDer(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return java.util.Base64.getDecoder().decode(body);
    }
}
