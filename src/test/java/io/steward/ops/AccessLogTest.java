package io.steward.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccessLogTest {
    static TestServer server;

    private final Logger access = (Logger) LoggerFactory.getLogger("steward.access");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previousLevel;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @BeforeEach
    void capture() {
        // The test configuration keeps the access log at WARN; these tests need its INFO lines.
        previousLevel = access.getLevel();
        access.setLevel(Level.INFO);
        appender.start();
        access.addAppender(appender);
    }

    @AfterEach
    void release() {
        access.detachAppender(appender);
        appender.stop();
        access.setLevel(previousLevel);
    }

    @Test
    void each_request_emits_one_access_line_with_method_path_and_status() {
        String path = "/api/details";
        assertThat(server.http().get(path + "?probe=" + UUID.randomUUID(), Auth.demo()).status()).isEqualTo(200);

        List<String> lines = awaitLines(path, 1);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains("method=GET").contains("path=\"/api/details\"")
                .contains("route=\"/details\"").contains("status=200").contains("ip=127.0.0.1");
    }

    @Test
    void the_access_line_carries_the_real_status_of_a_failed_request() {
        String path = "/api/no-such-route-" + UUID.randomUUID();
        assertThat(server.http().post(path, Auth.NONE, Body.NONE).status()).isEqualTo(404);
        assertThat(server.http().get("/health/live", Auth.NONE).status()).isEqualTo(200);

        List<String> lines = awaitLines(path, 1);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains("method=POST").contains("status=404").contains("route=\"unmatched\"");
        assertThat(awaitLines("path=\"/health/live\"", 1)).isNotEmpty().allMatch(l -> l.contains("status=200"));
    }

    /**
     * The line is logged after the response is written, so it may arrive a moment after the
     * response; waits for {@code count} lines containing {@code text}, then a little longer to see
     * any extra ones.
     */
    private List<String> awaitLines(String text, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (matching(text).size() < count && System.nanoTime() < deadline) pause(20);
        pause(100);
        return matching(text);
    }

    private List<String> matching(String text) {
        synchronized (appender) {
            return List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
