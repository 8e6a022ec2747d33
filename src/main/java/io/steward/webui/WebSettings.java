package io.steward.webui;

import io.steward.config.Config;
import java.time.Duration;

/**
 * Web-layer settings. {@code secureCookies}: {@code auto} (default) marks cookies Secure when the
 * request reached the proxy over TLS, as {@code X-Forwarded-Proto: https} says, trusted only when
 * {@code http.trust-forwarded} is on (Steward itself listens on plain HTTP behind the proxy);
 * {@code true} always (TLS terminated by something that does not send the header); {@code false} never.
 */
public record WebSettings(String secureCookies, boolean trustForwarded, Duration idle, Duration absolute) {
    public static WebSettings from(Config config) {
        String secure = config.get("web.secure-cookies", "auto").trim().toLowerCase(java.util.Locale.ROOT);
        if (!secure.equals("auto") && !secure.equals("true") && !secure.equals("false")) {
            throw new IllegalArgumentException("web.secure-cookies must be auto, true or false, not " + secure);
        }
        return new WebSettings(secure, config.getBool("http.trust-forwarded", false),
                config.getDuration("web.session.idle", Duration.ofMinutes(30)),
                config.getDuration("web.session.absolute", Duration.ofHours(12)));
    }

    /** Whether a cookie set in answer to this request is marked Secure. */
    public boolean secure(java.util.Optional<String> forwardedProto) {
        return switch (secureCookies) {
            case "true" -> true;
            case "false" -> false;
            default -> trustForwarded && forwardedProto.map(p -> p.trim().equalsIgnoreCase("https")).orElse(false);
        };
    }
}
