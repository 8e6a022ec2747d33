package io.steward.cloud.lxd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The machine's LXD, made by ../shared/lxd/setup.sh (CI runs it): tests that drive containers
 * fail, never skip, when it is missing. Test containers are named {@code stw-test-...} and removed
 * by {@link #removeTestInstances}.
 */
public final class LxdFixtures {
    public static final Path SOCKET = Path.of("/var/lib/lxd/unix.socket");
    public static final String PREFIX = "stw-test-";

    private LxdFixtures() {}

    public static LxdClient client() {
        return new LxdClient(SOCKET, Duration.ofSeconds(60));
    }

    /** Fails the test when LXD, its bridge lxdbr0 or the busybox image is not there. */
    public static void requireLxd() {
        assertThat(Files.exists(SOCKET)).as("LXD's socket %s: run ../shared/lxd/setup.sh", SOCKET).isTrue();
        JsonNode bridge = client().get("/1.0/networks/lxdbr0");
        assertThat(bridge.path("config").path("ipv4.address").asText()).as("bridge lxdbr0").isEqualTo("10.204.7.1/24");
        assertThat(client().get("/1.0/images/aliases/busybox").path("name").asText()).isEqualTo("busybox");
    }

    /** Deletes every instance whose name starts with {@code prefix} (a test's leftovers). */
    public static int removeTestInstances(String prefix) {
        var lxd = client();
        int removed = 0;
        for (JsonNode url : lxd.get("/1.0/instances")) {
            String name = url.asText().substring(url.asText().lastIndexOf('/') + 1);
            if (!name.startsWith(prefix)) continue;
            try {
                if (!"Stopped".equals(lxd.get("/1.0/instances/" + name + "/state").path("status").asText())) {
                    lxd.await(lxd.call("PUT", "/1.0/instances/" + name + "/state", java.util.Map.of("action", "stop", "force", true)), Duration.ofSeconds(60));
                }
                lxd.await(lxd.call("DELETE", "/1.0/instances/" + name, null), Duration.ofSeconds(60));
                removed++;
            } catch (RuntimeException e) {
                // gone meanwhile
            }
        }
        return removed;
    }

    /** The instance's config and devices, or null when it does not exist. */
    public static JsonNode instance(String name) {
        try {
            return client().get("/1.0/instances/" + name);
        } catch (io.steward.service.module.CloudVms.VmNotFound e) {
            return null;
        }
    }

    public static String status(String name) {
        return client().get("/1.0/instances/" + name + "/state").path("status").asText();
    }

    public static String file(String name, String path) {
        var r = client().call("GET", "/1.0/instances/" + name + "/files?path=" + path, null);
        return r.json().path("raw").asText(r.json().toString());
    }
}
