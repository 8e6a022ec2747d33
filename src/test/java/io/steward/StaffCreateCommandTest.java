package io.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.auth.Totp;
import io.steward.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward staff create}: a fresh install's first administrator, from the command line. */
class StaffCreateCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream saved = System.out;
        var out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String find(String text, String regex) {
        var m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void staff_create_prints_a_generated_password_and_totp_seed_that_sign_in_as_an_administrator() throws Exception {
        Path config = dir.resolve("steward.properties");
        // Light argon2 for the test; the embedded database in the temporary data directory.
        Files.writeString(config, "auth.argon2.memory-kib=4096\nauth.argon2.iterations=1\nscheduler.enabled=false\n");
        Path data = dir.resolve("data");
        String out = run("staff", "create", "--username", "root", "--totp", "--data", data.toString(), "--config", config.toString());
        assertThat(out).contains("staff account root (administrator) created");
        String password = find(out, "password \\(shown only this once\\): (\\S+)");
        String seed = find(out, "TOTP seed: ([A-Z2-7]+)");
        assertThat(out).contains("otpauth://totp/Steward:root?secret=" + seed);

        assertThatThrownBy(() -> run("staff", "create", "--username", "root", "--data", data.toString(), "--config", config.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taken");
        assertThatThrownBy(() -> run("staff", "create", "--data", data.toString(), "--config", config.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--username");

        try (var node = Steward.create(Config.load(config, java.util.Map.of()), data, Clock.systemUTC())) {
            var result = node.staff().signIn().signIn("root", password, Totp.code(seed, Clock.systemUTC().instant()), "127.0.0.1", "test");
            assertThat(result.account().role()).isEqualTo("administrator");
            assertThat(node.staff().tokens().verify(result.token().token()).orElseThrow().may(null, false)).isTrue();
        }
    }
}
