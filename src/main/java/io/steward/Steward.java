package io.steward;

import io.steward.account.AccountService;
import io.steward.account.ClientAdminService;
import io.steward.account.ContactService;
import io.steward.account.PrivilegeCatalog;
import io.steward.activity.ActivityLog;
import io.steward.admin.AdminApi;
import io.steward.admin.AdminKeys;
import io.steward.api.ClientApi;
import io.steward.auth.AuthFeature;
import io.steward.auth.AuthService;
import io.steward.auth.AuthSettings;
import io.steward.auth.Passwords;
import io.steward.billing.BillingFeature;
import io.steward.billing.TaxPolicy;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.demo.DemoData;
import io.steward.ops.Metrics;
import io.steward.ops.OpsApi;
import io.steward.web.HttpApp;
import io.steward.web.OpenApiDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Steward node, assembled from its configuration: database, features, dialects, HTTP. Every
 * dependency is passed in a constructor here, so tests build the same graph with their own clock
 * and database.
 */
public final class Steward implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    private final Db db;
    private final AdminKeys adminKeys;
    private final AuthFeature auth;
    private final ClientAdminService clientAdmin;
    private final ContactService contacts;
    private final BillingFeature billing;
    private final OpsApi ops;
    private final HttpApp http;
    private final Optional<String> initialAdminKey;

    private Steward(Config config, Path dataDir, Clock clock) {
        Secrets secrets = Secrets.load(config.get("secret.key", null), dataDir);
        this.db = Db.open(config, dataDir);
        try {
            db.migrate();
            var passwords = new Passwords(config.getInt("auth.argon2.memory-kib", 19456),
                    config.getInt("auth.argon2.iterations", 2), config.getInt("auth.argon2.parallelism", 1));
            var activity = new ActivityLog(db, clock);
            this.auth = new AuthFeature(db, clock, secrets, passwords, AuthSettings.from(config));
            auth.signingKeys().init();
            var accounts = new AccountService(db, clock, auth.credentials(), activity);
            AuthService authService = auth.service(activity, accounts);
            var catalog = new PrivilegeCatalog();
            this.contacts = new ContactService(db, clock, accounts, auth.credentials(), catalog, activity);
            this.clientAdmin = new ClientAdminService(db, clock, accounts, auth.credentials(), activity);
            this.adminKeys = new AdminKeys(db, clock);
            this.initialAdminKey = adminKeys.createInitialIfNone();
            // Billing: no tax and one currency for all clients until the tax feature is wired in.
            this.billing = new BillingFeature(db, clock, config, BillingFeature.accountInfo(accounts, config), TaxPolicy.NONE);
            billing.guardDeletion(clientAdmin);

            var metrics = new Metrics(db.pool());
            this.ops = new OpsApi(db, metrics, VERSION);
            var clientApi = new ClientApi(authService, accounts, contacts, catalog, billing.clientHandlers(),
                    OpenApiDocument.load("openapi/client.yaml"));
            var adminApi = new AdminApi(adminKeys, clientAdmin, accounts, billing.adminHandlers(), OpenApiDocument.load("openapi/admin.yaml"));
            this.http = new HttpApp(List.of(clientApi, adminApi, ops), metrics,
                    config.getLong("http.max-body-bytes", 1_048_576), config.getBool("http.trust-forwarded", false));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Opens the database, migrates it and assembles the node, without listening yet. */
    public static Steward create(Config config, Path dataDir, Clock clock) {
        return new Steward(config, dataDir, clock);
    }

    public Steward loadDemo() {
        new DemoData(db, clientAdmin, contacts, adminKeys, billing.demo(clientAdmin)).load();
        return this;
    }

    public Steward listen(String host, int port, Duration grace) {
        http.start(host, port, grace);
        return this;
    }

    public int port() { return http.port(); }

    public Db db() { return db; }

    public AdminKeys adminKeys() { return adminKeys; }

    public HttpApp http() { return http; }

    public BillingFeature billing() { return billing; }

    public String rotateSigningKey() { return auth.signingKeys().rotate(); }

    /** The admin key created because none existed; present only on the very first start. */
    public Optional<String> initialAdminKey() { return initialAdminKey; }

    /** Graceful stop: readiness goes DOWN, in-flight requests finish, then the pool closes. */
    @Override
    public void close() {
        ops.drain();
        http.stop();
        billing.close();
        db.close();
    }
}
