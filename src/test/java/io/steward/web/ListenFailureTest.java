package io.steward.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.Steward;
import io.steward.config.Config;
import io.steward.support.MutableClock;
import io.steward.support.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class ListenFailureTest {
    @Test
    void listening_on_a_port_in_use_fails_instead_of_running_without_HTTP() throws Exception {
        TestDatabase database = TestDatabase.create();
        Path dir = Files.createTempDirectory("steward-listen");
        Config config = database.configure(Config.empty().with("scheduler.enabled", "false"), dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Steward node = Steward.create(config, dir, MutableClock.atSystemTime())) {
            assertThatThrownBy(() -> node.listen("127.0.0.1", taken.getLocalPort(), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(Integer.toString(taken.getLocalPort()));
        } finally {
            database.drop();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
