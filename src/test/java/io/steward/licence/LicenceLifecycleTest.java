package io.steward.licence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.partner.PartnerFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A licence is issued, suspended, reissued and terminated with its service's life, on the sandbox issuer. */
class LicenceLifecycleTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static long licenceProduct() {
        for (JsonNode p : server.http().get("/admin/api/products", Auth.admin()).json().get("products")) {
            if (p.get("name").asText().equals("cPanel Solo licence")) return p.get("id").asLong();
        }
        throw new AssertionError("no demo licence product");
    }

    private static JsonNode licence(long serviceId) {
        for (JsonNode l : server.http().get("/admin/api/licences", Auth.admin()).json().get("licences")) {
            if (l.get("service_id").asLong() == serviceId) return l;
        }
        throw new AssertionError("no licence for service " + serviceId);
    }

    private static void runJobs() {
        for (int i = 0; i < 5; i++) server.steward().jobs().runDue();
    }

    private static String sandboxStatus(String key) {
        return server.steward().db().dsl().fetchValue("select status from licence_sandbox_key where licence_key = ?", key).toString();
    }

    @Test
    void the_licence_follows_its_service_and_only_its_partner_sees_it() {
        var partner = PartnerFixtures.partner(server);
        long client = PartnerFixtures.client(server, partner);
        Res made = server.http().post("/admin/api/services", Auth.admin(), Body.json(Map.of("client_id", client, "product_id", licenceProduct(),
                "billing_cycle", "m", "currency", "USD", "recurring_amount", "17.99", "domain", "server1.example.net", "manual_provisioning", true)));
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        long service = made.json().at("/service/id").asLong();
        assertThat(server.http().post("/admin/api/services/" + service + "/activate?provision=0", Auth.admin(), Body.NONE).status()).isEqualTo(200);
        runJobs();
        JsonNode issued = licence(service);
        assertThat(issued.get("status").asText()).isEqualTo("active");
        assertThat(issued.get("vendor").asText()).isEqualTo("cpanel");
        assertThat(issued.get("bound_to").asText()).isEqualTo("server1.example.net");
        String key = issued.get("key").asText();
        assertThat(key).startsWith("SBX-");
        assertThat(sandboxStatus(key)).isEqualTo("active");
        // Sealed at rest: the key is not in the licence table in clear.
        assertThat(server.steward().db().dsl().fetchValue("select key_sealed from licence where service_id = ?", service).toString()).doesNotContain(key);

        JsonNode listed = server.http().get("/partner/products/licenses", partner.auth()).json();
        assertThat(listed.get("licenses")).hasSize(1);
        assertThat(listed.at("/licenses/0/reg_number").asText()).isEqualTo(key);
        assertThat(listed.at("/licenses/0/platform").asText()).isEqualTo("server1.example.net");
        assertThat(listed.get("expiringWithin60days").asInt()).isEqualTo(1);
        assertThat(server.http().get("/partner/products/licenses", PartnerFixtures.partner(server).auth()).json().get("licenses")).isEmpty();

        // 202: the suspension is a provisioning job; the licence follows when it has run.
        assertThat(server.http().post("/admin/api/services/" + service + "/suspend", Auth.admin(), Body.json(Map.of("reason", "overdue"))).status())
                .isIn(200, 202);
        runJobs();
        assertThat(licence(service).get("status").asText()).isEqualTo("suspended");
        assertThat(sandboxStatus(key)).isEqualTo("suspended");
        assertThat(server.http().post("/admin/api/licences/" + service + "/reissue", Auth.admin(), Body.json(Map.of("bound_to", "192.0.2.7")))
                .status()).isEqualTo(409);

        server.http().post("/admin/api/services/" + service + "/unsuspend", Auth.admin(), Body.NONE);
        runJobs();
        assertThat(licence(service).get("status").asText()).isEqualTo("active");
        Res reissued = server.http().post("/admin/api/licences/" + service + "/reissue", Auth.admin(), Body.json(Map.of("bound_to", "192.0.2.7")));
        assertThat(reissued.status()).as("%s", reissued).isEqualTo(200);
        String next = reissued.json().at("/licence/key").asText();
        assertThat(next).isNotEqualTo(key);
        assertThat(reissued.json().at("/licence/bound_to").asText()).isEqualTo("192.0.2.7");
        assertThat(sandboxStatus(key)).isEqualTo("replaced");
        assertThat(server.http().post("/admin/api/licences/" + service + "/reissue", Auth.admin(), Body.json(Map.of("bound_to", "bad host!")))
                .status()).isEqualTo(422);

        server.http().post("/admin/api/services/" + service + "/terminate", Auth.admin(), Body.NONE);
        runJobs();
        assertThat(licence(service).get("status").asText()).isEqualTo("terminated");
        assertThat(sandboxStatus(next)).isEqualTo("terminated");
    }
}
