package io.steward.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.PrivateFiles;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.SupportFixtures;
import io.steward.support.TestDatabase;
import io.steward.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The data directory is the Steward user's only, and the embedded database is private to the process. */
class PrivateDataTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void the_data_directory_and_everything_steward_wrote_in_it_are_private_to_its_user() throws IOException {
        // A mail through the maildir transport and an uploaded attachment, beside the demo data.
        var c = io.steward.support.AccountFixtures.client(server);
        long dept = SupportFixtures.departmentId(server, "Technical Support");
        var opened = server.http().post("/api/tickets", c.auth(), SupportFixtures.multipart(
                Map.of("dept_id", Long.toString(dept), "subject", "Files", "body", "attached"), SupportFixtures.text("notes.txt", "private")));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        var run = server.http().post("/admin/api/mails/run", Auth.admin(), Body.NONE);
        assertThat(run.status()).as(run.toString()).isEqualTo(200);

        Path data = server.dataDir();
        List<String> wrong = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(data)) {
            walk.forEach(p -> {
                try {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                    if (!dir) files.add(p);
                    if (!mode.equals(dir ? "rwx------" : "rw-------")) wrong.add(data.relativize(p) + " " + mode);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(wrong).as("entries with other modes").isEmpty();
        assertThat(files).anySatisfy(p -> assertThat(p.toString()).endsWith(".eml"));
        assertThat(files).anySatisfy(p -> assertThat(data.relativize(p).toString()).startsWith("attachments/"));
        assertThat(files).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("secret.key"));
        if (!TestDatabase.isPostgres()) {
            assertThat(files).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("steward.mv.db"));
            assertThat(files).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("db.password"));
        }
    }

    @Test
    void the_embedded_database_opens_no_listener_and_refuses_a_connection_without_its_generated_password() throws Exception {
        if (TestDatabase.isPostgres()) return;
        Db db = server.steward().db();
        assertThat(db.url()).startsWith("jdbc:h2:file:").doesNotContainIgnoringCase("AUTO_SERVER");
        assertThat(db.localServerPort()).isEmpty();
        // AUTO_SERVER would publish its address and key in this lock file.
        assertThat(server.dataDir().resolve("steward.lock.db")).doesNotExist();

        assertThatThrownBy(() -> DriverManager.getConnection(db.url(), "sa", "").close())
                .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(28000));
        String password = Files.readString(server.dataDir().resolve("db.password")).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        try (var c = DriverManager.getConnection(db.url(), "sa", password)) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void a_data_directory_made_with_the_empty_password_opens_and_then_needs_the_generated_one() throws Exception {
        Path dir = Files.createTempDirectory("steward-legacy");
        try {
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("steward");
            try (var c = DriverManager.getConnection(url, "sa", "")) {
                c.createStatement().execute("CREATE TABLE legacy_marker (id INT)");
                c.createStatement().execute("INSERT INTO legacy_marker VALUES (7)");
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

            try (Db db = Db.open(io.steward.config.Config.empty(), dir)) {
                assertThat(db.dsl().fetchValue("SELECT id FROM legacy_marker")).isEqualTo(7);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
            try (var c = DriverManager.getConnection(url, "sa", Files.readString(dir.resolve("db.password")).trim())) {
                assertThat(c.isValid(1)).isTrue();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("steward.mv.db")))).isEqualTo("rw-------");
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void tightening_an_older_tree_sets_directories_to_0700_and_files_to_0600() throws IOException {
        Path dir = Files.createTempDirectory("steward-tighten");
        try {
            Path sub = Files.createDirectories(dir.resolve("mail"));
            Path file = Files.writeString(sub.resolve("1.eml"), "old");
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(PrivateFiles.tighten(dir)).isGreaterThanOrEqualTo(2);
            assertThat(Files.getPosixFilePermissions(sub)).isEqualTo(PrivateFiles.DIRECTORY);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PrivateFiles.FILE);
            assertThat(PrivateFiles.tighten(dir)).isZero();
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
