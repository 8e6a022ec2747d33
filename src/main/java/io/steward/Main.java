package io.steward;

import io.steward.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: {@code serve}, {@code migrate}, {@code admin-key create}, {@code staff create}, {@code signing-key rotate}, {@code billing run}.
 * ({@code test} is handled by the launcher script, which needs Maven.)
 */
public final class Main {
    private static final String USAGE = """
            usage: steward <command> [options]
              serve                 run the server
                  --port N          HTTP port (default 8080, or http.port)
                  --host ADDR       listen address (default 0.0.0.0, or http.host)
                  --demo            load the demo data set (idempotent)
              migrate               apply database migrations and exit
              admin-key create      create an admin API key and print it
                  --name NAME       a label for the key (default "cli")
              staff create          create a staff account (the first administrator of a fresh
                                    install) and print its generated password
                  --username NAME   the login name (lower case)
                  --role ROLE       administrator (default), support, billing, technical, or a custom role
                  --name NAME       the display name (default the username)
                  --totp            also make a TOTP second factor and print its seed and otpauth URI
              signing-key rotate    make a new JWT signing key the active one
              billing run           run the billing engine (renewals, notices, late fees, suspension,
                                    termination) for a date; safe to repeat
                  --date YYYY-MM-DD the date to run for (default today, UTC)
              train                 start a demo node on free loopback ports, serve a few requests,
                                    restart it on its data and stop (the launcher's training run for
                                    the JDK's start-up cache); needs a fresh --data directory
              test                  run the whole test suite on H2 and PostgreSQL (launcher script)
              (on the embedded database, commands other than serve need the server stopped, or
               db.h2.tcp-port set for the server and the command)
            common options:
                  --data DIR        data directory (default ./data, or data.dir)
                  --config FILE     configuration file (.yaml or .properties)
            """;

    private Main() {}

