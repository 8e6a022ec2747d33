package io.steward.service.module;

import io.steward.db.Db;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a module factory is given at {@link ServerModuleFactory#init}: its settings, the node's
 * database (sandbox modules keep their state there) and clock.
 */
public record ModuleEnvironment(String moduleId, Db db, Clock clock, Function<String, Optional<String>> settings) {
    /** The setting {@code modules.server.<id>.<key>}, from the node's configuration. */
    public Optional<String> setting(String key) {
        return settings.apply("modules.server." + moduleId + "." + key);
    }
}
