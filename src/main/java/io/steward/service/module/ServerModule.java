package io.steward.service.module;

import io.steward.modules.ModuleProvider;

/**
 * What a server module does for a service. Each method is one provisioning job's work and answers
 * a {@link ModuleResult}; throwing is the same as {@link ModuleResult#retry} with the exception's
 * message.
 *
 * <p>Calls are at-least-once: a node that stops between the module's answer and the commit of the
 * job's result runs the job again later, so every action must be idempotent (creating an account
 * that already exists answers success with its details, terminating a gone account succeeds).
 * Calls run outside any database transaction and may take as long as the platform needs.
 *
 * <p>Capabilities ({@link TrafficCounters}, {@link IpAddresses}, {@link ReverseDns}, {@link PowerControl},
 * {@link Rescue}, {@link Rebuild}, {@link CloudVms}) are asked for with {@link #capability}; the APIs answer 4xx for an
 * action the module cannot do. Made by a {@code ModuleFactory<ServerModule>} of kind {@code server}.
 */
public interface ServerModule extends ModuleProvider {
    /** Provisions the account; may answer the username, password and state it assigned. */
    ModuleResult create(ModuleRequest request);

    /** Suspends the account; {@code params.reason} says why. */
    ModuleResult suspend(ModuleRequest request);

    ModuleResult unsuspend(ModuleRequest request);

    /** Removes the account for good. */
    ModuleResult terminate(ModuleRequest request);

    /** The service was paid for another period (most platforms need nothing). */
    ModuleResult renew(ModuleRequest request);

    /**
     * Moves the account to another package or resources; {@code params} names it: {@code product_id}
     * and {@code module_config} (also the request's {@code moduleConfig}), and for an upgrade
     * {@code options}, the service's configurable options after the change
     * ({@code [{"form_id", "item_id", "value", "quantity", "module_value"}]}).
     */
    ModuleResult changePackage(ModuleRequest request);

}
