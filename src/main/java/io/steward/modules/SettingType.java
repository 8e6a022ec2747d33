package io.steward.modules;

import java.util.Locale;

/** The type of one module setting; {@link #SECRET} values are sealed at rest and never shown back. */
public enum SettingType {
    STRING, INT, BOOL, ENUM, SECRET;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
