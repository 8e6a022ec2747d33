package io.steward.service;

import io.steward.account.Actor;
import java.util.List;
import java.util.Map;

/**
 * Entries another feature adds to {@code GET /service/@id/methods} for one service and caller
 * (the upgrade feature's "Upgrade Request" and "Upgrade Options"), in the references' shape
 * ({@code name}, {@code method}, {@code route}); listed before the service's own.
 */
@FunctionalInterface
public interface ServiceMethods {
    List<Map<String, Object>> methods(Actor actor, Service service);
}
