package io.steward.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A module's settings: the fields an instance takes, and the one validation every instance goes through. */
public record SettingsSchema(List<SettingField> fields) {
    public static final SettingsSchema EMPTY = new SettingsSchema(List.of());

    /** What the admin API shows in place of a secret that is set; sent back unchanged, it keeps the secret. */
    public static final String MASK = "********";

    public SettingsSchema {
        fields = List.copyOf(fields);
    }

    public static SettingsSchema of(SettingField... fields) {
        return new SettingsSchema(List.of(fields));
    }

    public Optional<SettingField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * Checks {@code input} (a JSON object of key to value, as staff send it) against the schema and
     * answers the settings to store, in clear, as text. A key left out keeps its {@code current}
     * value (on update), a secret sent as {@link #MASK} or empty keeps its current one, {@code null}
     * clears a setting. Every broken rule is a 422 naming {@code settings.<key>}.
     */
    public Map<String, String> validate(JsonNode input, Map<String, String> current) {
        var v = new Validation();
        var out = new LinkedHashMap<String, String>();
        if (input != null && !input.isNull() && !input.isObject()) {
            v.add("settings", "Settings must be an object of setting to value").throwIfAny();
        }
        if (input != null && input.isObject()) {
            input.fieldNames().forEachRemaining(k -> {
                if (field(k).isEmpty()) v.add("settings." + k, "Unknown setting " + k);
            });
        }
        for (SettingField f : fields) {
            String name = "settings." + f.key();
            JsonNode n = input == null || !input.isObject() ? null : input.get(f.key());
            String value;
            if (n == null) {
                value = current.get(f.key());
            } else if (n.isNull()) {
                value = null;
            } else if (!n.isValueNode()) {
                v.add(name, f.key() + " must be a single value");
                continue;
            } else {
                value = n.asText();
                if (f.type() == SettingType.SECRET && (value.equals(MASK) || value.isEmpty())) value = current.get(f.key());
            }
            if (value != null && value.isEmpty() && f.type() != SettingType.STRING) value = null;
            if (value == null) {
                if (f.required() && f.defaultValue() == null) v.add(name, f.key() + " is required");
                continue;
            }
            Optional<String> problem = problem(f, value);
            if (problem.isPresent()) {
                v.add(name, problem.get());
                continue;
            }
            out.put(f.key(), normal(f, value));
        }
        v.throwIfAny();
        return out;
    }

    private static Optional<String> problem(SettingField f, String value) {
        if (value.length() > 2000) return Optional.of(f.key() + " must be at most 2000 characters");
        return switch (f.type()) {
            case STRING, SECRET -> f.required() && value.isBlank() ? Optional.of(f.key() + " is required") : Optional.empty();
            case INT -> {
                try {
                    Long.parseLong(value.trim());
                    yield Optional.empty();
                } catch (NumberFormatException e) {
                    yield Optional.of(f.key() + " must be a whole number");
                }
            }
            case BOOL -> List.of("true", "false", "1", "0").contains(value.trim().toLowerCase(java.util.Locale.ROOT))
                    ? Optional.empty() : Optional.of(f.key() + " must be true or false");
            case ENUM -> f.options().contains(value.trim()) ? Optional.empty()
                    : Optional.of(f.key() + " must be one of " + String.join(", ", f.options()));
        };
    }

    private static String normal(SettingField f, String value) {
        return switch (f.type()) {
            case INT -> Long.toString(Long.parseLong(value.trim()));
            case BOOL -> Boolean.toString(value.trim().equalsIgnoreCase("true") || value.trim().equals("1"));
            case ENUM -> value.trim();
            case STRING, SECRET -> value;
        };
    }
}
