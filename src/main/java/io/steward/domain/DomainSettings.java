package io.steward.domain;

import io.steward.config.Config;
import io.steward.domain.registrar.SandboxRegistry;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Domain settings: {@code domains.renewal-lead-days} (30: an autorenew domain's renewal invoice
 * goes out that many days before expiry), {@code domains.default-nameservers} (Steward's own,
 * used when neither the order nor the TLD names any), {@code domains.run-at} (UTC time of the
 * daily renewal and expiry run, 00:30), {@code domains.sync-interval} (6 h between registry syncs),
 * {@code domains.poll-interval} (no longer read: registrar jobs run from the job engine's poll, {@code jobs.poll-interval}), {@code domains.max-attempts} (5).
 */
public record DomainSettings(int leadDays, List<String> defaultNameservers, LocalTime runAt, Duration syncInterval,
                             Duration pollInterval, int maxAttempts, boolean scheduled) {
    public static DomainSettings from(Config config) {
        return new DomainSettings(config.getInt("domains.renewal-lead-days", 30),
                SandboxRegistry.split(config.get("domains.default-nameservers", "ns1.steward.test,ns2.steward.test")),
                LocalTime.parse(config.get("domains.run-at", "00:30")),
                config.getDuration("domains.sync-interval", Duration.ofHours(6)),
                config.getDuration("domains.poll-interval", Duration.ofSeconds(2)),
                Math.max(1, config.getInt("domains.max-attempts", 5)),
                config.getBool("domains.scheduled", true));
    }
}
