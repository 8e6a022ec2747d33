package io.steward.ssl;

import io.steward.core.Json;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.jobs.Backoff;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobKind;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import io.steward.mail.Outbox;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.service.Service;
import io.steward.service.ServiceListener;
import io.steward.service.ServiceOperations;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Certificates through the one job engine: kind {@code certificate}, ordered per certificate,
 * actions {@code issue} (after payment), {@code reissue} (a new CSR), {@code renew} (before expiry,
 * while the service is paid beyond it) and {@code revoke}. The CA is called outside any
 * transaction; what it answered is recorded in the job's success transaction. A CA waiting for the
 * client (HTTP-01 files) makes the job retry with backoff, the instructions shown meanwhile.
 *
 * <p>Certificates follow their service ({@link ServiceListener}): Active queues the issuance,
 * Terminated or Cancelled revokes an issued certificate.
 */
final class CertificateJobs implements JobHandler, ServiceListener {
    static final String KIND = "certificate";

    private final Db db;
    private final Clock clock;
    private final Jobs jobs;
    private final CertificateStore store;
    private final ModuleInstances modules;
    private final DomainControls controls;
    private final ServiceOperations services;
    private final Outbox outbox;

    CertificateJobs(Db db, Clock clock, Jobs jobs, CertificateStore store, ModuleInstances modules, DomainControls controls,
                    ServiceOperations services, Outbox outbox) {
        this.outbox = outbox;
        this.db = db;
        this.clock = clock;
        this.jobs = jobs;
        this.store = store;
        this.modules = modules;
        this.controls = controls;
        this.services = services;
    }

    /** Many attempts: a client publishing HTTP-01 files may take a day; the backoff is capped at an hour. */
    JobKind kind(int maxAttempts) {
        return JobKind.of(KIND, this).orderedBySubject().maxAttempts(maxAttempts)
                .backoff(new Backoff(Duration.ofSeconds(20), Duration.ofHours(1), 0.1)).runningTimeout(Duration.ofMinutes(10));
    }

    /** Queues an action in the caller's transaction; {@code dedupe} makes it once-only. */
    void enqueue(Certificate c, String action, String dedupe) {
        jobs.enqueue(KIND, Long.toString(c.id()), action, "{}", dedupe);
    }

    @Override
    public void statusChanged(Service service, String from, String to, String reason) {
        var cert = store.byService(service.id());
        if (cert.isEmpty()) return;
        Certificate c = cert.get();
        if (to.equals(Service.ACTIVE) && c.status().equals(Certificate.AWAITING_PAYMENT)) {
            store.setStatus(c.id(), Certificate.PROCESSING, "", null, Times.now(clock));
            enqueue(c, "issue", "issue:" + c.id());
        } else if ((to.equals(Service.TERMINATED) || to.equals(Service.CANCELLED)) && c.status().equals(Certificate.ISSUED)) {
            enqueue(c, "revoke", "revoke:" + c.id() + ":" + c.serial());
        }
    }

    @Override
    public JobResult call(Job job) {
        Certificate c = db.tx(() -> store.byId(Long.parseLong(job.subject()))).orElse(null);
        if (c == null) return JobResult.fatal("The certificate is gone");
        SslProduct product = db.tx(() -> store.product(c.productId())).orElse(null);
        if (product == null) return JobResult.fatal("Product " + c.productId() + " is no longer a certificate product");
        CertificateAuthority ca = ca(product);
        try {
            if (job.action().equals("revoke")) {
                if (c.certPem() == null) return JobResult.done();
                ca.revoke(parse(c.certPem()));
                return JobResult.done();
            }
            var service = services.find(c.serviceId()).orElse(null);
            var notAfter = service == null || service.nextDue() == null ? null : service.nextDue().atStartOfDay().toInstant(ZoneOffset.UTC);
            var outcome = ca.issue(new CertificateAuthority.Request(c.id(), job.idempotencyKey(), c.names(), Csrs.parse(c.csr()).der(),
                    notAfter, c.method(), product.validation(), controls.forClient(c.clientId()), organization(c.organization()), c.approverEmail(),
                    (address, vars) -> outbox.toAddress(address, address, "certificate.approve", vars)));
            return switch (outcome.status()) {
                case ISSUED -> JobResult.done(outcome.chainPem());
                case WAITING -> {
                    db.txRun(() -> store.setStatus(c.id(), Certificate.AWAITING_VALIDATION, outcome.message(),
                            Json.text(outcome.instructions().stream().map(i -> Map.of("domain", i.domain(), "method", i.method(),
                                    "url", i.url(), "content", i.value())).toList()), Times.now(clock)));
                    yield JobResult.retry(outcome.message());
                }
                case FAILED -> JobResult.fatal(outcome.message());
            };
        } catch (Exception e) {
            return JobResult.retry(describe(e));
        }
    }

    @Override
    public void succeeded(Job job, Object value) {
        long id = Long.parseLong(job.subject());
        LocalDateTime now = Times.now(clock);
        if (job.action().equals("revoke")) {
            store.revoked(id, now);
            return;
        }
        String chain = (String) value;
        X509Certificate leaf = parse(chain);
        int end = chain.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
        store.issued(id, chain.substring(0, end).trim() + "\n", chain.substring(end).trim() + "\n", leaf.getSerialNumber().toString(16),
                LocalDateTime.ofInstant(leaf.getNotBefore().toInstant(), ZoneOffset.UTC),
                LocalDateTime.ofInstant(leaf.getNotAfter().toInstant(), ZoneOffset.UTC), now);
    }

    @Override
    public void dead(Job job, String error) {
        long id = Long.parseLong(job.subject());
        store.byId(id).ifPresent(c -> {
            // A failed renewal or revocation leaves the certificate as it was; the job shows why.
            if (job.action().equals("issue") || job.action().equals("reissue")) store.setStatus(id, Certificate.FAILED, error, null, Times.now(clock));
        });
    }

    private CertificateAuthority ca(SslProduct p) {
        if (p.caInstanceId() != null) return modules.open(p.caInstanceId(), CertificateAuthority.class);
        return modules.openDefault(ModuleKind.CA, p.caModule(), CertificateAuthority.class)
                .orElseThrow(() -> new IllegalStateException("No instance of CA module " + p.caModule()));
    }

    /** The exception and its causes, one line (the job's last error shown to staff). */
    private static String describe(Throwable e) {
        var sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 1500; t = t.getCause()) {
            if (!sb.isEmpty()) sb.append(" <- ");
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }

    private static Map<String, String> organization(String json) {
        var out = new java.util.LinkedHashMap<String, String>();
        try {
            Json.MAPPER.readTree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a certificate's stored organisation", e);
        }
        return out;
    }

    static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException("reading an issued certificate", e);
        }
    }

    static List<X509Certificate> parseAll(String pem) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(c -> (X509Certificate) c).toList();
        } catch (Exception e) {
            throw new IllegalStateException("reading a certificate chain", e);
        }
    }
}
