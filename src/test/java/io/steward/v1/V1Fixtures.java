package io.steward.v1;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.Map;

/** API keys, CDN services and their resources, made through the client and admin APIs as a client and staff would. */
public final class V1Fixtures {
    private V1Fixtures() {}

    /** A new key of the caller's ({@code scope} read-only or read-write), as the bearer to use. */
    public static Auth key(TestServer server, Auth owner, String scope) {
        var res = server.http().post("/api/apikeys", owner, Body.json(Map.of("name", "test " + scope, "scope", scope)));
        assertThat(res.status()).as("creating an API key: %s", res).isEqualTo(201);
        return Auth.bearer(res.json().at("/apikey/key").asText());
    }

    /** An Active service of the client, set up by staff without provisioning (a CDN service when resources are added). */
    public static long activeService(TestServer server, long clientId, String name) {
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", clientId, "billing_cycle", "m",
                "recurring_amount", "5.00", "name", name, "category", "CDN", "currency", "USD")));
        assertThat(res.status()).as("creating a service: %s", res).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        var active = server.http().post("/admin/api/services/" + id + "/activate", Auth.admin(), Body.json(Map.of("provision", false)));
        assertThat(active.status()).as("activating: %s", active).isEqualTo(200);
        return id;
    }

    /** Staff give the client the name, then add it as a resource of the service; answers the resource id. */
    public static long resource(TestServer server, long clientId, long serviceId, String name, String origin, Long instanceId) {
        var claim = server.http().post("/admin/api/names/claims", Auth.admin(), Body.json(Map.of("client_id", clientId, "name", name)));
        assertThat(claim.status()).as("claiming %s: %s", name, claim).isEqualTo(201);
        var body = obj("resource_name", name, "origin", origin);
        if (instanceId != null) body.put("module_instance_id", instanceId);
        var res = server.http().post("/admin/api/services/" + serviceId + "/cdn-resources", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("adding %s: %s", name, res).isEqualTo(201);
        return res.json().at("/cdn_resource/id").asLong();
    }
}
