package io.steward.domain.registrar;

import io.steward.core.Secrets;
import io.steward.db.Db;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a registrar module factory gets from the node at {@code init}: the database (modules that
 * keep state, like the sandbox registry, own tables of their own), the clock, the node secret for
 * sealing EPP codes and credentials, and its settings ({@code modules.registrar.<id>.<key>}).
 */
public record RegistrarEnvironment(Db db, Clock clock, Secrets secrets, Function<String, Optional<String>> setting) {}
