package io.steward.modules;

import java.util.Map;
import java.util.Optional;

/**
 * One instance's validated settings, secrets in clear, as a factory receives them: a value not set
 * answers the field's default. {@link #toString} masks secrets, so a logged instance shows none.
 */
public final class ModuleSettings {
    private final SettingsSchema schema;
    private final Map<String, String> values;

    public ModuleSettings(SettingsSchema schema, Map<String, String> values) {
        this.schema = schema;
        this.values = Map.copyOf(values);
    }

    public static ModuleSettings none() {
        return new ModuleSettings(SettingsSchema.EMPTY, Map.of());
    }

    /** The setting, or its default; empty when neither is there. */
    public Optional<String> find(String key) {
        String v = values.get(key);
        if (v != null) return Optional.of(v);
        return schema.field(key).map(SettingField::defaultValue);
    }

    public String string(String key) {
        return find(key).orElse("");
    }

    public long integer(String key, long fallback) {
        return find(key).map(Long::parseLong).orElse(fallback);
    }

    public boolean bool(String key) {
        return find(key).map(Boolean::parseBoolean).orElse(false);
    }

    @Override
    public String toString() {
        var shown = new java.util.TreeMap<String, String>();
        values.forEach((k, v) -> shown.put(k, schema.field(k).map(f -> f.type() == SettingType.SECRET).orElse(true)
                ? SettingsSchema.MASK : v));
        return "ModuleSettings" + shown;
    }
}
