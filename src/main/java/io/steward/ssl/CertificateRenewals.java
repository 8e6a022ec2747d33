package io.steward.ssl;

import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import io.steward.notification.Notifier;
import io.steward.service.Service;
import io.steward.service.ServiceOperations;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;

/**
 * The daily look at issued certificates. One expiring within {@code renewDays} whose service is
 * Active and paid beyond the expiry is renewed: a {@code renew} job reissues it with the same CSR
 * (an ACME certificate of 90 days is so renewed several times a year). One that will not be renewed
 * is reminded by mail and portal notification at each of {@code reminderDays} before expiry, once
 * per certificate, lead time and expiry date; one past its expiry becomes Expired.
 */
final class CertificateRenewals {
    record Result(int renewals, int reminders, int expired) {}

    private final Db db;
    private final Clock clock;
    private final CertificateStore store;
    private final CertificateJobs jobs;
    private final ServiceOperations services;
    private final Outbox outbox;
    private final Notifier notifier;
    private final int renewDays;
    private final List<Integer> reminderDays;

    CertificateRenewals(Db db, Clock clock, CertificateStore store, CertificateJobs jobs, ServiceOperations services, Outbox outbox,
                        Notifier notifier, int renewDays, List<Integer> reminderDays) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.jobs = jobs;
        this.services = services;
        this.outbox = outbox;
        this.notifier = notifier;
        this.renewDays = renewDays;
        this.reminderDays = reminderDays.stream().sorted().toList();
    }

    Result run() {
        LocalDateTime now = Times.now(clock);
        int horizon = Math.max(renewDays, reminderDays.isEmpty() ? 0 : reminderDays.get(reminderDays.size() - 1));
        int renewals = 0, reminders = 0, expired = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Certificate> page = db.tx(() -> store.issuedExpiringBefore(now.plusDays(horizon), from, 200));
            if (page.isEmpty()) break;
            for (Certificate c : page) {
                after = c.id();
                int outcome = db.tx(() -> one(c, now));
                if (outcome == 1) renewals++;
                else if (outcome == 2) reminders++;
                else if (outcome == 3) expired++;
            }
        }
        return new Result(renewals, reminders, expired);
    }

    /** 1 renewal queued, 2 reminder sent, 3 expired, 0 nothing. */
    private int one(Certificate c, LocalDateTime now) {
        if (!c.expiresAt().isAfter(now)) {
            store.setStatus(c.id(), Certificate.EXPIRED, "", null, now);
            return 3;
        }
        Service s = services.find(c.serviceId()).orElse(null);
        boolean paidBeyond = s != null && Service.ACTIVE.equals(s.status()) && s.nextDue() != null
                && s.nextDue().atStartOfDay().isAfter(c.expiresAt());
        long daysLeft = ChronoUnit.DAYS.between(now, c.expiresAt());
        if (paidBeyond && daysLeft < renewDays) {
            jobs.enqueue(c, "renew", "renew:" + c.id() + ":" + c.serial());
            return 1;
        }
        if (paidBeyond) return 0;
        for (int days : reminderDays) {
            if (daysLeft >= days) continue;
            if (!store.remind(c.id(), days, c.expiresAt(), now)) return 0;
            var vars = new HashMap<String, Object>();
            vars.put("domain", c.domain());
            vars.put("service_id", c.serviceId());
            vars.put("expires", Times.stamp(c.expiresAt()));
            vars.put("days", daysLeft);
            outbox.toClient(c.clientId(), Outbox.Audience.service(c.serviceId()), "certificate.expiring", vars);
            notifier.notify(c.clientId(), "service", c.serviceId(), "Certificate for " + c.domain() + " expires soon",
                    "The SSL certificate for " + c.domain() + " expires on " + Times.stamp(c.expiresAt()) + ". Renew the service to keep it.");
            return 2;
        }
        return 0;
    }
}
