package io.steward.ssl;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import java.io.StringReader;
import java.security.KeyPair;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The {@code ca_key} table: keys a CA module keeps per scope (an ACME account per directory and
 * binding, the sandbox CA's root), the private key sealed with the node secret. The first writer
 * of a scope wins (primary key), so two nodes creating a key at once end up using the same one.
 */
final class CaKeys {
    private static final Table<Record> T = table(name("ca_key"));
    private static final Field<String> MODULE = field(name("module"), String.class);
    private static final Field<String> SCOPE = field(name("scope"), String.class);
    private static final Field<String> KEY = field(name("key_sealed"), String.class);
    private static final Field<String> CERT = field(name("cert_pem"), String.class);
    private static final Field<String> ACCOUNT = field(name("account_url"), String.class);
    private static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);

    /** One stored key, with the certificate or account URL that goes with it. */
    record Stored(KeyPair key, String certPem, String accountUrl) {}

    private final Db db;
    private final Secrets secrets;
    private final Clock clock;
    private final String module;

    CaKeys(Db db, Secrets secrets, Clock clock, String module) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
        this.module = module;
    }

    Optional<Stored> find(String scope) {
        return db.tx(() -> db.dsl().select(KEY, CERT, ACCOUNT).from(T).where(MODULE.eq(module), SCOPE.eq(scope)).fetchOptional()
                .map(r -> new Stored(readKey(secrets.decrypt(r.get(KEY))), r.get(CERT), r.get(ACCOUNT))));
    }

    /** Stores a new key unless one exists already; answers the stored one either way. */
    Stored putIfAbsent(String scope, KeyPair key, String certPem) {
        try {
            db.txRun(() -> {
                if (db.dsl().fetchExists(T, MODULE.eq(module), SCOPE.eq(scope))) return;
                db.dsl().insertInto(T).set(MODULE, module).set(SCOPE, scope).set(KEY, secrets.encrypt(pem(key)))
                        .set(CERT, certPem).set(CREATED, Times.now(clock)).execute();
            });
        } catch (org.jooq.exception.DataAccessException e) {
            // Another node stored this scope's key between our check and insert: theirs is the one.
        }
        return find(scope).orElseThrow();
    }

    void setAccountUrl(String scope, String url) {
        db.txRun(() -> db.dsl().update(T).set(ACCOUNT, url).where(MODULE.eq(module), SCOPE.eq(scope)).execute());
    }

    /** PKCS#8 private key, then the public key: readable for RSA and EC alike. */
    static String pem(KeyPair key) {
        try {
            return Csrs.toPem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key.getPrivate(), null).generate()) + Csrs.toPem(key.getPublic());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair stored as its private key's PEM followed by its public key's (an EC private key's PEM may omit the public point). */
    static KeyPair readKey(String pem) {
        try (var parser = new PEMParser(new StringReader(pem))) {
            var converter = new JcaPEMKeyConverter();
            java.security.PrivateKey privateKey = null;
            java.security.PublicKey publicKey = null;
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair kp) {
                    privateKey = converter.getPrivateKey(kp.getPrivateKeyInfo());
                    if (kp.getPublicKeyInfo() != null) publicKey = converter.getPublicKey(kp.getPublicKeyInfo());
                } else if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo pk) {
                    privateKey = converter.getPrivateKey(pk);
                } else if (o instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo pub) {
                    publicKey = converter.getPublicKey(pub);
                }
            }
            return new KeyPair(publicKey, privateKey);
        } catch (Exception e) {
            throw new IllegalStateException("reading a stored CA key", e);
        }
    }
}
