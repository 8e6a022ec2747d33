package io.steward.core;

/**
 * What went wrong, independent of any dialect. Each dialect maps a code to its HTTP status and
 * envelope in one place ({@code io.steward.web.Dialect}).
 */
public enum ErrorCode {
    /** Malformed input: unparsable body, wrong type, missing required parameter. */
    BAD_REQUEST,
    /** Well-formed input that breaks a rule (validation, state transition). */
    UNPROCESSABLE,
    /** No credentials, or credentials that do not verify. */
    UNAUTHORIZED,
    /** Authenticated, but this caller may not do this. */
    FORBIDDEN,
    /** Not found, or not the caller's: the two are deliberately indistinguishable. */
    NOT_FOUND,
    /** The change conflicts with existing state (duplicate email, object still in use). */
    CONFLICT,
    /** Too many attempts; the caller must wait. */
    TOO_MANY_REQUESTS,
    /** Request body larger than allowed. */
    PAYLOAD_TOO_LARGE,
    /** Route exists but not for this method. */
    METHOD_NOT_ALLOWED,
    /** A dependency (database) is unavailable. */
    UNAVAILABLE,
    /** A platform Steward drives (a hypervisor, a registrar) failed or answered an error of its own. */
    BAD_GATEWAY,
    /** A bug. The message never reaches the caller. */
    INTERNAL;

    public int httpStatus() {
        return switch (this) {
            case BAD_REQUEST -> 400;
            case UNPROCESSABLE -> 422;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY_REQUESTS -> 429;
            case PAYLOAD_TOO_LARGE -> 413;
            case METHOD_NOT_ALLOWED -> 405;
            case UNAVAILABLE -> 503;
            case BAD_GATEWAY -> 502;
            case INTERNAL -> 500;
        };
    }
}
