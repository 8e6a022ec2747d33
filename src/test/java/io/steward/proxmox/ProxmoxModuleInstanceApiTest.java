package io.steward.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff configure a Proxmox VE instance in the admin API: its schema, a sealed token secret, and a connection test against the node. */
class ProxmoxModuleInstanceApiTest {
    static TestServer server;
    static PveSimulator sim;

    @BeforeAll
    static void start() {
        sim = new PveSimulator();
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        sim.close();
    }

    private static List<String> rawSettings() {
        return server.steward().db().dsl().fetch("select settings from module_instance").getValues(0, String.class);
    }

    @Test
    void the_proxmox_module_is_listed_with_its_settings_and_capabilities() {
        JsonNode kinds = server.http().get("/admin/api/module-kinds", Auth.admin()).json().get("kinds");
        JsonNode proxmox = null;
        for (JsonNode m : kinds.get(0).get("modules")) if (m.get("id").asText().equals("proxmox")) proxmox = m;
        assertThat(proxmox).isNotNull();
        assertThat(proxmox.get("capabilities").toString()).contains("cloud_vms", "power_control", "rescue", "rebuild", "traffic_counters");
        var keys = new java.util.ArrayList<String>();
        proxmox.get("settings").forEach(f -> keys.add(f.get("key").asText()));
        assertThat(keys).contains("api_url", "node", "token_id", "token_secret", "templates", "storage", "bridge", "rescue_iso", "task_timeout");
        JsonNode secret = proxmox.get("settings").get(keys.indexOf("token_secret"));
        assertThat(secret.get("type").asText()).isEqualTo("secret");
    }

    @Test
    void a_proxmox_instance_keeps_its_token_secret_sealed_and_tests_the_connection_with_the_version_call() {
        var settings = new HashMap<String, Object>();
        settings.put("api_url", sim.url());
        settings.put("node", PveSimulator.NODE);
        settings.put("token_id", PveSimulator.TOKEN_ID);
        settings.put("token_secret", PveSimulator.SECRET);
        settings.put("templates", "debian-12=9000, ubuntu-24-04=9001");
        settings.put("rescue_iso", "local:iso/systemrescue-11.00-amd64.iso");
        Res created = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(Map.of("kind", "server", "module", "proxmox",
                "name", "PVE Amsterdam 1", "settings", settings)));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().at("/instance/id").asLong();
        assertThat(created.json().at("/instance/settings/token_secret").asText()).isEqualTo("********");
        assertThat(created.json().at("/instance/settings/bridge").asText()).as("default").isIn("vmbr0", "");
        assertThat(created.text()).doesNotContain(PveSimulator.SECRET);
        assertThat(server.http().get("/admin/api/module-instances/" + id, Auth.admin()).text()).doesNotContain(PveSimulator.SECRET);
        assertThat(rawSettings()).noneMatch(s -> s.contains(PveSimulator.SECRET)).anyMatch(s -> s.contains("\"token_secret\":\"v1:"));

        JsonNode test = server.http().post("/admin/api/module-instances/" + id + "/test", Auth.admin(), Body.json(Map.of())).json();
        assertThat(test.at("/test/ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.at("/test/message").asText()).contains("Proxmox VE " + PveSimulator.VERSION, "node pve1", "2 template(s)");
        assertThat(sim.calls()).contains("GET /version");

        var wrong = Map.of("token_secret", "11111111-2222-3333-4444-555555555555");
        assertThat(server.http().put("/admin/api/module-instances/" + id, Auth.admin(), Body.json(Map.of("settings", wrong))).status())
                .isEqualTo(200);
        JsonNode failed = server.http().post("/admin/api/module-instances/" + id + "/test", Auth.admin(), Body.json(Map.of())).json();
        assertThat(failed.at("/test/ok").asBoolean()).isFalse();
        assertThat(failed.at("/test/message").asText()).contains("refused the API token").doesNotContain("5555");
        assertThat(rawSettings()).noneMatch(s -> s.contains("11111111-2222"));

        var missing = Map.of("templates", "debian-12=9000, windows=9999");
        server.http().put("/admin/api/module-instances/" + id, Auth.admin(),
                Body.json(Map.of("settings", Map.of("token_secret", PveSimulator.SECRET, "templates", missing.get("templates")))));
        JsonNode partly = server.http().post("/admin/api/module-instances/" + id + "/test", Auth.admin(), Body.json(Map.of())).json();
        assertThat(partly.at("/test/ok").asBoolean()).isFalse();
        assertThat(partly.at("/test/message").asText()).contains("1 configured template VMID(s) are not templates");
    }

    @Test
    void settings_without_the_required_fields_are_refused_naming_them() {
        Res bad = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(Map.of("kind", "server", "module", "proxmox",
                "name", "PVE incomplete", "settings", Map.of("task_timeout", "soon"))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").fieldNames()).toIterable().contains("settings.api_url", "settings.node", "settings.token_id",
                "settings.token_secret", "settings.templates", "settings.task_timeout");
    }
}
