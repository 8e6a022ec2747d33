package io.steward.mail;

import io.steward.config.Config;
import java.time.Duration;

/**
 * The mail feature's configuration ({@code mail.*}): where to send (SMTP), who sends, how often the
 * outbox is polled and how failures are retried.
 */
public record MailSettings(String host, int port, String username, String password, Tls tls, Duration timeout,
                           String from, String fromName, String company, String portalUrl, String language,
                           Duration pollInterval, int batchSize, int maxAttempts, Duration retryBase, Duration retryCap,
                           Duration sendingTimeout, boolean scheduled, double retryJitter) {
    /** {@code none}: plain SMTP; {@code starttls}: upgrade, required; {@code smtps}: TLS from the first byte. */
    public enum Tls { NONE, STARTTLS, SMTPS }

    public static MailSettings from(Config c) {
        String tls = c.get("mail.smtp.tls", "none").trim().toUpperCase(java.util.Locale.ROOT);
        Tls mode;
        try {
            mode = Tls.valueOf(tls);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mail.smtp.tls must be none, starttls or smtps, not " + tls);
        }
        return new MailSettings(c.get("mail.smtp.host", "localhost"), c.getInt("mail.smtp.port", mode == Tls.SMTPS ? 465 : 25),
                c.get("mail.smtp.username", ""), c.get("mail.smtp.password", ""), mode,
                c.getDuration("mail.smtp.timeout", Duration.ofSeconds(20)),
                c.get("mail.from", "billing@steward.example"), c.get("mail.from-name", "Steward"),
                c.get("mail.company", "Steward Hosting"), c.get("mail.portal-url", "http://localhost:8080"),
                c.get("mail.language", "en"),
                c.getDuration("mail.poll-interval", Duration.ofSeconds(10)), c.getInt("mail.batch-size", 50),
                c.getInt("mail.max-attempts", 8), c.getDuration("mail.retry-base", Duration.ofMinutes(1)),
                c.getDuration("mail.retry-cap", Duration.ofHours(6)), c.getDuration("mail.sending-timeout", Duration.ofMinutes(5)),
                c.getBool("mail.scheduled", true), Double.parseDouble(c.get("mail.retry-jitter", "0.1")));
    }

}
