package io.steward.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff on module kinds and module instances: schemas, validation, sealed secrets, tests of the connection, defaults. */
class ModuleInstancesApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res post(String path, Object body) {
        return server.http().post(path, Auth.admin(), Body.json(body));
    }

    private static Res put(String path, Object body) {
        return server.http().put(path, Auth.admin(), Body.json(body));
    }

    private static Map<String, Object> panel(String name, Map<String, Object> settings) {
        var m = new HashMap<String, Object>();
        m.put("kind", "server");
        m.put("module", "panel");
        m.put("name", name);
        m.put("settings", settings);
        return m;
    }

    private static List<String> rawSettings() {
        return server.steward().db().dsl().fetch("select settings from module_instance").getValues(0, String.class);
    }

    @Test
    void GET_module_kinds_lists_every_kind_with_its_modules_and_their_settings_schemas() {
        JsonNode kinds = server.http().get("/admin/api/module-kinds", Auth.admin()).json().get("kinds");
        var names = new ArrayList<String>();
        kinds.forEach(k -> names.add(k.get("kind").asText()));
        assertThat(names).containsExactly("server", "registrar", "payment", "vat", "mail", "ca", "licence", "m365", "cdn");
        JsonNode server0 = kinds.get(0).get("modules");
        var ids = new ArrayList<String>();
        server0.forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).contains("recording", "dns", "panel");
        JsonNode panel = server0.get(ids.indexOf("panel"));
        assertThat(panel.get("capabilities").toString()).contains("ip_addresses", "reverse_dns", "traffic_counters");
        assertThat(panel.at("/settings/1/key").asText()).isEqualTo("api_key");
        assertThat(panel.at("/settings/1/type").asText()).isEqualTo("secret");
        assertThat(panel.at("/settings/1/required").asBoolean()).isTrue();
        assertThat(panel.at("/settings/4/options").toString()).isEqualTo("[\"shared\",\"reseller\"]");
        assertThat(kinds.get(1).at("/modules/0/id").asText()).isEqualTo("sandbox");
        assertThat(kinds.get(1).at("/modules/0/sandbox").asBoolean()).isTrue();
        var authorities = new ArrayList<String>();
        kinds.get(5).get("modules").forEach(m -> authorities.add(m.get("id").asText()));
        assertThat(authorities).containsExactlyInAnyOrder(io.steward.ssl.SandboxCaFactory.ID, io.steward.ssl.AcmeCaFactory.ID,
                io.steward.ssl.CommercialCaFactory.ID);
    }

    @Test
    void the_node_keeps_an_instance_for_what_its_configuration_names() {
        JsonNode all = server.http().get("/admin/api/module-instances", Auth.admin()).json().get("instances");
        var configured = new ArrayList<String>();
        all.forEach(i -> {
            if (i.get("source").asText().equals("config")) configured.add(i.get("kind").asText() + ":" + i.get("module").asText());
        });
        assertThat(configured).contains("mail:maildir", "mail:smtp", "vat:syntax", "registrar:sandbox", "payment:banktransfer",
                "payment:credit", "server:recording", "server:dns");
        assertThat(configured).as("a module that needs settings the configuration does not give gets none").doesNotContain("server:panel");
        JsonNode maildir = server.http().get("/admin/api/module-instances?kind=mail&module=maildir", Auth.admin()).json().at("/instances/0");
        assertThat(maildir.get("default").asBoolean()).isTrue();
        long id = maildir.get("id").asLong();
        assertThat(put("/admin/api/module-instances/" + id, Map.of("name", "x")).status()).isEqualTo(409);
        assertThat(server.http().delete("/admin/api/module-instances/" + id, Auth.admin()).status()).isEqualTo(409);
    }

    @Test
    void a_node_started_with_another_configuration_brings_the_configured_instance_in_step() {
        try (TestServer other = server.join(c -> c.with("billing.banktransfer.details", "IBAN NL99 JOIN 0000 0000 00"))) {
            JsonNode list = other.http().get("/admin/api/module-instances?kind=payment&module=banktransfer", Auth.admin()).json()
                    .get("instances");
            JsonNode configured = null;
            for (JsonNode i : list) if (i.get("source").asText().equals("config")) configured = i;
            assertThat(configured).isNotNull();
            assertThat(configured.at("/settings/details").asText()).isEqualTo("IBAN NL99 JOIN 0000 0000 00");
        }
    }

    @Test
    void a_secret_setting_is_sealed_at_rest_masked_in_answers_and_kept_when_sent_back_masked() {
        Res created = post("/admin/api/module-instances", panel("Panel one", Map.of("url", "https://panel.example.net",
                "api_key", PanelModuleFactory.RIGHT_KEY, "port", "2083", "verify_tls", "false", "mode", "reseller")));
        assertThat(created.status()).isEqualTo(201);
        JsonNode i = created.json().get("instance");
        long id = i.get("id").asLong();
        assertThat(i.at("/settings/api_key").asText()).isEqualTo("********");
        assertThat(i.at("/settings/port").asText()).isEqualTo("2083");
        assertThat(i.at("/settings/verify_tls").asText()).isEqualTo("false");
        assertThat(i.get("source").asText()).isEqualTo("staff");
        assertThat(i.at("/health/ok").asBoolean()).isTrue();
        assertThat(created.text()).doesNotContain(PanelModuleFactory.RIGHT_KEY);
        assertThat(server.http().get("/admin/api/module-instances", Auth.admin()).text()).doesNotContain(PanelModuleFactory.RIGHT_KEY);
        assertThat(rawSettings()).noneMatch(s -> s.contains(PanelModuleFactory.RIGHT_KEY));
        assertThat(rawSettings()).anyMatch(s -> s.contains("\"api_key\":\"v1:"));

        JsonNode test = post("/admin/api/module-instances/" + id + "/test", Map.of()).json();
        assertThat(test.at("/test/ok").asBoolean()).isTrue();
        assertThat(test.at("/instance/last_test/ok").asBoolean()).isTrue();

        Res kept = put("/admin/api/module-instances/" + id, Map.of("name", "Panel one renamed",
                "settings", Map.of("api_key", "********", "mode", "shared")));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().at("/instance/settings/mode").asText()).isEqualTo("shared");
        assertThat(kept.json().at("/instance/settings/port").asText()).as("left out: kept").isEqualTo("2083");
        assertThat(post("/admin/api/module-instances/" + id + "/test", Map.of()).json().at("/test/ok").asBoolean())
                .as("the masked secret was kept").isTrue();

        put("/admin/api/module-instances/" + id, Map.of("settings", Map.of("api_key", "wrong-key-456")));
        JsonNode failed = post("/admin/api/module-instances/" + id + "/test", Map.of()).json();
        assertThat(failed.at("/test/ok").asBoolean()).isFalse();
        assertThat(failed.at("/test/message").asText()).contains("refused the API key");
        assertThat(rawSettings()).noneMatch(s -> s.contains("wrong-key-456"));

        assertThat(server.http().delete("/admin/api/module-instances/" + id, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/module-instances/" + id, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void settings_are_validated_against_the_schema_naming_each_field() {
        Res bad = post("/admin/api/module-instances", panel("Panel bad", Map.of("port", "eighty", "verify_tls", "maybe",
                "mode", "dedicated", "colour", "blue")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("settings.url", "settings.api_key",
                "settings.port", "settings.verify_tls", "settings.mode", "settings.colour");
        Res unknown = post("/admin/api/module-instances", Map.of("kind", "server", "module", "nope", "name", "x"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("fields").has("module")).isTrue();
        assertThat(post("/admin/api/module-instances", Map.of("kind", "toaster", "module", "panel", "name", "x")).json()
                .get("fields").has("kind")).isTrue();
        assertThat(post("/admin/api/module-instances", Map.of("kind", "server", "module", "panel", "name", "y", "settings", "[1]"))
                .status()).isEqualTo(422);
        Map<String, Object> good = Map.of("url", "https://a.example", "api_key", "k");
        assertThat(post("/admin/api/module-instances", panel("Same name", good)).status()).isEqualTo(201);
        assertThat(post("/admin/api/module-instances", panel("same NAME", good)).json().get("fields").has("name")).isTrue();
    }

    @Test
    void a_staff_instance_made_default_replaces_the_configured_one_until_it_goes() {
        long configured = server.http().get("/admin/api/module-instances?kind=payment&module=banktransfer", Auth.admin()).json()
                .at("/instances/0/id").asLong();
        Res made = post("/admin/api/module-instances", Map.of("kind", "payment", "module", "banktransfer", "name", "Our bank",
                "settings", Map.of("details", "IBAN NL00 TEST 0123 4567 89"), "default", true));
        assertThat(made.status()).isEqualTo(201);
        long id = made.json().at("/instance/id").asLong();
        assertThat(made.json().at("/instance/default").asBoolean()).isTrue();
        assertThat(server.http().get("/admin/api/module-instances/" + configured, Auth.admin()).json().at("/instance/default").asBoolean())
                .isFalse();
        assertThat(server.http().delete("/admin/api/module-instances/" + id, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/module-instances/" + configured, Auth.admin()).json().at("/instance/default").asBoolean())
                .isTrue();
    }

    @Test
    void every_module_endpoint_needs_an_admin_key() {
        assertThat(server.http().get("/admin/api/module-kinds", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/module-instances", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().post("/admin/api/module-instances", Auth.NONE, Body.json(panel("z", Map.of()))).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/module-instances/1", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().put("/admin/api/module-instances/1", Auth.NONE, Body.json(Map.of())).status()).isEqualTo(401);
        assertThat(server.http().delete("/admin/api/module-instances/1", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().post("/admin/api/module-instances/1/test", Auth.NONE, Body.NONE).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/module-instances", Auth.bearer("not-a-key")).status()).isEqualTo(401);
    }
}
