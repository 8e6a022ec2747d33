package io.steward.mail;

import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. Every node runs {@link #runDueNow} from a recurring task; a mail is sent by
 * the one runner whose conditional claim matched ({@code queued}/{@code failed} and due, or a
 * {@code sending} claim older than {@code mail.sending-timeout}, left by a node that died).
 * A failed attempt is retried after {@code retry-base * 2^(attempt-1)} (capped at
 * {@code retry-cap}); after {@code max-attempts}, or at once when the server refuses the
 * recipient for good, the mail is {@code dead}: staff see it in the admin API and can resend it.
 * A sealed mail (one carrying a secret) is opened here, just before the transport gets it, and
 * its sealed copy is dropped with the row's move to {@code sent} or {@code dead}.
 */
public final class MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);
    /** Batches per run, so one run ends even while new mail keeps arriving. */
    private static final int MAX_BATCHES = 20;

    private final Db db;
    private final Clock clock;
    private final MailStore store;
    private final SealedContent sealer;
    private final MailSettings settings;
    private final String transportId;
    private final java.util.function.Supplier<MailRelay> transport;
    private final String node;

    MailSender(Db db, Clock clock, MailStore store, SealedContent sealer, MailSettings settings, String transportId,
               java.util.function.Supplier<MailRelay> transport, String node) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.sealer = sealer;
        this.settings = settings;
        this.transportId = transportId;
        this.transport = transport;
        this.node = node;
    }

    /** The outcome of one run. */
    public record Report(int sent, int failed, int dead) {}

    /** Sends every mail due now; answers what happened. */
    public Report runDueNow() {
        int sent = 0, failed = 0, dead = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            LocalDateTime now = Times.now(clock);
            LocalDateTime stale = now.minus(settings.sendingTimeout());
            List<Long> due = store.due(now, stale, settings.batchSize());
            if (due.isEmpty()) break;
            var claimed = new ArrayList<Claimed>();
            for (long id : due) {
                // A fresh token per claim: a result is recorded only by the claim that sent it.
                String token = node + "/" + Secrets.randomToken(6);
                if (db.tx(() -> store.claim(id, token, now, stale))) {
                    store.byId(id).ifPresent(m -> claimed.add(new Claimed(m, token)));
                }
            }
            if (claimed.isEmpty()) break;
            MailTransport connection;
            try {
                connection = transport.get().open();
            } catch (Exception e) {
                LOG.warn("mail transport {} unavailable: {}", transportId, e.toString());
                for (Claimed c : claimed) {
                    if (fail(c, e, false)) dead++;
                    else failed++;
                }
                continue;
            }
            try (connection) {
                for (Claimed c : claimed) {
                    try {
                        String messageId = connection.send(opened(c.mail()));
                        db.tx(() -> store.markSent(c.mail().id(), c.token(), messageId, Times.now(clock)));
                        sent++;
                    } catch (Exception e) {
                        if (fail(c, e, e instanceof MailTransport.PermanentFailure)) dead++;
                        else failed++;
                    }
                }
            } catch (Exception e) {
                LOG.debug("closing the mail transport failed", e);
            }
        }
        if (sent + failed + dead > 0) LOG.info("mail run: {} sent, {} failed, {} dead", sent, failed, dead);
        return new Report(sent, failed, dead);
    }

    /** The mail as it is sent: a sealed mail's content opened. */
    private Mail opened(Mail m) throws MailTransport.PermanentFailure {
        if (!m.sealed()) return m;
        String sealed = store.sealedContent(m.id()).orElseThrow(() -> new MailTransport.PermanentFailure(
                "the sealed content of this mail is gone (it was sent or given up before)", null));
        return m.opened(sealer.open(sealed));
    }

    /** Records a failed attempt; true if the mail is now dead. */
    private boolean fail(Claimed c, Exception e, boolean permanent) {
        Mail m = c.mail();
        int attempt = m.attempts() + 1;
        boolean dead = permanent || attempt >= m.maxAttempts();
        LocalDateTime now = Times.now(clock);
        LocalDateTime next = now.plus(settings.retryDelay(attempt));
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        db.tx(() -> store.markFailed(m.id(), c.token(), error, dead, next, now));
        if (dead) LOG.warn("mail {} to {} is dead after {} attempts: {}", m.id(), m.recipient(), attempt, error);
        return dead;
    }

    private record Claimed(Mail mail, String token) {}
}
