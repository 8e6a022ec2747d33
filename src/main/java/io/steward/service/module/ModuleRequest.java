package io.steward.service.module;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a module is told about the service it acts on, for one job.
 *
 * @param attempt      1 for the first try of this job, 2 for the first retry...
 * @param password     the service password in clear (null when none is set yet); never log it
 * @param moduleConfig the product's settings for this module (package name, server group...)
 * @param moduleState  what the module stored on earlier calls ({@link ModuleResult#state})
 * @param params       the action's parameters (a suspension's {@code reason}...)
 * @param idempotencyKey the same on every attempt of one job (null for calls outside jobs): a
 *                     module that already acted under this key answers that result again and
 *                     does not act twice, so a retry after a crash mid-call is harmless
 */
public record ModuleRequest(long jobId, int attempt, String action, long serviceId, long clientId, Long productId, String domain,
                            String username, String password, String billingCycle, JsonNode moduleConfig, JsonNode moduleState,
                            JsonNode params, String idempotencyKey) {}
