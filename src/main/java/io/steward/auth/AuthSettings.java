package io.steward.auth;

import io.steward.config.Config;
import java.time.Duration;

/** Token lifetimes and cache settings, from configuration keys under {@code auth.}. */
public record AuthSettings(Duration accessTtl, Duration refreshTtl, Duration basicCacheTtl, String issuer,
                           LoginThrottle.Limits limits) {
    public static AuthSettings from(Config c) {
        return new AuthSettings(
                c.getDuration("auth.access-token-ttl", Duration.ofMinutes(15)),
                c.getDuration("auth.refresh-token-ttl", Duration.ofDays(30)),
                c.getDuration("auth.basic-cache-ttl", Duration.ofSeconds(60)),
                c.get("auth.issuer", "Steward"),
                new LoginThrottle.Limits(
                        c.getInt("auth.login.max-failures-per-account", 5),
                        c.getInt("auth.login.max-failures-per-address", 20),
                        c.getDuration("auth.login.window", Duration.ofMinutes(15)),
                        c.getDuration("auth.login.lock", Duration.ofMinutes(15))));
    }
}
