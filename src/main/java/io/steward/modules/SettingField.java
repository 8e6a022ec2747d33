package io.steward.modules;

import java.util.List;

/**
 * One field of a module's settings schema.
 *
 * @param defaultValue the value used when the setting is not given (null: none)
 * @param options      the allowed values of an {@link SettingType#ENUM}; empty for other types
 */
public record SettingField(String key, SettingType type, boolean required, String defaultValue, String description,
                           List<String> options) {
    public SettingField {
        options = List.copyOf(options);
        if (type == SettingType.ENUM && options.isEmpty()) throw new IllegalArgumentException("enum setting " + key + " needs options");
    }

    public static SettingField string(String key, boolean required, String defaultValue, String description) {
        return new SettingField(key, SettingType.STRING, required, defaultValue, description, List.of());
    }

    public static SettingField integer(String key, boolean required, Integer defaultValue, String description) {
        return new SettingField(key, SettingType.INT, required, defaultValue == null ? null : defaultValue.toString(), description, List.of());
    }

    public static SettingField bool(String key, boolean defaultValue, String description) {
        return new SettingField(key, SettingType.BOOL, false, Boolean.toString(defaultValue), description, List.of());
    }

    public static SettingField choice(String key, String defaultValue, String description, String... options) {
        return new SettingField(key, SettingType.ENUM, false, defaultValue, description, List.of(options));
    }

    public static SettingField secret(String key, boolean required, String description) {
        return new SettingField(key, SettingType.SECRET, required, null, description, List.of());
    }
}
