package io.steward.modules;

import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a factory is given at {@link ModuleFactory#init}: the node's database (sandbox modules keep
 * their state there, in tables of their own), clock, secret, configuration and data directory.
 */
public record ModuleContext(Db db, Clock clock, Secrets secrets, Config config, Path dataDir) {}
