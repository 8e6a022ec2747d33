package io.steward.integration;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.steward.demo.DemoData;
import io.steward.service.ServiceDemo;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.SupportFixtures;
import io.steward.support.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Secrets never rest in clear: after a walk through everything that makes or carries one (a
 * login and token refresh, contacts with passwords, a password reset, a hosting order whose
 * service gets a generated password, a domain registration and a transfer with EPP codes, a TOTP
 * seed, passwords generated or set by staff, the demo data's credentials, a department's IMAP
 * password, a ticket), no column of any row of any table, and no log
 * line, holds any of the secrets the walk knows.
 */
class SecretsAtRestTest {
    static Path maildir;
    /** The SMTP password the configuration gives: sealed in the SMTP module's configuration-made instance. */
    static final String SMTP_PASSWORD = "Smtp-" + UUID.randomUUID();
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        maildir = Files.createTempDirectory("steward-secrets-mail");
        server = TestServer.start(c -> c.with("mail.maildir", maildir.toString()).with("mail.smtp.password", SMTP_PASSWORD));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The secrets of the walk, by what they are (for the failure message). */
    private final Map<String, String> secrets = new LinkedHashMap<>();
    /** A value the walk stores in clear on purpose, to prove the scan can find one. */
    private String clientEmail;

    private void know(String what, String value) {
        assertThat(value).as(what).isNotBlank().hasSizeGreaterThanOrEqualTo(6);
        secrets.put(what, value);
    }

    @Test
    void no_table_and_no_log_line_holds_a_password_token_epp_code_or_seed_in_clear() throws Exception {
        var capture = LogCapture.start();
        try {
            walk();
        } finally {
            capture.stop();
        }

        var found = new ArrayList<String>();
        int[] scanned = new int[2];
        try (Connection c = server.steward().db().pool().getConnection()) {
            scan(c, secrets, found, scanned);
            // The scan is not blind: a value the walk stored in clear on purpose is found.
            var probe = new ArrayList<String>();
            scan(c, Map.of("the client's email", clientEmail), probe, new int[2]);
            assertThat(probe).as("the scanner finds a known plain value").isNotEmpty();
        }
        assertThat(scanned[0]).as("tables scanned").isGreaterThan(40);
        assertThat(scanned[1]).as("text columns scanned").isGreaterThan(200);
        assertThat(found).as("secrets found in clear at rest").isEmpty();

        var logged = new ArrayList<String>();
        for (String line : capture.lines()) {
            secrets.forEach((what, value) -> {
                if (line.contains(value)) logged.add(what + " in log line: " + line);
            });
        }
        assertThat(capture.lines()).as("the log capture saw the walk").isNotEmpty();
        assertThat(logged).as("secrets found in the log").isEmpty();
    }

    private void walk() throws Exception {
        // An account with a password of its own, and a login with a token refresh.
        String password = "Holder-" + UUID.randomUUID();
        var c = AccountFixtures.client(server, Map.of("password", password));
        clientEmail = c.email();
        know("client login", password);
        Res login = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", c.email(), "password", password)));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        know("access token", login.json().get("token").asText());
        know("refresh token (used)", login.json().get("refresh").asText());
        Res refreshed = server.http().post("/api/token", Auth.NONE, Body.json(Map.of("refresh_token", login.json().get("refresh").asText())));
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        know("refresh token (live)", refreshed.json().get("refresh").asText());
        assertThat(server.http().get("/api/details", Auth.bearer(refreshed.json().get("token").asText())).status()).isEqualTo(200);
        know("admin key", "demo-admin-key");
        // The demo data's credentials, stored by the same code paths.
        know("demo client password", DemoData.CLIENT_PASSWORD);
        know("demo contact password", DemoData.CONTACT_PASSWORD);
        know("demo service password", ServiceDemo.PASSWORD);
        // Services API keys: the demo key and one a client makes are kept as hashes only.
        know("demo services API key", io.steward.Steward.DEMO_API_KEY);
        Res servicesKey = server.http().post("/api/apikeys", Auth.basic(c.email(), password), Body.json(Map.of("name", "at rest", "scope", "read-write")));
        assertThat(servicesKey.status()).as("%s", servicesKey).isEqualTo(201);
        know("services API key", servicesKey.json().at("/apikey/key").asText());
        assertThat(server.http().get("/v1/services", Auth.bearer(servicesKey.json().at("/apikey/key").asText())).status()).isEqualTo(200);

        // Module instance secrets: one from the configuration, one set by staff and then changed.
        know("SMTP password (configuration)", SMTP_PASSWORD);
        assertThat(server.http().get("/admin/api/module-instances?kind=mail&module=smtp", Auth.admin()).json()
                .at("/instances/0/settings/password").asText()).as("the configuration's password is stored, sealed").isEqualTo("********");
        String apiKey = "Panel-key-" + UUID.randomUUID();
        Res instance = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(Map.of("kind", "server", "module", "panel",
                "name", "Secret panel", "settings", Map.of("url", "https://panel.example", "api_key", apiKey))));
        assertThat(instance.status()).as("%s", instance).isEqualTo(201);
        know("panel API key", apiKey);
        String newKey = "Panel-key-" + UUID.randomUUID();
        assertThat(server.http().put("/admin/api/module-instances/" + instance.json().at("/instance/id").asLong(), Auth.admin(),
                Body.json(Map.of("settings", Map.of("api_key", newKey)))).status()).isEqualTo(200);
        know("panel API key (changed)", newKey);

