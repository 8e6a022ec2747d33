package io.steward.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@link CloudFixtures} for tests of the drivers' packages, and what they need of the feature's table. */
public final class CloudTestAccess {
    private CloudTestAccess() {}

    public static long pool(TestServer server, String cidr, String gateway) { return CloudFixtures.pool(server, cidr, gateway); }

    public static long product(TestServer server, String module, Map<String, Object> limits, List<Long> pools) {
        return CloudFixtures.product(server, module, limits, pools);
    }

    public static long service(TestServer server, long clientId, long productId, String module, String config) {
        return CloudFixtures.service(server, clientId, productId, module, config);
    }

    public static JsonNode createVm(TestServer server, Auth auth, long serviceId, Map<String, Object> fields) {
        return CloudFixtures.createVm(server, auth, serviceId, fields);
    }

    public static JsonNode act(TestServer server, Auth auth, long serviceId, String vmId, String action, Map<String, Object> body) {
        return CloudFixtures.act(server, auth, serviceId, vmId, action, body);
    }

    public static String settle(TestServer server, Auth auth, long serviceId, String vmId, Duration within) {
        return CloudFixtures.settle(server, auth, serviceId, vmId, within);
    }

    /** The VM's hypervisor name. */
    public static String name(TestServer server, String vmId) {
        return server.steward().db().dsl().select(CloudStore.NAME).from(CloudStore.T).where(CloudStore.ID.eq(Long.parseLong(vmId))).fetchOne().value1();
    }
}