    public static void main(String[] args) {
        // Helidon logs through java.util.logging; send it to the same structured log.
        java.util.logging.LogManager.getLogManager().reset();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("steward: " + e.getMessage());
            System.exit(2);
        } catch (io.steward.db.DatabaseInUseException e) {
            System.err.println("steward: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--demo") || a.equals("--totp") || a.equals("--help") || a.equals("-h")) {
                options.put(a, "true");
            } else if (a.startsWith("--")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                options.put(a, args[++i]);
            } else {
                positional.add(a);
            }
        }
        if (positional.isEmpty() || options.containsKey("--help") || options.containsKey("-h")) {
            System.out.print(USAGE);
            return positional.isEmpty() && !options.containsKey("--help") ? 2 : 0;
        }
        Path configFile = options.containsKey("--config") ? Path.of(options.get("--config")) : null;
        if (configFile != null && !Files.isRegularFile(configFile)) throw new IllegalArgumentException("no such config file: " + configFile);
        Config config = Config.load(configFile, System.getenv());
        Path dataDir = Path.of(options.getOrDefault("--data", config.get("data.dir", "data")));
        String command = String.join(" ", positional);
        switch (command) {
            case "serve" -> {
                return serve(config, dataDir, options);
            }
            case "train" -> {
                return StartupTraining.run(config, dataDir);
            }
            case "migrate" -> {
                try (var s = Steward.create(config, dataDir, Clock.systemUTC())) {
                    System.out.println("database migrated");
                }
                return 0;
            }
            case "admin-key create" -> {
                try (var s = Steward.create(config, dataDir, Clock.systemUTC())) {
                    s.initialAdminKey().ifPresent(k -> System.out.println("initial admin API key (first start): " + k));
                    System.out.println(s.adminKeys().create(options.getOrDefault("--name", "cli")));
                }
                return 0;
            }
            case "staff create" -> {
                if (!options.containsKey("--username")) throw new IllegalArgumentException("staff create needs --username NAME");
                // Generated, never taken from the command line, where other users could read it in the process list.
                String password = "Stw-" + io.steward.core.Secrets.randomToken(15);
                try (var s = Steward.create(config, dataDir, Clock.systemUTC())) {
                    var created = s.staff().accounts().create(options.get("--username"), options.get("--name"), password,
                            options.get("--role"), options.containsKey("--totp"));
                    System.out.println("staff account " + created.account().username() + " (" + created.account().role() + ") created");
                    System.out.println("password (shown only this once): " + password);
                    created.totpSecret().ifPresent(seed -> System.out.println("TOTP seed: " + seed + "\n"
                            + io.steward.auth.Totp.uri("Steward", created.account().username(), seed)));
                } catch (io.steward.core.StewardException e) {
                    throw new IllegalArgumentException(String.join("; ", e.messages())
                            + (e.fields().isEmpty() ? "" : " " + e.fields()));
                }
                return 0;
            }
            case "signing-key rotate" -> {
                try (var s = Steward.create(config, dataDir, Clock.systemUTC())) {
                    System.out.println("new signing key: " + s.rotateSigningKey());
                }
                return 0;
            }
            case "billing run" -> {
                java.time.LocalDate date;
                try {
                    date = options.containsKey("--date") ? java.time.LocalDate.parse(options.get("--date")) : java.time.LocalDate.now(Clock.systemUTC());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("--date must be YYYY-MM-DD");
                }
                try (var s = Steward.create(config, dataDir, Clock.systemUTC())) {
                    var r = s.engine().run(date);
                    System.out.println("billing run for " + r.date() + ": " + r.invoices() + " invoices (" + r.renewalLines() + " periods), "
                            + r.reminders() + " reminders, " + r.overdueNotices() + " overdue notices, " + r.lateFees() + " late fees, "
                            + r.suspended() + " suspended, " + r.terminated() + " terminated, " + r.cancellations() + " cancellations, "
                            + r.errors() + " errors");
                }
                return 0;
            }
            default -> throw new IllegalArgumentException("unknown command '" + command + "'\n" + USAGE);
        }
    }

    private static int serve(Config config, Path dataDir, Map<String, String> options) {
        int port = options.containsKey("--port") ? parsePort(options.get("--port")) : config.getInt("http.port", 8080);
        String host = options.getOrDefault("--host", config.get("http.host", "0.0.0.0"));
        long t0 = System.nanoTime();
        Steward steward = Steward.create(config, dataDir, Clock.systemUTC());
        long t1 = System.nanoTime();
        if (options.containsKey("--demo")) steward.loadDemo();
        long t2 = System.nanoTime();
        try {
            steward.listen(host, port, config.getDuration("http.shutdown-grace", Duration.ofSeconds(10)));
        } catch (IllegalStateException e) {
            steward.close();
            throw new IllegalArgumentException(e.getMessage());
        }
        long t3 = System.nanoTime();
        // Where start-up time goes (bench/startup.sh reads this line): the JVM before main, the
        // node (database, migrations, features), the demo data, and the listeners.
        long jvmMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (t3 - t0) / 1_000_000;
        org.slf4j.LoggerFactory.getLogger(Main.class).info("started: jvm_before_main_ms={} node_ms={} demo_ms={} listen_ms={} total_ms={}",
                jvmMs, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        Runtime.getRuntime().addShutdownHook(new Thread(steward::close, "steward-shutdown"));
        System.out.println("Steward " + Steward.VERSION + " serving on http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + steward.port()
                + "  (client API /api, admin API /admin/api, docs /docs, data in " + dataDir.toAbsolutePath() + ")");
        steward.initialAdminKey().ifPresent(k -> System.out.println(
                "Initial admin API key, shown only this once; keep it safe: " + k));
        if (!steward.staff().accounts().any()) {
            System.out.println("No staff account yet: create the first administrator with ./steward staff create --username NAME --totp");
        }
        if (options.containsKey("--demo")) {
            System.out.println("Demo data loaded: client demo@example.com / Demo-pass-1, contact contact@example.com / Contact-pass-1, admin key demo-admin-key, services API key " + Steward.DEMO_API_KEY);
            System.out.println("Demo partner API credentials: client_id " + io.steward.partner.PartnerDemo.CLIENT_ID + ", client_secret "
                    + io.steward.partner.PartnerDemo.CLIENT_SECRET + " (POST /partner/auth/token); partner account "
                    + io.steward.partner.PartnerDemo.EMAIL + " / " + io.steward.partner.PartnerDemo.PASSWORD);
            System.out.println("Staff console: http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + steward.port()
                    + "/admin/ — demo staff (also POST /admin/api/login): " + io.steward.staff.StaffDemo.ADMIN_USERNAME + " / "
                    + io.steward.staff.StaffDemo.ADMIN_PASSWORD + " (administrator), " + io.steward.staff.StaffDemo.SUPPORT_USERNAME
                    + " / " + io.steward.staff.StaffDemo.SUPPORT_PASSWORD + " (support)");
            System.out.println("Web client area: http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + steward.port()
                    + "/login (sign in as demo@example.com / Demo-pass-1)");
        }
        // Serve until the JVM is asked to stop; the shutdown hook closes the node gracefully.
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535");
        }
    }
}
