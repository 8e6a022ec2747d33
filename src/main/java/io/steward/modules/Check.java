package io.steward.modules;

/** The answer of a connection test or a health check: whether it is fine, and a sentence for staff. */
public record Check(boolean ok, String message) {
    public static Check ok(String message) {
        return new Check(true, message);
    }

    public static Check failed(String message) {
        return new Check(false, message);
    }
}