        // A contact with a password of its own.
        String contactPassword = "Contact-" + UUID.randomUUID();
        Res contact = server.http().post("/api/contact", c.auth(), Body.json(obj("email", AccountFixtures.uniqueEmail("contact"),
                "firstname", "Secret", "lastname", "Keeper", "password", contactPassword, "privileges", Map.of("support", List.of("tickets")))));
        assertThat(contact.status()).as("%s", contact).isEqualTo(200);
        know("contact password", contactPassword);

        // A password reset confirmed (the old token used, a new password set) and one left live.
        assertThat(server.http().post("/api/password/reset", Auth.NONE, Body.json(Map.of("email", c.email()))).status()).isEqualTo(200);
        String used = resetToken(c.email());
        know("reset token (used)", used);
        String newPassword = "Reset-" + UUID.randomUUID();
        Res confirm = server.http().post("/api/password/reset/confirm", Auth.NONE, Body.json(Map.of("token", used, "password", newPassword)));
        assertThat(confirm.status()).as("%s", confirm).isEqualTo(200);
        know("password set by reset", newPassword);
        var auth = Auth.basic(c.email(), newPassword);
        assertThat(server.http().post("/api/password/reset", Auth.NONE, Body.json(Map.of("email", c.email()))).status()).isEqualTo(200);
        know("reset token (live)", resetToken(c.email()));

