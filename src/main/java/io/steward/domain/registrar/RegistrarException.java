package io.steward.domain.registrar;

/**
 * A registrar refused or failed an action. {@code retryable} says whether trying again later can
 * succeed (a timeout, the registry unavailable) or not (name taken, wrong EPP code, domain locked).
 */
public final class RegistrarException extends RuntimeException {
    private final boolean retryable;

    public RegistrarException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public static RegistrarException refused(String message) {
        return new RegistrarException(message, false);
    }

    public boolean retryable() { return retryable; }
}
