package io.steward.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * RS256 signing keys, created on first start and kept in the database (private half sealed with
 * the node secret) so every node signs and verifies alike. Rotation adds a new active key; older
 * keys keep verifying the tokens they signed until retired. Verifiers are cached per key id and
 * an unknown key id triggers one reload, so a key rotated on another node is picked up.
 */
public final class SigningKeys {
    static final Table<Record> T = table(name("signing_key"));
    static final Field<String> KID = field(name("kid"), String.class);
    static final Field<String> PRIVATE_KEY = field(name("private_key"), String.class);
    static final Field<String> PUBLIC_KEY = field(name("public_key"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<Boolean> ACTIVE = field(name("active"), Boolean.class);
    static final Field<LocalDateTime> RETIRED_AT = field(name("retired_at"), LocalDateTime.class);

    private static final int MAX_VERIFIED = 10_000;

    private record Signer(String kid, RSASSASigner signer) {}

    private final Db db;
    private final Secrets secrets;
    private final Clock clock;
    private final Map<String, RSASSAVerifier> verifiers = new ConcurrentHashMap<>();
    /**
     * Tokens whose signature already verified, with their claims: an RS256 check costs more than
     * the rest of a typical request. Only the signature result is reused; expiry and session
     * liveness are still checked by the caller on every request. Cleared when the keys reload.
     */
    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();
    private volatile Signer signer;
    private volatile long lastReload = System.nanoTime() - 2_000_000_000L;

    public SigningKeys(Db db, Secrets secrets, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Loads the keys, creating the first one if there is none. */
    public void init() {
        boolean hasActive = db.dsl().fetchExists(T, ACTIVE.isTrue().and(RETIRED_AT.isNull()));
        if (!hasActive) create();
        reload();
    }

    /** Makes a new key the signing key; the previous ones still verify. Returns the new key id. */
    public String rotate() {
        String kid = db.tx(() -> {
            db.dsl().update(T).set(ACTIVE, false).where(ACTIVE.isTrue()).execute();
            return create();
        });
        reload();
        return kid;
    }

    private String create() {
        try {
            var gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            var pair = gen.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            db.dsl().insertInto(T)
                    .set(KID, kid)
                    .set(PRIVATE_KEY, secrets.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())))
                    .set(PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                    .set(CREATED_AT, Times.now(clock))
                    .set(ACTIVE, true)
                    .execute();
            return kid;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create signing key", e);
        }
    }

    private synchronized void reload() {
        var rows = db.dsl().select(KID, PRIVATE_KEY, PUBLIC_KEY, ACTIVE).from(T).where(RETIRED_AT.isNull()).orderBy(CREATED_AT.desc()).fetch();
        try {
            KeyFactory kf = KeyFactory.getInstance("RSA");
            Signer newest = null;
            for (Record r : rows) {
                String kid = r.get(KID);
                var pub = (RSAPublicKey) kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(r.get(PUBLIC_KEY))));
                verifiers.put(kid, new RSASSAVerifier(pub));
                if (newest == null && Boolean.TRUE.equals(r.get(ACTIVE))) {
                    byte[] der = Base64.getDecoder().decode(secrets.decrypt(r.get(PRIVATE_KEY)));
                    var priv = (RSAPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(der));
                    newest = new Signer(kid, new RSASSASigner(priv));
                }
            }
            if (newest == null) throw new IllegalStateException("no active signing key");
            signer = newest;
            verified.clear();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load signing keys", e);
        }
    }

    public String sign(JWTClaimsSet claims) {
        Signer s = signer;
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(s.kid()).build(), claims);
        try {
            jwt.sign(s.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return jwt.serialize();
    }

    private void remember(String token, JWTClaimsSet claims) {
        if (verified.size() >= MAX_VERIFIED) {
            // Expired tokens go first; if that frees nothing, start over (a miss only costs a verify).
            var now = java.util.Date.from(clock.instant());
            verified.values().removeIf(c -> c.getExpirationTime() == null || c.getExpirationTime().before(now));
            if (verified.size() >= MAX_VERIFIED) verified.clear();
        }
        verified.put(token, claims);
    }

    /** The claims of a token whose RS256 signature verifies with a known key; empty otherwise. */
    public Optional<JWTClaimsSet> verify(String token) {
        JWTClaimsSet known = verified.get(token);
        if (known != null) return Optional.of(known);
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) return Optional.empty();
            String kid = jwt.getHeader().getKeyID();
            if (kid == null) return Optional.empty();
            RSASSAVerifier v = verifiers.get(kid);
            if (v == null) {
                // Unknown key id: perhaps rotated on another node. Reload at most once a second so
                // forged key ids cannot turn into a flood of database reads.
                long now = System.nanoTime();
                if (now - lastReload < 1_000_000_000L) return Optional.empty();
                lastReload = now;
                reload();
                v = verifiers.get(kid);
                if (v == null) return Optional.empty();
            }
            if (!jwt.verify(v)) return Optional.empty();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            remember(token, claims);
            return Optional.of(claims);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
