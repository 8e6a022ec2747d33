package io.steward.ssl;

import io.steward.modules.Check;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AbstractAcmeProvider;

/**
 * The {@code acme} CA module (RFC 8555, through acme4j): any ACME CA — Let's Encrypt, ZeroSSL and
 * others that want external account binding ({@code eab_kid}, {@code eab_hmac}). One account key
 * per directory and binding, made on first use and kept sealed in {@code ca_key}.
 *
 * <p>Each name is validated by DNS-01 when its zone is hosted in Steward for the client: the TXT
 * record is published in Steward's DNS, the challenge triggered and awaited, and the record removed
 * (RFC 8555 §8.4). Otherwise HTTP-01 (§8.3): the first attempt answers the file to publish; later
 * attempts check it is served and then trigger the challenge, so an unprepared client never burns
 * the authorization. Then the order is finalised with the client's CSR and the chain downloaded.
 * {@code trust_pem} adds a CA for the directory's TLS (a private ACME server such as Pebble).
 */
public final class AcmeCaFactory implements ModuleFactory<CertificateAuthority> {
    public static final String ID = "acme";

    private ModuleContext context;
    private CaKeys keys;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.CA; }

    @Override public String label() { return "ACME (RFC 8555): Let's Encrypt, ZeroSSL and other ACME CAs"; }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of(
                SettingField.string("directory", true, null, "The ACME directory URL (https://acme-v02.api.letsencrypt.org/directory)"),
                SettingField.string("email", false, "", "Contact address of the ACME account"),
                SettingField.string("eab_kid", false, "", "External account binding: key identifier (ZeroSSL and others)"),
                SettingField.secret("eab_hmac", false, "External account binding: HMAC key, base64url"),
                SettingField.string("trust_pem", false, "", "Extra CA certificate (PEM) trusted for the directory's TLS, for private ACME servers"),
                SettingField.integer("wait_seconds", false, 120, "How long one attempt waits for validation and issuance"));
    }

    @Override
    public void init(ModuleContext context) {
        this.context = context;
        this.keys = new CaKeys(context.db(), context.secrets(), context.clock(), "ca:" + ID);
    }

    @Override
    public CertificateAuthority create(ModuleSettings settings) {
        return new Ca(settings);
    }

    private final class Ca implements CertificateAuthority {
        private final ModuleSettings settings;
        private final Duration wait;

        Ca(ModuleSettings settings) {
            this.settings = settings;
            this.wait = Duration.ofSeconds(settings.integer("wait_seconds", 120));
        }

        private Session session() {
            String directory = settings.string("directory");
            String trust = settings.find("trust_pem").orElse("");
            if (trust.isBlank()) return new Session(directory);
            return new Session(URI.create(directory), new TrustingProvider(trust));
        }

        /** The account of this directory and binding: the key made once, the account registered (or found) on use. */
        private Login login(Session session) throws AcmeException {
            String kid = settings.find("eab_kid").orElse("");
            String scope = settings.string("directory") + "|" + kid;
            var stored = keys.find(scope).orElseGet(() -> keys.putIfAbsent(scope, newAccountKey(), null));
            if (stored.accountUrl() != null) {
                try {
                    return session.login(new URL(stored.accountUrl()), stored.key());
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            var builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(stored.key());
            settings.find("email").filter(e -> !e.isBlank()).ifPresent(builder::addEmail);
            if (!kid.isBlank()) builder.withKeyIdentifier(kid, settings.find("eab_hmac").orElse(""));
            Login login = builder.createLogin(session);
            keys.setAccountUrl(scope, login.getAccountLocation().toString());
            return login;
        }

        @Override
        public Check testConnection() {
            try {
                var meta = session().getMetadata();
                return Check.ok("ACME directory reachable" + meta.getTermsOfService().map(t -> "; terms: " + t).orElse(""));
            } catch (Exception e) {
                return Check.failed("ACME directory unreachable: " + e.getMessage());
            }
        }

        @Override
        public Outcome issue(Request r) throws Exception {
            Login login = login(session());
            Order order = login.getAccount().newOrder().domains(r.names()).create();
            var instructions = new ArrayList<Instruction>();
            for (Authorization auth : order.getAuthorizations()) {
                if (auth.getStatus() == Status.VALID) continue;
                String domain = auth.getIdentifier().getDomain();
                if (r.control().hosted(domain) && !"http".equals(r.method())) {
                    String failure = dns01(auth, domain, r.control());
                    if (failure != null) return Outcome.failed(failure);
                } else {
                    Optional<Http01Challenge> http = auth.findChallenge(Http01Challenge.class);
                    if (http.isEmpty() || auth.isWildcard()) {
                        return Outcome.failed(domain + " can be validated only by DNS: host its zone in Steward");
                    }
                    var ch = http.get();
                    String url = "http://" + domain + "/.well-known/acme-challenge/" + ch.getToken();
                    if (!served(url, ch.getAuthorization())) {
                        instructions.add(new Instruction(domain, "http", url, ch.getAuthorization()));
                        continue;
                    }
                    ch.trigger();
                    if (ch.waitForCompletion(wait) != Status.VALID) {
                        return Outcome.failed("HTTP-01 validation of " + domain + " failed: " + ch.getError().map(Object::toString).orElse("invalid"));
                    }
                }
            }
            if (!instructions.isEmpty()) return Outcome.waiting(instructions, "Waiting for the validation files to be published");
            order.waitUntilReady(wait);
            order.execute(r.csrDer());
            if (order.waitForCompletion(wait) != Status.VALID) {
                return Outcome.failed("The CA did not issue: " + order.getError().map(Object::toString).orElse(order.getStatus().toString()));
            }
            var out = new StringWriter();
            order.getCertificate().writeCertificate(out);
            return Outcome.issued(out.toString());
        }

        /** DNS-01 through Steward's DNS; answers why it failed, or null. The record goes whatever happens. */
        private String dns01(Authorization auth, String domain, DomainControl control) throws Exception {
            Dns01Challenge ch = auth.findChallenge(Dns01Challenge.class)
                    .orElseThrow(() -> new IllegalStateException("the CA offers no dns-01 challenge for " + domain));
            String name = Dns01Challenge.toRRName(domain);
            name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            var published = control.publishTxt(name, ch.getDigest())
                    .orElseThrow(() -> new IllegalStateException("cannot publish " + Dns01Challenge.RECORD_NAME_PREFIX + " for " + domain));
            try {
                ch.trigger();
                Status s = ch.waitForCompletion(wait);
                return s == Status.VALID ? null : "DNS-01 validation of " + domain + " failed: " + ch.getError().map(Object::toString).orElse(s.toString());
            } finally {
                control.remove(published);
            }
        }

        @Override
        public void revoke(X509Certificate certificate) throws Exception {
            org.shredzone.acme4j.Certificate.revoke(login(session()), certificate, RevocationReason.UNSPECIFIED);
        }
    }

    /** Whether the client serves the key authorisation at the challenge URL (a quick self-check before triggering). */
    private static boolean served(String url, String expected) {
        try {
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();
            var res = client.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 && res.body().trim().equals(expected);
        } catch (Exception e) {
            return false;
        }
    }

    private static KeyPair newAccountKey() {
        try {
            var gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            return gen.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A generic provider whose HTTP client trusts one more CA (the private ACME server's TLS). */
    private static final class TrustingProvider extends AbstractAcmeProvider {
        private final SSLContext ssl;

        TrustingProvider(String pem) {
            try {
                var store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                    store.setCertificateEntry("trusted-" + i++, c);
                }
                var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                ssl = SSLContext.getInstance("TLS");
                ssl.init(null, tmf.getTrustManagers(), null);
            } catch (Exception e) {
                throw new IllegalArgumentException("trust_pem is not a PEM certificate: " + e.getMessage(), e);
            }
        }

        @Override public boolean accepts(URI serverUri) { return "https".equals(serverUri.getScheme()); }

        @Override
        public URL resolve(URI serverUri) {
            try {
                return serverUri.toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(ssl);
                }
            };
        }
    }
}
