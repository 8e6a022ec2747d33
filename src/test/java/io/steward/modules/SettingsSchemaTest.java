package io.steward.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one settings validation every module instance goes through, without a database. */
class SettingsSchemaTest {
    private static final SettingsSchema SCHEMA = PanelModuleFactory.SCHEMA;

    private static JsonNode json(Map<String, ?> m) {
        return Json.tree(m);
    }

    private static Map<String, java.util.List<String>> errors(JsonNode input, Map<String, String> current) {
        try {
            SCHEMA.validate(input, current);
        } catch (StewardException e) {
            return e.fields();
        }
        throw new AssertionError("no validation error");
    }

    @Test
    void valid_settings_are_normalised_to_text_and_defaults_are_answered_by_the_settings() {
        Map<String, String> out = SCHEMA.validate(json(Map.of("url", "https://p.example", "api_key", "k1", "port", 2083,
                "verify_tls", "0", "mode", "reseller")), Map.of());
        assertThat(out).containsEntry("port", "2083").containsEntry("verify_tls", "false").containsEntry("mode", "reseller")
                .containsEntry("api_key", "k1");
        var settings = new ModuleSettings(SCHEMA, SCHEMA.validate(json(Map.of("url", "u", "api_key", "k")), Map.of()));
        assertThat(settings.integer("port", 0)).as("the default").isEqualTo(8443);
        assertThat(settings.bool("verify_tls")).isTrue();
        assertThat(settings.string("mode")).isEqualTo("shared");
        assertThat(settings.toString()).doesNotContain("api_key=k,").contains("api_key=********");
    }

    @Test
    void every_broken_rule_names_its_setting() {
        var e = errors(json(Map.of("port", "80x", "verify_tls", "perhaps", "mode", "dedicated", "extra", "1", "url", Map.of("a", 1))),
                Map.of());
        assertThat(e).containsOnlyKeys("settings.url", "settings.api_key", "settings.port", "settings.verify_tls", "settings.mode",
                "settings.extra");
        assertThat(errors(json(Map.of("url", " ", "api_key", "k")), Map.of())).containsOnlyKeys("settings.url");
        assertThat(errors(json(Map.of("url", "u", "api_key", "k", "port", "1".repeat(2001))), Map.of())).containsKey("settings.port");
        assertThatThrownBy(() -> SCHEMA.validate(Json.tree(java.util.List.of(1)), Map.of())).isInstanceOfSatisfying(StewardException.class,
                x -> assertThat(x.fields()).containsOnlyKeys("settings"));
    }

    @Test
    void on_update_left_out_settings_and_masked_secrets_keep_their_values_and_null_clears() {
        Map<String, String> current = Map.of("url", "https://old.example", "api_key", "secret-1", "port", "2083");
        var input = new HashMap<String, Object>();
        input.put("api_key", SettingsSchema.MASK);
        input.put("port", null);
        Map<String, String> out = SCHEMA.validate(json(input), current);
        assertThat(out).containsEntry("url", "https://old.example").containsEntry("api_key", "secret-1").doesNotContainKey("port");
        assertThat(SCHEMA.validate(json(Map.of("api_key", "")), current)).containsEntry("api_key", "secret-1");
        assertThat(SCHEMA.validate(json(Map.of("api_key", "secret-2")), current)).containsEntry("api_key", "secret-2");
        var cleared = new HashMap<String, Object>();
        cleared.put("api_key", null);
        assertThat(errors(json(cleared), current)).as("a required secret cannot be cleared").containsOnlyKeys("settings.api_key");
    }
}
