package io.steward.ssl;

import io.steward.core.StewardException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Certificate signing requests (RFC 2986) read and made with BouncyCastle: the subject's CN, the
 * subjectAltName DNS names of the extension request, the public key's type and size, and the
 * self-signature checked. Bad input is a 422 naming {@code csr}.
 */
final class Csrs {
    private Csrs() {}

    /** A parsed CSR: its names (CN first, then SANs, lower-case, without repeats), key type and size. */
    record Parsed(String commonName, List<String> names, String keyType, int keyBits, byte[] der, String pem) {}

    /** A key made for the client and the CSR for it, both PEM. */
    record Generated(String csrPem, String keyPem, Parsed parsed) {}

    static Parsed parse(String pem) {
        if (pem == null || pem.isBlank()) throw invalid("A CSR is required (csr)");
        PKCS10CertificationRequest req;
        try (var parser = new PEMParser(new StringReader(pem.trim()))) {
            Object o = parser.readObject();
            if (!(o instanceof PKCS10CertificationRequest r)) throw invalid("Not a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
            req = r;
        } catch (IOException | RuntimeException e) {
            if (e instanceof StewardException se) throw se;
            throw invalid("The CSR cannot be read: " + e.getMessage());
        }
        PublicKey key;
        try {
            key = new JcaPKCS10CertificationRequest(req).getPublicKey();
            if (!req.isSignatureValid(new JcaContentVerifierProviderBuilder().build(req.getSubjectPublicKeyInfo()))) {
                throw invalid("The CSR's signature does not verify");
            }
        } catch (StewardException e) {
            throw e;
        } catch (Exception e) {
            throw invalid("The CSR's public key cannot be read: " + e.getMessage());
        }
        String cn = null;
        for (RDN rdn : req.getSubject().getRDNs(BCStyle.CN)) cn = IETFUtils.valueToString(rdn.getFirst().getValue());
        var names = new LinkedHashSet<String>();
        if (cn != null && !cn.isBlank()) names.add(cn.trim().toLowerCase(Locale.ROOT));
        for (var attr : req.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable v : attr.getAttrValues()) {
                GeneralNames sans = GeneralNames.fromExtensions(Extensions.getInstance(v), Extension.subjectAlternativeName);
                if (sans == null) continue;
                for (GeneralName g : sans.getNames()) {
                    if (g.getTagNo() == GeneralName.dNSName) names.add(DERIA5String.getInstance(g.getName()).getString().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) throw invalid("The CSR names no domain (no CN, no subjectAltName)");
        String type;
        int bits;
        if (key instanceof RSAPublicKey rsa) {
            type = "RSA";
            bits = rsa.getModulus().bitLength();
        } else if (key instanceof ECPublicKey ec) {
            type = "EC";
            bits = ec.getParams().getOrder().bitLength();
        } else {
            throw invalid("The CSR's key must be RSA or EC, not " + key.getAlgorithm());
        }
        try {
            return new Parsed(cn == null ? names.iterator().next() : cn.trim().toLowerCase(Locale.ROOT), List.copyOf(names), type, bits,
                    req.getEncoded(), toPem(req));
        } catch (IOException e) {
            throw invalid("The CSR cannot be encoded: " + e.getMessage());
        }
    }

    /** Checks the key against the product's minimum: RSA of {@code minRsaBits} or more, EC P-256 or P-384. */
    static void checkKey(Parsed p, int minRsaBits) {
        if (p.keyType().equals("RSA") && p.keyBits() < minRsaBits) {
            throw invalid("The CSR's RSA key has " + p.keyBits() + " bits; at least " + minRsaBits + " are required");
        }
        if (p.keyType().equals("EC") && p.keyBits() != 256 && p.keyBits() != 384) {
            throw invalid("The CSR's EC key must be on P-256 or P-384");
        }
    }

    /** A new RSA key of {@code bits} and a CSR for {@code names} (the first is the CN), with the organisation given. */
    static Generated generate(List<String> names, int bits, Map<String, String> organization) {
        try {
            var gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(bits);
            KeyPair pair = gen.generateKeyPair();
            var subject = new X500NameBuilder(BCStyle.INSTANCE);
            String org = organization.getOrDefault("name", "");
            if (!org.isBlank()) subject.addRDN(BCStyle.O, org);
            String country = organization.getOrDefault("country", "");
            if (country.length() == 2) subject.addRDN(BCStyle.C, country.toUpperCase(Locale.ROOT));
            subject.addRDN(BCStyle.CN, names.get(0));
            var ext = new ExtensionsGenerator();
            var sans = new ArrayList<GeneralName>();
            for (String n : names) sans.add(new GeneralName(GeneralName.dNSName, n));
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            var csr = new JcaPKCS10CertificationRequestBuilder(subject.build(), pair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            String csrPem = toPem(csr);
            return new Generated(csrPem, toPem(pair.getPrivate()), parse(csrPem));
        } catch (Exception e) {
            throw new IllegalStateException("generating a key and CSR", e);
        }
    }

    static String toPem(Object o) {
        var out = new StringWriter();
        try (var w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static X500Name subject(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    private static StewardException invalid(String message) {
        return StewardException.invalid(Map.of("csr", List.of(message)));
    }
}
