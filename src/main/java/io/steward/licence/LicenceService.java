package io.steward.licence;

import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.service.Service;
import io.steward.service.ServiceListener;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Licences live with their service: when a service of a licence product becomes Active its key is
 * issued (bound to the service's host name, or its IP address), suspended and unsuspended with it,
 * and terminated when it ends. Each change is a job of kind {@value #KIND} queued in the
 * transaction that changed the service, run against the licence module outside it (the job's
 * idempotency key makes a retried issue return the same key). Keys are sealed at rest.
 */
public final class LicenceService implements ServiceListener, JobHandler {
    static final String KIND = "licence";

    /** What a licence product says about its licence: the vendor (the product's {@code vendor} setting), or null for other products. */
    public interface Products {
        String vendorOf(Long productId);
    }

    public record Shown(long serviceId, long clientId, String vendor, String boundTo, String key, String status) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final LicenceStore store;
    private final Jobs jobs;
    private final ModuleInstances modules;
    private final Products products;

    LicenceService(Db db, Clock clock, Secrets secrets, LicenceStore store, Jobs jobs, ModuleInstances modules, Products products) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.jobs = jobs;
        this.modules = modules;
        this.products = products;
    }

    private LicenceIssuer issuer() {
        return modules.openDefault(ModuleKind.LICENCE, SandboxLicenceIssuer.ID, LicenceIssuer.class)
                .orElseThrow(() -> new IllegalStateException("no licence module is configured"));
    }

    @Override
    public void statusChanged(Service s, String from, String to, String reason) {
        String vendor = products.vendorOf(s.productId());
        if (vendor == null) return;
        var now = Times.now(clock);
        if (to.equals(Service.ACTIVE) && store.byService(s.id()).isEmpty()) {
            store.insert(s.id(), s.clientId(), vendor, s.domain() == null || s.domain().isBlank() ? "service-" + s.id() : s.domain(), now);
            jobs.enqueue(KIND, String.valueOf(s.id()), "issue", "{}", "licence:" + s.id() + ":issue");
        } else if (to.equals(Service.ACTIVE) && from.equals(Service.SUSPENDED)) {
            jobs.enqueue(KIND, String.valueOf(s.id()), "unsuspend", "{}", null);
        } else if (to.equals(Service.SUSPENDED)) {
            jobs.enqueue(KIND, String.valueOf(s.id()), "suspend", "{}", null);
        } else if (to.equals(Service.TERMINATED) || to.equals(Service.CANCELLED)) {
            jobs.enqueue(KIND, String.valueOf(s.id()), "terminate", "{}", "licence:" + s.id() + ":terminate");
        }
    }

    /** Staff: a new key bound to {@code boundTo} (an IP address or host name); the old key stops working. */
    public Shown reissue(long serviceId, String boundTo) {
        if (boundTo == null || boundTo.isBlank() || boundTo.length() > 255 || !boundTo.matches("[A-Za-z0-9.:-]+")) {
            throw StewardException.invalid(Map.of("bound_to", List.of("Give the IP address or host name to bind the licence to")));
        }
        var l = db.tx(() -> store.byService(serviceId)).orElseThrow(() -> StewardException.notFound("Licence not found"));
        if (!l.status().equals("active") || l.keySealed() == null) throw StewardException.conflict("Only an active licence can be reissued");
        String key = issuer().reissue(secrets.decrypt(l.keySealed()), boundTo.trim());
        db.txRun(() -> store.set(serviceId, "active", secrets.encrypt(key), boundTo.trim(), Times.now(clock)));
        return show(db.tx(() -> store.byService(serviceId)).orElseThrow());
    }

    public List<Shown> ofClients(Collection<Long> clientIds) {
        return db.tx(() -> store.ofClients(clientIds)).stream().map(this::show).toList();
    }

    public List<Shown> all() {
        return db.tx(store::all).stream().map(this::show).toList();
    }

    private Shown show(LicenceStore.Licence l) {
        return new Shown(l.serviceId(), l.clientId(), l.vendor(), l.boundTo(), l.keySealed() == null ? "" : secrets.decrypt(l.keySealed()), l.status());
    }

    // The job kind

    @Override
    public JobResult call(Job job) {
        long serviceId = Long.parseLong(job.subject());
        var l = db.tx(() -> store.byService(serviceId)).orElse(null);
        if (l == null) return JobResult.fatal("no licence for service " + serviceId);
        var issuer = issuer();
        String key = l.keySealed() == null ? null : secrets.decrypt(l.keySealed());
        switch (job.action()) {
            case "issue" -> {
                return JobResult.done(key != null ? key : issuer.issue(l.vendor(), l.boundTo(), job.idempotencyKey()));
            }
            case "suspend", "unsuspend", "terminate" -> {
                if (key == null) return JobResult.retry("the licence is not issued yet");
                if (job.action().equals("suspend")) issuer.suspend(key);
                else if (job.action().equals("unsuspend")) issuer.unsuspend(key);
                else issuer.terminate(key);
                return JobResult.done();
            }
            default -> {
                return JobResult.fatal("unknown licence action " + job.action());
            }
        }
    }

    @Override
    public void succeeded(Job job, Object value) {
        long serviceId = Long.parseLong(job.subject());
        var now = Times.now(clock);
        switch (job.action()) {
            case "issue" -> store.set(serviceId, "active", secrets.encrypt((String) value), null, now);
            case "suspend" -> store.set(serviceId, "suspended", null, null, now);
            case "unsuspend" -> store.set(serviceId, "active", null, null, now);
            default -> store.set(serviceId, "terminated", null, null, now);
        }
    }

    static String payload(Object o) {
        return Json.text(o);
    }
}