        // A hosting order, paid with credit: the module gives the service a generated password.
        long category = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", "Secrets " + UUID.randomUUID())))
                .json().at("/category/id").asLong();
        Res product = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("category_id", category,
                "name", "Secret Hosting " + UUID.randomUUID(), "type", "hosting", "prices", Map.of("USD", Map.of("m", "5.00")))));
        assertThat(product.status()).as("%s", product).isEqualTo(201);
        Res order = server.http().post("/api/order/" + product.json().at("/product/id").asLong(), auth,
                Body.json(obj("cycle", "m", "domain", "secrets.example")));
        assertThat(order.status()).as("%s", order).isEqualTo(200);
        pay(c.id(), auth, order.json().get("invoice_id").asText());
        server.steward().services().provisioning().runDueJobsNow();
        JsonNode service = server.http().get("/api/service/" + order.json().at("/items/id").asText(), auth).json().get("service");
        assertThat(service.get("status").asText()).isEqualTo("Active");
        know("service password", service.get("password").asText());

        // A service staff create with a password they chose.
        String staffServicePassword = "Staff-service-" + UUID.randomUUID();
        Res staffService = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", c.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "9.99", "first_payment", "9.99", "name", "Starter Hosting", "category", "Hosting",
                "category_slug", "hosting", "domain", "staff-secrets.example", "username", "staffset", "password", staffServicePassword,
                "activate", true)));
        assertThat(staffService.status()).as("%s", staffService).isEqualTo(201);
        know("service password set by staff", staffServicePassword);

        // A domain registered (its EPP code read by the client) and one transferred in with a code.
        String name = "sec-" + UUID.randomUUID().toString().substring(0, 8) + ".com";
        Res domain = server.http().post("/api/domain/order", auth, Body.json(obj("name", name, "years", "1")));
        assertThat(domain.status()).as("%s", domain).isEqualTo(200);
        pay(c.id(), auth, domain.json().get("invoice_id").asText());
        long domainId = domain.json().at("/items/id").asLong();
        settle(domainId, "Active");
        Res epp = server.http().get("/api/domain/" + domainId + "/epp", auth);
        assertThat(epp.status()).as("%s", epp).isEqualTo(200);
        know("EPP code of a registered domain", epp.json().get("epp").asText());

        String away = "xfer-" + UUID.randomUUID().toString().substring(0, 8) + ".org";
        String transferCode = "Xfer-" + UUID.randomUUID();
        know("EPP code of a transfer", transferCode);
        assertThat(server.http().post("/admin/api/registry", Auth.admin(), Body.json(Map.of("name", away, "kind", "taken", "epp", transferCode,
                "expires", LocalDate.now().plusMonths(3).toString()))).status()).isEqualTo(201);
        Res transfer = server.http().post("/api/domain/order", auth, Body.json(obj("name", away, "action", "transfer", "epp", transferCode)));
        assertThat(transfer.status()).as("%s", transfer).isEqualTo(200);
        pay(c.id(), auth, transfer.json().get("invoice_id").asText());
        settle(transfer.json().at("/items/id").asLong(), "Pending Transfer");

        // A department with an inbound mailbox password, and a ticket.
        String imapPassword = "Imap-" + UUID.randomUUID();
        know("IMAP password", imapPassword);
        long department = SupportFixtures.department(server, Map.of("imap_host", "127.0.0.1", "imap_port", "1", "imap_user", "support",
                "imap_password", imapPassword)).get("id").asLong();
        SupportFixtures.ticket(server, auth, department, "Where is my invoice");

        // A second account turns TOTP on: its seed is shown once.
        var second = AccountFixtures.client(server, Map.of("password", "Second-" + UUID.randomUUID()));
        Res totp = server.http().put("/api/details", second.auth(), Body.json(Map.of("authy", List.of("Yes"))));
        assertThat(totp.status()).as("%s", totp).isEqualTo(200);
        know("TOTP seed", totp.json().at("/authy_setup/secret").asText());

        // Staff give a third account a generated password.
        var third = AccountFixtures.client(server, Map.of("password", "Third-" + UUID.randomUUID()));
        Res staffReset = server.http().post("/admin/api/clients/" + third.id() + "/password", Auth.admin(), Body.json(Map.of()));
        assertThat(staffReset.status()).as("%s", staffReset).isEqualTo(200);
        know("password generated by staff", staffReset.json().findValue("password").asText());

        // Everything queued is delivered, so sent mail is what rests.
        assertThat(server.http().post("/admin/api/mails/run", Auth.admin(), Body.json(Map.of())).status()).isEqualTo(200);
    }

    private static void pay(long clientId, Auth auth, String invoiceId) {
        assertThat(server.http().post("/admin/api/clients/" + clientId + "/credit", Auth.admin(),
                Body.json(Map.of("amount", "200.00", "reason", "test credit"))).status()).isEqualTo(201);
        Res pay = server.http().post("/api/invoice/" + invoiceId + "/credit", auth, Body.json(Map.of()));
        assertThat(pay.status()).as("paying %s: %s", invoiceId, pay).isEqualTo(200);
    }

    /** Runs registrar jobs until the domain reaches {@code status}. */
    private static void settle(long domainId, String status) throws InterruptedException {
        String now = "";
        for (int i = 0; i < 100 && !now.equals(status); i++) {
            server.steward().domains().runDueJobsNow();
            now = server.http().get("/admin/api/domains/" + domainId, Auth.admin()).json().at("/domain/status").asText();
            if (!now.equals(status)) Thread.sleep(50);
        }
        assertThat(now).isEqualTo(status);
    }

    /** Delivers the outbox to the maildir and reads the token from the newest reset mail to {@code email}. */
    private static String resetToken(String email) throws Exception {
        server.steward().mail().sender().runDueNow();
        var session = Session.getInstance(new Properties());
        MimeMessage newest = null;
        long newestId = -1;
        try (var files = Files.list(maildir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    var m = new MimeMessage(session, in);
                    long id = Long.parseLong(m.getHeader("X-Steward-Mail", null));
                    if (m.getAllRecipients()[0].toString().contains(email) && m.getSubject().startsWith("Reset your") && id > newestId) {
                        newest = m;
                        newestId = id;
                    }
                }
            }
        }
        assertThat(newest).as("a delivered reset mail to %s", email).isNotNull();
        String text = ((Multipart) newest.getContent()).getBodyPart(0).getContent().toString();
        var matcher = Pattern.compile("Token: (\\S+)").matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }

    private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);
    private static final Set<Integer> NOT_TEXT = Set.of(Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BOOLEAN,
            Types.BIT, Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL, Types.FLOAT, Types.DATE, Types.TIME, Types.TIMESTAMP,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.TIME_WITH_TIMEZONE);

    /**
     * Reads every row of every table of the node's schema (names from JDBC metadata, so a table
     * added later is scanned too) and reports each column value containing one of {@code values}.
     * Text, JSON and binary columns are read (binary as UTF-8, for serialized task data).
     */
    private static void scan(Connection c, Map<String, String> values, List<String> found, int[] scanned) throws SQLException {
        var meta = c.getMetaData();
        String schema = c.getSchema();
        var tables = new ArrayList<String>();
        try (ResultSet rs = meta.getTables(c.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
        }
        for (String table : tables) {
            var columns = new LinkedHashMap<String, Integer>();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), schema, table, "%")) {
                while (rs.next()) {
                    int type = rs.getInt("DATA_TYPE");
                    if (!NOT_TEXT.contains(type)) columns.put(rs.getString("COLUMN_NAME"), type);
                }
            }
            scanned[0]++;
            scanned[1] += columns.size();
            if (columns.isEmpty()) continue;
            String select = "SELECT " + String.join(", ", columns.keySet().stream().map(n -> '"' + n + '"').toList())
                    + " FROM \"" + schema + "\".\"" + table + '"';
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(select)) {
                while (rs.next()) {
                    int i = 0;
                    for (var col : columns.entrySet()) {
                        i++;
                        String v;
                        if (BINARY.contains(col.getValue())) {
                            byte[] b = rs.getBytes(i);
                            v = b == null ? null : new String(b, StandardCharsets.UTF_8);
                        } else {
                            v = rs.getString(i);
                        }
                        if (v == null) continue;
                        for (var s : values.entrySet()) {
                            if (v.contains(s.getValue())) found.add(s.getKey() + " in " + table + "." + col.getKey());
                        }
                    }
                }
            }
        }
    }

    /**
     * Captures every log event of Steward's loggers at TRACE (and the access log, and anything at
     * WARN from libraries) while the walk runs; the console keeps its usual level meanwhile.
     */
    private record LogCapture(ListAppender<ILoggingEvent> appender, Map<Logger, Level> levels, Map<Logger, Boolean> additivity) {
        static LogCapture start() {
            var appender = new ListAppender<ILoggingEvent>();
            appender.start();
            var levels = new LinkedHashMap<Logger, Level>();
            var additivity = new LinkedHashMap<Logger, Boolean>();
            for (String name : List.of("io.steward", "steward.access")) {
                Logger l = (Logger) LoggerFactory.getLogger(name);
                levels.put(l, l.getLevel());
                additivity.put(l, l.isAdditive());
                l.setLevel(Level.TRACE);
                l.setAdditive(false);
                l.addAppender(appender);
            }
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
            return new LogCapture(appender, levels, additivity);
        }

        void stop() {
            levels.forEach((l, level) -> {
                l.detachAppender(appender);
                l.setLevel(level);
                l.setAdditive(additivity.get(l));
            });
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
            appender.stop();
        }

        List<String> lines() {
            var out = new ArrayList<String>();
            for (ILoggingEvent e : List.copyOf(appender.list)) {
                String line = e.getLoggerName() + " " + e.getFormattedMessage();
                if (e.getThrowableProxy() != null) line += " " + ThrowableProxyUtil.asString(e.getThrowableProxy());
                out.add(line);
            }
            return out;
        }
    }
}
