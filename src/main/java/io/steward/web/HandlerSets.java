package io.steward.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handler objects a dialect's route table points into, one per feature, looked up by class.
 * The assembly registers each feature's handlers once; the route table names the methods. This
 * keeps a dialect's constructor from growing one parameter per feature while the table itself
 * stays the one place a reader sees every path.
 */
public final class HandlerSets {
    private final Map<Class<?>, Object> sets = new LinkedHashMap<>();

    public HandlerSets add(Object handlers) {
        if (sets.putIfAbsent(handlers.getClass(), handlers) != null) {
            throw new IllegalStateException("handlers registered twice: " + handlers.getClass().getName());
        }
        return this;
    }

    public <T> T get(Class<T> type) {
        Object h = sets.get(type);
        if (h == null) throw new IllegalStateException("no handlers registered for " + type.getName());
        return type.cast(h);
    }
}
