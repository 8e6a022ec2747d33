package io.steward.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects field errors so a caller hears about every bad field at once, then throws. */
public final class Validation {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public Validation add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    public Validation check(boolean ok, String field, String message) {
        if (!ok) add(field, message);
        return this;
    }

    public boolean hasErrors() { return !errors.isEmpty(); }

    public void throwIfAny() {
        if (!errors.isEmpty()) throw StewardException.invalid(errors);
    }
}
