package io.steward.service.module;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A module's answer to one call.
 *
 * @param success   the action is done
 * @param retryable on failure: whether trying again later may help (false parks the job as dead at once)
 * @param error     on failure: what went wrong, for staff (never shown to the client)
 * @param username  on success: the account name assigned, or null to keep the service's
 * @param password  on success: the password assigned, or null to keep the service's
 * @param state     on success: module state to keep with the service (IPs, remote ids), or null to keep it
 */
public record ModuleResult(boolean success, boolean retryable, String error, String username, String password, JsonNode state) {
    public static ModuleResult ok() {
        return new ModuleResult(true, false, null, null, null, null);
    }

    public static ModuleResult ok(JsonNode state) {
        return new ModuleResult(true, false, null, null, null, state);
    }

    /** Success with the login details the platform assigned. */
    public static ModuleResult provisioned(String username, String password, JsonNode state) {
        return new ModuleResult(true, false, null, username, password, state);
    }

    /** A failure worth retrying (platform unreachable, busy, timed out). */
    public static ModuleResult retry(String error) {
        return new ModuleResult(false, true, error, null, null, null);
    }

    /** A failure no retry will fix (unknown package, invalid configuration): straight to the dead letter. */
    public static ModuleResult fatal(String error) {
        return new ModuleResult(false, false, error, null, null, null);
    }
}
