package io.steward.mail;

import io.steward.core.Times;
import io.steward.jobs.Backoff;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobKind;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: the handler of the engine's {@code mail} jobs, one per mail. The engine
 * claims a mail's job, this sends it over the transport outside any transaction, and the mail is
 * marked sent in the transaction that marks the job done. A failed attempt is retried after
 * {@code mail.retry-base * 2^(attempt-1)} (capped at {@code mail.retry-cap}, less up to
 * {@code mail.retry-jitter} of it); after {@code mail.max-attempts}, or at once when the server
 * refuses the recipient for good, the mail is {@code dead}: staff see it in the admin API and can
 * resend it. A sealed mail (one carrying a secret) is opened here, just before the transport gets
 * it, and its sealed copy is dropped when it is sent or dead. A runner that dies while sending
 * leaves the job to the running timeout ({@code mail.sending-timeout}): delivery is at least once.
 */
public final class MailSender implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);

    private final Clock clock;
    private final MailStore store;
    private final SealedContent sealer;
    private final String transportId;
    private final java.util.function.Supplier<MailRelay> transport;
    private final Jobs jobs;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dead = new LongAdder();

    MailSender(Clock clock, MailStore store, SealedContent sealer, MailSettings settings, String transportId,
               java.util.function.Supplier<MailRelay> transport, Jobs jobs) {
        this.transportId = transportId;
        this.clock = clock;
        this.store = store;
        this.sealer = sealer;
        this.transport = transport;
        this.jobs = jobs;
        jobs.register(JobKind.of(MailStore.KIND, this).maxAttempts(settings.maxAttempts())
                .backoff(new Backoff(settings.retryBase(), settings.retryCap(), settings.retryJitter()))
                .runningTimeout(settings.sendingTimeout()).concurrency(4));
        // mail.scheduled false: mail goes out only when staff or tests run the sender.
        if (!settings.scheduled()) jobs.leaveOutOfPoll(MailStore.KIND);
    }

    /** The outcome of one run (on this node, during the call). */
    public record Report(int sent, int failed, int dead) {}

    /** Sends every mail due now; answers what happened. */
    public Report runDueNow() {
        long s = sent.sum(), f = failed.sum(), d = dead.sum();
        jobs.runDue(MailStore.KIND::equals);
        var r = new Report((int) (sent.sum() - s), (int) (failed.sum() - f), (int) (dead.sum() - d));
        if (r.sent() + r.failed() + r.dead() > 0) LOG.info("mail run: {} sent, {} failed, {} dead", r.sent(), r.failed(), r.dead());
        return r;
    }

    @Override
    public JobResult call(Job job) {
        Optional<Mail> found = store.byId(job.subjectId());
        // A mail already sent or given up (by a staff cancel of its job, or an upgrade) is not sent again.
        if (found.isEmpty() || found.get().status().equals(Mail.SENT) || found.get().status().equals(Mail.DEAD)) {
            return JobResult.done(null);
        }
        MailTransport opened;
        try {
            opened = transport.get().open();
        } catch (Exception e) {
            LOG.warn("mail transport {} unavailable: {}", transportId, e.toString());
            return JobResult.retry(message(e));
        }
        try (MailTransport connection = opened) {
            return JobResult.done(connection.send(opened(found.get())));
        } catch (MailTransport.PermanentFailure e) {
            return JobResult.fatal(message(e));
        } catch (Exception e) {
            return JobResult.retry(message(e));
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The mail as it is sent: a sealed mail's content opened. */
    private Mail opened(Mail m) throws MailTransport.PermanentFailure {
        if (!m.sealed()) return m;
        String sealed = store.sealedContent(m.id()).orElseThrow(() -> new MailTransport.PermanentFailure(
                "the sealed content of this mail is gone (it was sent or given up before)", null));
        return m.opened(sealer.open(sealed));
    }

    @Override
    public void succeeded(Job job, Object messageId) {
        if (messageId == null) return;
        store.markSent(job.subjectId(), (String) messageId, Times.now(clock));
        sent.increment();
    }

    @Override
    public void failed(Job job, String error) {
        store.markFailed(job.subjectId(), Times.now(clock));
        failed.increment();
    }

    /** A mail whose job staff cancelled is given up: dead, its sealed content dropped, so it can be resent. */
    @Override
    public void cancelled(Job job) {
        store.markDead(job.subjectId(), Times.now(clock));
    }

    @Override
    public void dead(Job job, String error) {
        store.markDead(job.subjectId(), Times.now(clock));
        dead.increment();
        LOG.warn("mail {} is dead after {} attempts: {}", job.subject(), job.attempts(), error);
    }
}
